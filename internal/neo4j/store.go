// Package neo4j is civicgraph's storage: it implements the civic service
// interfaces on a Neo4j database. Each entity's Cypher lives in one file
// (organisation.go, person.go, ...); this file holds the connection and the
// two ways queries run: read (routed to readers) and write (one managed
// transaction per mutation, so a failed mutation writes nothing).
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://, neo4j:// (routing: clusters, Aura) or their +s variants
	User     string
	Password string // empty: connect without authentication
	Database string // default "neo4j"
	// QueryTimeout bounds every transaction on the server too. Zero means 30s.
	QueryTimeout time.Duration
}

// QueryObserver is told about every query the store runs: its name, how long
// it took and whether it failed. The server uses it for metrics.
type QueryObserver = func(name string, took time.Duration, err error)

// Store is the Neo4j implementation of civic.Store. It is safe for
// concurrent use; create one per process.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	timeout  time.Duration
	queries  atomic.Int64
	observe  atomic.Pointer[QueryObserver]
	health   *health
	// version counts the write transactions this process has committed,
	// so that caches of computed results can tell that data changed.
	version atomic.Int64
}

var _ civic.Store = (*Store)(nil)

// Open connects to Neo4j and verifies that it answers.
func Open(ctx context.Context, c Config) (*Store, error) {
	s, err := New(c)
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	return s, nil
}

// New creates a store without contacting Neo4j, so that a service can start
// while Neo4j is still coming up; Ping tells when it is reachable.
func New(c Config) (*Store, error) {
	auth := neo4j.NoAuth()
	if c.Password != "" {
		auth = neo4j.BasicAuth(c.User, c.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(c.URI, auth, func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 100
		// Waiting for a connection is bounded by the caller's deadline;
		// a busy pool is a reason to queue, not to fail.
		cfg.ConnectionAcquisitionTimeout = 2 * time.Minute
		cfg.SocketConnectTimeout = 5 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: unable to create driver for %q: %w", c.URI, err)
	}
	s := &Store{driver: driver, database: c.Database, timeout: c.QueryTimeout}
	if s.database == "" {
		s.database = "neo4j"
	}
	// The health prober has a driver of its own, with a small pool, so that
	// requests queueing for connections cannot hold its questions up.
	probe, err := neo4j.NewDriverWithContext(c.URI, auth, func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 2
		cfg.ConnectionAcquisitionTimeout = probeTimeout
		cfg.SocketConnectTimeout = probeTimeout
	})
	if err != nil {
		_ = driver.Close(context.Background())
		return nil, fmt.Errorf("neo4j: unable to create driver for %q: %w", c.URI, err)
	}
	s.health = newHealth(probe, s.database)
	if s.timeout == 0 {
		s.timeout = 30 * time.Second
	}
	return s, nil
}

// SetQueryObserver installs fn to be told about every query.
func (s *Store) SetQueryObserver(fn QueryObserver) { s.observe.Store(&fn) }

// OnHealthChange installs fn to be told when Neo4j becomes unreachable
// (with the error that showed it) and when it answers again. While it is
// unreachable, queries fail at once with UNAVAILABLE. Call it before use.
func (s *Store) OnHealthChange(fn func(up bool, cause error)) {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	s.health.changed = fn
}

// Close stops the health prober and closes the drivers and their connections.
func (s *Store) Close(ctx context.Context) error {
	return errors.Join(s.health.close(ctx), s.driver.Close(ctx))
}

// Ping reports whether Neo4j answers a query. It asks through the health
// prober's own connections, so that a busy pool does not make a loaded
// but healthy service look unready.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.health.probe(ctx); err != nil {
		return &civic.Error{Code: civic.CodeUnavailable, Message: "neo4j is unreachable", Err: err}
	}
	return nil
}

// Driver returns the underlying driver, for tools that need raw Cypher
// (benchmarks, test set-up). Application code uses the store's methods.
func (s *Store) Driver() neo4j.DriverWithContext { return s.driver }

// Database returns the name of the database the store uses.
func (s *Store) Database() string { return s.database }

// QueryCount returns how many queries (round trips to Neo4j) the store has
// run since it was opened. Tests use it to check that nested fields are batched.
func (s *Store) QueryCount() int64 { return s.queries.Load() }

// read runs one read query, routed to a reader in a cluster.
func (s *Store) read(ctx context.Context, name, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	qctx, done, err := s.health.enter(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	start := time.Now()
	s.queries.Add(1)
	res, err := neo4j.ExecuteQuery(qctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.txTimeout(ctx)), neo4j.WithTxMetadata(map[string]any{"app": "civicgraph", "query": name})))
	s.done(name, start, err)
	if err != nil {
		return nil, s.wrap(name, s.health.failed(ctx, err))
	}
	return res.Records, nil
}

// exec runs one statement on a writer, for schema changes and maintenance.
func (s *Store) exec(ctx context.Context, name, cypher string, params map[string]any) error {
	qctx, done, err := s.health.enter(ctx)
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	s.queries.Add(1)
	_, err = neo4j.ExecuteQuery(qctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
	s.done(name, start, err)
	if err != nil {
		return s.wrap(name, s.health.failed(ctx, err))
	}
	return nil
}

// readOne runs a read query that returns exactly one row.
func (s *Store) readOne(ctx context.Context, name, cypher string, params map[string]any) (*neo4j.Record, error) {
	recs, err := s.read(ctx, name, cypher, params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("neo4j: %s returned %d rows, want 1", name, len(recs))
	}
	return recs[0], nil
}

// tx is a write transaction in progress; run counts its round trips.
type tx struct {
	s  *Store
	tx neo4j.ManagedTransaction
}

// run runs one statement of the transaction and collects its rows.
func (t tx) run(ctx context.Context, name, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	start := time.Now()
	t.s.queries.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	var recs []*neo4j.Record
	if err == nil {
		recs, err = res.Collect(ctx)
	}
	t.s.done(name, start, err)
	return recs, err
}

// write runs fn in one managed write transaction: every statement commits
// together or not at all. fn may be retried on transient errors, so it must
// not have effects outside the transaction.
func write[T any](ctx context.Context, s *Store, name string, fn func(t tx) (T, error)) (T, error) {
	var zero T
	qctx, done, err := s.health.enter(ctx)
	if err != nil {
		return zero, err
	}
	defer done()
	sess := s.driver.NewSession(qctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	out, err := neo4j.ExecuteWrite(qctx, sess, func(mt neo4j.ManagedTransaction) (T, error) {
		return fn(tx{s: s, tx: mt})
	}, neo4j.WithTxTimeout(s.txTimeout(ctx)), neo4j.WithTxMetadata(map[string]any{"app": "civicgraph", "mutation": name}))
	if err != nil {
		return zero, s.wrap(name, s.health.failed(ctx, err))
	}
	s.version.Add(1)
	return out, nil
}

// DataVersion changes whenever a write through this store commits.
func (s *Store) DataVersion() int64 { return s.version.Load() }

// txTimeout is how long Neo4j lets a transaction run: the configured
// timeout, or what is left of the caller's deadline if that is sooner, so
// that a request's timeout also ends its transactions on the server.
func (s *Store) txTimeout(ctx context.Context) time.Duration {
	t := s.timeout
	if d, ok := ctx.Deadline(); ok {
		t = min(t, max(time.Until(d), time.Millisecond))
	}
	return t
}

func (s *Store) done(name string, start time.Time, err error) {
	if fn := s.observe.Load(); fn != nil {
		(*fn)(name, time.Since(start), err)
	}
}

// wrap turns driver errors into domain errors: constraint violations become
// CONFLICT, an unreachable or overloaded database UNAVAILABLE, anything else
// INTERNAL (with the cause kept for logs, never shown to clients).
func (s *Store) wrap(name string, err error) error {
	var ce *civic.Error
	if errors.As(err, &ce) {
		return err
	}
	var ne *neo4j.Neo4jError
	switch {
	case errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
		return &civic.Error{Code: civic.CodeConflict, Message: conflictMessage(ne.Msg), Err: err}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return &civic.Error{Code: civic.CodeUnavailable, Message: "the database took too long to answer", Err: err}
	case errors.Is(err, context.Canceled):
		return &civic.Error{Code: civic.CodeUnavailable, Message: "the request was cancelled", Err: err}
	case neo4j.IsConnectivityError(err), neo4j.IsRetryable(err), isPoolTimeout(err), neo4j.IsTransactionExecutionLimit(err), isHandshakeFailure(err):
		// Retries exhausted means the database kept failing in ways
		// that were worth retrying: it is unavailable or overloaded.
		return &civic.Error{Code: civic.CodeUnavailable, Message: "the database is unavailable", Err: err}
	}
	return fmt.Errorf("neo4j: %s: %w", name, err)
}

// isHandshakeFailure reports whether a new connection failed its Bolt
// handshake, which an overloaded Neo4j answers with no versions at all. The
// driver reports it as plain text.
func isHandshakeFailure(err error) bool {
	return strings.Contains(err.Error(), "requested Bolt versions") || strings.Contains(err.Error(), "offered Bolt versions")
}

func isPoolTimeout(err error) bool {
	var pe *neo4j.ConnectivityError
	return errors.As(err, &pe) || strings.Contains(err.Error(), "acquisition timed out")
}

// conflictMessage names the property whose uniqueness a write would break,
// without quoting the database's own message.
func conflictMessage(msg string) string {
	for _, prop := range []string{"orgId", "slug", "id"} {
		if strings.Contains(msg, "`"+prop+"`") || strings.Contains(msg, "property `"+prop) || strings.Contains(msg, prop+"'") {
			return "another record already has this " + prop
		}
	}
	return "the change conflicts with an existing record"
}
