package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Places: organisations and assets found by where they are, near a point
// or on a map. Both kinds are matched through their point indexes
// (organisation_location, asset_location) and come back as one list.

const (
	// activeAffiliation holds for a current, visible affiliation f of a person p.
	activeAffiliation = "f.deletedAt IS NULL AND p.deletedAt IS NULL AND (f.until IS NULL OR f.until >= date())"
	// offered holds for an asset a that an organisation holds (stewardship
	// s) in a role that lets it lend the asset, and that it shares.
	offered = "s.deletedAt IS NULL AND a.deletedAt IS NULL AND s.role IN $holderRoles AND a.shareable = true"
	// heldSpace holds for an asset a_ (as holds names it) that is space or
	// equipment to share.
	heldSpace = "a_.shareable = true AND a_.kind IN $spaceKinds"
)

// placeBranch is one kind's part of a places query: the label it matches
// and the conditions on n.
type placeBranch struct {
	kind   civic.ResultKind
	label  string
	filter *filter
}

// placeBranches returns the branches the filter lets through, each with its
// conditions. Assets are limited to shareable ones when shareableOnly.
func placeBranches(f civic.PartnerFilter, defaults []civic.ResultKind, shareableOnly bool) []placeBranch {
	var out []placeBranch
	if f.Wants(civic.ResultOrganisation, defaults) {
		out = append(out, placeBranch{civic.ResultOrganisation, "Organisation", organisationPlaceFilter(f)})
	}
	// An asset has no skills: asking for skills leaves assets out.
	if f.Wants(civic.ResultAsset, defaults) && len(f.Skills) == 0 {
		out = append(out, placeBranch{civic.ResultAsset, "Asset", assetPlaceFilter(f, shareableOnly)})
	}
	return out
}

func organisationPlaceFilter(f civic.PartnerFilter) *filter {
	q := newFilter("n.deletedAt IS NULL")
	q.themes(f.Themes)
	if len(f.OrganisationKinds) > 0 {
		q.add("n.kind IN $organisationKinds", "organisationKinds", f.OrganisationKinds)
	}
	space, kinds := f.HasSpaceToShare, len(f.AssetKinds) > 0
	if kinds {
		q.params["assetKinds"] = f.AssetKinds
	}
	if space != nil && *space {
		// With kinds too, one asset must be shared space of such a kind.
		cond := holds(heldSpace)
		if kinds {
			cond = holds("a_.kind IN $assetKinds", heldSpace)
		}
		q.conds = append(q.conds, cond)
	} else {
		if kinds {
			q.conds = append(q.conds, holds("a_.kind IN $assetKinds"))
		}
		if space != nil {
			q.conds = append(q.conds, "NOT "+holds(heldSpace))
		}
	}
	if len(f.Skills) > 0 {
		// The variables end in _ so that they cannot capture variables of
		// the queries this condition is used in.
		q.add("EXISTS { (n)<-[f_:AFFILIATED_WITH]-(p_:Person)-[:HAS_SKILL]->(k_:Skill) WHERE k_.slug IN $skills AND "+
			"f_.deletedAt IS NULL AND p_.deletedAt IS NULL AND (f_.until IS NULL OR f_.until >= date()) }", "skills", f.Skills)
	}
	q.areas(f.AreaIDs)
	q.params["holderRoles"], q.params["spaceKinds"] = civic.HolderRoles, civic.SpaceKinds
	return q
}

// holds is the condition that organisation n holds, in a role that lets it
// lend it, a visible asset a_ meeting conds (written over a_).
func holds(conds ...string) string {
	return "EXISTS { (n)-[s_:STEWARDS]->(a_:Asset) WHERE s_.deletedAt IS NULL AND a_.deletedAt IS NULL AND s_.role IN $holderRoles AND " +
		strings.Join(conds, " AND ") + " }"
}

func assetPlaceFilter(f civic.PartnerFilter, shareableOnly bool) *filter {
	q := newFilter("n.deletedAt IS NULL")
	if shareableOnly {
		q.conds = append(q.conds, "n.shareable = true")
	}
	q.themes(f.Themes)
	if len(f.AssetKinds) > 0 {
		q.add("n.kind IN $assetKinds", "assetKinds", f.AssetKinds)
	}
	if sp := f.HasSpaceToShare; sp != nil {
		cond := "(coalesce(n.shareable, false) AND n.kind IN $spaceKinds)"
		if !*sp {
			cond = "NOT " + cond
		}
		q.conds = append(q.conds, cond)
	}
	if len(f.OrganisationKinds) > 0 {
		q.add("EXISTS { (n)<-[s_:STEWARDS]-(o_:Organisation) WHERE s_.deletedAt IS NULL AND o_.deletedAt IS NULL AND o_.kind IN $organisationKinds }",
			"organisationKinds", f.OrganisationKinds)
	}
	q.areas(f.AreaIDs)
	q.params["spaceKinds"] = civic.SpaceKinds
	return q
}

// placesQuery assembles the branches into one query: each branch matches
// with match (a format taking the label, binding n), then where (a
// condition that uses the point index), then its filter. Rows are sorted by
// order and every one is counted; only rows [$skip, $skip+$limit) are
// projected.
func placesQuery(branches []placeBranch, match, where, distance, order string) (string, map[string]any) {
	params := map[string]any{}
	parts := make([]string, len(branches))
	for i, b := range branches {
		conds := append([]string{where}, b.filter.conds...)
		parts[i] = fmt.Sprintf("%s WHERE %s RETURN n, '%s' AS kind", fmt.Sprintf(match, b.label), strings.Join(conds, " AND "), b.kind)
		for k, v := range b.filter.params {
			params[k] = v
		}
	}
	cypher := fmt.Sprintf(`CALL () { %s }
WITH n, kind, %s AS d
ORDER BY %s
WITH collect({n: n, kind: kind, d: d}) AS found
CALL (found) {
  UNWIND found[$skip..$skip + $limit] AS f
  WITH f.n AS n, f.kind AS kind, f.d AS d
  RETURN collect({kind: kind, d: d, row: CASE kind WHEN 'organisation' THEN %s ELSE %s END}) AS page
}
RETURN size(found) AS total, page`, strings.Join(parts, "\nUNION ALL\n"), distance, order, organisationRow, assetRow)
	return cypher, params
}

func mapPlace(p props) civic.Feature {
	row := asProps(p["row"])
	pl := civic.Feature{}
	if d, ok := p["d"].(float64); ok {
		pl.DistanceKm = d / 1000
	}
	if civic.ResultKind(p.str("kind")) == civic.ResultOrganisation {
		pl.Organisation = mapOrganisation(row)
	} else {
		pl.Asset = mapAsset(row)
	}
	return pl
}

// centreExpr is the centre of a distance search, from its parameters.
const centreExpr = "point({latitude: $lat, longitude: $lon})"

// nearbyQuery returns the Cypher and parameters of a distance search around
// centre; NearbyPartners runs it and tests read its plan.
func nearbyQuery(q civic.NearbyQuery, centre civic.GeoPoint, w civic.Window) (string, map[string]any) {
	branches := placeBranches(q.Filter, []civic.ResultKind{civic.ResultOrganisation}, true)
	if len(branches) == 0 {
		return "RETURN 0 AS total, [] AS page", map[string]any{}
	}
	cypher, params := placesQuery(branches, "MATCH (n:%s)",
		"point.distance(n.location, "+centreExpr+") <= $radius",
		"point.distance(n.location, "+centreExpr+")", "d ASC, n.id ASC")
	params["lat"], params["lon"], params["radius"] = centre.Latitude, centre.Longitude, q.RadiusKm*1000
	params["skip"], params["limit"] = w.Skip, w.Limit
	return cypher, params
}

// NearbyPartners returns the organisations (and, if asked, shareable
// assets) within the radius of a point or postcode, nearest first.
func (s *Store) NearbyPartners(ctx context.Context, q civic.NearbyQuery) (civic.Page[civic.Feature], error) {
	q.Normalise()
	if err := q.Validate(); err != nil {
		return civic.Page[civic.Feature]{}, err
	}
	w, err := q.Page.Window()
	if err != nil {
		return civic.Page[civic.Feature]{}, err
	}
	centre, err := s.locate(ctx, q.Near)
	if err != nil {
		return civic.Page[civic.Feature]{}, err
	}
	cypher, params := nearbyQuery(q, centre, w)
	rec, err := s.readOne(ctx, "nearbyPartners", cypher, params)
	if err != nil {
		return civic.Page[civic.Feature]{}, err
	}
	return pageFrom(w, rec, mapPlace), nil
}

// mapQuery returns the Cypher and parameters of a map query.
func mapQuery(q civic.MapQuery) (string, map[string]any) {
	branches := placeBranches(q.Filter, civic.PlaceKinds, false)
	if len(branches) == 0 {
		return "RETURN 0 AS total, [] AS page", map[string]any{}
	}
	var cypher string
	var params map[string]any
	if q.Box != nil {
		cypher, params = placesQuery(branches, "MATCH (n:%s)",
			"point.withinBBox(n.location, point({latitude: $south, longitude: $west}), point({latitude: $north, longitude: $east}))",
			"0.0", "n.id ASC")
		params["south"], params["west"], params["north"], params["east"] = q.Box.South, q.Box.West, q.Box.North, q.Box.East
	} else {
		cypher, params = placesQuery(branches, "MATCH (:Area {id: $areaId})<-[:PART_OF*0..]-(:Area)<-[:LOCATED_IN]-(n:%s)",
			"n.location IS NOT NULL", "0.0", "n.id ASC")
		params["areaId"] = *q.AreaID
	}
	params["skip"], params["limit"] = 0, q.Limit()
	return cypher, params
}

// PlacesOnMap returns the organisations and assets with a location in a
// box or an area (and the areas within it), up to the query's limit.
func (s *Store) PlacesOnMap(ctx context.Context, q civic.MapQuery) (civic.MapResult, error) {
	q.Normalise()
	if err := q.Validate(); err != nil {
		return civic.MapResult{}, err
	}
	if q.AreaID != nil {
		a, err := s.FindAreaByID(ctx, *q.AreaID)
		if err != nil {
			return civic.MapResult{}, err
		}
		if a == nil {
			return civic.MapResult{}, civic.NotFound(civic.KindArea, *q.AreaID)
		}
	}
	cypher, params := mapQuery(q)
	rec, err := s.readOne(ctx, "placesOnMap", cypher, params)
	if err != nil {
		return civic.MapResult{}, err
	}
	total, _ := field(rec, "total").(int64)
	rows := list(field(rec, "page"))
	out := civic.MapResult{Total: int(total), Places: make([]civic.Feature, len(rows))}
	for i, r := range rows {
		out.Places[i] = mapPlace(asProps(r))
	}
	return out, nil
}
