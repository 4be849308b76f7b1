package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// API keys look like cgk_<id>_<secret>: a recognisable prefix (so that
// secret scanners and the authenticator can tell a key from a token), a
// public ID to name the key in lists and logs, and 256 random bits.
//
// Only SHA-256(key) is stored. A slow password hash (bcrypt, argon2) exists
// to make guessing low-entropy passwords from a stolen hash expensive; a key
// holds 256 random bits, which no amount of hashing speed makes guessable,
// so a slow hash would only cost every request tens of milliseconds of CPU
// (and hand attackers a cheap way to burn it). A keyed HMAC would add
// nothing either: without the key, the hash already reveals nothing.
const (
	keyPrefix   = "cgk_"
	keyIDLen    = 8  // hex characters of the public ID
	secretBytes = 32 // random bytes of the secret
	// keyLen is the length of a well-formed key.
	keyLen = len(keyPrefix) + keyIDLen + 1 + (secretBytes*8+5)/6
)

// NewKey returns a new random API key, its public ID and the hash to store.
func NewKey() (key, id, hash string, err error) {
	var b [keyIDLen/2 + secretBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", "", err
	}
	id = hex.EncodeToString(b[:keyIDLen/2])
	key = keyPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(b[keyIDLen/2:])
	return key, id, HashKey(key), nil
}

// HashKey returns the hex SHA-256 of a key, as stored.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// IsKey reports whether s is shaped like an API key (it may still be unknown).
func IsKey(s string) bool {
	if len(s) != keyLen || !strings.HasPrefix(s, keyPrefix) || s[len(keyPrefix)+keyIDLen] != '_' {
		return false
	}
	if _, err := hex.DecodeString(s[len(keyPrefix) : len(keyPrefix)+keyIDLen]); err != nil {
		return false
	}
	secret, err := base64.RawURLEncoding.DecodeString(s[len(keyPrefix)+keyIDLen+1:])
	return err == nil && len(secret) == secretBytes
}

// LooksLikeKey reports whether s claims to be an API key rather than a
// token, by its prefix.
func LooksLikeKey(s string) bool { return strings.HasPrefix(s, keyPrefix) }
