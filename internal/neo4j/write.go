package neo4j

import (
	"context"
	"github.com/civicgraph/civicgraph/internal/civic"
	"time"
)

// withThemes adds the theme slugs a mutation refers to.
func (r *refs) withThemes(slugs []string) *refs {
	r.themes = append(r.themes, slugs...)
	return r
}

// withLinks adds the parameters of linkArea and linkThemes to params: an
// input's nil area or themes leave the links as they are.
func withLinks(params map[string]any, areaID *string, themes []string, source any) map[string]any {
	params["setArea"], params["areaId"] = areaID != nil, strOr(areaID, "")
	params["setThemes"], params["themes"] = themes != nil, nonNil(themes)
	params["source"] = source
	return params
}

// writeOne runs a statement that returns at most one row named "row" and
// maps it; nil when the statement matched nothing.
func writeOne[T any](ctx context.Context, t tx, name, cypher string, params map[string]any, mapRow func(props) *T) (*T, error) {
	recs, err := t.run(ctx, name, cypher, params)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return mapRow(asProps(field(recs[0], "row"))), nil
}

// upsertBatch is how many rows one upsert statement writes.
const upsertBatch = 1000

// upsert runs body once per row (bound to row) in batches of upsertBatch,
// all in one transaction, so that a failed load writes nothing.
func upsert(ctx context.Context, s *Store, name, body string, rows []map[string]any) error {
	_, err := write(ctx, s, name, func(t tx) (struct{}, error) {
		for start := 0; start < len(rows); start += upsertBatch {
			batch := rows[start:min(start+upsertBatch, len(rows))]
			if _, err := t.run(ctx, name, "UNWIND $rows AS row\n"+body, map[string]any{"rows": batch}); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func emptyToNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func timeValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

// deref returns the value p points to, or nil, for driver parameters.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// areaThemeRefs are the references of an input with an area and themes.
func areaThemeRefs(areaID *string, themes []string) *refs {
	return newRefs().node("areaId", civic.KindArea, areaID).withThemes(themes)
}
