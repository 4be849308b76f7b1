package exporter

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/civicgraph/civicgraph/internal/importer"
)

var provenanceColumns = []string{"source", "sourceRecord", "createdAt", "createdBy", "updatedAt", "updatedBy", "lastVerified", "deletedAt"}

// csvColumns are the columns of each kind's file, after type and before
// the provenance columns.
var csvColumns = map[string][]string{
	"theme":         {"id", "slug", "name", "description"},
	"area":          {"id", "name", "kind", "code", "parent", "latitude", "longitude"},
	"organisation":  {"id", "name", "kind", "orgId", "identifiers", "description", "website", "postcode", "address", "latitude", "longitude", "area", "themes", "needsAssetKinds", "needsSkills", "mergedInto"},
	"person":        {"id", "name", "bio", "email", "phone", "contactConsent", "discoverable", "area", "skills"},
	"asset":         {"id", "name", "kind", "description", "shareable", "capacity", "postcode", "latitude", "longitude", "area", "themes"},
	"partnership":   {"id", "name", "kind", "description", "since", "area", "themes"},
	"collaboration": {"id", "from", "to", "intensity", "description", "since", "until", "themes"},
	"funding":       {"id", "grantId", "from", "to", "title", "description", "amount", "currency", "awardDate", "programme"},
	"membership":    {"from", "to", "role", "since"},
	"stewardship":   {"from", "to", "role", "since"},
	"affiliation":   {"from", "to", "role", "since", "until"},
}

// CSVFile is the file name of a kind's records: organisations.csv.
func CSVFile(kind string) string {
	if kind == "person" {
		return "people.csv"
	}
	if strings.HasSuffix(kind, "y") && kind != "theme" {
		return strings.TrimSuffix(kind, "y") + "ies.csv"
	}
	return kind + "s.csv"
}

// CSV writes one file per kind of record into dir, in civicgraph's own
// CSV format with a type column, so that each imports back with `import
// csv`: lists are ";"-separated, locations are latitude and longitude. It
// returns the number of records written.
func CSV(ctx context.Context, src Source, dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	n := 0
	for _, kind := range Kinds {
		f, err := os.Create(filepath.Join(dir, CSVFile(kind)))
		if err != nil {
			return n, err
		}
		w := csv.NewWriter(f)
		cols := append(append([]string{"type"}, csvColumns[kind]...), provenanceColumns...)
		_ = w.Write(cols)
		err = each(ctx, src, kind, func(r importer.Record) error {
			n++
			return w.Write(csvRow(r, cols))
		})
		w.Flush()
		if err == nil {
			err = w.Error()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return n, fmt.Errorf("%s: %w", CSVFile(kind), err)
		}
	}
	return n, nil
}

// csvRow lays a record out in the given columns.
func csvRow(r importer.Record, cols []string) []string {
	b, _ := json.Marshal(r)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if r.Location != nil {
		m["latitude"], m["longitude"] = r.Location.Latitude, r.Location.Longitude
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		switch v := m[c].(type) {
		case nil:
		case string:
			out[i] = v
		case float64:
			out[i] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			out[i] = strconv.FormatBool(v)
		case []any:
			parts := make([]string, len(v))
			for j, x := range v {
				parts[j] = fmt.Sprint(x)
			}
			out[i] = strings.Join(parts, ";")
		}
	}
	return out
}
