package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/importer"
)

func init() {
	importCommands = append(importCommands, func(a *app) *cobra.Command {
		return a.importCommand("360giving FILE...", "Import 360Giving grants (JSON, or the spreadsheet as CSV) as FUNDED edges from funders to recipients", `Import grants published to the 360Giving Standard: a JSON file ({"grants": [...]})
or the spreadsheet saved as CSV (column titles such as "Recipient Org:Identifier"
or paths such as "recipientOrganization.0.id"). Each grant is a FUNDED edge from
the funding organisation to the recipient, with its amount, date and
programme; organisations the city does not know yet are created, known ones
are left as they are. Company numbers lose no leading zeros; dates may be
written DD/MM/YYYY. Grants to individuals are not imported.`,
			func(path string, in io.Reader, dataset string) (importer.Reader, error) {
				if strings.HasSuffix(strings.ToLower(path), ".csv") {
					return importer.Giving360CSV(in, dataset)
				}
				return importer.Giving360JSON(in, dataset)
			})
	})
}
