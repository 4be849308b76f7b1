package neo4j

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestUnreachable(t *testing.T) {
	refused := &neo4j.ConnectivityError{Inner: fmt.Errorf("dial tcp 127.0.0.1:7687: %w", syscall.ECONNREFUSED)}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"connection refused", refused, true},
		{"connection reset", &neo4j.ConnectivityError{Inner: errors.New("read: connection reset by peer")}, true},
		{"retries ran out on refusals", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{refused}}, true},
		{"a deadline", &neo4j.ConnectivityError{Inner: context.DeadlineExceeded}, false},
		{"a deadline, as text", &neo4j.ConnectivityError{Inner: errors.New("Timeout while waiting for connection: context deadline exceeded")}, false},
		{"a query error", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, false},
		{"nothing", nil, false},
	} {
		if got := unreachable(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestBreaker trips on an unreachable Neo4j, cancels what is in flight,
// refuses new queries, and closes again; a caller's own deadline never
// trips it.
func TestBreaker(t *testing.T) {
	h := &health{}
	h.alive, h.goneNow = context.WithCancel(context.Background())
	var changes []bool
	h.changed = func(up bool, _ error) { changes = append(changes, up) }
	refused := &neo4j.ConnectivityError{Inner: syscall.ECONNREFUSED}

	expired, cancel := context.WithCancel(context.Background())
	cancel()
	if err := h.failed(expired, refused); err != refused || h.down {
		t.Fatal("a query past its caller's deadline tripped the breaker")
	}
	inflight, done, err := h.enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if err := h.failed(context.Background(), refused); err != errDown || !h.down {
		t.Fatalf("refused: %v, down %v", err, h.down)
	}
	select { // AfterFunc cancels from a goroutine of its own
	case <-inflight.Done():
	case <-time.After(time.Second):
		t.Fatal("the query in flight was not cancelled")
	}
	if _, _, err := h.enter(context.Background()); err != errDown {
		t.Fatalf("while down: %v", err)
	}
	h.set(false, nil)
	if _, done2, err := h.enter(context.Background()); err != nil {
		t.Fatalf("after recovery: %v", err)
	} else {
		done2()
	}
	if len(changes) != 2 || changes[0] || !changes[1] {
		t.Fatalf("changes %v, want down then up", changes)
	}
}
