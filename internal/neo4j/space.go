package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A space is an Asset of kind building or room. Its offer lives on the
// asset (shareable, spaceUses, spaceDays, spaceTimes, spaceTerms,
// spaceNotes), and a room lies within a building: (room)-[:WITHIN]->(building).

const (
	spaceKinds = "['building', 'room']"
	// withinOf projects the building that room n lies within.
	withinOf = "[(n)-[:WITHIN]->(b_:Asset) WHERE b_.deletedAt IS NULL | b_ {.*, areaId: [(b_)-[:LOCATED_IN]->(x_:Area) WHERE x_.deletedAt IS NULL | x_.id][0], " +
		"themes: [(b_)-[:HAS_THEME]->(t_:Theme) WHERE t_.deletedAt IS NULL | t_.slug]}][0]"
	spaceOfferRow = "{assetId: n.id, within: " + withinOf + ", uses: coalesce(n.spaceUses, []), days: coalesce(n.spaceDays, []), " +
		"times: coalesce(n.spaceTimes, []), terms: n.spaceTerms, notes: n.spaceNotes, offered: coalesce(n.shareable, false)}"
)

func mapSpaceOffer(p props) *civic.SpaceOffer {
	o := &civic.SpaceOffer{
		AssetID: p.str("assetId"),
		Uses:    enums[civic.SpaceUse](p.strs("uses")),
		Days:    enums[civic.Weekday](p.strs("days")),
		Times:   enums[civic.TimeOfDay](p.strs("times")),
		Terms:   civic.SpaceTerms(p.str("terms")),
		Notes:   p.str("notes"),
		Offered: p.boolean("offered"),
	}
	if w, ok := p["within"].(map[string]any); ok {
		o.Within = mapAsset(w)
		o.WithinID = o.Within.ID
	}
	return o
}

func enums[E ~string](in []string) []E {
	out := make([]E, len(in))
	for i, s := range in {
		out[i] = E(s)
	}
	return out
}

// SpaceOffersOfAssets returns the offer of each building or room, nil for other assets.
func (s *Store) SpaceOffersOfAssets(ctx context.Context, assetIDs []string) ([]*civic.SpaceOffer, error) {
	return indexed(ctx, s, "spaceOffersOfAssets", `MATCH (n:Asset {id: $ids[i]}) WHERE n.deletedAt IS NULL AND n.kind IN `+spaceKinds+`
RETURN i, `+spaceOfferRow+` AS row`, assetIDs, nil, mapSpaceOffer)
}

// RoomsOfBuildings returns the rooms within each building, by name.
func (s *Store) RoomsOfBuildings(ctx context.Context, buildingIDs []string) ([][]*civic.Asset, error) {
	return indexed(ctx, s, "roomsOfBuildings", `MATCH (:Asset {id: $ids[i]})<-[:WITHIN]-(n:Asset) WHERE n.deletedAt IS NULL
WITH i, n ORDER BY n.name, n.id
RETURN i, {rooms: collect(`+assetRow+`)} AS row`, buildingIDs, nil, func(p props) []*civic.Asset {
		var rooms []*civic.Asset
		for _, r := range list(p["rooms"]) {
			rooms = append(rooms, mapAsset(asProps(r)))
		}
		return rooms
	})
}

// OfferSpace offers a building or room to share, or changes its offer.
func (s *Store) OfferSpace(ctx context.Context, assetID string, in civic.SpaceOfferInput) (*civic.SpaceOffer, error) {
	in.Normalise()
	return s.changeSpace(ctx, "offerSpace", assetID, func(t tx, kind civic.AssetKind) (setter, error) {
		if err := in.Validate(assetID, kind); err != nil {
			return nil, err
		}
		if in.WithinID != nil && *in.WithinID != "" {
			if err := checkBuilding(ctx, t, *in.WithinID); err != nil {
				return nil, err
			}
		}
		p := setter{"shareable": true}
		p.value("spaceUses", strs(in.Uses), in.Uses != nil)
		p.value("spaceDays", strs(in.Days), in.Days != nil)
		p.value("spaceTimes", strs(in.Times), in.Times != nil)
		enum(p, "spaceTerms", in.Terms)
		p.text("spaceNotes", in.Notes)
		return p, nil
	}, in.WithinID, civic.SourceOr(in.Source))
}

// WithdrawSpace stops offering a building or room; what the offer said is
// kept for when it is offered again.
func (s *Store) WithdrawSpace(ctx context.Context, assetID string) (*civic.SpaceOffer, error) {
	return s.changeSpace(ctx, "withdrawSpace", assetID, func(_ tx, kind civic.AssetKind) (setter, error) {
		if kind != civic.AssetBuilding && kind != civic.AssetRoom {
			var p civic.Problems
			p.Add("assetId", "only buildings and rooms are offered as space, not a %s", kind)
			return nil, p.Err()
		}
		return setter{"shareable": false}, nil
	}, nil, civic.DefaultSource)
}

// changeSpace loads the kind of a visible asset, lets change check it and
// name the properties to set, sets them and, when withinID is given, moves
// the room into that building ("" takes it out).
func (s *Store) changeSpace(ctx context.Context, name, assetID string, change func(t tx, kind civic.AssetKind) (setter, error), withinID *string, source string) (*civic.SpaceOffer, error) {
	return write(ctx, s, name, func(t tx) (*civic.SpaceOffer, error) {
		recs, err := t.run(ctx, name+"Load", "MATCH (n:Asset {id: $id}) WHERE n.deletedAt IS NULL RETURN n.kind AS kind", map[string]any{"id": assetID})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, withField(civic.NotFound(civic.KindAsset, assetID), "assetId")
		}
		kind, _ := field(recs[0], "kind").(string)
		props, err := change(t, civic.AssetKind(kind))
		if err != nil {
			return nil, err
		}
		return writeOne(ctx, t, name, `MATCH (n:Asset {id: $id})
SET n += $props, n.updatedAt = datetime()
WITH n
CALL (n) { WITH n WHERE $setWithin
  OPTIONAL MATCH (n)-[old:WITHIN]->(b:Asset) WHERE b.id <> $withinId DELETE old }
CALL (n) { WITH n WHERE $setWithin AND $withinId <> ''
  MATCH (b:Asset {id: $withinId}) MERGE (n)-[r:WITHIN]->(b) ON CREATE SET r += `+newEdge+` }
RETURN `+spaceOfferRow+" AS row", map[string]any{
			"id": assetID, "props": props, "setWithin": withinID != nil, "withinId": strOr(withinID, ""), "source": source,
		}, mapSpaceOffer)
	})
}

// checkBuilding fails unless id is a visible building.
func checkBuilding(ctx context.Context, t tx, id string) error {
	recs, err := t.run(ctx, "checkBuilding", "MATCH (n:Asset {id: $id}) WHERE n.deletedAt IS NULL RETURN n.kind AS kind", map[string]any{"id": id})
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return withField(civic.NotFound(civic.KindAsset, id), "withinId")
	}
	if kind, _ := field(recs[0], "kind").(string); kind != string(civic.AssetBuilding) {
		var p civic.Problems
		p.Add("withinId", "a room lies within a building, not a %s", kind)
		return p.Err()
	}
	return nil
}

func strs[E ~string](in []E) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// spaceSearch is the body of a search for space around the point here
// within the radius; its arguments are Cypher expressions written in this
// package (parameters, or the properties of a need), never input. It binds
// n (the space) and d (its distance in metres) for the rows that fit
// (civic.SpaceSearch.Fits), nearest first, at most limit. A room without a
// location of its own is as far as its building; both lookups use the
// point index on asset locations.
func spaceSearch(here, radius, people, uses, days, times, exclude, limit string) string {
	return fmt.Sprintf(`CALL (*) {
    MATCH (n:Asset) WHERE point.distance(n.location, %[1]s) <= %[2]s RETURN n, point.distance(n.location, %[1]s) AS d
    UNION
    MATCH (b:Asset)<-[:WITHIN]-(n:Asset) WHERE point.distance(b.location, %[1]s) <= %[2]s AND n.location IS NULL AND b.deletedAt IS NULL
    RETURN n, point.distance(b.location, %[1]s) AS d
  }
  WITH * WHERE n.deletedAt IS NULL AND n.kind IN `+spaceKinds+` AND coalesce(n.shareable, false)
    AND (%[3]s IS NULL OR n.capacity IS NULL OR n.capacity >= %[3]s)
    AND (size(coalesce(n.spaceUses, [])) = 0 OR all(u IN %[4]s WHERE u IN n.spaceUses))
    AND (size(coalesce(n.spaceDays, [])) = 0 OR size(%[5]s) = 0 OR any(x IN %[5]s WHERE x IN n.spaceDays))
    AND (size(coalesce(n.spaceTimes, [])) = 0 OR size(%[6]s) = 0 OR any(x IN %[6]s WHERE x IN n.spaceTimes))
    AND NOT EXISTS { (o:Organisation)-[s:STEWARDS]->(n) WHERE o.id = %[7]s AND s.deletedAt IS NULL }
  WITH n, d ORDER BY d ASC, n.name ASC, n.id ASC LIMIT %[8]s`, here, radius, people, uses, days, times, exclude, limit)
}

func mapSpaceMatch(p props) civic.SpaceMatch {
	return civic.SpaceMatch{Asset: mapAsset(asProps(p["asset"])), DistanceKm: km(p["distance"])}
}

const spaceMatchRow = "{asset: " + assetRow + ", distance: d}"

// FindSpace returns the shareable buildings and rooms near a place that
// fit the search, nearest first.
func (s *Store) FindSpace(ctx context.Context, in civic.SpaceSearch) ([]civic.SpaceMatch, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	here, err := s.placePoint(ctx, in.Near)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "findSpace",
		spaceSearch("$here", "$metres", "$people", "$uses", "$days", "$times", "''", "$limit")+"\nRETURN "+spaceMatchRow+" AS row",
		map[string]any{
			"here": here, "metres": metres(in.WithinKm), "people": deref(in.People), "uses": strs(in.Uses),
			"days": strs(in.Days), "times": strs(in.Times), "limit": in.Limit,
		})
	if err != nil {
		return nil, err
	}
	out := make([]civic.SpaceMatch, len(recs))
	for i, rec := range recs {
		out[i] = mapSpaceMatch(asProps(field(rec, "row")))
	}
	return out, nil
}

// MatchesForNeeds returns up to limit spaces for each need, nearest first,
// leaving out the needing organisation's own spaces. All needs are matched
// in one round trip.
func (s *Store) MatchesForNeeds(ctx context.Context, needIDs []string, limit int) ([][]civic.SpaceMatch, error) {
	var p civic.Problems
	if limit < 1 || limit > civic.MaxPageSize {
		p.Add("first", "must be between 1 and %d", civic.MaxPageSize)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return indexed(ctx, s, "matchesForNeeds", `MATCH (need:SpaceNeed {id: $ids[i]})<-[:NEEDS]-(org:Organisation)
WHERE need.deletedAt IS NULL AND org.deletedAt IS NULL
WITH i, need, org, `+needHere("need", "org")+` AS here
WHERE here IS NOT NULL
CALL (need, org, here) {
  `+spaceSearch("here", "need.withinKm * 1000", "need.people", "coalesce(need.uses, [])", "coalesce(need.days, [])",
		"coalesce(need.times, [])", "org.id", "$limit")+`
  RETURN collect(`+spaceMatchRow+`) AS rows
}
RETURN i, {matches: rows} AS row`, needIDs, map[string]any{"limit": limit}, func(p props) []civic.SpaceMatch {
		var out []civic.SpaceMatch
		for _, r := range list(p["matches"]) {
			out = append(out, mapSpaceMatch(asProps(r)))
		}
		return out
	})
}

// sharersOf lists the organisations that steward building n or a room within it.
const sharersOf = "COLLECT { MATCH (o_:Organisation)-[s_:STEWARDS]->(x_:Asset)-[:WITHIN*0..1]->(n) " +
	"WHERE s_.deletedAt IS NULL AND o_.deletedAt IS NULL AND x_.deletedAt IS NULL RETURN DISTINCT o_.id ORDER BY o_.id }"

// FindSharedBuildings returns the buildings that several organisations
// use, most organisations first. A building's edges bound its distinct
// organisations from above, so buildings with too few edges are passed
// over before their organisations are collected (once, for filter, order
// and answer alike).
func (s *Store) FindSharedBuildings(ctx context.Context, f civic.SharedBuildingFilter, p civic.PageArgs) (civic.Page[civic.SharedBuilding], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[civic.SharedBuilding]{}, err
	}
	least := 2
	if f.MinOrganisations != nil {
		least = *f.MinOrganisations
	}
	q := newFilter("size(sharers_) >= $least")
	q.params["least"] = least
	q.areas(f.AreaIDs)
	return listPage(ctx, s, listQuery{
		name: "sharedBuildings",
		match: `MATCH (n:Asset {kind: 'building'}) WHERE n.deletedAt IS NULL
  AND COUNT { (n)<-[:STEWARDS]-() } + COUNT { (n)<-[:WITHIN]-(:Asset)<-[:STEWARDS]-() } >= $least
WITH n, ` + sharersOf + ` AS sharers_`,
		filter: q,
		order:  "size(sharers_) DESC, n.name ASC, n.id ASC", reverse: "size(sharers_) ASC, n.name DESC, n.id DESC",
		project: "{building: " + assetRow + ", organisationIds: sharers_}",
	}, p, func(r props) civic.SharedBuilding {
		return civic.SharedBuilding{Building: mapAsset(asProps(r["building"])), OrganisationIDs: r.strs("organisationIds")}
	})
}

// UpsertSpaceOffers writes offers as given, for loaders: each asset is
// offered on the offer's terms and placed within its building, the WITHIN
// edge carrying prov.
func (s *Store) UpsertSpaceOffers(ctx context.Context, in []civic.SpaceOffer, prov civic.Provenance) error {
	rows := make([]map[string]any, len(in))
	for i, o := range in {
		rows[i] = map[string]any{"id": o.AssetID, "withinId": o.WithinID, "edge": edgeOf(prov), "props": map[string]any{
			"shareable": o.Offered, "spaceUses": strs(o.Uses), "spaceDays": strs(o.Days), "spaceTimes": strs(o.Times),
			"spaceTerms": emptyToNil(string(o.Terms)), "spaceNotes": emptyToNil(o.Notes),
		}}
	}
	return upsert(ctx, s, "upsertSpaceOffers", `MATCH (n:Asset {id: row.id}) SET n += row.props
WITH n, row
CALL (n, row) { WITH n, row WHERE row.withinId <> ''
  MATCH (b:Asset {id: row.withinId}) MERGE (n)-[r:WITHIN]->(b) ON CREATE SET r += row.edge }`, rows)
}
