package neo4j

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// refs are the nodes a mutation refers to, checked inside its transaction
// before anything is written: a mutation that names a missing node writes nothing.
type refs struct {
	fields map[string]ref // by input field name
	themes []string
	extra  []func(ctx context.Context, t tx) error
}

type ref struct {
	kind civic.EntityKind
	ids  []string
}

var labels = map[civic.EntityKind]string{
	civic.KindOrganisation: "Organisation",
	civic.KindPerson:       "Person",
	civic.KindAsset:        "Asset",
	civic.KindPartnership:  "Partnership",
	civic.KindArea:         "Area",
	civic.KindTheme:        "Theme",

	civic.KindRecommendation: "Recommendation",
	civic.KindChampion:       "Champion",
	civic.KindIntroduction:   "Introduction",
	civic.KindListing:        "Listing",
	civic.KindSpaceNeed:      "SpaceNeed",
	civic.KindStory:          "Story",
}

func newRefs() *refs { return &refs{fields: map[string]ref{}} }

// node adds a reference from an input field to a node of the given kind;
// empty or nil IDs are ignored.
func (r *refs) node(field string, kind civic.EntityKind, id *string) *refs {
	if id != nil && *id != "" {
		r.fields[field] = ref{kind: kind, ids: []string{*id}}
	}
	return r
}

// also adds a check of its own, run first.
func (r *refs) also(check func(ctx context.Context, t tx) error) *refs {
	r.extra = append(r.extra, check)
	return r
}

// check runs the extra checks, then returns NOT_FOUND naming the first missing node, or BAD_USER_INPUT
// listing unknown theme slugs. (Skills are a free vocabulary, created on
// use, so they are not checked.)
func (r *refs) check(ctx context.Context, t tx) error {
	for _, check := range r.extra {
		if err := check(ctx, t); err != nil {
			return err
		}
	}
	if len(r.fields) == 0 && len(r.themes) == 0 {
		return nil
	}
	var parts []string
	params := map[string]any{"themes": r.themes}
	fields := sortedKeys(r.fields)
	for i, f := range fields {
		ref := r.fields[f]
		p := fmt.Sprintf("ids%d", i)
		params[p] = ref.ids
		// The label comes from the fixed table above, never from input.
		parts = append(parts, fmt.Sprintf("[x IN $%s WHERE NOT EXISTS { MATCH (n:%s {id: x}) WHERE n.deletedAt IS NULL }] AS missing%d", p, labels[ref.kind], i))
	}
	parts = append(parts, "[x IN $themes WHERE NOT EXISTS { MATCH (t:Theme {slug: x}) WHERE t.deletedAt IS NULL }] AS missingThemes")
	recs, err := t.run(ctx, "checkRefs", "RETURN "+strings.Join(parts, ", "), params)
	if err != nil {
		return err
	}
	rec := recs[0]
	for i, f := range fields {
		if missing := list(field(rec, fmt.Sprintf("missing%d", i))); len(missing) > 0 {
			e := civic.NotFound(r.fields[f].kind, fmt.Sprint(missing[0]))
			e.Fields = []civic.FieldError{{Field: f, Message: e.Message}}
			return e
		}
	}
	if missing := list(field(rec, "missingThemes")); len(missing) > 0 {
		var p civic.Problems
		for _, m := range missing {
			p.Add("themes", "no theme has the slug %q", m)
		}
		return p.Err()
	}
	return nil
}

func sortedKeys(m map[string]ref) []string {
	return slices.Sorted(maps.Keys(m))
}
