package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func jwksDoc(kid string, k *rsa.PublicKey) string {
	return `{"keys": [{"kty": "RSA", "kid": "` + kid + `", "n": "` + base64.RawURLEncoding.EncodeToString(k.N.Bytes()) +
		`", "e": "` + base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()) + `"}]}`
}

// TestJWKSRotation replaces the JWKS file: once the recheck interval has
// passed, the new keys are used; a broken file leaves the old ones in use.
func TestJWKSRotation(t *testing.T) {
	k1, _ := rsa.GenerateKey(rand.Reader, 2048)
	k2, _ := rsa.GenerateKey(rand.Reader, 2048)
	path := filepath.Join(t.TempDir(), "jwks.json")
	write := func(doc string, mtime time.Time) {
		if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		_ = os.Chtimes(path, mtime, mtime)
	}
	start := time.Now().Add(-time.Hour)
	write(jwksDoc("old", &k1.PublicKey), start)
	f, err := openJWKS(path)
	if err != nil {
		t.Fatal(err)
	}
	write(jwksDoc("new", &k2.PublicKey), start.Add(time.Minute))
	if _, ok := f.key("new"); ok {
		t.Fatal("the file was reread before the recheck interval")
	}
	f.checked = time.Time{}
	if _, ok := f.key("new"); !ok {
		t.Fatal("the rotated key is not used")
	}
	if _, ok := f.key("old"); ok {
		t.Fatal("the retired key is still used")
	}
	write("{broken", start.Add(2*time.Minute))
	f.checked = time.Time{}
	if _, ok := f.key("new"); !ok {
		t.Fatal("a broken file dropped the keys in use")
	}
}
