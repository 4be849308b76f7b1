package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/demo"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
	"github.com/civicgraph/civicgraph/internal/server"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// env is the service under test: a real Neo4j holding the demo city, and
// the HTTP handler over it.
type env struct {
	store   *neo4j.Store
	srv     *httptest.Server
	asAdmin bool // post sends an admin's credentials
}

var (
	shared     *env
	sharedOnce sync.Once
	sharedErr  error
)

// demoEnv returns the service over a database holding the demo city, set up
// once per test binary. Tests that write create records of their own and
// leave the demo's alone.
func demoEnv(tb testing.TB) *env {
	tb.Helper()
	sharedOnce.Do(func() {
		ctx := context.Background()
		s, err := neo4j.Open(ctx, neo4j.Config{URI: neo4jtest.URI(tb)})
		if err != nil {
			sharedErr = err
			return
		}
		neo4jtest.Reset(tb, s.Driver())
		if sharedErr = s.Migrate(ctx); sharedErr != nil {
			return
		}
		if sharedErr = demo.Load(ctx, s); sharedErr != nil {
			return
		}
		h := server.New(s, server.Options{
			Introspection: true, GraphiQL: true, ComplexityLimit: 20000,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Auth:   testAuthenticator(tb, s),
		})
		shared = &env{store: s, srv: httptest.NewServer(h), asAdmin: true}
	})
	if sharedErr != nil {
		tb.Fatalf("setting up the service: %v", sharedErr)
	}
	start := shared.clock(tb)
	tb.Cleanup(func() { shared.sweep(tb, start) })
	return shared
}

// clock returns the database's time, the clock that createdAt is read from.
func (e *env) clock(tb testing.TB) time.Time {
	tb.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), "RETURN datetime() AS now", nil,
		bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(e.store.Database()))
	if err != nil {
		tb.Fatal(err)
	}
	now, _ := res.Records[0].Values[0].(time.Time)
	return now
}

// sweep removes what a test created after start, so that every test finds
// the demo city as demo.Generate built it, whatever ran before. Demo
// records were created long before any test runs.
func (e *env) sweep(tb testing.TB, start time.Time) {
	tb.Helper()
	for _, q := range []string{
		"MATCH ()-[r]->() WHERE r.createdAt >= $start DELETE r",
		"MATCH (n) WHERE n.createdAt >= $start DETACH DELETE n",
	} {
		if _, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), q, map[string]any{"start": start},
			bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(e.store.Database())); err != nil {
			tb.Errorf("sweeping what the test created: %v", err)
		}
	}
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// response is a GraphQL response with its HTTP status.
type response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// code returns the extensions.code of the first error, or "".
func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// post sends a GraphQL request as JSON.
// On the shared service it is sent as an admin, so that tests of what the
// API does are not tests of who may do it; those choose their callers with
// e.postAs.
func (e *env) post(tb testing.TB, query string, vars map[string]any) response {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var h http.Header
	if e.asAdmin {
		h = admin.header(tb)
	}
	return e.send(tb, http.MethodPost, "/graphql", "application/json", bytes.NewReader(body), h)
}

func (e *env) send(tb testing.TB, method, path, contentType string, body io.Reader, header http.Header) response {
	tb.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := response{Status: resp.StatusCode}
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &r); err != nil {
			tb.Fatalf("response %s is not JSON: %v", raw, err)
		}
	}
	return r
}

// must sends a request that must succeed and decodes its data into out.
func (e *env) must(tb testing.TB, query string, vars map[string]any, out any) {
	tb.Helper()
	r := e.post(tb, query, vars)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		tb.Fatalf("status %d, errors %+v", r.Status, r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			tb.Fatalf("decoding %s: %v", r.Data, err)
		}
	}
}

// mustFail sends a request that must fail with code and checks that the
// graph is unchanged afterwards.
func (e *env) mustFail(tb testing.TB, query string, vars map[string]any, code string) response {
	tb.Helper()
	before := e.fingerprint(tb)
	r := e.post(tb, query, vars)
	if got := r.code(); got != code {
		tb.Fatalf("code %q (errors %+v), want %s", got, r.Errors, code)
	}
	if after := e.fingerprint(tb); after != before {
		tb.Fatalf("a failed request changed the graph: %v -> %v", before, after)
	}
	return r
}

// fingerprint sums up everything stored: nodes, relationships and the
// number of properties on each.
func (e *env) fingerprint(tb testing.TB) [3]int64 {
	tb.Helper()
	var out [3]int64
	for i, q := range []string{
		"MATCH (n) RETURN count(n)",
		"MATCH ()-[r]->() RETURN count(r)",
		"MATCH (n) WITH sum(size(keys(n))) AS a OPTIONAL MATCH ()-[r]->() WITH a, sum(size(keys(r))) AS b RETURN a + b",
	} {
		res, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), q, nil, bolt.EagerResultTransformer,
			bolt.ExecuteQueryWithDatabase(e.store.Database()))
		if err != nil {
			tb.Fatal(err)
		}
		out[i], _ = res.Records[0].Values[0].(int64)
	}
	return out
}
