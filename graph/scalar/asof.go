package scalar

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// MarshalAsOf writes an instant in RFC 3339, in UTC.
func MarshalAsOf(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
	})
}

// UnmarshalAsOf reads a day ("2024-03-31": the end of that day, UTC, so
// that everything known that day counts) or an instant in RFC 3339.
func UnmarshalAsOf(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, civic.Errorf(civic.CodeBadUserInput, "asOf must be a string such as \"2024-03-31\" or \"2024-03-31T09:00:00Z\"")
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.Add(24*time.Hour - time.Nanosecond), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, civic.Errorf(civic.CodeBadUserInput, "%q is not a day such as \"2024-03-31\" or an instant such as \"2024-03-31T09:00:00Z\"", s)
	}
	return t.UTC(), nil
}
