package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// parseDate reads a day written as registers write them: 2024-03-31,
// 31/03/2024 (the UK's day-first order, as spreadsheets export it), or an
// instant such as 2024-03-31T09:00:00Z whose day is kept. Blank is nil.
func parseDate(s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006", "02-01-2006", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := civic.Day(t)
			return &d, nil
		}
	}
	return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD or DD/MM/YYYY)", s)
}

// parseInstant reads an RFC 3339 instant; blank is the zero time.
func parseInstant(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an instant such as 2026-01-31T09:00:00Z", s)
	}
	return t.UTC(), nil
}

// parseAmount reads a sum of money as spreadsheets write it: "£1,250.00",
// "1250", "1 250". Blank is nil.
func parseAmount(s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	clean := strings.NewReplacer("£", "", "$", "", "€", "", ",", "", " ", "", "GBP", "").Replace(s)
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || f != f {
		return nil, fmt.Errorf("%q is not an amount", s)
	}
	return &f, nil
}

// parseFloat reads a coordinate; blank is nil.
func parseFloat(s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%q is not a number", s)
	}
	return &f, nil
}

// point builds a location from a latitude and a longitude, both or neither.
func point(lat, lon *float64) (*civic.GeoPoint, error) {
	switch {
	case lat == nil && lon == nil:
		return nil, nil
	case lat == nil || lon == nil:
		return nil, fmt.Errorf("a location needs both latitude and longitude")
	}
	return &civic.GeoPoint{Latitude: *lat, Longitude: *lon}, nil
}

// splitList splits "food; housing" or "food,housing" into its items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == ',' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// slug turns a term ("Mental Health & Wellbeing") into a theme slug
// ("mental-health-wellbeing").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 64 {
		out = strings.TrimRight(out[:64], "-")
	}
	return out
}

// badRecord is a record that cannot be read, reported with its reason.
func badRecord(num int, format string, args ...any) civic.ImportRecord {
	return civic.ImportRecord{Num: num, Err: civic.Errorf(civic.CodeBadUserInput, format, args...)}
}

// ref turns a cell naming an organisation into a reference: a civicgraph
// ID (org_...) or an org-id identifier.
func ref(s string) civic.OrgRef {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, string(civic.KindOrganisation)+"_") {
		return civic.OrgRef{ID: s}
	}
	if s == "" {
		return civic.OrgRef{}
	}
	return civic.OrgRef{Identifiers: []string{civic.NormaliseOrgID(s)}}
}
