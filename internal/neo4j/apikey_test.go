package neo4j_test

import (
	"context"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestAPIKeys(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	key, id, hash, err := auth.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	k, err := s.CreateAPIKey(ctx, civic.APIKey{ID: id, Name: "ward dashboard", Role: civic.RoleChampion, Hash: hash})
	if err != nil {
		t.Fatal(err)
	}
	if k.ID != id || k.Name != "ward dashboard" || k.Role != civic.RoleChampion || k.CreatedAt.IsZero() || k.RevokedAt != nil {
		t.Fatalf("created %+v", k)
	}
	// The key itself is stored nowhere: only its hash.
	if n := count(t, s, "MATCH (k:ApiKey) UNWIND keys(k) AS p WITH k[p] AS v WHERE v = '"+key+"' RETURN count(*)"); n != 0 {
		t.Fatal("the key is stored in clear")
	}
	found, err := s.FindAPIKeyByHash(ctx, hash)
	if err != nil || found == nil || found.ID != id {
		t.Fatalf("by hash: %+v, %v", found, err)
	}
	if missing, err := s.FindAPIKeyByHash(ctx, strings.Repeat("0", 64)); err != nil || missing != nil {
		t.Fatalf("unknown hash: %+v, %v", missing, err)
	}
	// Two keys cannot share a hash (or an ID).
	if _, err := s.CreateAPIKey(ctx, civic.APIKey{ID: "other", Name: "copy", Role: civic.RoleAdmin, Hash: hash}); civic.ErrorCode(err) != civic.CodeConflict {
		t.Fatalf("duplicate hash: %v", err)
	}
	if _, err := s.CreateAPIKey(ctx, civic.APIKey{ID: "x", Name: " ", Role: civic.RoleAdmin, Hash: "short"}); civic.ErrorCode(err) != civic.CodeBadUserInput {
		t.Fatalf("invalid key: %v", err)
	}

	revoked, err := s.RevokeAPIKey(ctx, id)
	if err != nil || revoked.RevokedAt == nil {
		t.Fatalf("revoke: %+v, %v", revoked, err)
	}
	again, err := s.RevokeAPIKey(ctx, id)
	if err != nil || !again.RevokedAt.Equal(*revoked.RevokedAt) {
		t.Fatalf("revoking twice moved the time: %v -> %v (%v)", revoked.RevokedAt, again.RevokedAt, err)
	}
	if _, err := s.RevokeAPIKey(ctx, "nope"); civic.ErrorCode(err) != civic.CodeNotFound {
		t.Fatalf("revoke unknown: %v", err)
	}
	list, err := s.ListAPIKeys(ctx)
	if err != nil || len(list) != 1 || list[0].RevokedAt == nil {
		t.Fatalf("list: %+v, %v", list, err)
	}
}
