package neo4j

import (
	"context"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

// slowQuery counts for many seconds, returning nothing until it is done.
const slowQuery = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n"

// TestDeadlineEndsTheTransaction runs a query for seconds under a request
// deadline of 300ms: the caller gets UNAVAILABLE at once, and the server
// ends the transaction too, instead of counting on for nobody. (Two things
// see to that: the driver resets the connection when the deadline passes,
// and the store gives the transaction a timeout no later than the
// deadline, which also holds should the reset never reach the server.)
func TestDeadlineEndsTheTransaction(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{URI: neo4jtest.URI(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)

	rctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.read(rctx, "slow", slowQuery, nil)
	if took := time.Since(start); civic.ErrorCode(err) != civic.CodeUnavailable || took > 3*time.Second {
		t.Fatalf("after %v: %v, want UNAVAILABLE soon after 300ms", took, err)
	}
	// The server's own list of transactions no longer holds it.
	deadline := time.Now().Add(2 * time.Second)
	for {
		res, err := bolt.ExecuteQuery(ctx, s.Driver(),
			"SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery = $q RETURN count(*) AS n",
			map[string]any{"q": slowQuery}, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database()))
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.Records[0].Values[0].(int64); n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the slow transaction still runs on the server %v after its deadline", time.Since(start))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestTxTimeoutFollowsTheDeadline(t *testing.T) {
	s := &Store{timeout: 30 * time.Second}
	if got := s.txTimeout(context.Background()); got != 30*time.Second {
		t.Fatalf("without a deadline: %v", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if got := s.txTimeout(ctx); got > 2*time.Second || got < time.Second {
		t.Fatalf("with 2s left: %v", got)
	}
	past, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	if got := s.txTimeout(past); got != time.Millisecond {
		t.Fatalf("past the deadline: %v, want the smallest timeout (zero would mean none)", got)
	}
}
