package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/importer"
)

func init() {
	importCommands = append(importCommands, func(a *app) *cobra.Command {
		var f importFlags
		cmd := &cobra.Command{
			Use:   "csv FILE...",
			Short: "Import civicgraph's own CSV format (one record per row; see the README)",
			Args:  cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return a.runImport(cmd, f, args, func(_ string, in io.Reader, _ string) (importer.Reader, error) { return importer.OwnCSV(in) })
			},
		}
		f.add(cmd)
		return cmd
	}, func(a *app) *cobra.Command {
		var f importFlags
		cmd := &cobra.Command{
			Use:   "json FILE...",
			Short: "Import civicgraph's own JSON format, as `export data --format json` writes it",
			Args:  cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return a.runImport(cmd, f, args, func(_ string, in io.Reader, _ string) (importer.Reader, error) { return importer.OwnJSON(in) })
			},
		}
		f.add(cmd)
		return cmd
	})
}
