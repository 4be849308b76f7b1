package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/demo"
	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
	"github.com/civicgraph/civicgraph/internal/synth"
)

func (a *app) migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create the database's constraints and indexes (idempotent)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			store, err := a.migratedStore(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			a.log.Info("database migrated")
			return nil
		},
	}
}

func (a *app) seedCommand() *cobra.Command {
	var withDemo bool
	var size string
	cmd := &cobra.Command{
		Use:   "seed --demo | --synth S|M|L",
		Short: "Load the demo city (a deterministic Birmingham), or a large synthetic one; running it twice changes nothing",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if withDemo == (size != "") {
				return fmt.Errorf("pass either --demo or --synth SIZE")
			}
			ctx := cmd.Context()
			store, err := a.migratedStore(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			if size != "" {
				sz, err := synth.SizeNamed(size)
				if err != nil {
					return err
				}
				return synth.Load(ctx, store, synth.Generate(sz), a.log)
			}
			if err := demo.Load(ctx, store); err != nil {
				return err
			}
			a.log.Info("demo city loaded")
			return nil
		},
	}
	cmd.Flags().BoolVar(&withDemo, "demo", false, "load the demo city")
	cmd.Flags().StringVar(&size, "synth", "", "load a synthetic city for benchmarks: S (2k organisations), M (20k, 200k collaborations) or L (200k, 2M)")
	return cmd
}

func (a *app) neo4jCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "neo4j",
		Short: "Install and run the managed local Neo4j (5.26 Community, from Maven Central)",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "install",
		Short: "Download the managed Neo4j into the cache directory (done on first use anyway)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := neo4jlocal.Install(cmd.Context(), a.localOptions())
			if err == nil {
				fmt.Println(dir)
			}
			return err
		},
	}, &cobra.Command{
		Use:   "start",
		Short: "Run the managed Neo4j in the foreground until interrupted",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			srv, err := neo4jlocal.Start(ctx, a.localOptions())
			if err != nil {
				return err
			}
			fmt.Println(srv.URI())
			<-ctx.Done()
			return srv.Stop(context.WithoutCancel(ctx))
		},
	}, &cobra.Command{
		Use:   "exec -- COMMAND [ARGS...]",
		Short: "Start a managed Neo4j on a free port and a fresh database, run COMMAND with CIVICGRAPH_NEO4J_URI set, then stop it",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := a.localOptions()
			o.BoltPort = 0
			dataDir, err := os.MkdirTemp("", "civicgraph-neo4j-*")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dataDir)
			o.DataDir = dataDir
			code, err := neo4jlocal.Exec(cmd.Context(), o, args[0], args[1:]...)
			if err != nil {
				return err
			}
			if code != 0 {
				return exitCode(code)
			}
			return nil
		},
	})
	return cmd
}
