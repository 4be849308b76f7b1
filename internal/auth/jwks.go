package auth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"sync"
	"time"
)

// minRSABits is the smallest RSA modulus accepted for signing keys.
const minRSABits = 2048

// jwksRecheck is how often the JWKS file is checked for changes, so that
// keys can be rotated without a restart.
const jwksRecheck = 30 * time.Second

// jwk is one JSON Web Key (RFC 7517) as found in a JWKS file.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	N   string `json:"n"`
	E   string `json:"e"`
}

// ParseJWKS reads the RS256 signing keys of a JSON Web Key Set, by key ID.
// Keys of other types or uses are skipped; a malformed RSA key is an error.
func ParseJWKS(data []byte) (map[string]*rsa.PublicKey, error) {
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("auth: JWKS is not JSON: %w", err)
	}
	keys := map[string]*rsa.PublicKey{}
	for i, k := range set.Keys {
		if k.Kty != "RSA" || (k.Use != "" && k.Use != "sig") || (k.Alg != "" && k.Alg != "RS256") {
			continue
		}
		pub, err := rsaKey(k)
		if err != nil {
			return nil, fmt.Errorf("auth: JWKS key %d (kid %q): %w", i, k.Kid, err)
		}
		if _, dup := keys[k.Kid]; dup {
			return nil, fmt.Errorf("auth: JWKS has two keys with kid %q", k.Kid)
		}
		keys[k.Kid] = pub
	}
	if len(keys) == 0 {
		return nil, errors.New("auth: JWKS holds no RS256 signing key")
	}
	return keys, nil
}

func rsaKey(k jwk) (*rsa.PublicKey, error) {
	n, err := base64.RawURLEncoding.DecodeString(k.N)
	if err != nil || len(n) == 0 {
		return nil, errors.New("modulus n is not base64url")
	}
	e, err := base64.RawURLEncoding.DecodeString(k.E)
	if err != nil || len(e) == 0 || len(e) > 4 {
		return nil, errors.New("exponent e is not a small base64url integer")
	}
	exp := 0
	for _, b := range e {
		exp = exp<<8 | int(b)
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}
	if pub.N.BitLen() < minRSABits {
		return nil, fmt.Errorf("modulus has %d bits, fewer than %d", pub.N.BitLen(), minRSABits)
	}
	if exp < 3 || exp%2 == 0 {
		return nil, errors.New("exponent is not an odd number of at least 3")
	}
	return pub, nil
}

// jwksFile holds the keys of a JWKS file and rereads it when it changes.
type jwksFile struct {
	path string

	mu      sync.Mutex
	keys    map[string]*rsa.PublicKey
	modTime time.Time
	checked time.Time
}

func openJWKS(path string) (*jwksFile, error) {
	f := &jwksFile{path: path}
	if err := f.load(time.Now()); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *jwksFile) load(now time.Time) error {
	info, err := os.Stat(f.path)
	if err != nil {
		return fmt.Errorf("auth: JWKS file: %w", err)
	}
	f.checked = now
	if f.keys != nil && info.ModTime().Equal(f.modTime) {
		return nil
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		return fmt.Errorf("auth: JWKS file: %w", err)
	}
	keys, err := ParseJWKS(data)
	if err != nil {
		return err
	}
	f.keys, f.modTime = keys, info.ModTime()
	return nil
}

// key returns the key with the ID; with an empty ID, the only key if there
// is just one. A changed file is reread at most every jwksRecheck; if the
// new file is broken, the keys already loaded stay in use.
func (f *jwksFile) key(kid string) (*rsa.PublicKey, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if now := time.Now(); now.Sub(f.checked) >= jwksRecheck {
		_ = f.load(now)
	}
	if kid == "" && len(f.keys) == 1 {
		for _, k := range f.keys {
			return k, true
		}
	}
	k, ok := f.keys[kid]
	return k, ok
}
