package importer

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Writer is where records go: the store writes a batch, each record whole
// or not at all, and says what happened to each.
type Writer interface {
	ImportBatch(ctx context.Context, dataset string, recs []civic.ImportRecord, strict bool) (civic.ImportResult, error)
}

// DefaultBatch is how many records one transaction writes.
const DefaultBatch = 1000

// DefaultWorkers is how many batches are written at the same time: two
// keep a database busy while the other batch is planned or committed.
const DefaultWorkers = 2

// Options tune a run.
type Options struct {
	Dataset string // the provenance source of what is written
	Strict  bool   // stop at the first rejected record (one batch at a time)
	Batch   int    // records per transaction; DefaultBatch if zero
	// Workers is how many batches may be written at once; DefaultWorkers
	// if zero. Batches that touch the same things never overlap.
	Workers int
	// Progress, if set, is told after each batch how many records have
	// been seen.
	Progress func(records int)
}

// Run reads every record and writes them in batches, and returns what
// happened. Memory holds a few batches, whatever the size of the file.
// Batches are written in file order, and up to Workers at once when they
// touch different things (see footprint); the summary and its rejections
// are in file order either way. A reading error that ends the file is
// counted as a rejection and returned after the records read before it are
// written.
func Run(ctx context.Context, w Writer, r Reader, o Options) (civic.ImportSummary, error) {
	size := o.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	workers := o.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	if o.Strict {
		workers = 1
	}
	s := newScheduler(ctx, w, o, workers)
	batch := make([]civic.ImportRecord, 0, size)
	for {
		if err := ctx.Err(); err != nil {
			sum, _ := s.wait()
			return sum, err
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.submit(batch)
			sum, werr := s.wait()
			if werr != nil {
				return sum, werr
			}
			sum.Add(civic.Rejected, &civic.Rejection{Num: rec.Num, Reason: err.Error()})
			return sum, err
		}
		batch = append(batch, rec)
		if len(batch) == size {
			if !s.submit(batch) {
				return s.wait()
			}
			batch = make([]civic.ImportRecord, 0, size)
		}
	}
	s.submit(batch)
	return s.wait()
}

// scheduler writes batches, up to workers at once, never two whose
// footprints conflict, and folds their results into the summary in the
// order of the file.
type scheduler struct {
	ctx     context.Context
	w       Writer
	o       Options
	workers int

	mu       sync.Mutex
	changed  *sync.Cond // a batch finished, or ctx ended
	running  map[int]*footprint
	next     int                  // sequence number of the next batch
	finished map[int]batchOutcome // done, not yet folded
	folded   int                  // the next batch to fold
	sum      civic.ImportSummary
	err      error // the first failure; nothing more is started after it
	stopped  bool  // a strict run met a rejection, or a batch failed
}

type batchOutcome struct {
	recs []civic.ImportRecord
	res  civic.ImportResult
	err  error
}

func newScheduler(ctx context.Context, w Writer, o Options, workers int) *scheduler {
	s := &scheduler{ctx: ctx, w: w, o: o, workers: workers, running: map[int]*footprint{}, finished: map[int]batchOutcome{}}
	s.changed = sync.NewCond(&s.mu)
	context.AfterFunc(ctx, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.changed.Broadcast()
	})
	return s
}

// submit starts writing a batch once a worker is free and no running batch
// conflicts with it. It reports false, starting nothing, if the run has
// stopped.
func (s *scheduler) submit(batch []civic.ImportRecord) bool {
	if len(batch) == 0 {
		return true
	}
	f := newFootprint()
	for i := range batch {
		f.add(&batch[i])
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.stopped && s.ctx.Err() == nil && (len(s.running) >= s.workers || s.blocked(f)) {
		s.changed.Wait()
	}
	if s.stopped || s.ctx.Err() != nil {
		return false
	}
	seq := s.next
	s.next++
	s.running[seq] = f
	go func() {
		res, err := s.w.ImportBatch(s.ctx, s.o.Dataset, batch, s.o.Strict)
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.running, seq)
		if err != nil {
			// Start nothing more; the batches already running finish.
			s.stopped = true
		}
		s.finished[seq] = batchOutcome{recs: batch, res: res, err: err}
		s.fold()
		s.changed.Broadcast()
	}()
	return true
}

func (s *scheduler) blocked(f *footprint) bool {
	for _, g := range s.running {
		if f.conflicts(g) {
			return true
		}
	}
	return false
}

// fold adds the finished batches that come next in the file to the summary.
func (s *scheduler) fold() {
	for {
		b, ok := s.finished[s.folded]
		if !ok {
			return
		}
		delete(s.finished, s.folded)
		s.folded++
		if b.err != nil {
			if s.err == nil {
				s.err = b.err
			}
			continue
		}
		for i, out := range b.res.Outcomes {
			switch out {
			case civic.Rejected:
				s.sum.Add(out, &civic.Rejection{Num: b.recs[i].Num, Line: b.recs[i].Line, File: b.recs[i].File, Reason: b.res.Reasons[i]})
				s.stopped = s.stopped || s.o.Strict
			case civic.Skipped:
			default:
				s.sum.Add(out, nil)
			}
		}
		if s.o.Progress != nil {
			s.o.Progress(s.sum.Total())
		}
	}
}

// wait waits for every running batch and returns the summary and the
// first failure.
func (s *scheduler) wait() (civic.ImportSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.running) > 0 {
		s.changed.Wait()
	}
	return s.sum, s.err
}
