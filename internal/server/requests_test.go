package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/server"
)

// serveDemo serves the demo city with the options (logs discarded).
func serveDemo(t *testing.T, o server.Options) *env {
	t.Helper()
	demo := demoEnv(t)
	o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if o.Auth == nil {
		o.Auth = testAuthenticator(t, demo.store)
	}
	srv := httptest.NewServer(server.New(demo.store, o))
	t.Cleanup(srv.Close)
	return &env{store: demo.store, srv: srv}
}

// sendRaw posts a raw JSON body and returns the status and body.
func (e *env) sendRaw(t *testing.T, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	// The current spec's media type, under which refusals get 4xx.
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestBatches(t *testing.T) {
	e := demoEnv(t)
	status, body := e.sendRaw(t, `[
		{"query": "{ themes(first: 2) { totalCount } }"},
		{"query": "query Two($n: Int) { areas(first: $n) { edges { node { name } } } }", "variables": {"n": 1}, "operationName": "Two"},
		{"query": "{ organisations(first: -5) { totalCount } }"},
		{"query": "{ nope }"}
	]`)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var out []response
	if err := json.Unmarshal(body, &out); err != nil || len(out) != 4 {
		t.Fatalf("not an array of 4 responses: %s", body)
	}
	var themes struct{ Themes struct{ TotalCount int } }
	var areas struct{ Areas struct{ Edges []any } }
	_ = json.Unmarshal(out[0].Data, &themes)
	_ = json.Unmarshal(out[1].Data, &areas)
	if themes.Themes.TotalCount == 0 || len(areas.Areas.Edges) != 1 {
		t.Errorf("the answers are not in the order asked: %s", body)
	}
	if out[2].code() != string(civic.CodeBadUserInput) || out[3].code() != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("errors %q, %q: each item has its own", out[2].code(), out[3].code())
	}
}

func TestPersistedQueriesAllowList(t *testing.T) {
	docs, err := server.LoadPersistedQueries("../graphiql/examples")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../graphiql/examples/01-explore-organisations.graphql")
	if err != nil {
		t.Fatal(err)
	}
	known, hash := string(raw), server.QueryHash(string(raw))
	if docs[hash] != known {
		t.Fatal("the example is not among the persisted queries")
	}
	byHash := `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + hash + `"}}}`
	inFull, _ := json.Marshal(map[string]any{"query": known})
	other := `{"query": "{ themes { totalCount } }"}`
	registering, _ := json.Marshal(map[string]any{"query": "{ themes { totalCount } }",
		"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": server.QueryHash("{ themes { totalCount } }")}}})

	only := serveDemo(t, server.Options{Persisted: server.PersistedQueries{Docs: docs, Only: true}})
	for name, body := range map[string]string{"by hash": byHash, "in full": string(inFull)} {
		status, b := only.sendRaw(t, body)
		if status != http.StatusOK || !strings.Contains(string(b), "totalCount") || strings.Contains(string(b), "errors") {
			t.Errorf("a persisted query %s: %d %s", name, status, b)
		}
	}
	for name, body := range map[string]string{"another query": other, "registering a new query": string(registering)} {
		status, b := only.sendRaw(t, body)
		var r response
		_ = json.Unmarshal(b, &r)
		if status < 400 || r.code() != server.CodeQueryNotAllowed {
			t.Errorf("%s in allow-list mode: %d %s", name, status, b)
		}
	}
	// Without allow-list mode the persisted queries are a convenience.
	open := serveDemo(t, server.Options{Persisted: server.PersistedQueries{Docs: docs}})
	for _, body := range []string{byHash, other} {
		if status, b := open.sendRaw(t, body); status != http.StatusOK || strings.Contains(string(b), "errors") {
			t.Errorf("%s: %d %s", body, status, b)
		}
	}
}

func TestIntrospectionAndGraphiQLCanBeSwitchedOff(t *testing.T) {
	off := serveDemo(t, server.Options{})
	r := off.post(t, `{ __schema { queryType { name } } }`, nil)
	if len(r.Errors) == 0 || r.code() == "" || strings.Contains(string(r.Data), "Query") {
		t.Fatalf("introspection answered while off: %+v %s", r.Errors, r.Data)
	}
	if r := off.post(t, `{ __type(name: "Person") { fields { name } } }`, nil); len(r.Errors) == 0 {
		t.Fatalf("__type answered while introspection is off: %s", r.Data)
	}
	if r := off.post(t, `{ themes(first: 1) { __typename } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("__typename is not introspection: %+v", r.Errors)
	}
	resp, err := http.Get(off.srv.URL + "/graphiql")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("GraphiQL while off: %d", resp.StatusCode)
	}
	on := serveDemo(t, server.Options{Introspection: true})
	if r := on.post(t, `{ __schema { queryType { name } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("introspection while on: %+v", r.Errors)
	}
}

// TestRequestTimeout gives requests 40ms: a large nested query is cut off
// with UNAVAILABLE soon after, and the service goes on answering.
func TestRequestTimeout(t *testing.T) {
	e := serveDemo(t, server.Options{ComplexityLimit: 1 << 30, Limits: server.Limits{Timeout: 40 * time.Millisecond}})
	const heavy = `{ organisations(first: 500) { edges { node { name
		collaborations(first: 50) { edges { partner { name collaborations(first: 50) { edges { partner { name area { name } } } } } } }
	} } } }`
	start := time.Now()
	r := e.post(t, heavy, nil)
	took := time.Since(start)
	if r.code() != string(civic.CodeUnavailable) {
		t.Fatalf("code %q after %v, want UNAVAILABLE (errors %+v)", r.code(), took, r.Errors)
	}
	if took > time.Second {
		t.Fatalf("the 40ms request took %v", took)
	}
	if r := e.post(t, `{ themes(first: 1) { totalCount } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("after a timeout: %+v", r.Errors)
	}
}

// TestBadScalarsAreTheClients: a malformed Date is BAD_USER_INPUT, not an
// internal error.
func TestBadScalarsAreTheClients(t *testing.T) {
	e := demoEnv(t)
	r := e.postAs(t, editor, `mutation { endCollaboration(id: "col_x", until: "2024-13-45") { id } }`, nil)
	if r.code() != string(civic.CodeBadUserInput) || !strings.Contains(r.Errors[0].Message, "not a Date") {
		t.Fatalf("errors %+v", r.Errors)
	}
}
