package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// partnerCandidates gathers, in one round trip, the organisations that
// might partner with `me` and the facts they are scored on. Candidates are
// those within $nearby metres, the partners of its partners and the other
// members of its partnerships; those it already collaborates with (or has
// collaborated with) are left out. Common partners and shared partnerships
// come back as separate lists keyed by ID, because they are counted once
// from `me` rather than once per candidate.
//
// What an organisation has is the skills of the people currently affiliated
// with it and the kinds of the assets it shares and holds in a lending role.
const partnerCandidates = `MATCH (me:Organisation {id: $id}) WHERE me.deletedAt IS NULL
WITH me,
  COLLECT { MATCH (me)-[c:COLLABORATES_WITH]-(p:Organisation) WHERE c.deletedAt IS NULL AND p.deletedAt IS NULL RETURN DISTINCT p } AS partners,
  [(me)-[:HAS_THEME]->(t:Theme) WHERE t.deletedAt IS NULL | t.slug] AS myThemes,
  coalesce(me.needsSkills, []) AS needSkills, coalesce(me.needsAssetKinds, []) AS needKinds,
  COLLECT { MATCH (me)<-[f:AFFILIATED_WITH]-(p:Person)-[:HAS_SKILL]->(k:Skill) WHERE ` + activeAffiliation + ` RETURN DISTINCT k.slug } AS mySkills,
  COLLECT { MATCH (me)-[s:STEWARDS]->(a:Asset) WHERE ` + offered + ` RETURN DISTINCT a.kind } AS myKinds
CALL (me, partners) {
  UNWIND partners AS p
  MATCH (p)-[c:COLLABORATES_WITH]-(n:Organisation)
  WHERE c.deletedAt IS NULL AND n <> me AND n.deletedAt IS NULL
  WITH DISTINCT n, p ORDER BY p.name
  WITH n, count(p) AS common, collect(p.name)[..3] AS names
  RETURN collect({n: n, common: common, names: names}) AS fof
}
CALL (me) {
  MATCH (me)-[m1:MEMBER_OF]->(ps:Partnership)<-[m2:MEMBER_OF]-(n:Organisation)
  WHERE m1.deletedAt IS NULL AND m2.deletedAt IS NULL AND ps.deletedAt IS NULL AND n <> me AND n.deletedAt IS NULL
  WITH DISTINCT n, ps ORDER BY ps.name
  WITH n, collect(ps.name) AS names
  RETURN collect({n: n, names: names}) AS comembers
}
CALL (me) {
  MATCH (n:Organisation) WHERE point.distance(n.location, me.location) <= $nearby AND n <> me AND n.deletedAt IS NULL
  RETURN collect(n) AS near
}
CALL (near, fof, comembers) {
  UNWIND near + [x IN fof | x.n] + [x IN comembers | x.n] AS n
  RETURN collect(DISTINCT n) AS pool
}
CALL (me, pool, myThemes, needSkills, needKinds, mySkills, myKinds) {
  UNWIND pool AS n
  WITH * WHERE NOT EXISTS { (me)-[c:COLLABORATES_WITH]-(n) WHERE c.deletedAt IS NULL } %s
  WITH *, point.distance(me.location, n.location) AS d
  WHERE $maxDistance IS NULL OR d <= $maxDistance
  RETURN collect({
    id: n.id, d: d,
    themes: [(n)-[:HAS_THEME]->(t:Theme) WHERE t.slug IN myThemes AND t.deletedAt IS NULL | t.name],
    haveSkills: CASE WHEN needSkills = [] THEN [] ELSE COLLECT { MATCH (n)<-[f:AFFILIATED_WITH]-(p:Person)-[:HAS_SKILL]->(k:Skill)
      WHERE k.slug IN needSkills AND ` + activeAffiliation + ` RETURN DISTINCT k.slug } END,
    haveKinds: CASE WHEN needKinds = [] THEN [] ELSE COLLECT { MATCH (n)-[s:STEWARDS]->(a:Asset) WHERE a.kind IN needKinds AND ` + offered + `
      RETURN DISTINCT a.kind } END,
    needSkills: [x IN coalesce(n.needsSkills, []) WHERE x IN mySkills],
    needKinds: [x IN coalesce(n.needsAssetKinds, []) WHERE x IN myKinds]
  }) AS candidates
}
RETURN candidates, [x IN fof | {id: x.n.id, common: x.common, names: x.names}] AS fof,
  [x IN comembers | {id: x.n.id, names: x.names}] AS comembers`

// PartnerCandidates returns the organisations that might partner with
// orgID, with what is known about each; see civic.DiscoveryService. An
// unknown organisation is NOT_FOUND.
func (s *Store) PartnerCandidates(ctx context.Context, orgID string, f civic.SuggestionFilter, nearbyKm float64) ([]civic.PartnerCandidate, error) {
	f.Normalise()
	var p civic.Problems
	p.CheckID("for", orgID, civic.KindOrganisation)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q := newFilter()
	q.themes(f.Themes)
	if len(f.OrganisationKinds) > 0 {
		q.add("n.kind IN $organisationKinds", "organisationKinds", f.OrganisationKinds)
	}
	q.areas(f.AreaIDs)
	where := ""
	if len(q.conds) > 0 {
		where = "AND " + strings.Join(q.conds, " AND ")
	}
	params := q.params
	params["id"], params["nearby"], params["maxDistance"] = orgID, nearbyKm*1000, nil
	params["holderRoles"] = civic.HolderRoles
	if f.MaxDistanceKm != nil {
		params["maxDistance"] = *f.MaxDistanceKm * 1000
	}
	recs, err := s.read(ctx, "partnerCandidates", fmt.Sprintf(partnerCandidates, where), params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, civic.NotFound(civic.KindOrganisation, orgID)
	}
	return mapCandidates(recs[0].AsMap()), nil
}

// mapCandidates joins the candidates with their common partners and shared
// partnerships.
func mapCandidates(rec map[string]any) []civic.PartnerCandidate {
	type common struct {
		n     int
		names []string
	}
	fof := map[string]common{}
	for _, r := range list(rec["fof"]) {
		p := asProps(r)
		n, _ := p["common"].(int64)
		fof[p.str("id")] = common{int(n), p.strs("names")}
	}
	shared := map[string][]string{}
	for _, r := range list(rec["comembers"]) {
		p := asProps(r)
		shared[p.str("id")] = p.strs("names")
	}
	rows := list(rec["candidates"])
	out := make([]civic.PartnerCandidate, len(rows))
	for i, r := range rows {
		p := asProps(r)
		id := p.str("id")
		c := civic.PartnerCandidate{
			OrganisationID:     id,
			SharedThemes:       p.strs("themes"),
			TheyHave:           civic.Needs{Skills: p.strs("haveSkills"), AssetKinds: assetKinds(p.strs("haveKinds"))},
			TheyNeed:           civic.Needs{Skills: p.strs("needSkills"), AssetKinds: assetKinds(p.strs("needKinds"))},
			CommonPartners:     fof[id].n,
			CommonPartnerNames: fof[id].names,
			SharedPartnerships: shared[id],
		}
		if d, ok := p["d"].(float64); ok {
			km := d / 1000
			c.DistanceKm = &km
		}
		out[i] = c
	}
	return out
}
