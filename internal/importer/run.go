package importer

import (
	"context"
	"errors"
	"io"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Writer is where records go: the store writes a batch, each record whole
// or not at all, and says what happened to each.
type Writer interface {
	ImportBatch(ctx context.Context, dataset string, recs []civic.ImportRecord, strict bool) (civic.ImportResult, error)
}

// DefaultBatch is how many records one transaction writes.
const DefaultBatch = 1000

// Options tune a run.
type Options struct {
	Dataset string // the provenance source of what is written
	Strict  bool   // stop at the first rejected record
	Batch   int    // records per transaction; DefaultBatch if zero
	// Progress, if set, is told after each batch how many records have
	// been seen.
	Progress func(records int)
}

// Run reads every record and writes them in batches, and returns what
// happened. Memory holds one batch, whatever the size of the file. A
// reading error that ends the file is counted as a rejection and returned
// after the records read before it are written.
func Run(ctx context.Context, w Writer, r Reader, o Options) (civic.ImportSummary, error) {
	var sum civic.ImportSummary
	size := o.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	batch := make([]civic.ImportRecord, 0, size)
	flush := func() (bool, error) {
		if len(batch) == 0 {
			return false, nil
		}
		res, err := w.ImportBatch(ctx, o.Dataset, batch, o.Strict)
		if err != nil {
			return true, err
		}
		stop := false
		for i, out := range res.Outcomes {
			switch out {
			case civic.Rejected:
				sum.Add(out, &civic.Rejection{Num: batch[i].Num, Line: batch[i].Line, File: batch[i].File, Reason: res.Reasons[i]})
				stop = stop || o.Strict
			case civic.Skipped:
			default:
				sum.Add(out, nil)
			}
		}
		batch = batch[:0]
		if o.Progress != nil {
			o.Progress(sum.Total())
		}
		return stop, nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if _, ferr := flush(); ferr != nil {
				return sum, ferr
			}
			sum.Add(civic.Rejected, &civic.Rejection{Num: rec.Num, Reason: err.Error()})
			return sum, err
		}
		batch = append(batch, rec)
		if len(batch) == size {
			if stop, err := flush(); err != nil || stop {
				return sum, err
			}
		}
	}
	_, err := flush()
	return sum, err
}
