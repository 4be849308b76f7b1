package main

import (
	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/server"
)

// protection returns the server options that authenticate and limit
// requests, from the settings.
func (a *app) protection(store *neo4j.Store) (server.Options, error) {
	c := a.cfg
	j := c.Auth.JWT
	authn, err := auth.New(store, auth.Config{
		JWT:         auth.JWTConfig{Secret: j.Secret, JWKSFile: j.JWKSFile, Issuer: j.Issuer, Audience: j.Audience, RoleClaim: j.RoleClaim},
		KeyCacheTTL: c.Auth.KeyCacheTTL,
	})
	if err != nil {
		return server.Options{}, err
	}
	proxies, err := c.Proxies()
	if err != nil {
		return server.Options{}, err
	}
	o := server.Options{
		Auth: authn,
		Limits: server.Limits{
			MaxDepth: c.GraphQL.MaxDepth, MaxAliases: c.GraphQL.MaxAliases, MaxFields: c.GraphQL.MaxFields,
			MaxTokens: c.GraphQL.MaxTokens, MaxBatch: c.GraphQL.MaxBatch,
			MaxBody: int64(c.HTTP.MaxBodyBytes), Timeout: c.HTTP.RequestTimeout, InFlight: c.HTTP.MaxInFlight,
		},
		RateLimits: server.RateLimits{
			IPRate: c.RateLimit.IPRPS, IPBurst: c.RateLimit.IPBurst,
			KeyRate: c.RateLimit.KeyRPS, KeyBurst: c.RateLimit.KeyBurst,
			TrustedProxies: proxies,
		},
		Persisted: server.PersistedQueries{Only: c.GraphQL.PersistedOnly},
	}
	if c.GraphQL.PersistedQueries != "" {
		if o.Persisted.Docs, err = server.LoadPersistedQueries(c.GraphQL.PersistedQueries); err != nil {
			return server.Options{}, err
		}
	}
	a.log.Info("request protection", "tokens", j.Secret != "" || j.JWKSFile != "",
		"persisted_queries", len(o.Persisted.Docs), "persisted_only", o.Persisted.Only,
		"rate_per_address", c.RateLimit.IPRPS, "rate_per_key", c.RateLimit.KeyRPS)
	return o, nil
}
