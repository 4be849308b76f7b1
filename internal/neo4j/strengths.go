package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// strengthsOf counts what lies in area p or in the areas within it: assets
// by kind, people with skills and their distinct skills, organisations and
// associations. It binds assets, skilled, skills, organisations and associations.
const strengthsOf = `
CALL (p) { MATCH (p)<-[:PART_OF*0..]-(x:Area) WHERE x.deletedAt IS NULL RETURN collect(x) AS within }
CALL (within) { UNWIND within AS x MATCH (x)<-[:LOCATED_IN]-(n:Asset) WHERE n.deletedAt IS NULL
  WITH n.kind AS kind, count(*) AS c RETURN collect({kind: kind, count: c}) AS assets }
CALL (within) { UNWIND within AS x OPTIONAL MATCH (x)<-[:LOCATED_IN]-(n:Person)-[:HAS_SKILL]->(k:Skill) WHERE n.deletedAt IS NULL
  RETURN count(DISTINCT n) AS skilled, count(DISTINCT k) AS skills }
CALL (within) { UNWIND within AS x OPTIONAL MATCH (x)<-[:LOCATED_IN]-(n:Organisation) WHERE n.deletedAt IS NULL
  RETURN count(n) AS organisations, count(CASE WHEN n.kind IN $associations THEN 1 END) AS associations }`

const strengthsRow = "{areaId: p.id, assets: assets, skilled: skilled, skills: skills, organisations: organisations, associations: associations}"

func mapStrengths(p props) *civic.AreaStrengths {
	byKind := map[civic.AssetKind]int{}
	for _, r := range list(p["assets"]) {
		row := asProps(r)
		n, _ := row["count"].(int64)
		byKind[civic.AssetKind(row.str("kind"))] += int(n)
	}
	n := func(k string) int { v, _ := p[k].(int64); return int(v) }
	return &civic.AreaStrengths{
		AreaID: p.str("areaId"), Assets: civic.CategoryCounts(byKind), SkilledPeople: n("skilled"), Skills: n("skills"),
		Organisations: n("organisations"), Associations: n("associations"),
	}
}

func associationKinds() []string { return strs(civic.AssociationKinds) }

// StrengthsOfAreas returns the strengths of each area, nil for unknown areas.
func (s *Store) StrengthsOfAreas(ctx context.Context, areaIDs []string) ([]*civic.AreaStrengths, error) {
	return indexed(ctx, s, "strengthsOfAreas", `MATCH (p:Area {id: $ids[i]}) WHERE p.deletedAt IS NULL`+strengthsOf+`
RETURN i, `+strengthsRow+` AS row`, areaIDs, map[string]any{"associations": associationKinds()}, mapStrengths)
}

// FindStrengths returns the strengths of the areas of a scope, by area
// name: a page of areas, then their strengths in a second round trip.
func (s *Store) FindStrengths(ctx context.Context, scope civic.AreaScope, p civic.PageArgs) (civic.Page[*civic.AreaStrengths], error) {
	scope.Normalise()
	if err := scope.Validate(); err != nil {
		return civic.Page[*civic.AreaStrengths]{}, err
	}
	q := newFilter("p.deletedAt IS NULL", "p.kind = $areaKind", "($parentId IS NULL OR EXISTS { (p)-[:PART_OF*1..]->(:Area {id: $parentId}) })")
	scopeParams(scope, q.params)
	areas, err := listPage(ctx, s, listQuery{
		name: "strengths", match: "MATCH (p:Area)", filter: q, order: "p.name ASC, p.id ASC", reverse: "p.name DESC, p.id DESC",
		project: "{id: p.id}",
	}, p, func(r props) string { return r.str("id") })
	if err != nil {
		return civic.Page[*civic.AreaStrengths]{}, err
	}
	items, err := s.StrengthsOfAreas(ctx, areas.Items)
	return civic.Page[*civic.AreaStrengths]{Items: items, Offset: areas.Offset, Total: areas.Total}, err
}
