package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// maxNetworkCandidates bounds the partners of partners considered, keeping
// those with the most partners in common: a hub's partners' partners can be
// thousands, and those with one partner in common rank low anyway.
const maxNetworkCandidates = 300

// partnerCandidates gathers, in one round trip, the organisations that
// might partner with `me` and the facts they are scored on.
//
// The pool is the organisations within $nearby metres, the partners of its
// partners and the other members of its partnerships, less `me` and those it
// collaborates or has collaborated with. Each fact is then found from its
// own side (the skills `me` needs from the skills, the assets it needs from
// the assets of that kind) or from the candidates' properties (their themes
// and needs), rather than by walking each candidate's relationships: those
// are many (its collaborations, people and assets), and walking them for
// thousands of candidates costs far more. The facts come back as separate
// lists keyed by ID, joined by mapCandidates.
//
// What an organisation has is the skills of the people currently affiliated
// with it and the kinds of the assets it shares and holds in a lending role.
// %[1]s is the filter's conditions on a candidate n, each starting with AND.
const partnerCandidates = `MATCH (me:Organisation {id: $id}) WHERE me.deletedAt IS NULL
WITH me,
  COLLECT { MATCH (me)-[c:COLLABORATES_WITH]-(p:Organisation) WHERE c.deletedAt IS NULL AND p.deletedAt IS NULL RETURN DISTINCT p } AS partners,
  COLLECT { MATCH (me)-[:HAS_THEME]->(t:Theme) WHERE t.deletedAt IS NULL RETURN t {.slug, .name} } AS myThemes,
  coalesce(me.needsSkills, []) AS needSkills, coalesce(me.needsAssetKinds, []) AS needKinds,
  COLLECT { MATCH (me)<-[f:AFFILIATED_WITH]-(p:Person)-[:HAS_SKILL]->(k:Skill) WHERE ` + activeAffiliation + ` RETURN DISTINCT k.slug } AS mySkills,
  COLLECT { MATCH (me)-[s:STEWARDS]->(a:Asset) WHERE ` + offered + ` RETURN DISTINCT a.kind } AS myKinds
CALL (me, partners) {
  UNWIND partners AS p
  MATCH (p)-[c:COLLABORATES_WITH]-(n:Organisation)
  WHERE c.deletedAt IS NULL AND n <> me AND n.deletedAt IS NULL AND NOT n IN partners %[1]s
  WITH DISTINCT n, p ORDER BY p.name
  WITH n, count(p) AS common, collect(p.name)[..3] AS names
  ORDER BY common DESC, n.id LIMIT $maxNetwork
  RETURN collect({n: n, common: common, names: names}) AS fof
}
CALL (me, partners) {
  MATCH (me)-[m1:MEMBER_OF]->(ps:Partnership)<-[m2:MEMBER_OF]-(n:Organisation)
  WHERE m1.deletedAt IS NULL AND m2.deletedAt IS NULL AND ps.deletedAt IS NULL AND n <> me AND n.deletedAt IS NULL AND NOT n IN partners %[1]s
  WITH DISTINCT n, ps ORDER BY ps.name
  WITH n, collect(ps.name) AS names
  RETURN collect({n: n, names: names}) AS comembers
}
CALL (me, partners) {
  MATCH (n:Organisation) WHERE point.distance(n.location, me.location) <= $nearby AND n <> me AND n.deletedAt IS NULL AND NOT n IN partners %[1]s
  RETURN collect(n) AS near
}
CALL (near, fof, comembers) {
  UNWIND near + [x IN fof | x.n] + [x IN comembers | x.n] AS n
  RETURN collect(DISTINCT n) AS pool
}
WITH *, [x IN fof | x.n] + [x IN comembers | x.n] AS network
CALL (me, needSkills, network) {
  MATCH (k:Skill)<-[:HAS_SKILL]-(p:Person)-[f:AFFILIATED_WITH]->(n:Organisation)
  WHERE k.slug IN needSkills AND ` + activeAffiliation + ` AND ` + reachable + `
  WITH n, collect(DISTINCT k.slug) AS skills
  RETURN collect({id: n.id, skills: skills}) AS haveSkills
}
CALL (me, needKinds, network) {
  MATCH (a:Asset)<-[s:STEWARDS]-(n:Organisation)
  WHERE a.kind IN needKinds AND ` + offered + ` AND ` + reachable + `
  WITH n, collect(DISTINCT a.kind) AS kinds
  RETURN collect({id: n.id, kinds: kinds}) AS haveKinds
}
CALL (me, pool, myThemes, mySkills, myKinds) {
  UNWIND pool AS n
  WITH me, myThemes, mySkills, myKinds, n.id AS id, point.distance(me.location, n.location) AS d,
    coalesce(n.themeSlugs, []) AS themes, coalesce(n.needsSkills, []) AS skills, coalesce(n.needsAssetKinds, []) AS kinds
  WITH id, d, [t IN myThemes WHERE t.slug IN themes | t.name] AS shared,
    [x IN skills WHERE x IN mySkills] AS needSkills, [x IN kinds WHERE x IN myKinds] AS needKinds
  RETURN collect(id) AS ids, collect(d) AS distances,
    collect(CASE WHEN shared <> [] THEN {id: id, names: shared} END) AS themed,
    collect(CASE WHEN needSkills <> [] OR needKinds <> [] THEN {id: id, skills: needSkills, kinds: needKinds} END) AS theyNeed
}
RETURN ids, distances, themed, theyNeed, haveSkills, haveKinds,
  [x IN fof | {id: x.n.id, common: x.common, names: x.names}] AS fof,
  [x IN comembers | {id: x.n.id, names: x.names}] AS comembers`

// reachable holds for an organisation n within the pool's reach: near
// `me`, or in its network. (Checking n IN pool instead would compare n with
// thousands of nodes on every row.) Those reached but not in the pool are
// dropped when the lists are joined.
const reachable = "(point.distance(n.location, me.location) <= $nearby OR n IN network)"

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
	if f.MaxDistanceKm != nil {
		q.add("point.distance(n.location, me.location) <= $maxDistance", "maxDistance", *f.MaxDistanceKm*1000)
	}
	where := ""
	if len(q.conds) > 0 {
		where = "AND " + strings.Join(q.conds, " AND ")
	}
	params := q.params
	params["id"], params["nearby"], params["maxNetwork"] = orgID, nearbyKm*1000, maxNetworkCandidates
	params["holderRoles"] = civic.HolderRoles
	recs, err := s.read(ctx, "partnerCandidates", fmt.Sprintf(partnerCandidates, where), params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, civic.NotFound(civic.KindOrganisation, orgID)
	}
	return mapCandidates(recs[0].AsMap()), nil
}

// mapCandidates joins the lists of facts by organisation ID.
func mapCandidates(rec map[string]any) []civic.PartnerCandidate {
	ids, distances := list(rec["ids"]), list(rec["distances"])
	out := make([]civic.PartnerCandidate, len(ids))
	byID := make(map[string]*civic.PartnerCandidate, len(ids))
	for i, id := range ids {
		c := &out[i]
		c.OrganisationID, _ = id.(string)
		if d, ok := distances[i].(float64); ok {
			km := d / 1000
			c.DistanceKm = &km
		}
		byID[c.OrganisationID] = c
	}
	// each calls fn with the candidate of every row of a list, and the row.
	each := func(key string, fn func(c *civic.PartnerCandidate, row props)) {
		for _, r := range list(rec[key]) {
			row := asProps(r)
			if c := byID[row.str("id")]; c != nil {
				fn(c, row)
			}
		}
	}
	// Lists are sorted so that the reasons read the same every time.
	each("themed", func(c *civic.PartnerCandidate, r props) { c.SharedThemes = sorted(r.strs("names")) })
	each("haveSkills", func(c *civic.PartnerCandidate, r props) { c.TheyHave.Skills = sorted(r.strs("skills")) })
	each("haveKinds", func(c *civic.PartnerCandidate, r props) {
		c.TheyHave.AssetKinds = civic.AssetKindsOf(sorted(r.strs("kinds")))
	})
	each("theyNeed", func(c *civic.PartnerCandidate, r props) {
		c.TheyNeed = civic.Needs{Skills: sorted(r.strs("skills")), AssetKinds: civic.AssetKindsOf(sorted(r.strs("kinds")))}
	})
	each("fof", func(c *civic.PartnerCandidate, r props) {
		n, _ := r["common"].(int64)
		c.CommonPartners, c.CommonPartnerNames = int(n), r.strs("names")
	})
	each("comembers", func(c *civic.PartnerCandidate, r props) { c.SharedPartnerships = r.strs("names") })
	return out
}

func sorted(s []string) []string {
	slices.Sort(s)
	return s
}
