package main

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/demo"
	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/server"
)

func (a *app) serveCommand() *cobra.Command {
	var withDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the GraphQL API (GraphiQL at /graphiql)",
		Long: `Serve the GraphQL API at /graphql, GraphiQL at /graphiql, /healthz, /readyz and
/metrics. The database schema is migrated at start. If Neo4j is not reachable
yet, the service starts anyway, answers 503 on /readyz, and migrates as soon
as Neo4j answers.

Settings (flag --key-with-dashes, environment variable, description):
` + describeSettings(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.serve(cmd.Context(), withDemo)
		},
	}
	cmd.Flags().BoolVar(&withDemo, "demo", false, "load the demo city (idempotent) before serving")
	return cmd
}

func (a *app) serve(ctx context.Context, withDemo bool) error {
	weights, err := discovery.ParseWeights(a.cfg.Discovery.SuggestionWeights)
	if err != nil {
		return err
	}
	store, err := a.store(ctx)
	defer a.close(ctx, store)
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	metrics := server.NewMetrics(reg)
	store.OnHealthChange(func(up bool, cause error) {
		metrics.SetNeo4jUp(up)
		if up {
			a.log.Info("Neo4j answers again")
		} else {
			a.log.Warn("Neo4j is unreachable; requests fail at once until it answers", "err", cause)
		}
	})

	opts, err := a.protection(store)
	if err != nil {
		return err
	}
	var prepared atomic.Bool
	go func() { prepared.Store(a.prepare(ctx, store, withDemo)) }()

	opts.CORSAllowedOrigins = a.cfg.CORS.AllowedOrigins
	opts.Introspection = a.cfg.GraphQL.Introspection
	opts.GraphiQL = a.cfg.GraphQL.GraphiQL
	opts.ComplexityLimit = a.cfg.GraphQL.ComplexityLimit
	opts.SuggestionWeights = &weights
	opts.Logger = a.log
	opts.Metrics = metrics
	opts.Prepared = prepared.Load
	srv := &http.Server{
		Addr:              a.cfg.HTTP.Addr,
		Handler:           server.New(store, opts),
		ReadHeaderTimeout: 10 * time.Second,
		// A client that sends its body slowly, or reads the answer slowly,
		// must not hold a connection beyond the request's own time limit.
		ReadTimeout:  a.cfg.HTTP.RequestTimeout + 10*time.Second,
		WriteTimeout: a.cfg.HTTP.RequestTimeout + 10*time.Second,
		IdleTimeout:  2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	a.log.Info("serving", "addr", a.cfg.HTTP.Addr, "graphql", "/graphql", "graphiql", a.cfg.GraphQL.GraphiQL)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down", "timeout", a.cfg.HTTP.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.cfg.HTTP.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// prepare migrates the database (and loads the demo city if asked), retrying
// until Neo4j answers, so that the service can start before its database.
// It reports whether it finished.
func (a *app) prepare(ctx context.Context, store *neo4j.Store, withDemo bool) bool {
	// Waits stay short so that the service is ready soon after Neo4j is.
	for wait := time.Second; ; wait = min(2*wait, 5*time.Second) {
		err := store.Migrate(ctx)
		if err == nil && withDemo {
			err = demo.Load(ctx, store)
			if err == nil {
				a.log.Info("demo city loaded")
			}
		}
		if err == nil {
			a.log.Info("database ready")
			return true
		}
		a.log.Warn("database not ready; retrying", "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return false
		case <-time.After(wait):
		}
	}
}
