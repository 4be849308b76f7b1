// Package auth tells who is calling: it checks API keys (stored hashed,
// see key.go) and JWT bearer tokens (HS256 with a shared secret, RS256 with
// keys from a JWKS file), and gives each request an Identity: an actor, for
// provenance, and a role, for authorisation. Requests without credentials
// are the public; requests with bad credentials are refused, never demoted
// to the public, so that a client with a typo learns about it.
package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Kind says how a caller authenticated.
type Kind string

// The kinds of callers.
const (
	KindAnonymous Kind = "anonymous"
	KindKey       Kind = "key"
	KindToken     Kind = "token"
)

// Identity is who is calling.
type Identity struct {
	Kind  Kind
	ID    string // the key's public ID or the token's subject
	Actor string // recorded as provenance: the key's name or the token's subject
	Role  civic.Role
}

// Anonymous is the identity of a request without credentials.
var Anonymous = Identity{Kind: KindAnonymous, Actor: "anonymous", Role: civic.RolePublic}

// Limiter returns the key a per-caller rate limit is kept under, or "" for
// anonymous callers (who are limited by address instead).
func (i Identity) Limiter() string {
	if i.Kind == KindAnonymous {
		return ""
	}
	return string(i.Kind) + ":" + i.ID
}

// LogValue implements slog.LogValuer. A token's subject may be a person's
// email or user name, so logs get a short hash of it instead, which still
// lets an operator follow one caller through the logs.
func (i Identity) LogValue() slog.Value {
	id := i.ID
	if i.Kind == KindToken {
		sum := sha256.Sum256([]byte(i.ID))
		id = "sha256:" + hex.EncodeToString(sum[:6])
	}
	return slog.GroupValue(slog.String("kind", string(i.Kind)), slog.String("id", id), slog.String("role", i.Role.String()))
}

type identityKey struct{}

// WithIdentity returns ctx carrying the identity, its actor (civic.ActorFrom)
// and its role (civic.RoleFrom).
func WithIdentity(ctx context.Context, i Identity) context.Context {
	ctx = context.WithValue(ctx, identityKey{}, i)
	ctx = civic.WithActor(ctx, i.Actor)
	return civic.WithRole(ctx, i.Role)
}

// IdentityFrom returns the identity carried by ctx, or Anonymous.
func IdentityFrom(ctx context.Context) Identity {
	if i, ok := ctx.Value(identityKey{}).(Identity); ok {
		return i
	}
	return Anonymous
}

// IsInvalid reports whether err means the credentials were refused (as
// opposed to the key store being unreachable).
func IsInvalid(err error) bool { return errors.Is(err, errInvalid) }

// Config configures an Authenticator.
type Config struct {
	JWT JWTConfig
	// KeyCacheTTL is how long a key lookup is remembered, so that a key's
	// requests do not each cost a database query; a revoked key stops
	// working within this time. Default 30s.
	KeyCacheTTL time.Duration
}

// keyCacheSize bounds the remembered key lookups, known and unknown.
const keyCacheSize = 10000

// Authenticator checks the credentials of requests.
type Authenticator struct {
	keys  civic.APIKeyService // nil: no API keys
	jwt   *jwtVerifier        // nil: no tokens
	cache *expirable.LRU[string, *civic.APIKey]
}

// New returns an Authenticator that looks API keys up in keys (nil: API
// keys are refused) and accepts the tokens c.JWT describes.
func New(keys civic.APIKeyService, c Config) (*Authenticator, error) {
	a := &Authenticator{keys: keys}
	if c.JWT.Enabled() {
		v, err := newJWTVerifier(c.JWT)
		if err != nil {
			return nil, err
		}
		a.jwt = v
	}
	if c.KeyCacheTTL == 0 {
		c.KeyCacheTTL = 30 * time.Second
	}
	a.cache = expirable.NewLRU[string, *civic.APIKey](keyCacheSize, nil, c.KeyCacheTTL)
	return a, nil
}

// Credential returns the credential a request presents: the bearer token
// or key of its Authorization header, else its X-API-Key header. A
// malformed Authorization header is presented as an empty credential, which
// is refused.
func Credential(r *http.Request) (cred string, present bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, value, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return "", true
		}
		return strings.TrimSpace(value), true
	}
	if h := r.Header.Get("X-API-Key"); h != "" {
		return strings.TrimSpace(h), true
	}
	return "", false
}

// Authenticate returns the identity of the request's caller: Anonymous
// without credentials, an error (IsInvalid) for credentials that are not
// accepted, or an UNAVAILABLE error when keys cannot be looked up.
func (a *Authenticator) Authenticate(ctx context.Context, r *http.Request) (Identity, error) {
	cred, present := Credential(r)
	switch {
	case !present:
		return Anonymous, nil
	case LooksLikeKey(cred):
		return a.key(ctx, cred)
	case a.jwt != nil && cred != "":
		return a.jwt.verify(cred)
	}
	return Identity{}, fmt.Errorf("%w: no accepted credential", errInvalid)
}

// Cached reports whether cred is an API key whose lookup is remembered,
// so that checking it costs no database query.
func (a *Authenticator) Cached(cred string) bool {
	return IsKey(cred) && a.cache.Contains(HashKey(cred))
}

func (a *Authenticator) key(ctx context.Context, key string) (Identity, error) {
	if a.keys == nil || !IsKey(key) {
		return Identity{}, fmt.Errorf("%w: not an API key", errInvalid)
	}
	hash := HashKey(key)
	k, cached := a.cache.Get(hash)
	if !cached {
		var err error
		if k, err = a.keys.FindAPIKeyByHash(ctx, hash); err != nil {
			return Identity{}, err
		}
		a.cache.Add(hash, k)
	}
	switch {
	case k == nil:
		return Identity{}, fmt.Errorf("%w: unknown API key", errInvalid)
	case k.RevokedAt != nil:
		return Identity{}, fmt.Errorf("%w: revoked API key", errInvalid)
	}
	return Identity{Kind: KindKey, ID: k.ID, Actor: k.Name, Role: k.Role}, nil
}
