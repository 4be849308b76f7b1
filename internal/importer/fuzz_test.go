package importer_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
)

// Every reader, fed anything, must end (with io.EOF or an error), never
// panic, and number its records in increasing order; a record either reads
// or carries its error. The seed corpora are the fixtures.

func seed(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(p)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

func fuzzReader(t *testing.T, data []byte, open func(io.Reader) (importer.Reader, error)) {
	r, err := open(bytes.NewReader(data))
	if err != nil {
		return
	}
	last := 0
	for i := 0; ; i++ {
		if i > len(data)+2 {
			t.Fatalf("more records than bytes: the reader does not end")
		}
		rec, err := r.Next()
		if err != nil {
			return
		}
		if rec.Num <= last {
			t.Fatalf("record number %d after %d", rec.Num, last)
		}
		last = rec.Num
		if rec.Err == nil && rec.Empty() {
			t.Fatalf("record %d holds nothing and no error", rec.Num)
		}
		if rec.Err != nil && civic.ErrorMessage(rec.Err) == "internal error" {
			t.Fatalf("record %d: an uncoded error %v", rec.Num, rec.Err)
		}
	}
}

func FuzzOwnCSV(f *testing.F) {
	seed(f, "../../examples/*.csv", "testdata/malformed/*.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, importer.OwnCSV) })
}

func FuzzOwnJSON(f *testing.F) {
	seed(f, "../../examples/*.json", "testdata/malformed/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, data, importer.OwnJSON) })
}

func FuzzHSDSJSON(f *testing.F) {
	seed(f, "testdata/hsds/*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzReader(t, data, func(in io.Reader) (importer.Reader, error) { return importer.HSDSJSON(in, "fuzz") })
	})
}

func FuzzGiving360JSON(f *testing.F) {
	seed(f, "testdata/360giving/*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzReader(t, data, func(in io.Reader) (importer.Reader, error) { return importer.Giving360JSON(in, "fuzz") })
	})
}

func FuzzGiving360CSV(f *testing.F) {
	seed(f, "testdata/360giving/*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzReader(t, data, func(in io.Reader) (importer.Reader, error) { return importer.Giving360CSV(in, "fuzz") })
	})
}
