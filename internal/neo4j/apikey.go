package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// API keys are (:ApiKey) nodes outside the city graph. Only the SHA-256 of
// a key is stored; see internal/auth for why that is enough.

const apiKeyRow = "k {.id, .name, .role, .hash, .createdAt, .revokedAt}"

var _ civic.APIKeyService = (*Store)(nil)

func mapAPIKey(p props) *civic.APIKey {
	role, _ := civic.ParseRole(p.str("role"))
	return &civic.APIKey{
		ID: p.str("id"), Name: p.str("name"), Role: role, Hash: p.str("hash"),
		CreatedAt: p.timeOr("createdAt"), RevokedAt: p.time("revokedAt"),
	}
}

// CreateAPIKey stores a key (its hash, never the key itself).
func (s *Store) CreateAPIKey(ctx context.Context, k civic.APIKey) (*civic.APIKey, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	params := map[string]any{"id": k.ID, "name": k.Name, "role": k.Role.String(), "hash": k.Hash}
	return write(ctx, s, "createAPIKey", func(t tx) (*civic.APIKey, error) {
		return writeOne(ctx, t, "createAPIKey",
			"CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime()})\nRETURN "+apiKeyRow+" AS row",
			params, mapAPIKey)
	})
}

// FindAPIKeyByHash returns the key with the hash, revoked or not, or nil.
func (s *Store) FindAPIKeyByHash(ctx context.Context, hash string) (*civic.APIKey, error) {
	recs, err := s.read(ctx, "apiKeyByHash", "MATCH (k:ApiKey {hash: $hash}) RETURN "+apiKeyRow+" AS row", map[string]any{"hash": hash})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return mapAPIKey(asProps(field(recs[0], "row"))), nil
}

// ListAPIKeys returns every key, oldest first, revoked ones included.
func (s *Store) ListAPIKeys(ctx context.Context) ([]*civic.APIKey, error) {
	recs, err := s.read(ctx, "apiKeys", "MATCH (k:ApiKey) RETURN "+apiKeyRow+" AS row ORDER BY k.createdAt, k.id", nil)
	if err != nil {
		return nil, err
	}
	out := make([]*civic.APIKey, len(recs))
	for i, r := range recs {
		out[i] = mapAPIKey(asProps(field(r, "row")))
	}
	return out, nil
}

// RevokeAPIKey marks a key revoked; revoking it again changes nothing.
func (s *Store) RevokeAPIKey(ctx context.Context, id string) (*civic.APIKey, error) {
	k, err := write(ctx, s, "revokeAPIKey", func(t tx) (*civic.APIKey, error) {
		return writeOne(ctx, t, "revokeAPIKey",
			"MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, datetime())\nRETURN "+apiKeyRow+" AS row",
			map[string]any{"id": id}, mapAPIKey)
	})
	if err == nil && k == nil {
		return nil, civic.Errorf(civic.CodeNotFound, "API key %q not found", id)
	}
	return k, err
}
