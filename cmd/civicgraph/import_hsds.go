package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/importer"
)

func init() {
	importCommands = append(importCommands, func(a *app) *cobra.Command {
		return a.importCommand("hsds PATH...", "Import an Open Referral UK (HSDS) directory: a JSON file of services or organizations, or a data package directory of CSV files", `Import an Open Referral UK (HSDS) directory. PATH is a JSON file (a list of
services as the Open Referral UK API serves them, with their organization,
locations and taxonomy terms; or of organizations or taxonomy terms) or a
directory holding the data package's CSV files (organizations.csv,
locations.csv, taxonomy_terms.csv, services.csv, physical_addresses.csv,
service_taxonomy.csv, service_at_location.csv).

Organizations become organisations, locations building assets they use,
taxonomy terms themes. Records update what they say and leave the rest alone.`,
			func(path string, in io.Reader, dataset string) (importer.Reader, error) {
				switch {
				case in == nil:
					return importer.HSDSDir(path, dataset)
				case strings.HasSuffix(strings.ToLower(path), ".json"), path == "-":
					return importer.HSDSJSON(in, dataset)
				}
				return nil, fmt.Errorf("give a .json file or a directory of CSV files")
			})
	})
}
