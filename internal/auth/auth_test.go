package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
)

const (
	secret   = "0123456789abcdef0123456789abcdef"
	issuer   = "https://id.example.org"
	audience = "civicgraph"
)

func TestNewKey(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		key, id, hash, err := auth.NewKey()
		if err != nil {
			t.Fatal(err)
		}
		if !auth.IsKey(key) || !auth.LooksLikeKey(key) {
			t.Fatalf("%q is not recognised as a key", key)
		}
		if !strings.HasPrefix(key, "cgk_"+id+"_") || len(id) != 8 {
			t.Fatalf("key %q does not start with its ID %q", key, id)
		}
		if hash != auth.HashKey(key) || len(hash) != 64 || strings.Contains(hash, key) {
			t.Fatalf("hash %q of %q", hash, key)
		}
		if seen[key] || seen[id] {
			t.Fatal("a key or ID repeated")
		}
		seen[key], seen[id] = true, true
	}
	// SHA-256 of "cgk_test", computed with sha256sum.
	if got := auth.HashKey("cgk_test"); got != "14ff2817fb94b1051de6882abdd3e938b2b3cd3cdc148cce584bead8e555276e" {
		t.Fatalf("HashKey: %s", got)
	}
	for _, bad := range []string{"", "cgk_", "cgk_0123abcd_", "cgk_0123abcg_" + strings.Repeat("A", 43), "xyz_0123abcd_" + strings.Repeat("A", 43), "cgk_0123abcd-" + strings.Repeat("A", 43)} {
		if auth.IsKey(bad) {
			t.Errorf("%q taken for a key", bad)
		}
	}
}

// sign returns a token with the claims, signed by method with key.
func sign(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims, kid string) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func claims(mods ...func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{"sub": "user-42", "iss": issuer, "aud": audience, "role": "editor",
		"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
	for _, m := range mods {
		m(c)
	}
	return c
}

func set(k string, v any) func(jwt.MapClaims) { return func(c jwt.MapClaims) { c[k] = v } }
func drop(k string) func(jwt.MapClaims)       { return func(c jwt.MapClaims) { delete(c, k) } }

func bearer(tok string) *http.Request {
	r, _ := http.NewRequest(http.MethodPost, "/graphql", nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	return r
}

// writeJWKS writes a JWKS file with the public keys, by kid.
func writeJWKS(t *testing.T, path string, keys map[string]*rsa.PublicKey) {
	t.Helper()
	var set struct {
		Keys []map[string]string `json:"keys"`
	}
	for kid, k := range keys {
		set.Keys = append(set.Keys, map[string]string{
			"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
			"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
		})
	}
	b, _ := json.Marshal(set)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestTokens(t *testing.T) {
	good, other := rsaKey(t), rsaKey(t)
	jwks := filepath.Join(t.TempDir(), "jwks.json")
	writeJWKS(t, jwks, map[string]*rsa.PublicKey{"k1": &good.PublicKey})
	a, err := auth.New(nil, auth.Config{JWT: auth.JWTConfig{Secret: secret, JWKSFile: jwks, Issuer: issuer, Audience: audience}})
	if err != nil {
		t.Fatal(err)
	}
	hs := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodHS256, []byte(secret), c, "") }
	rs := func(c jwt.MapClaims, kid string, k *rsa.PrivateKey) string {
		return sign(t, jwt.SigningMethodRS256, k, c, kid)
	}
	for _, tc := range []struct {
		name  string
		token string
		role  civic.Role // when accepted
		ok    bool
	}{
		{"HS256", hs(claims()), civic.RoleEditor, true},
		{"RS256", rs(claims(set("role", "champion")), "k1", good), civic.RoleChampion, true},
		{"RS256 without kid, one key", rs(claims(), "", good), civic.RoleEditor, true},
		{"roles as a list: the highest", hs(claims(set("role", []any{"champion", "admin", "wizard"}))), civic.RoleAdmin, true},
		{"unknown role: public", hs(claims(set("role", "wizard"))), civic.RolePublic, true},
		{"no role: public", hs(claims(drop("role"))), civic.RolePublic, true},
		{"expired", hs(claims(set("exp", time.Now().Add(-time.Hour).Unix()))), 0, false},
		{"no expiry", hs(claims(drop("exp"))), 0, false},
		{"not yet valid", hs(claims(set("nbf", time.Now().Add(time.Hour).Unix()))), 0, false},
		{"issued in the future", hs(claims(set("iat", time.Now().Add(time.Hour).Unix()))), 0, false},
		{"wrong issuer", hs(claims(set("iss", "https://evil.example"))), 0, false},
		{"wrong audience", hs(claims(set("aud", "another-service"))), 0, false},
		{"no subject", hs(claims(drop("sub"))), 0, false},
		{"wrong secret", sign(t, jwt.SigningMethodHS256, []byte("another secret of thirty-two bytes"), claims(), ""), 0, false},
		{"unknown RSA key", rs(claims(), "k1", other), 0, false},
		{"unknown kid", rs(claims(), "k2", good), 0, false},
		{"HS512 is not configured", sign(t, jwt.SigningMethodHS512, []byte(secret), claims(), ""), 0, false},
		{"alg none", sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(), ""), 0, false},
		{"tampered payload", tamper(hs(claims(set("role", "champion")))), 0, false},
		{"garbage", "not.a.token", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, err := a.Authenticate(context.Background(), bearer(tc.token))
			if !tc.ok {
				if err == nil || !auth.IsInvalid(err) {
					t.Fatalf("accepted as %+v (err %v)", id, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if id.Kind != auth.KindToken || id.Actor != "user-42" || id.Role != tc.role {
				t.Fatalf("identity %+v, want user-42 as %s", id, tc.role)
			}
		})
	}
}

// tamper raises the role in a token's payload without re-signing it.
func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	p, _ := base64.RawURLEncoding.DecodeString(parts[1])
	p = []byte(strings.Replace(string(p), `"champion"`, `"admin"`, 1))
	parts[1] = base64.RawURLEncoding.EncodeToString(p)
	return strings.Join(parts, ".")
}

// TestAlgorithmConfusion signs an HS256 token with the RSA public key as
// the secret: a verifier that let the token pick how it is checked would
// accept it.
func TestAlgorithmConfusion(t *testing.T) {
	k := rsaKey(t)
	jwks := filepath.Join(t.TempDir(), "jwks.json")
	writeJWKS(t, jwks, map[string]*rsa.PublicKey{"k1": &k.PublicKey})
	a, err := auth.New(nil, auth.Config{JWT: auth.JWTConfig{JWKSFile: jwks, Issuer: issuer, Audience: audience}})
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := json.Marshal(k.PublicKey)
	for _, secret := range [][]byte{pub, k.N.Bytes()} {
		tok := sign(t, jwt.SigningMethodHS256, secret, claims(), "k1")
		if id, err := a.Authenticate(context.Background(), bearer(tok)); !auth.IsInvalid(err) {
			t.Fatalf("HS256 token accepted by an RS256 verifier: %+v, %v", id, err)
		}
	}
}

func TestCredentials(t *testing.T) {
	a, err := auth.New(nil, auth.Config{})
	if err != nil {
		t.Fatal(err)
	}
	none, _ := http.NewRequest(http.MethodGet, "/graphql", nil)
	if id, err := a.Authenticate(context.Background(), none); err != nil || id != auth.Anonymous {
		t.Fatalf("no credentials: %+v, %v", id, err)
	}
	for name, h := range map[string][2]string{
		"basic auth":              {"Authorization", "Basic dXNlcjpwYXNz"},
		"empty bearer":            {"Authorization", "Bearer "},
		"token but none accepted": {"Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"},
		"key but no key store":    {"X-API-Key", "cgk_0123abcd_" + strings.Repeat("A", 43)},
		"malformed key":           {"X-API-Key", "cgk_nonsense"},
	} {
		r, _ := http.NewRequest(http.MethodGet, "/graphql", nil)
		r.Header.Set(h[0], h[1])
		if id, err := a.Authenticate(context.Background(), r); !auth.IsInvalid(err) {
			t.Errorf("%s: %+v, %v; want refused", name, id, err)
		}
	}
}

func TestConfigValidation(t *testing.T) {
	for name, c := range map[string]auth.JWTConfig{
		"short secret": {Secret: "short", Issuer: issuer, Audience: audience},
		"no issuer":    {Secret: secret, Audience: audience},
		"no audience":  {Secret: secret, Issuer: issuer},
		"missing JWKS": {JWKSFile: "/nonexistent/jwks.json", Issuer: issuer, Audience: audience},
	} {
		if _, err := auth.New(nil, auth.Config{JWT: c}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestParseJWKS(t *testing.T) {
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	n := base64.RawURLEncoding.EncodeToString(small.N.Bytes())
	for name, doc := range map[string]string{
		"not JSON":      `{`,
		"no keys":       `{"keys": []}`,
		"only EC keys":  `{"keys": [{"kty": "EC", "crv": "P-256"}]}`,
		"short modulus": `{"keys": [{"kty": "RSA", "kid": "a", "n": "` + n + `", "e": "AQAB"}]}`,
		"bad base64":    `{"keys": [{"kty": "RSA", "kid": "a", "n": "***", "e": "AQAB"}]}`,
		"even exponent": `{"keys": [{"kty": "RSA", "kid": "a", "n": "` + n + `", "e": "Ag"}]}`,
	} {
		if _, err := auth.ParseJWKS([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestIdentityLogValueHidesSubjects(t *testing.T) {
	id := auth.Identity{Kind: auth.KindToken, ID: "ada@example.org", Actor: "ada@example.org", Role: civic.RoleChampion}
	if s := id.LogValue().String(); strings.Contains(s, "ada") {
		t.Fatalf("log value %s shows the subject", s)
	}
}
