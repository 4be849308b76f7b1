package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/civicgraph/civicgraph/internal/config"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
)

// app holds what every command shares: the settings and a logger.
type app struct {
	v      *viper.Viper
	cfg    config.Config
	log    *slog.Logger
	stopDB func(context.Context) error // stops a managed Neo4j, if one was started
}

// run executes the command line and returns the process exit code.
func run(ctx context.Context, args []string) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{v: config.New()}
	root := a.rootCommand()
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		var exit exitCode
		if errors.As(err, &exit) {
			return int(exit)
		}
		fmt.Fprintln(os.Stderr, "civicgraph:", err)
		return 1
	}
	return 0
}

// exitCode is returned by commands that pass on another program's exit code.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "civicgraph",
		Short: "The collective memory of a city: organisations, people, assets, partnerships and who collaborates with whom",
		Long: `civicgraph serves a GraphQL API over a Neo4j graph of a city's organisations,
people, assets, partnerships, areas and themes, and the collaborations between them.

Settings come from flags, CIVICGRAPH_* environment variables and civicgraph.yaml,
in that order of priority. Every command accepts every setting; run
"civicgraph serve --help" to see them all. With no Neo4j URI configured,
civicgraph installs (on first use) and runs a managed local Neo4j.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			file, _ := cmd.Flags().GetString("config")
			cfg, err := config.Load(a.v, file)
			if err != nil {
				return err
			}
			a.cfg = cfg
			a.log = newLogger(cfg)
			slog.SetDefault(a.log)
			return nil
		},
	}
	config.AddFlags(root.PersistentFlags(), a.v)
	root.AddCommand(a.serveCommand(), a.migrateCommand(), a.seedCommand(), a.neo4jCommand())
	for _, c := range commands {
		root.AddCommand(c(a))
	}
	return root
}

// commands are the further commands, registered by the file that defines
// each (import, export ...).
var commands []func(*app) *cobra.Command

func newLogger(c config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// localOptions are the managed Neo4j's options from the settings.
func (a *app) localOptions() neo4jlocal.Options {
	l := a.cfg.Neo4j.Local
	return neo4jlocal.Options{Dir: l.Dir, BoltPort: l.BoltPort, HeapMax: l.Heap, PageCache: l.PageCache, Logger: a.log}
}

// store connects to the configured Neo4j, first starting the managed local
// one when no URI is configured. It does not wait for Neo4j to answer.
func (a *app) store(ctx context.Context) (*neo4j.Store, error) {
	uri := a.cfg.Neo4j.URI
	if uri == "" {
		a.log.Info("no Neo4j URI configured: starting the managed local Neo4j")
		srv, err := neo4jlocal.Start(ctx, a.localOptions())
		if err != nil {
			return nil, fmt.Errorf("starting the managed Neo4j: %w", err)
		}
		a.stopDB = srv.Stop
		uri = srv.URI()
		a.log.Info("managed Neo4j is up", "uri", uri)
	}
	return neo4j.New(neo4j.Config{
		URI: uri, User: a.cfg.Neo4j.User, Password: a.cfg.Neo4j.Password,
		Database: a.cfg.Neo4j.Database, QueryTimeout: a.cfg.Neo4j.QueryTimeout,
	})
}

// close closes the store and stops the managed Neo4j if this process started it.
// migratedStore is store with the migrations applied, for commands that
// write. Close it with close, also when it fails.
func (a *app) migratedStore(ctx context.Context) (*neo4j.Store, error) {
	store, err := a.store(ctx)
	if err != nil {
		return store, err
	}
	return store, store.Migrate(ctx)
}

func (a *app) close(ctx context.Context, s *neo4j.Store) {
	if s != nil {
		_ = s.Close(ctx)
	}
	if a.stopDB != nil {
		if err := a.stopDB(context.WithoutCancel(ctx)); err != nil {
			a.log.Error("stopping the managed Neo4j", "err", err)
		}
	}
}

// describeSettings lists every setting for help texts.
func describeSettings() string {
	var b strings.Builder
	for _, s := range config.Settings {
		fmt.Fprintf(&b, "  %-26s %-40s %s\n", s.Key, s.Env(), s.Usage)
	}
	return b.String()
}
