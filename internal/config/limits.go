package config

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// validateLimits checks the settings that protect the service: limits must
// be positive (a zero would switch a protection off by accident), rate
// limits may be zero (off) but not negative, and accepting tokens needs an
// issuer and an audience to check.
func (c Config) validateLimits() error {
	for name, v := range map[string]int{
		"http.max_body_bytes": c.HTTP.MaxBodyBytes,
		"graphql.max_depth":   c.GraphQL.MaxDepth, "graphql.max_aliases": c.GraphQL.MaxAliases,
		"graphql.max_fields": c.GraphQL.MaxFields, "graphql.max_tokens": c.GraphQL.MaxTokens,
		"graphql.max_batch": c.GraphQL.MaxBatch,
	} {
		if v <= 0 {
			return fmt.Errorf("config: %s must be positive", name)
		}
	}
	for name, v := range map[string]int{
		"ratelimit.ip_rps": c.RateLimit.IPRPS, "ratelimit.ip_burst": c.RateLimit.IPBurst,
		"ratelimit.key_rps": c.RateLimit.KeyRPS, "ratelimit.key_burst": c.RateLimit.KeyBurst,
		"http.max_in_flight": c.HTTP.MaxInFlight,
	} {
		if v < 0 {
			return fmt.Errorf("config: %s must not be negative", name)
		}
	}
	if c.HTTP.RequestTimeout <= 0 {
		return errors.New("config: http.request_timeout must be positive")
	}
	if c.GraphQL.PersistedOnly && c.GraphQL.PersistedQueries == "" {
		return errors.New("config: graphql.persisted_only needs graphql.persisted_queries")
	}
	if _, err := c.Proxies(); err != nil {
		return err
	}
	j := c.Auth.JWT
	if j.Secret != "" || j.JWKSFile != "" {
		if j.Secret != "" && len(j.Secret) < 32 {
			return errors.New("config: auth.jwt.secret must be at least 32 bytes")
		}
		if j.Issuer == "" || j.Audience == "" {
			return errors.New("config: accepting tokens needs auth.jwt.issuer and auth.jwt.audience")
		}
	}
	return nil
}

// Proxies returns http.trusted_proxies as prefixes; a bare address is a
// prefix of one address.
func (c Config) Proxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range c.HTTP.TrustedProxies {
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("config: trusted proxy %q is not an address or CIDR range", s)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("config: trusted proxy %q is not an address or CIDR range", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
