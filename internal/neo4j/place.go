package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// nodes adds a reference from an input field to several nodes of one kind.
func (r *refs) nodes(field string, kind civic.EntityKind, ids []string) *refs {
	if len(ids) > 0 {
		r.fields[field] = ref{kind: kind, ids: ids}
	}
	return r
}

// placePoint returns the point a proximity search starts from: the point
// given, or the location of the area or organisation named. An unknown area
// or organisation is NOT_FOUND; one without a location is BAD_USER_INPUT.
func (s *Store) placePoint(ctx context.Context, pl civic.Place) (any, error) {
	if pl.Point != nil {
		return pointValue(pl.Point), nil
	}
	kind, id, input := civic.KindArea, deref(pl.AreaID), "near.areaId"
	if pl.OrganisationID != nil {
		kind, id, input = civic.KindOrganisation, *pl.OrganisationID, "near.organisationId"
	}
	// The label comes from the fixed table in refs.go, never from input.
	recs, err := s.read(ctx, "placePoint", "MATCH (n:"+labels[kind]+" {id: $id}) WHERE n.deletedAt IS NULL RETURN n.location AS location",
		map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, withField(civic.NotFound(kind, fmt.Sprint(id)), input)
	}
	loc := field(recs[0], "location")
	if loc == nil {
		var p civic.Problems
		p.Add(input, "the %s has no location to search from", kind.Name())
		return nil, p.Err()
	}
	return loc, nil
}

// metres converts a search radius.
func metres(km float64) float64 { return km * 1000 }

// km converts a distance that Cypher's point.distance returned.
func km(v any) float64 {
	m, _ := v.(float64)
	return m / 1000
}
