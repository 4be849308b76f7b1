package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/server"
)

// origin sends a request with an Origin header (and for preflights, the
// method to be used) and returns the response headers.
func origin(t *testing.T, url, method, from string) http.Header {
	t.Helper()
	req, _ := http.NewRequest(method, url+"/graphql", strings.NewReader(cheap))
	req.Header.Set("Origin", from)
	req.Header.Set("Content-Type", "application/json")
	if method == http.MethodOptions {
		req.Header.Set("Access-Control-Request-Method", http.MethodPost)
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type") // as browsers send it
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header
}

func TestCORSCredentials(t *testing.T) {
	demo := demoEnv(t)
	serve := func(origins ...string) string {
		srv := httptest.NewServer(server.New(demo.store, server.Options{CORSAllowedOrigins: origins, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	configured := serve("https://dashboard.example.org")
	for _, m := range []string{http.MethodOptions, http.MethodPost} {
		h := origin(t, configured, m, "https://dashboard.example.org")
		if h.Get("Access-Control-Allow-Origin") != "https://dashboard.example.org" || h.Get("Access-Control-Allow-Credentials") != "true" {
			t.Errorf("%s from a configured origin: %v", m, h)
		}
		if h := origin(t, configured, m, "https://evil.example"); h.Get("Access-Control-Allow-Origin") != "" || h.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("%s from another origin is allowed: %v", m, h)
		}
	}
	if h := origin(t, serve(), http.MethodPost, "https://dashboard.example.org"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no origins configured, yet allowed: %v", h)
	}
	wild := serve("*")
	for _, m := range []string{http.MethodOptions, http.MethodPost} {
		h := origin(t, wild, m, "https://anyone.example")
		if h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("%s with the wildcard: allow-origin %q, credentials %q", m, h.Get("Access-Control-Allow-Origin"), h.Get("Access-Control-Allow-Credentials"))
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := demoEnv(t)
	for _, path := range []string{"/graphql", "/graphiql", "/healthz", "/readyz", "/metrics", "/nope"} {
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", path, k, h.Get(k), v)
			}
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "script-src 'unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if path == "/graphql" && h.Get("Cache-Control") != "no-store" {
			t.Errorf("/graphql may be cached: %q", h.Get("Cache-Control"))
		}
	}
}

// syncBuffer is a log destination tests can read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestNoPersonalDataInLogs runs requests that carry personal data (in
// arguments, in answers, in failing writes, in credentials) with debug
// logging, and looks for the data in the logs.
func TestNoPersonalDataInLogs(t *testing.T) {
	demo := demoEnv(t)
	var logs syncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := httptest.NewServer(server.New(demo.store, server.Options{Auth: testAuthenticator(t, demo.store), Logger: log}))
	defer srv.Close()
	e := &env{store: demo.store, srv: srv}

	const email, phone, subject = "grace.private@example.org", "0121 496 0999", "grace.subject@example.org"
	admin := http.Header{"Authorization": {"Bearer " + token(t, subject, civic.RoleAdmin)}}
	send := func(h http.Header, query string, vars map[string]any) response {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return e.send(t, http.MethodPost, "/graphql", "application/json", bytes.NewReader(body), h)
	}
	var created struct{ CreatePerson struct{ ID string } }
	r := send(admin, `mutation($in: CreatePersonInput!) { createPerson(input: $in) { id email } }`,
		map[string]any{"in": map[string]any{"name": "Grace Logtest", "email": email, "phone": phone, "contactConsent": true}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	_ = json.Unmarshal(r.Data, &created)
	send(admin, `query($id: ID!) { person(id: $id) { email phone } }`, map[string]any{"id": created.CreatePerson.ID})
	send(admin, `mutation($id: ID!, $e: String) { updatePerson(id: $id, input: {email: $e, areaId: "area_nope"}) { id } }`,
		map[string]any{"id": created.CreatePerson.ID, "e": email})
	send(nil, `mutation($e: String) { createPerson(input: {name: "x", email: $e}) { id } }`, map[string]any{"e": email})
	send(nil, `{ people(filter: {nameContains: "`+email+`"}) { totalCount } }`, nil)
	send(http.Header{"Authorization": {"Bearer " + email}}, `{ __typename }`, nil)
	e.send(t, http.MethodPost, "/graphql", "application/json", strings.NewReader(`{"query": "{ `+email+` "}`), nil)
	e.send(t, http.MethodPost, "/graphql", "application/json", strings.NewReader(`{"query": "`+email), nil)

	out := logs.String()
	if !strings.Contains(out, `"msg":"request"`) {
		t.Fatalf("nothing was logged: %s", out)
	}
	for _, secret := range []string{email, phone, subject, "grace.", "Bearer"} {
		if strings.Contains(out, secret) {
			t.Errorf("the logs hold %q:\n%s", secret, out)
		}
	}
}

// TestInternalErrorsShowNothing makes a resolver panic: the client gets
// INTERNAL and "internal error", the stack goes to the log only.
func TestInternalErrorsShowNothing(t *testing.T) {
	var logs syncBuffer
	srv := httptest.NewServer(server.New(unreachableStore{}, server.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}))
	defer srv.Close()
	e := &env{srv: srv}
	r := e.post(t, `{ organisations(first: 1) { totalCount } }`, nil)
	if r.code() != "INTERNAL" || r.Errors[0].Message != "internal error" || len(r.Errors[0].Extensions) != 1 {
		t.Fatalf("errors %+v", r.Errors)
	}
	if !strings.Contains(logs.String(), "goroutine") {
		t.Fatal("the stack was not logged")
	}
}

// failingStore answers every theme query with err.
type failingStore struct {
	unreachableStore
	err error
}

func (f failingStore) FindThemes(context.Context, civic.ThemeFilter, *civic.Order, civic.PageArgs) (civic.Page[*civic.Theme], error) {
	return civic.Page[*civic.Theme]{}, f.err
}

// TestUnexpectedErrorsShowNothing returns a raw error from the store: the
// client gets INTERNAL and "internal error", the detail goes to the log.
func TestUnexpectedErrorsShowNothing(t *testing.T) {
	var logs syncBuffer
	// It fails the way an unexpected database error would, with Cypher and
	// driver detail in the error.
	leaky := failingStore{err: errors.New("neo4j: themes: Neo.DatabaseError.General.UnknownError: MATCH (n:Theme) RETURN n failed")}
	srv := httptest.NewServer(server.New(leaky, server.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}))
	defer srv.Close()
	r := (&env{srv: srv}).post(t, `{ themes { totalCount } }`, nil)
	if r.code() != "INTERNAL" || r.Errors[0].Message != "internal error" {
		t.Fatalf("errors %+v", r.Errors)
	}
	if !strings.Contains(logs.String(), "UnknownError") {
		t.Fatal("the detail was not logged")
	}
}

// TestCancelledRequestsAreNotWarnings: a request its client cancelled is
// logged at debug level only, while one the database was too slow for is a
// warning. Both answer UNAVAILABLE.
func TestCancelledRequestsAreNotWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		warn bool
	}{
		{"cancelled by the client", &civic.Error{Code: civic.CodeUnavailable, Message: "the request was cancelled", Err: context.Canceled}, false},
		{"database too slow", &civic.Error{Code: civic.CodeUnavailable, Message: "the database took too long to answer", Err: context.DeadlineExceeded}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs syncBuffer
			srv := httptest.NewServer(server.New(failingStore{err: tc.err}, server.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}))
			defer srv.Close()
			r := (&env{srv: srv}).post(t, `{ themes { totalCount } }`, nil)
			if r.code() != "UNAVAILABLE" {
				t.Fatalf("errors %+v", r.Errors)
			}
			if warned := strings.Contains(logs.String(), `"request failed"`); warned != tc.warn {
				t.Fatalf("warned %v, want %v; logs:\n%s", warned, tc.warn, logs.String())
			}
		})
	}
}
