package neo4j

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Changes are recorded as (:Change) nodes keyed by the ID of what changed
// (targetId, indexed), not linked to it by an edge: edges (collaborations,
// links) can be targets too, history(id) is one index seek, and a change
// outlives a merge that moves or removes the edges of its target. One node
// holds all the fields of one write, as JSON, so that recording costs one
// node per write whatever the number of fields.

// bookkeeping are the properties every write touches; they are provenance,
// not content, and are not recorded as changes.
var bookkeeping = map[string]bool{
	"id": true, "updatedAt": true, "updatedBy": true, "createdAt": true, "createdBy": true,
	"source": true, "sourceRecord": true,
	// Derived from the HAS_THEME edges, whose changes are recorded as themes.
	"themeSlugs": true,
}

// Property kinds that JSON cannot tell apart from strings, for turning a
// recorded value back into a stored one (see storedValue).
var (
	dateProps     = map[string]bool{"since": true, "until": true, "lastVerified": true, "awardDate": true}
	datetimeProps = map[string]bool{"createdAt": true, "updatedAt": true, "deletedAt": true}
	pointProps    = map[string]bool{"location": true}
	listProps     = map[string]bool{"themes": true, "skills": true, "identifiers": true}
)

// jsonValue turns a property value, as written or as read back, into the
// value recorded in history and compared to tell whether a write changes
// anything: dates become "YYYY-MM-DD", instants RFC 3339 in UTC, points
// {latitude, longitude}, lists of strings []any of strings, numbers float64.
func jsonValue(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string, bool:
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case float64:
		return x
	case neo4j.Date:
		return x.Time().Format(time.DateOnly)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case dbtype.LocalDateTime:
		return x.Time().UTC().Format(time.RFC3339Nano)
	case neo4j.Point2D:
		return map[string]any{"latitude": x.Y, "longitude": x.X}
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = jsonValue(s)
		}
		return out
	}
	return fmt.Sprint(v)
}

// storedValue turns a recorded value of property k back into the value
// the store reads, so that a past state maps like a current one.
func storedValue(k string, v any) any {
	switch {
	case v == nil:
		return nil
	case pointProps[k]:
		m, _ := v.(map[string]any)
		lat, _ := m["latitude"].(float64)
		lon, _ := m["longitude"].(float64)
		return dbtype.Point2D{X: lon, Y: lat, SpatialRefId: 4326}
	case dateProps[k]:
		s, _ := v.(string)
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil
		}
		return dbtype.Date(t)
	case datetimeProps[k]:
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil
		}
		return t
	case listProps[k]:
		l, _ := v.([]any)
		return l
	}
	if f, ok := v.(float64); ok && f == math.Trunc(f) && (k == "capacity") {
		return int64(f)
	}
	return v
}

// emptyValue reports whether a value counts as absent: nil, "" or an
// empty list (stores never keep empty strings; lists read back empty).
func emptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// diff compares a record before and after a write (nil before: created)
// and returns the changed content fields, sorted by name. Values are
// compared as recorded (see jsonValue); bookkeeping is ignored.
func diff(before, after map[string]any) []civic.FieldChange {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []civic.FieldChange
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if bookkeeping[k] {
			continue
		}
		o, n := jsonValue(before[k]), jsonValue(after[k])
		if listProps[k] {
			// Themes, skills and identifiers are sets: their order means nothing.
			o, n = sortedList(o), sortedList(n)
		}
		if emptyValue(o) && emptyValue(n) || reflect.DeepEqual(o, n) {
			continue
		}
		out = append(out, civic.FieldChange{Field: k, Old: jsonText(o), New: jsonText(n)})
	}
	return out
}

func jsonText(v any) *string {
	if emptyValue(v) {
		return nil
	}
	b, _ := json.Marshal(v)
	s := string(b)
	return &s
}

// fieldsJSON encodes field changes for storage in a Change node.
func fieldsJSON(fs []civic.FieldChange) string {
	type fc struct {
		Field string          `json:"field"`
		Old   json.RawMessage `json:"old,omitempty"`
		New   json.RawMessage `json:"new,omitempty"`
	}
	out := make([]fc, len(fs))
	for i, f := range fs {
		out[i].Field = f.Field
		if f.Old != nil {
			out[i].Old = json.RawMessage(*f.Old)
		}
		if f.New != nil {
			out[i].New = json.RawMessage(*f.New)
		}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// parseFields decodes what fieldsJSON stored.
func parseFields(s string) []civic.FieldChange {
	var in []struct {
		Field string          `json:"field"`
		Old   json.RawMessage `json:"old"`
		New   json.RawMessage `json:"new"`
	}
	_ = json.Unmarshal([]byte(s), &in)
	out := make([]civic.FieldChange, len(in))
	for i, f := range in {
		out[i].Field = f.Field
		if len(f.Old) > 0 {
			o := string(f.Old)
			out[i].Old = &o
		}
		if len(f.New) > 0 {
			n := string(f.New)
			out[i].New = &n
		}
	}
	return out
}

// changeRow is one Change node to write: createChanges writes many at once.
func changeRow(target string, op civic.ChangeOp, fields []civic.FieldChange, source, sourceRecord, actor string, at time.Time) map[string]any {
	return map[string]any{
		"id": civic.NewID("chg"), "targetId": target, "op": string(op), "at": at,
		"fields": fieldsJSON(fields), "source": source, "sourceRecord": emptyToNil(sourceRecord), "actor": actor,
	}
}

// createChanges is the statement that writes change rows.
const createChanges = "UNWIND $changes AS ch CREATE (c:Change) SET c = ch"

// decodeJSON decodes a recorded value, nil for none.
func decodeJSON(s *string) any {
	if s == nil {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(*s), &v) != nil {
		return nil
	}
	return v
}

func nowUTC() time.Time { return time.Now().UTC() }

// sortedList sorts a recorded list of strings.
func sortedList(v any) any {
	l, ok := v.([]any)
	if !ok {
		return v
	}
	out := slices.Clone(l)
	slices.SortFunc(out, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	return out
}
