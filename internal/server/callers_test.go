package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
)

// Test callers authenticate with HS256 tokens signed with this secret.
const (
	testSecret   = "a test secret that is long enough for HS256"
	testIssuer   = "https://id.example.org"
	testAudience = "civicgraph"
)

var testJWT = auth.JWTConfig{Secret: testSecret, Issuer: testIssuer, Audience: testAudience}

// testAuthenticator accepts the test tokens and the keys stored in keys.
func testAuthenticator(tb testing.TB, keys civic.APIKeyService) *auth.Authenticator {
	tb.Helper()
	a, err := auth.New(keys, auth.Config{JWT: testJWT})
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// token returns a valid token for a subject with a role.
func token(tb testing.TB, subject string, role civic.Role) string {
	tb.Helper()
	return signToken(tb, jwt.MapClaims{
		"sub": subject, "role": role.String(), "iss": testIssuer, "aud": testAudience,
		"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix(),
	})
}

func signToken(tb testing.TB, claims jwt.MapClaims) string {
	tb.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(testSecret))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// caller is who sends a test request: nobody (no credentials) or a token
// holder with a role.
type caller struct {
	name string
	role civic.Role
	anon bool
}

var (
	anonymous = caller{name: "anonymous", anon: true}
	// callers has one caller per role, and the anonymous one.
	callers = []caller{
		anonymous,
		{name: "public", role: civic.RolePublic},
		{name: "champion", role: civic.RoleChampion},
		{name: "editor", role: civic.RoleEditor},
		{name: "admin", role: civic.RoleAdmin},
	}
)

func (c caller) header(tb testing.TB) http.Header {
	if c.anon {
		return nil
	}
	return http.Header{"Authorization": {"Bearer " + token(tb, "test-"+c.name, c.role)}}
}

// postAs sends a GraphQL request as the caller.
func (e *env) postAs(tb testing.TB, c caller, query string, vars map[string]any) response {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return e.send(tb, http.MethodPost, "/graphql", "application/json", bytes.NewReader(body), c.header(tb))
}

// editor is the caller tests use to write; admin is the one e.post uses on
// the shared service.
var (
	editor = caller{name: "editor", role: civic.RoleEditor}
	admin  = caller{name: "admin", role: civic.RoleAdmin}
)
