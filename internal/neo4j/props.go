package neo4j

import (
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// props reads values out of a map returned by Cypher, tolerating missing keys.
type props map[string]any

func asProps(v any) props {
	switch m := v.(type) {
	case map[string]any:
		return m
	case dbtype.Node:
		return m.Props
	case dbtype.Relationship:
		return m.Props
	}
	return props{}
}

func (p props) str(k string) string {
	s, _ := p[k].(string)
	return s
}

func (p props) strs(k string) []string {
	list, _ := p[k].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p props) boolean(k string) bool {
	b, _ := p[k].(bool)
	return b
}

func (p props) intPtr(k string) *int {
	if n, ok := p[k].(int64); ok {
		i := int(n)
		return &i
	}
	return nil
}

func (p props) point(k string) *civic.GeoPoint {
	if pt, ok := p[k].(dbtype.Point2D); ok {
		return &civic.GeoPoint{Latitude: pt.Y, Longitude: pt.X}
	}
	return nil
}

// time reads a DATE or DATETIME property.
func (p props) time(k string) *time.Time {
	var t time.Time
	switch v := p[k].(type) {
	case dbtype.Date:
		t = v.Time()
	case time.Time:
		t = v.UTC()
	case dbtype.LocalDateTime:
		t = v.Time()
	default:
		return nil
	}
	return &t
}

func (p props) timeOr(k string) time.Time {
	if t := p.time(k); t != nil {
		return *t
	}
	return time.Time{}
}

func (p props) provenance() civic.Provenance {
	return civic.Provenance{
		Source: p.str("source"), SourceRecord: p.str("sourceRecord"),
		CreatedAt: p.timeOr("createdAt"), UpdatedAt: p.timeOr("updatedAt"),
		CreatedBy: p.str("createdBy"), UpdatedBy: p.str("updatedBy"), LastVerified: p.time("lastVerified"),
	}
}

// Values written to Neo4j.

// pointValue returns a WGS84 point parameter, or nil.
func pointValue(g *civic.GeoPoint) any {
	if g == nil {
		return nil
	}
	return neo4j.Point2D{X: g.Longitude, Y: g.Latitude, SpatialRefId: 4326}
}

// dateValue returns a DATE parameter, or nil.
func dateValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return neo4j.DateOf(*t)
}

// setter collects the properties an input sets. Properties are named by
// the code, never by the client; only values come from input.
type setter map[string]any

// text sets a text property; an empty string removes it.
func (s setter) text(k string, v *string) {
	if v != nil {
		s[k] = emptyToNil(*v)
	}
}

// enum sets a property from an enum value.
func enum[E ~string](s setter, k string, v *E) {
	if v != nil {
		s[k] = string(*v)
	}
}

func (s setter) value(k string, v any, present bool) {
	if present {
		s[k] = v
	}
}

func strOr(s *string, def string) string {
	if s == nil {
		return def
	}
	return *s
}

// record field access.
func field(r *neo4j.Record, k string) any {
	v, _ := r.Get(k)
	return v
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
