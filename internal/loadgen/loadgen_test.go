package loadgen_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/demo"
	"github.com/civicgraph/civicgraph/internal/loadgen"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
	"github.com/civicgraph/civicgraph/internal/server"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// TestShortLoad is the bounded load test that runs with every test run: 32
// clients for 8 seconds on the demo city, every request answered without
// error. `make load` runs the long one against `civicgraph serve`.
func TestShortLoad(t *testing.T) {
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: neo4jtest.URI(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	neo4jtest.Reset(t, s.Driver())
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(s, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()

	res, err := loadgen.Run(ctx, loadgen.Config{URL: srv.URL, Clients: 32, Duration: 8 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	res.Report(os.Stdout)
	if res.Errors > 0 {
		t.Fatalf("%d of %d requests failed; first: %s", res.Errors, res.Requests, res.FirstError)
	}
	if res.Requests < 100 || len(res.ByQuery) < 8 {
		t.Fatalf("only %d requests, of %d kinds", res.Requests, len(res.ByQuery))
	}
}
