// Package scalar holds the GraphQL scalars that are not built into gqlgen.
package scalar

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// MarshalDate writes a calendar day as "YYYY-MM-DD".
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.DateOnly)))
	})
}

// UnmarshalDate reads a calendar day written as "YYYY-MM-DD". Its errors
// are the client's (BAD_USER_INPUT).
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, civic.Errorf(civic.CodeBadUserInput, "a Date must be a string such as \"2024-03-31\"")
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, civic.Errorf(civic.CodeBadUserInput, "%q is not a Date such as \"2024-03-31\"", s)
	}
	return t, nil
}
