package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// mergeSteps move what the merged organisation m has to the kept one k, in
// order. Relationships cannot change ends in Neo4j, so an edge moves by
// being created again at k with the same properties (its ID included) and
// deleted at m; links k already has are left on m, hidden with it.
// Collaborations and grants between the two would join k to itself: they
// are marked deleted instead. Each step returns the IDs of the
// collaborations and grants it moved, whose history records the move.
var mergeSteps = []string{
	// Collaborations and grants, in both directions.
	moveEdge("COLLABORATES_WITH", true), moveEdge("COLLABORATES_WITH", false),
	moveEdge("FUNDED", true), moveEdge("FUNDED", false),
	`MATCH (m)-[c:COLLABORATES_WITH|FUNDED]-(k) WHERE c.deletedAt IS NULL
SET c.deletedAt = datetime(), c.updatedAt = datetime(), c.updatedBy = $actor RETURN collect(c.id) AS moved`,
	// Links, unless k already has the same.
	`MATCH (m)-[r:MEMBER_OF]->(x) WHERE NOT EXISTS { (k)-[:MEMBER_OF]->(x) }
WITH k, r, x, properties(r) AS p DELETE r CREATE (k)-[r2:MEMBER_OF]->(x) SET r2 = p RETURN [] AS moved`,
	`MATCH (m)-[r:STEWARDS]->(x) WHERE NOT EXISTS { (k)-[:STEWARDS {role: r.role}]->(x) }
WITH k, r, x, properties(r) AS p DELETE r CREATE (k)-[r2:STEWARDS]->(x) SET r2 = p RETURN [] AS moved`,
	`MATCH (x)-[r:AFFILIATED_WITH]->(m) WHERE NOT EXISTS { (x)-[:AFFILIATED_WITH {role: r.role}]->(k) }
WITH k, r, x, properties(r) AS p DELETE r CREATE (x)-[r2:AFFILIATED_WITH]->(k) SET r2 = p RETURN [] AS moved`,
	// Themes are pooled; the area is m's only if k has none.
	`MATCH (m)-[:HAS_THEME]->(t:Theme) MERGE (k)-[r:HAS_THEME]->(t) ON CREATE SET r.source = 'merge', r.createdAt = datetime(), r.updatedAt = datetime() RETURN [] AS moved`,
	`MATCH (m)-[:LOCATED_IN]->(a:Area) WHERE NOT EXISTS { (k)-[:LOCATED_IN]->(:Area) }
MERGE (k)-[r:LOCATED_IN]->(a) ON CREATE SET r.source = 'merge', r.createdAt = datetime(), r.updatedAt = datetime() RETURN [] AS moved`,
	// Identifiers, the primary one included; k keeps its own primary one.
	`WITH k, m, m.orgId AS primary REMOVE m.orgId
SET k.orgId = coalesce(k.orgId, primary)
WITH k, m, primary
CALL (k, primary) { WITH * WHERE primary IS NOT NULL
  MERGE (i:Identifier {id: primary}) ON CREATE SET i.scheme = split(primary, '-')[0] + '-' + split(primary, '-')[1], i.value = substring(primary, size(split(primary, '-')[0]) + size(split(primary, '-')[1]) + 2)
  SET i.org = k.id MERGE (k)-[:IDENTIFIED_BY]->(i) }
WITH DISTINCT k, m
OPTIONAL MATCH (m)-[r:IDENTIFIED_BY]->(i:Identifier)
CALL (k, r, i) { WITH * WHERE r IS NOT NULL MERGE (k)-[:IDENTIFIED_BY]->(i) SET i.org = k.id DELETE r }
RETURN [] AS moved`,
	// What k does not know, m may.
	`SET k.description = coalesce(k.description, m.description), k.website = coalesce(k.website, m.website),
  k.postcode = coalesce(k.postcode, m.postcode), k.address = coalesce(k.address, m.address),
  k.location = coalesce(k.location, m.location),
  k.mergedIds = coalesce(k.mergedIds, []) + m.id + coalesce(m.mergedIds, []),
  k.themeSlugs = [(k)-[:HAS_THEME]->(theme_:Theme) | theme_.slug],
  k.updatedAt = datetime(), k.updatedBy = $actor,
  m.mergedInto = k.id, m.deletedAt = datetime(), m.updatedAt = datetime(), m.updatedBy = $actor
MERGE (m)-[:MERGED_INTO]->(k)
RETURN [] AS moved`,
}

// moveEdge is the step that moves m's edges of type rel (outgoing or
// incoming) to k, except those with k itself.
func moveEdge(rel string, out bool) string {
	pattern, create := "(m)-[c:%[1]s]->(x)", "(k)-[c2:%[1]s]->(x)"
	if !out {
		pattern, create = "(x)-[c:%[1]s]->(m)", "(x)-[c2:%[1]s]->(k)"
	}
	return fmt.Sprintf("MATCH "+pattern+" WHERE x <> k\nWITH k, c, x, properties(c) AS p DELETE c CREATE "+create+" SET c2 = p, c2.updatedAt = datetime(), c2.updatedBy = $actor RETURN collect(c2.id) AS moved", rel)
}

// orgWithIdentifiers projects an organisation with its identifiers, for
// recording what a merge changes.
const orgWithIdentifiers = "n {.*, areaId: " + areaIDOf + ", themes: " + themesOf + ", identifiers: [(n)-[:IDENTIFIED_BY]->(i_:Identifier) | i_.id]}"

// MergeOrganisations merges one organisation into another; see civic.MemoryService.
func (s *Store) MergeOrganisations(ctx context.Context, keepID, mergeID string) (*civic.Organisation, error) {
	if keepID == mergeID {
		var p civic.Problems
		p.Add("mergeId", "an organisation cannot be merged into itself")
		return nil, p.Err()
	}
	return write(ctx, s, "mergeOrganisations", func(t tx) (*civic.Organisation, error) {
		if err := lockPair(ctx, t, keepID, mergeID); err != nil {
			return nil, err
		}
		load := func() (props, props, error) {
			recs, err := t.run(ctx, "mergeLoad", "UNWIND [$keep, $merge] AS id MATCH (n:Organisation {id: id}) RETURN id, "+orgWithIdentifiers+" AS row",
				map[string]any{"keep": keepID, "merge": mergeID})
			if err != nil {
				return nil, nil, err
			}
			rows := map[string]props{}
			for _, r := range recs {
				rows[field(r, "id").(string)] = asProps(field(r, "row"))
			}
			return rows[keepID], rows[mergeID], nil
		}
		k0, m0, err := load()
		if err != nil {
			return nil, err
		}
		if k0 == nil || m0 == nil || k0["deletedAt"] != nil || m0["deletedAt"] != nil {
			return nil, civic.Errorf(civic.CodeNotFound, "both organisations must exist and not be deleted")
		}
		params := map[string]any{"keep": keepID, "merge": mergeID, "actor": civic.ActorFrom(ctx)}
		var moved []string
		for i, step := range mergeSteps {
			recs, err := t.run(ctx, fmt.Sprintf("mergeStep%d", i), "MATCH (k:Organisation {id: $keep}), (m:Organisation {id: $merge})\n"+step, params)
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				for _, id := range list(field(r, "moved")) {
					moved = append(moved, id.(string))
				}
			}
		}
		k1, m1, err := load()
		if err != nil {
			return nil, err
		}
		if err := recordChange(ctx, t, keepID, civic.OpMerge, k0, k1); err != nil {
			return nil, err
		}
		if err := recordChange(ctx, t, mergeID, civic.OpMerge, m0, m1); err != nil {
			return nil, err
		}
		return mapOrganisation(k1), recordMoves(ctx, t, moved, mergeID, keepID)
	})
}

// recordMoves records, in the history of each moved collaboration or
// grant, that one of its ends changed.
func recordMoves(ctx context.Context, t tx, ids []string, from, to string) error {
	if len(ids) == 0 {
		return nil
	}
	old, new := `"`+from+`"`, `"`+to+`"`
	var rows []map[string]any
	for _, id := range ids {
		rows = append(rows, changeRow(id, civic.OpMerge, []civic.FieldChange{{Field: "organisation", Old: &old, New: &new}}, "merge", "", civic.ActorFrom(ctx), nowUTC()))
	}
	_, err := t.run(ctx, "recordMoves", createChanges, map[string]any{"changes": rows})
	return err
}
