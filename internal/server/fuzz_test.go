package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/civicgraph/civicgraph/internal/server"
)

// FuzzRequest sends arbitrary bodies and query strings through the whole
// GraphQL endpoint (credentials, limits, parsing, validation, execution)
// over a backend without data. Whatever arrives, the service must not
// panic, must answer JSON, and every error it reports must carry a code.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		`{"query": "{ organisations(first: 2) { edges { node { name } } } }"}`,
		`{"query": "query($n: Int) { themes(first: $n) { totalCount } }", "variables": {"n": 3}}`,
		`[{"query": "{ __typename }"}, {"query": "{ nope }"}]`,
		`{"query": "mutation { deleteTheme(id: \"thm_x\") { id } }"}`,
		`{"query": "{ a: __typename b: __typename ...F } fragment F on Query { __typename }"}`,
		`{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}`,
		`{"query": "{ __schema { types { name } } }", "operationName": 7}`,
		"{\"query\": \"\xff\"}", `[`, `null`, ``,
	} {
		f.Add([]byte(seed), "")
	}
	f.Add([]byte(nil), "query=%7B__typename%7D&variables=%7B%7D")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := server.New(unreachableStore{}, server.Options{Logger: log, Introspection: true, Auth: testAuthenticator(f, nil)})
	f.Fuzz(func(t *testing.T, body []byte, rawQuery string) {
		var req *http.Request
		if rawQuery != "" {
			req = httptest.NewRequest(http.MethodGet, "/graphql", nil)
			req.URL.RawQuery = rawQuery
		} else {
			req = httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		out := rec.Body.Bytes()
		var one response
		var many []response
		switch {
		case json.Unmarshal(out, &one) == nil:
			many = []response{one}
		case json.Unmarshal(out, &many) == nil:
		default:
			t.Fatalf("status %d, body is not JSON: %q", rec.Code, out)
		}
		for _, r := range many {
			for _, e := range r.Errors {
				if c, _ := e.Extensions["code"].(string); c == "" {
					t.Fatalf("an error without a code: %+v (body %q)", e, body)
				}
				if leaks(e.Message) {
					t.Fatalf("an error shows internals: %q", e.Message)
				}
			}
		}
	})
}
