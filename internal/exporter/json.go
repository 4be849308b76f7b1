package exporter

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/civicgraph/civicgraph/internal/importer"
)

// JSON writes every record as {"civicgraph": 1, "records": [...]}, one
// record a line, kinds in import order and each kind in a fixed order, so
// that two exports of the same graph are byte for byte the same.
func JSON(ctx context.Context, src Source, out io.Writer) (int, error) {
	w := bufio.NewWriterSize(out, 64<<10)
	if _, err := io.WriteString(w, "{\"civicgraph\": 1, \"records\": [\n"); err != nil {
		return 0, err
	}
	n := 0
	for _, kind := range Kinds {
		err := each(ctx, src, kind, func(r importer.Record) error {
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			if n > 0 {
				if _, err := io.WriteString(w, ",\n"); err != nil {
					return err
				}
			}
			n++
			_, err = w.Write(b)
			return err
		})
		if err != nil {
			return n, err
		}
	}
	if _, err := io.WriteString(w, "\n]}\n"); err != nil {
		return n, err
	}
	return n, w.Flush()
}
