package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/server"
)

// TestAPIKeys calls the API with stored keys: a key acts with its role,
// in either header; unknown, malformed and revoked keys are refused with
// 401 and UNAUTHENTICATED, never treated as the public.
func TestAPIKeys(t *testing.T) {
	demo := demoEnv(t)
	ctx := context.Background()
	a, err := auth.New(demo.store, auth.Config{KeyCacheTTL: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(demo.store, server.Options{Auth: a, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	e := &env{store: demo.store, srv: srv}

	newKey := func(role civic.Role) (string, string) {
		key, id, hash, err := auth.NewKey()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.store.CreateAPIKey(ctx, civic.APIKey{ID: id, Name: "test " + role.String(), Role: role, Hash: hash}); err != nil {
			t.Fatal(err)
		}
		return key, id
	}
	editorKey, editorID := newKey(civic.RoleEditor)
	championKey, _ := newKey(civic.RoleChampion)
	const create = `mutation { createTheme(input: {slug: "key-test-theme", name: "Key test"}) { slug } }`
	send := func(header http.Header, query string) response {
		return e.send(t, http.MethodPost, "/graphql", "application/json", strings.NewReader(`{"query": `+quote(query)+`}`), header)
	}

	if r := send(http.Header{"X-Api-Key": {championKey}}, create); r.code() != string(civic.CodeForbidden) {
		t.Fatalf("a champion's key created a theme: %+v", r)
	}
	if r := send(http.Header{"Authorization": {"Bearer " + editorKey}}, create); len(r.Errors) > 0 {
		t.Fatalf("an editor's key could not create a theme: %+v", r.Errors)
	}
	unknown, _, _, _ := auth.NewKey()
	for name, h := range map[string]http.Header{
		"unknown key":   {"X-Api-Key": {unknown}},
		"malformed key": {"X-Api-Key": {editorKey[:20]}},
		"basic auth":    {"Authorization": {"Basic ZWRpdG9yOmVkaXRvcg=="}},
		"bad token":     {"Authorization": {"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm9wZQ"}},
	} {
		r := send(h, `{ themes(first: 1) { totalCount } }`)
		if r.Status != http.StatusUnauthorized || r.code() != string(civic.CodeUnauthenticated) {
			t.Errorf("%s: status %d, code %q; want 401 UNAUTHENTICATED", name, r.Status, r.code())
		}
	}

	if _, err := demo.store.RevokeAPIKey(ctx, editorID); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the cache's time to live
	if r := send(http.Header{"X-Api-Key": {editorKey}}, `{ themes(first: 1) { totalCount } }`); r.Status != http.StatusUnauthorized {
		t.Fatalf("a revoked key was accepted: %+v", r)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
