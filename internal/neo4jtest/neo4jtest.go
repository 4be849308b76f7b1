// Package neo4jtest gives other packages' tests a real Neo4j to run
// against.
//
// With CIVICGRAPH_NEO4J_URI set (as `make test` does through
// neo4jlocal.Exec, or CI pointing at a server of its own) every test binary
// uses that server. Otherwise the first test that asks starts a managed
// local Neo4j on a temporary data directory, shared by the rest of that
// test binary and stopped by Main. A package that uses this must therefore
// have
//
//	func TestMain(m *testing.M) { neo4jtest.Main(m) }
//
// Tests never skip for want of a database: if Neo4j cannot be reached or
// started they fail, saying why.
package neo4jtest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
)

// Environment variables read for an external server.
const (
	URIEnv      = neo4jlocal.URIEnv
	UserEnv     = "CIVICGRAPH_NEO4J_USER"
	PasswordEnv = "CIVICGRAPH_NEO4J_PASSWORD"
)

// Database is the database tests use and Reset clears. Community edition
// has no other user database.
const Database = "neo4j"

// resetBatch bounds the relationships or nodes one Reset transaction
// deletes, so that clearing a large graph cannot exhaust the transaction
// memory of a server with a small heap.
const resetBatch = 10000

var (
	// inMain is set by Main; without it nobody would stop a managed
	// server.
	inMain atomic.Bool

	mu       sync.Mutex
	managed  *neo4jlocal.Server
	dataDir  string
	startErr error
)

// URI returns the Bolt URI of a Neo4j for tests: $CIVICGRAPH_NEO4J_URI if
// set, otherwise that of a managed local Neo4j started once per test binary
// on a temporary data directory (and stopped by Main). It fails tb if no
// server can be had.
func URI(tb testing.TB) string {
	tb.Helper()
	if uri := os.Getenv(URIEnv); uri != "" {
		return uri
	}
	mu.Lock()
	defer mu.Unlock()
	if managed != nil {
		return managed.URI()
	}
	if startErr != nil {
		// Starting again would fail again, slowly, once per test.
		tb.Fatalf("neo4jtest: %v", startErr)
	}
	if !inMain.Load() {
		tb.Fatalf("neo4jtest: %s is not set, and starting a managed Neo4j needs "+
			"`func TestMain(m *testing.M) { neo4jtest.Main(m) }` in this package so that it is stopped afterwards", URIEnv)
	}
	srv, dir, err := startManaged()
	if err != nil {
		startErr = fmt.Errorf("no %s set and a managed Neo4j could not be started: %w", URIEnv, err)
		tb.Fatalf("neo4jtest: %v", startErr)
	}
	managed, dataDir = srv, dir
	return srv.URI()
}

// startManaged starts a server on a fresh temporary data directory.
func startManaged() (*neo4jlocal.Server, string, error) {
	dir, err := os.MkdirTemp("", "neo4jtest-")
	if err != nil {
		return nil, "", err
	}
	// The test binary's output is shown when a test fails, which is when
	// Neo4j's progress is worth reading.
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	// Not a test's context: the server outlives the test that started it.
	srv, err := neo4jlocal.Start(context.Background(), neo4jlocal.Options{DataDir: dir, Logger: logger})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, "", err
	}
	return srv, dir, nil
}

// Driver returns a driver connected to URI(tb), closed when tb ends. It
// authenticates with CIVICGRAPH_NEO4J_USER and CIVICGRAPH_NEO4J_PASSWORD
// when talking to an external server with a user set, and not at all
// otherwise. It fails tb if the server does not answer.
func Driver(tb testing.TB) neo4j.DriverWithContext {
	tb.Helper()
	uri := URI(tb)
	token := neo4j.NoAuth()
	if user := os.Getenv(UserEnv); user != "" && os.Getenv(URIEnv) != "" {
		token = neo4j.BasicAuth(user, os.Getenv(PasswordEnv), "")
	}
	driver, err := neo4j.NewDriverWithContext(uri, token)
	if err != nil {
		tb.Fatalf("neo4jtest: driver for %s: %v", uri, err)
	}
	tb.Cleanup(func() { _ = driver.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := driver.VerifyConnectivity(ctx); err != nil {
		tb.Fatalf("neo4jtest: cannot reach Neo4j at %s: %v", uri, err)
	}
	return driver
}

// Reset deletes every node and relationship in the neo4j database, in
// batches, and leaves the schema (constraints and indexes) alone, so that
// a test starts from an empty graph without paying for schema setup again.
//
// Every user of the server sees the reset. Test binaries sharing one
// server through CIVICGRAPH_NEO4J_URI run in parallel unless go test is
// given -p 1, so packages that Reset must not share a server that way.
func Reset(tb testing.TB, driver neo4j.DriverWithContext) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Relationships go first, in batches of their own: a batch of nodes
	// may hold a few with thousands of relationships (a theme, a ward),
	// and deleting them all at once could exceed the transaction memory.
	for _, stmt := range []string{
		"MATCH ()-[r]->() WITH r LIMIT $batch DELETE r RETURN count(*) AS deleted",
		"MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
	} {
		for {
			res, err := neo4j.ExecuteQuery(ctx, driver, stmt, map[string]any{"batch": resetBatch},
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(Database))
			if err != nil {
				tb.Fatalf("neo4jtest: reset: %v", err)
			}
			deleted, _, err := neo4j.GetRecordValue[int64](res.Records[0], "deleted")
			if err != nil {
				tb.Fatalf("neo4jtest: reset: %v", err)
			}
			if deleted == 0 {
				break
			}
		}
	}
}

// Main runs the tests, stops the managed Neo4j if one was started, and
// exits with the tests' code. Call it from TestMain.
func Main(m *testing.M) {
	inMain.Store(true)
	code := m.Run()
	if err := stopManaged(); err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: %v\n", err)
	}
	os.Exit(code)
}

// stopManaged stops the managed server, if any, and removes its data.
func stopManaged() error {
	mu.Lock()
	defer mu.Unlock()
	if managed == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), neo4jlocal.StopTimeout+10*time.Second)
	defer cancel()
	err := managed.Stop(ctx)
	if rerr := os.RemoveAll(dataDir); rerr != nil {
		err = errors.Join(err, fmt.Errorf("remove %s: %w", dataDir, rerr))
	}
	managed, dataDir = nil, ""
	return err
}
