// Package importer reads the registers that councils and voluntary-sector
// bodies already keep: civicgraph's own CSV and JSON formats, Open Referral
// UK (HSDS) directories and 360Giving grants. Each reader streams its file
// and yields one civic.ImportRecord per row or object, numbered by line or
// record, mapped onto organisations, assets, areas, themes, collaborations
// and grants; Run writes them in batches.
package importer

import (
	"github.com/civicgraph/civicgraph/internal/civic"
)

// Reader yields the records of a file one at a time, and io.EOF after the
// last. A record that cannot be read comes back with its Err set, and
// reading goes on; an error ends the file (a JSON syntax error, say).
type Reader interface {
	Next() (civic.ImportRecord, error)
}

type readerFunc func() (civic.ImportRecord, error)

func (f readerFunc) Next() (civic.ImportRecord, error) { return f() }

// csvLines is a reader of a CSV file, whose records are numbered by line.
func csvLines(next func() (civic.ImportRecord, error)) Reader {
	return readerFunc(func() (civic.ImportRecord, error) { return lined(next()) })
}
