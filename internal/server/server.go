// Package server wires civicgraph's HTTP surface: GraphQL at /graphql (POST
// and GET, per the GraphQL-over-HTTP spec), GraphiQL at /graphiql, /healthz,
// /readyz and /metrics, behind CORS, security headers and request logging.
// GraphQL requests are authenticated (auth.go), rate limited
// (ratelimit.go), checked for size and shape (guard.go, limits.go,
// persisted.go) and bounded in time before they run; the access policy is
// enforced by the schema itself (graph/policy.go).
package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/civicgraph/civicgraph/graph"
	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/graphiql"
)

// Backend is what the server serves: the domain store, and a way to tell
// whether the database behind it is reachable.
type Backend interface {
	civic.Store
	Ping(ctx context.Context) error
}

// Options configure the HTTP surface.
type Options struct {
	CORSAllowedOrigins []string
	Introspection      bool
	GraphiQL           bool
	ComplexityLimit    int
	Logger             *slog.Logger
	// Metrics holds the service's Prometheus metrics; see NewMetrics.
	Metrics *Metrics
	// Prepared reports whether the database has been migrated (and seeded,
	// if asked); until it has, /readyz answers 503. Nil means prepared.
	Prepared func() bool
	// Auth checks credentials. Nil accepts the API keys the backend stores
	// (if it stores any) and no tokens.
	Auth *auth.Authenticator
	// Limits bound each request; zero fields take DefaultLimits.
	Limits Limits
	// RateLimits are the callers' rates; zero rates are unlimited.
	RateLimits RateLimits
	// Persisted are the persisted queries, and whether only they are allowed.
	Persisted PersistedQueries
	// SuggestionWeights score partner suggestions; nil means the defaults.
	SuggestionWeights *discovery.Weights
}

// New returns the HTTP handler of the service.
func New(b Backend, o Options) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(prometheus.NewRegistry())
	}
	if obs, ok := b.(interface {
		SetQueryObserver(func(string, time.Duration, error))
	}); ok {
		obs.SetQueryObserver(o.Metrics.ObserveQuery)
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", GraphQL(b, o))
	if o.GraphiQL {
		gi := graphiql.Handler("civicgraph", "/graphql")
		mux.Handle("/graphiql", gi)
		mux.Handle("/graphiql/", gi)
	}
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if o.Prepared != nil && !o.Prepared() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "preparing", "neo4j": "migrating"})
			return
		}
		if err := b.Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "neo4j": "unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "neo4j": "reachable"})
	})
	mux.Handle("/metrics", promhttp.HandlerFor(o.Metrics.gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && o.GraphiQL {
			http.Redirect(w, r, "/graphiql", http.StatusFound)
			return
		}
		http.NotFound(w, r)
	})
	return observeRequests(o.Logger, o.Metrics, secureHeaders(withCORS(o.CORSAllowedOrigins, mux)))
}

// GraphQL returns the GraphQL endpoint alone, with authentication, rate
// limits and request limits.
func GraphQL(b Backend, o Options) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Auth == nil {
		keys, _ := b.(civic.APIKeyService)
		o.Auth, _ = auth.New(keys, auth.Config{}) // cannot fail without tokens
	}
	o.Limits = o.Limits.withDefaults()
	rl := newRateLimiter(o.RateLimits)
	g := newGuard(o.Limits, executor(b, o))
	return withDeadline(o.Limits.Timeout, authenticate(o.Auth, rl, o.Logger, rl.middleware(g)))
}

// executor is gqlgen's handler with civicgraph's extensions.
func executor(b Backend, o Options) http.Handler {
	var opts []graph.Option
	if o.SuggestionWeights != nil {
		opts = append(opts, graph.WithSuggestionWeights(*o.SuggestionWeights))
	}
	srv := handler.New(graph.NewSchema(b, opts...))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(o.Limits.MaxTokens)
	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	// Parameter mutators run in this order: persisted documents (and the
	// allow-list) first, then automatic persisted queries, then the shape
	// limits on the document that will run.
	srv.Use(persisted{o.Persisted})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(newShapeLimits(o.Limits))
	if o.ComplexityLimit > 0 {
		srv.Use(extension.FixedComplexityLimit(o.ComplexityLimit))
	}
	if o.Metrics != nil {
		srv.Use(o.Metrics)
	}
	srv.SetErrorPresenter(presentError(o.Logger))
	srv.SetRecoverFunc(recoverPanic(o.Logger))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(loader.With(ctx, b))
	})
	return srv
}

// withCORS allows the configured origins only. With no origins configured
// the API sends no CORS headers at all (rs/cors would allow every origin),
// so browsers keep it same-origin. Credentials are never allowed with the
// wildcard origin.
func withCORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	wildcard := slices.Contains(origins, "*")
	return cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Content-Type", "Accept", "Authorization", "X-API-Key"},
		ExposedHeaders:   []string{"Retry-After"},
		AllowCredentials: !wildcard,
		MaxAge:           600,
	}).Handler(next)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
