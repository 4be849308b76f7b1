package scalar_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/graph/scalar"
	"github.com/civicgraph/civicgraph/internal/civic"
)

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2024-03-31", "2024-02-30", "0000-01-01", "9999-12-31", "2024-3-1", "2024-03-31T00:00:00Z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := scalar.UnmarshalDate(s)
		if err != nil {
			if civic.ErrorCode(err) != civic.CodeBadUserInput {
				t.Fatalf("%q: %v is not the client's error", s, err)
			}
			return
		}
		// An accepted date is written back exactly as it was read.
		var b bytes.Buffer
		scalar.MarshalDate(d).MarshalGQL(&b)
		if b.String() != strconv.Quote(s) {
			t.Fatalf("%q was written back as %s", s, b.String())
		}
		if d.Location() != time.UTC || d.Hour() != 0 {
			t.Fatalf("%q read as %v", s, d)
		}
	})
}

func TestDateRejectsNonStrings(t *testing.T) {
	for _, v := range []any{20240331, nil, []byte("2024-03-31"), map[string]any{}} {
		if _, err := scalar.UnmarshalDate(v); civic.ErrorCode(err) != civic.CodeBadUserInput {
			t.Errorf("%#v: %v", v, err)
		}
	}
}
