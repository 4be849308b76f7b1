package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/exporter"
)

func init() {
	exportCommands = append(exportCommands, func(a *app) *cobra.Command {
		var format, out string
		cmd := &cobra.Command{
			Use:   "data --format json|csv [--output FILE|DIR]",
			Short: "Export every record, deleted ones included, in civicgraph's own JSON or CSV format (imports back as it was)",
			Long: `Export every record of the city, deleted and merged ones included, with their
IDs, identifiers and provenance, in civicgraph's own formats:

  --format json  one file (standard output unless --output FILE), one record a line;
                 "civicgraph import json" reads it back into the same graph
  --format csv   one file per kind of record in the directory --output DIR
                 (organisations.csv, collaborations.csv, ...), each of which
                 "civicgraph import csv" reads

People's email addresses and phone numbers are included: keep exports safe.
The change history is not exported.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				if format != "json" && format != "csv" {
					return fmt.Errorf("--format must be json or csv")
				}
				if format == "csv" && out == "" {
					return fmt.Errorf("--format csv needs --output DIR")
				}
				store, err := a.store(ctx)
				defer a.close(ctx, store)
				if err != nil {
					return err
				}
				var n int
				if format == "csv" {
					n, err = exporter.CSV(ctx, store, out)
				} else {
					var w io.Writer = cmd.OutOrStdout()
					if out != "" && out != "-" {
						f, ferr := os.Create(out)
						if ferr != nil {
							return ferr
						}
						defer f.Close()
						w = f
					}
					n, err = exporter.JSON(ctx, store, w)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "exported %d records\n", n)
				return nil
			},
		}
		cmd.Flags().StringVar(&format, "format", "json", "json or csv")
		cmd.Flags().StringVarP(&out, "output", "o", "", "the file (json; default standard output) or directory (csv) to write")
		return cmd
	})
}
