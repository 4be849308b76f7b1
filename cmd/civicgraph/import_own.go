package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/importer"
)

func init() {
	importCommands = append(importCommands, func(a *app) *cobra.Command {
		return a.importCommand("csv FILE...", "Import civicgraph's own CSV format (one record per row; see the README)", "",
			func(_ string, in io.Reader, _ string) (importer.Reader, error) { return importer.OwnCSV(in) })
	}, func(a *app) *cobra.Command {
		return a.importCommand("json FILE...", "Import civicgraph's own JSON format, as `export data --format json` writes it", "",
			func(_ string, in io.Reader, _ string) (importer.Reader, error) { return importer.OwnJSON(in) })
	})
}
