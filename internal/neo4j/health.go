package neo4j

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// How often the store asks Neo4j whether it is there, while it is up and
// while it is down, and how long one question may take.
const (
	probeUp      = 500 * time.Millisecond
	probeDown    = 250 * time.Millisecond
	probeTimeout = 2 * time.Second
)

// errDown answers every query while Neo4j is known to be down.
var errDown = &civic.Error{Code: civic.CodeUnavailable, Message: "the database is unavailable"}

// health is a circuit breaker in front of Neo4j. A prober with a driver of
// its own (so that a busy pool cannot starve it) asks Neo4j every probeUp
// whether it answers. When Neo4j cannot be reached (refused or broken
// connections, not mere slowness) the store is down: queries in flight are
// cancelled, instead of each waiting through the driver's retries until
// its deadline, and new ones fail at once with UNAVAILABLE. When a probe is
// answered again, the store is up. Neo4j's return is thus noticed within
// probeDown, with no request paying for the discovery.
type health struct {
	driver   neo4j.DriverWithContext
	database string

	mu   sync.Mutex
	down bool
	// alive is cancelled when Neo4j goes down; queries run in contexts
	// that end with it. A new one is made when Neo4j is back.
	alive   context.Context
	goneNow context.CancelFunc

	// changed, if set, is told whenever Neo4j goes down or comes back,
	// with the error that showed it was down.
	changed func(up bool, cause error)

	stop context.CancelFunc
	done chan struct{}
}

func newHealth(driver neo4j.DriverWithContext, database string) *health {
	h := &health{driver: driver, database: database, done: make(chan struct{})}
	h.alive, h.goneNow = context.WithCancel(context.Background())
	ctx, stop := context.WithCancel(context.Background())
	h.stop = stop
	go h.watch(ctx)
	return h
}

// enter returns a context for one query that ends when ctx does or when
// Neo4j goes down, or errDown if it is down already. Call done afterwards.
func (h *health) enter(ctx context.Context) (qctx context.Context, done func(), err error) {
	h.mu.Lock()
	down, alive := h.down, h.alive
	h.mu.Unlock()
	if down {
		return nil, nil, errDown
	}
	qctx, cancel := context.WithCancel(ctx)
	release := context.AfterFunc(alive, cancel)
	return qctx, func() { release(); cancel() }, nil
}

// failed turns the error of a query into errDown if Neo4j went down while
// it ran, and takes Neo4j for down if the error says it cannot be reached.
// A query that ran out of its caller's time says nothing about Neo4j: the
// driver reports a deadline in many ways, some of them connectivity errors.
func (h *health) failed(ctx context.Context, err error) error {
	if ctx.Err() == nil && unreachable(err) {
		h.set(true, err)
	}
	h.mu.Lock()
	down := h.down
	h.mu.Unlock()
	if down && ctx.Err() == nil {
		return errDown // cancelled by the breaker, not by the caller
	}
	return err
}

func (h *health) set(down bool, cause error) {
	h.mu.Lock()
	if down == h.down {
		h.mu.Unlock()
		return
	}
	h.down = down
	if down {
		h.goneNow()
	} else {
		h.alive, h.goneNow = context.WithCancel(context.Background())
	}
	changed := h.changed
	h.mu.Unlock()
	if changed != nil {
		changed(!down, cause)
	}
}

// watch probes Neo4j until ctx ends.
func (h *health) watch(ctx context.Context) {
	defer close(h.done)
	wait := time.Duration(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		pctx, cancel := context.WithTimeout(ctx, probeTimeout)
		err := h.probe(pctx)
		cancel()
		switch {
		case err == nil:
			h.set(false, nil)
		case unreachable(err):
			h.set(true, err)
		}
		// Other errors (a timeout under heavy load, a database still
		// starting) leave the state as it is.
		h.mu.Lock()
		wait = probeUp
		if h.down {
			wait = probeDown
		}
		h.mu.Unlock()
	}
}

// probe runs one trivial query, without the driver's retries.
func (h *health) probe(ctx context.Context) error {
	sess := h.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: h.database, AccessMode: neo4j.AccessModeRead})
	defer func() { _ = sess.Close(ctx) }()
	res, err := sess.Run(ctx, "RETURN 1", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}

func (h *health) close(ctx context.Context) error {
	h.stop()
	<-h.done
	return h.driver.Close(ctx)
}

// unreachable reports whether err means Neo4j cannot be reached at all:
// refused or broken connections, possibly after the driver's retries.
func unreachable(err error) bool {
	if err == nil {
		return false
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		// A connection that merely took too long (a busy pool, a slow
		// answer) is not a sign that Neo4j is gone.
		inner := ce.Inner
		return inner == nil || !(errors.Is(inner, context.DeadlineExceeded) || errors.Is(inner, context.Canceled) ||
			strings.Contains(inner.Error(), "context deadline exceeded") || strings.Contains(inner.Error(), "context canceled"))
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if unreachable(e) {
				return true
			}
		}
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "connection reset") || strings.Contains(msg, "broken pipe")
}
