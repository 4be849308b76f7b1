package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

func init() { importCommands = append(importCommands, (*app).importPostcodesCommand) }

func (a *app) importPostcodesCommand() *cobra.Command {
	var o neo4j.PostcodeImport
	cmd := &cobra.Command{
		Use:   "postcodes FILE",
		Short: "Load a postcode table (CSV in the ONS Postcode Directory layout) for searches near a postcode",
		Long: `Load a postcode-to-coordinates table from a CSV file in the layout of the ONS
Postcode Directory (ONSPD): a header row, then one row per postcode. The
postcode (column pcds, pcd, pcd2, pcd7, pcd8 or postcode), latitude (lat or
latitude) and longitude (long, longitude, lon or lng) are read; other columns
are ignored. Postcodes are normalised ("b11 4bw" is B11 4BW). Rows without
coordinates (ONSPD's latitude 99.999999) are skipped and counted.

The file is streamed and written in batches in one transaction: a malformed
row is reported with its line number and nothing is written. Importing the
same file again changes nothing. For a table too large for one transaction
(the whole of the UK), pass --commit-every: the file is then read through
once first, so that a malformed row still writes nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := a.migratedStore(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			start := time.Now()
			table := discovery.PostcodeFile(args[0])
			n, err := store.ImportPostcodes(ctx, table.Rows(), o)
			if err != nil {
				return fmt.Errorf("importing postcodes from %s: %w", args[0], err)
			}
			a.log.Info("postcodes imported", "file", args[0], "postcodes", n, "skipped without coordinates", table.Skipped,
				"took", time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Source, "source", "onspd", "provenance recorded on every postcode")
	cmd.Flags().IntVar(&o.CommitEvery, "commit-every", 0, "commit after every so many rows (0: one transaction for the whole file)")
	return cmd
}
