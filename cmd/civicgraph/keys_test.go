package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// civicgraph runs the command line and returns its exit code and stdout.
func civicgraph(t *testing.T, args ...string) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	out := make(chan string)
	go func() { b, _ := io.ReadAll(r); out <- string(b) }()
	code := run(context.Background(), append(args, "--neo4j-uri", neo4jtest.URI(t), "--log-level", "warn"))
	os.Stdout = stdout
	w.Close()
	return code, <-out
}

// TestKeysCommand creates, lists and revokes a key with the command line,
// and checks what the store holds: the key's hash, never the key.
func TestKeysCommand(t *testing.T) {
	ctx := context.Background()
	st, err := neo4j.Open(ctx, neo4j.Config{URI: neo4jtest.URI(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	neo4jtest.Reset(t, st.Driver())

	code, out := civicgraph(t, "keys", "create", "--name", "ward dashboard", "--role", "champion")
	key := strings.TrimSpace(out)
	if code != 0 || !auth.IsKey(key) {
		t.Fatalf("create: exit %d, printed %q", code, out)
	}
	stored, err := st.FindAPIKeyByHash(ctx, auth.HashKey(key))
	if err != nil || stored == nil || stored.Name != "ward dashboard" || stored.Role.String() != "champion" {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	if code, _ := civicgraph(t, "keys", "create", "--name", "x", "--role", "wizard"); code == 0 {
		t.Fatal("a key with an unknown role was created")
	}
	code, out = civicgraph(t, "keys", "list")
	if code != 0 || !strings.Contains(out, stored.ID) || !strings.Contains(out, "ward dashboard") || strings.Contains(out, key) {
		t.Fatalf("list: exit %d:\n%s", code, out)
	}
	if code, _ := civicgraph(t, "keys", "revoke", stored.ID); code != 0 {
		t.Fatalf("revoke: exit %d", code)
	}
	if k, _ := st.FindAPIKeyByHash(ctx, auth.HashKey(key)); k == nil || k.RevokedAt == nil {
		t.Fatalf("not revoked: %+v", k)
	}
	if code, _ := civicgraph(t, "keys", "revoke", "nope"); code == 0 {
		t.Fatal("revoking an unknown key succeeded")
	}
}
