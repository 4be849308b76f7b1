package importer_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
)

// sliceReader hands out records from a slice.
type sliceReader struct {
	recs []civic.ImportRecord
	err  error // returned after the records, instead of io.EOF, if set
}

func (r *sliceReader) Next() (civic.ImportRecord, error) {
	if len(r.recs) == 0 {
		if r.err != nil {
			return civic.ImportRecord{Num: 999}, r.err
		}
		return civic.ImportRecord{}, io.EOF
	}
	rec := r.recs[0]
	r.recs = r.recs[1:]
	return rec, nil
}

// fakeWriter stands in for the store: it "commits" organisations by their
// identifiers, rejects a collaboration whose organisations are not yet
// committed (as the store does), and records how many batches overlapped.
type fakeWriter struct {
	mu        sync.Mutex
	committed map[string]bool
	running   int
	most      int
	batches   int
	delay     func(batch []civic.ImportRecord) time.Duration
	fail      func(batch []civic.ImportRecord) error
	reject    func(rec civic.ImportRecord) bool
}

func newFakeWriter() *fakeWriter { return &fakeWriter{committed: map[string]bool{}} }

func (w *fakeWriter) ImportBatch(_ context.Context, _ string, recs []civic.ImportRecord, _ bool) (civic.ImportResult, error) {
	w.mu.Lock()
	w.running++
	w.batches++
	w.most = max(w.most, w.running)
	// What the batch can see is what was committed when it started.
	res := civic.ImportResult{Outcomes: make([]civic.ImportOutcome, len(recs)), Reasons: make([]string, len(recs))}
	var created []string
	for i, r := range recs {
		res.Outcomes[i] = civic.Created
		for _, c := range r.Collaborations {
			if !w.committed[c.From.Identifiers[0]] || !w.committed[c.To.Identifiers[0]] {
				res.Outcomes[i], res.Reasons[i] = civic.Rejected, "unknown organisation"
			}
		}
		if w.reject != nil && w.reject(r) {
			res.Outcomes[i], res.Reasons[i] = civic.Rejected, fmt.Sprintf("bad record %d", r.Num)
		}
		for _, o := range r.Organisations {
			created = append(created, o.Identifiers...)
		}
	}
	w.mu.Unlock()
	if w.delay != nil {
		time.Sleep(w.delay(recs))
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.running--
	if w.fail != nil {
		if err := w.fail(recs); err != nil {
			return civic.ImportResult{}, err
		}
	}
	for _, id := range created {
		w.committed[id] = true
	}
	return res, nil
}

func org(num int) civic.ImportRecord {
	return civic.ImportRecord{Num: num, Organisations: []civic.ImportOrganisation{{Identifiers: []string{fmt.Sprintf("GB-CHC-%d", num)}}}}
}

func collab(num, a, b int) civic.ImportRecord {
	ref := func(n int) civic.OrgRef { return civic.OrgRef{Identifiers: []string{fmt.Sprintf("GB-CHC-%d", n)}} }
	return civic.ImportRecord{Num: num, Collaborations: []civic.ImportCollaboration{{From: ref(a), To: ref(b)}}}
}

func person(num int) civic.ImportRecord {
	return civic.ImportRecord{Num: num, People: []civic.Person{{ID: fmt.Sprintf("per_%d", num)}}}
}

// people is n records of one person each, numbered from 1.
func people(n int) []civic.ImportRecord {
	var recs []civic.ImportRecord
	for i := 1; i <= n; i++ {
		recs = append(recs, person(i))
	}
	return recs
}

func TestRunWritesBatchesThatTouchDifferentThingsAtOnce(t *testing.T) {
	recs := people(40)
	w := newFakeWriter()
	w.delay = func([]civic.ImportRecord) time.Duration { return 50 * time.Millisecond }
	sum, err := importer.Run(context.Background(), w, &sliceReader{recs: recs}, importer.Options{Batch: 5, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 40 || w.batches != 8 {
		t.Fatalf("summary %+v after %d batches", sum, w.batches)
	}
	if w.most != 3 {
		t.Fatalf("at most %d batches ran at once, want 3", w.most)
	}
}

func TestRunWaitsForTheOrganisationsACollaborationNames(t *testing.T) {
	// Organisations, then collaborations between them in the very next
	// batches: each must wait until the organisations it names are
	// committed, or the store would reject it.
	var recs []civic.ImportRecord
	num := 0
	for round := 0; round < 5; round++ {
		first := num + 1
		for i := 0; i < 6; i++ {
			num++
			recs = append(recs, org(num))
		}
		for i := 0; i < 6; i++ {
			num++
			recs = append(recs, collab(num, first+i, first+(i+1)%6))
		}
	}
	w := newFakeWriter()
	// The organisations' batches are slow to commit.
	w.delay = func(b []civic.ImportRecord) time.Duration {
		if len(b[0].Organisations) > 0 {
			return 30 * time.Millisecond
		}
		return time.Millisecond
	}
	sum, err := importer.Run(context.Background(), w, &sliceReader{recs: recs}, importer.Options{Batch: 3, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rejected != 0 || sum.Created != len(recs) {
		t.Fatalf("summary %+v, rejections %v", sum, sum.Rejections)
	}
}

func TestRunReportsRejectionsInFileOrder(t *testing.T) {
	recs := people(20)
	w := newFakeWriter()
	// Earlier batches finish later.
	w.delay = func(b []civic.ImportRecord) time.Duration { return time.Duration(25-b[0].Num) * 2 * time.Millisecond }
	w.reject = func(r civic.ImportRecord) bool { return r.Num%3 == 0 }
	var progress []int
	sum, err := importer.Run(context.Background(), w, &sliceReader{recs: recs},
		importer.Options{Batch: 4, Workers: 3, Progress: func(n int) { progress = append(progress, n) }})
	if err != nil {
		t.Fatal(err)
	}
	if w.most < 2 {
		t.Fatalf("the batches never overlapped (at most %d at once)", w.most)
	}
	var nums []int
	for _, r := range sum.Rejections {
		nums = append(nums, r.Num)
	}
	if want := []int{3, 6, 9, 12, 15, 18}; !slices.Equal(nums, want) {
		t.Fatalf("rejections %v, want %v", nums, want)
	}
	if want := []int{4, 8, 12, 16, 20}; !slices.Equal(progress, want) {
		t.Fatalf("progress %v, want %v", progress, want)
	}
}

func TestStrictRunWritesOneBatchAtATimeAndStops(t *testing.T) {
	recs := people(20)
	w := newFakeWriter()
	w.delay = func([]civic.ImportRecord) time.Duration { return 5 * time.Millisecond }
	w.reject = func(r civic.ImportRecord) bool { return r.Num == 7 }
	sum, err := importer.Run(context.Background(), w, &sliceReader{recs: recs}, importer.Options{Batch: 4, Workers: 4, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if w.most != 1 {
		t.Fatalf("%d batches ran at once in a strict run", w.most)
	}
	if w.batches != 2 || sum.Rejected != 1 {
		t.Fatalf("%d batches written, summary %+v; want to stop after the second", w.batches, sum)
	}
}

func TestRunStopsAtAFailedBatch(t *testing.T) {
	recs := people(40)
	w := newFakeWriter()
	down := errors.New("database unavailable")
	w.fail = func(b []civic.ImportRecord) error {
		if b[0].Num == 9 {
			return down
		}
		return nil
	}
	_, err := importer.Run(context.Background(), w, &sliceReader{recs: recs}, importer.Options{Batch: 4, Workers: 2})
	if !errors.Is(err, down) {
		t.Fatalf("err = %v, want the batch's failure", err)
	}
	if w.batches > 5 {
		t.Fatalf("%d batches were written after the failure was known", w.batches)
	}
}

func TestRunWritesWhatItReadBeforeAReadingError(t *testing.T) {
	recs := people(10)
	w := newFakeWriter()
	broken := errors.New("unexpected end of file")
	sum, err := importer.Run(context.Background(), w, &sliceReader{recs: recs, err: broken}, importer.Options{Batch: 4})
	if !errors.Is(err, broken) {
		t.Fatalf("err = %v", err)
	}
	if sum.Created != 10 || sum.Rejected != 1 || sum.Rejections[0].Num != 999 {
		t.Fatalf("summary %+v", sum)
	}
}
