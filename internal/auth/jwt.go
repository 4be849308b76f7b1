package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// JWTConfig says which bearer tokens to accept. Tokens are accepted when a
// secret (HS256) or a JWKS file (RS256) is configured; their issuer and
// audience must then match.
type JWTConfig struct {
	Secret   string // HS256 shared secret, at least 32 bytes
	JWKSFile string // RS256 public keys, as a JSON Web Key Set
	Issuer   string
	Audience string
	// RoleClaim names the claim holding the caller's role: a role name, or
	// a list of names of which the highest counts. Default "role".
	RoleClaim string
	// Leeway tolerates clock skew in exp, nbf and iat. Default 30s.
	Leeway time.Duration
}

// Enabled reports whether any tokens are accepted.
func (c JWTConfig) Enabled() bool { return c.Secret != "" || c.JWKSFile != "" }

// Validate checks the configuration.
func (c JWTConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	if c.Secret != "" && len(c.Secret) < 32 {
		return errors.New("auth: the JWT secret must be at least 32 bytes")
	}
	if c.Issuer == "" || c.Audience == "" {
		return errors.New("auth: accepting JWTs needs both an issuer and an audience")
	}
	return nil
}

// errInvalid is returned for every credential that is not accepted. The
// reason goes to the debug log only: clients learn nothing that would help
// them forge a token.
var errInvalid = errors.New("invalid credentials")

// jwtVerifier checks bearer tokens.
type jwtVerifier struct {
	c       JWTConfig
	jwks    *jwksFile
	parser  *jwt.Parser
	methods []string
}

func newJWTVerifier(c JWTConfig) (*jwtVerifier, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.RoleClaim == "" {
		c.RoleClaim = "role"
	}
	if c.Leeway == 0 {
		c.Leeway = 30 * time.Second
	}
	v := &jwtVerifier{c: c}
	if c.Secret != "" {
		v.methods = append(v.methods, jwt.SigningMethodHS256.Alg())
	}
	if c.JWKSFile != "" {
		f, err := openJWKS(c.JWKSFile)
		if err != nil {
			return nil, err
		}
		v.jwks = f
		v.methods = append(v.methods, jwt.SigningMethodRS256.Alg())
	}
	v.parser = jwt.NewParser(
		jwt.WithValidMethods(v.methods),
		jwt.WithIssuer(c.Issuer),
		jwt.WithAudience(c.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(c.Leeway),
	)
	return v, nil
}

// keyFor picks the verification key by the token's algorithm: the parser
// has already refused any algorithm not configured, so an HS256 token can
// never be checked against an RSA public key or the reverse.
func (v *jwtVerifier) keyFor(t *jwt.Token) (any, error) {
	switch t.Method.Alg() {
	case jwt.SigningMethodHS256.Alg():
		return []byte(v.c.Secret), nil
	case jwt.SigningMethodRS256.Alg():
		kid, _ := t.Header["kid"].(string)
		if k, ok := v.jwks.key(kid); ok {
			return k, nil
		}
		return nil, fmt.Errorf("no key with kid %q", kid)
	}
	return nil, fmt.Errorf("unexpected algorithm %s", t.Method.Alg())
}

// verify checks a token and returns who it names.
func (v *jwtVerifier) verify(token string) (Identity, error) {
	claims := jwt.MapClaims{}
	if _, err := v.parser.ParseWithClaims(token, claims, v.keyFor); err != nil {
		return Identity{}, fmt.Errorf("%w: %v", errInvalid, err)
	}
	sub, err := claims.GetSubject()
	if err != nil || sub == "" {
		return Identity{}, fmt.Errorf("%w: no subject", errInvalid)
	}
	return Identity{Kind: KindToken, ID: sub, Actor: sub, Role: roleOf(claims[v.c.RoleClaim])}, nil
}

// roleOf reads a role claim: a name or a list of names, of which the
// highest known one counts. Anything else is the public role.
func roleOf(claim any) civic.Role {
	best := civic.RolePublic
	consider := func(v any) {
		if s, ok := v.(string); ok {
			if r, err := civic.ParseRole(s); err == nil && r > best {
				best = r
			}
		}
	}
	switch c := claim.(type) {
	case []any:
		for _, v := range c {
			consider(v)
		}
	default:
		consider(c)
	}
	return best
}
