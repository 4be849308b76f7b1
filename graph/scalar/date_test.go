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

func TestAsOfReadsDaysAndInstants(t *testing.T) {
	day, err := scalar.UnmarshalAsOf("2024-03-31")
	if err != nil || !day.Equal(time.Date(2024, 3, 31, 23, 59, 59, 999999999, time.UTC)) {
		t.Errorf("a day is its last instant: %v, %v", day, err)
	}
	at, err := scalar.UnmarshalAsOf("2024-03-31T10:00:00+01:00")
	if err != nil || !at.Equal(time.Date(2024, 3, 31, 9, 0, 0, 0, time.UTC)) || at.Location() != time.UTC {
		t.Errorf("an instant is read in UTC: %v, %v", at, err)
	}
	for _, v := range []any{"' OR 1=1 //", "31/03/2024", "", 20240331, nil} {
		if _, err := scalar.UnmarshalAsOf(v); civic.ErrorCode(err) != civic.CodeBadUserInput {
			t.Errorf("%#v: %v, want BAD_USER_INPUT", v, err)
		}
	}
}
