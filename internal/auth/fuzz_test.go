package auth_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/civicgraph/civicgraph/internal/auth"
)

// FuzzCredentials presents arbitrary credentials: they are refused (or
// are no credentials at all), never accepted and never a panic.
func FuzzCredentials(f *testing.F) {
	a, err := auth.New(nil, auth.Config{JWT: auth.JWTConfig{Secret: secret, Issuer: issuer, Audience: audience}})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Bearer x", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "bearer  cgk_0123abcd_AAAA", "Basic Zm9vOmJhcg==", ""} {
		f.Add(s, "")
	}
	f.Add("", "cgk_0123abcd_"+"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, authorization, apiKey string) {
		r, _ := http.NewRequest(http.MethodPost, "/graphql", nil)
		r.Header["Authorization"] = []string{authorization}
		r.Header["X-Api-Key"] = []string{apiKey}
		id, err := a.Authenticate(context.Background(), r)
		if err == nil && id != auth.Anonymous {
			t.Fatalf("%q / %q accepted as %+v", authorization, apiKey, id)
		}
		if err != nil && !auth.IsInvalid(err) {
			t.Fatalf("%q / %q: %v", authorization, apiKey, err)
		}
	})
}

func FuzzParseJWKS(f *testing.F) {
	f.Add([]byte(`{"keys": [{"kty": "RSA", "kid": "a", "n": "AQAB", "e": "AQAB"}]}`))
	f.Add([]byte(`{"keys": [{"kty": "RSA", "e": "AAAAAAAA"}, {"kty": "EC"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := auth.ParseJWKS(data)
		if err == nil {
			for kid, k := range keys {
				if k.N.BitLen() < 2048 || k.E < 3 || k.E%2 == 0 {
					t.Fatalf("accepted a weak key %q", kid)
				}
			}
		}
	})
}
