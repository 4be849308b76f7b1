package civic

import (
	"context"
	"time"
)

// APIKey is a credential for programs (dashboards, importers). Only a hash
// of the secret is stored; the secret is shown once, when the key is made.
type APIKey struct {
	ID        string // public identifier, shown in lists; not secret
	Name      string // what the key is for; the actor of its requests
	Role      Role
	Hash      string // hex SHA-256 of the whole key
	CreatedAt time.Time
	RevokedAt *time.Time
}

// APIKeyService stores API keys.
type APIKeyService interface {
	CreateAPIKey(ctx context.Context, k APIKey) (*APIKey, error)
	// FindAPIKeyByHash returns the key with that hash, revoked or not, or nil.
	FindAPIKeyByHash(ctx context.Context, hash string) (*APIKey, error)
	ListAPIKeys(ctx context.Context) ([]*APIKey, error)
	// RevokeAPIKey marks the key revoked; its requests are refused from then on.
	RevokeAPIKey(ctx context.Context, id string) (*APIKey, error)
}

// Validate checks a key before it is stored.
func (k APIKey) Validate() error {
	var p Problems
	p.CheckName("name", k.Name, MaxNameLen)
	if k.Role < RolePublic || k.Role > RoleAdmin {
		p.Add("role", "is not a role")
	}
	if len(k.Hash) != 64 {
		p.Add("hash", "is not a SHA-256 hash")
	}
	return p.Err()
}
