package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Paths and neighbourhoods walk the graph of organisations, people and
// partnerships: collaborations join organisations, affiliations join people
// to organisations and memberships join organisations to partnerships. A
// walk may pass through any of them along the edge kinds a filter allows:
// two organisations can be connected through a shared trustee (affiliations)
// or a partnership both belong to (memberships). Deleted nodes and edges are
// never walked.

// relTypes returns the relationship types of the kinds, as a Cypher type
// expression built from this package's constants.
func relTypes(kinds []civic.EdgeKind) string {
	names := map[civic.EdgeKind]string{
		civic.EdgeCollaboration: "COLLABORATES_WITH", civic.EdgeMembership: "MEMBER_OF", civic.EdgeAffiliation: "AFFILIATED_WITH",
	}
	var types []string
	for _, k := range kinds {
		types = append(types, names[k])
	}
	return strings.Join(types, "|")
}

// walkCond is the condition for walking edge r to node x under f.
func walkCond(f civic.EdgeFilter, r, x string) string {
	return x + ".deletedAt IS NULL AND " + edgeCond(f, r)
}

// edgeCond is the condition for walking edge r under f.
func edgeCond(f civic.EdgeFilter, r string) string {
	conds := []string{
		r + ".deletedAt IS NULL",
		fmt.Sprintf("(type(%[1]s) <> 'COLLABORATES_WITH' OR %[1]s.intensity IN $intensities)", r),
	}
	if f.ActiveOn != nil {
		conds = append(conds, activeOnCond(r))
	}
	return strings.Join(conds, " AND ")
}

func walkParams(f civic.EdgeFilter) map[string]any {
	return map[string]any{"intensities": intensityStrings(f.Intensities()), "activeOn": dateValue(f.ActiveOn)}
}

// walkNodeRow projects an organisation, person or partnership n.
const walkNodeRow = "n {.id, .name, .kind, label: labels(n)[0], areaId: " + areaIDOf + ", themes: " + themesOf + "}"

// walkEdgeRow projects an edge r of any kind.
const walkEdgeRow = "r {.id, .intensity, .role, .since, .until, .themes, kind: type(r), fromId: startNode(r).id, toId: endNode(r).id}"

var kindOfLabel = map[string]civic.EntityKind{"Organisation": civic.KindOrganisation, "Person": civic.KindPerson, "Partnership": civic.KindPartnership}

func mapWalkNode(p props) civic.NetworkNode {
	n := civic.NetworkNode{ID: p.str("id"), Kind: kindOfLabel[p.str("label")], Label: p.str("name"), AreaID: p.str("areaId"), Themes: p.strs("themes")}
	if n.Kind == civic.KindOrganisation {
		n.OrganisationKind = civic.OrganisationKind(p.str("kind"))
	}
	return n
}

// ShortestPaths finds up to q.K shortest paths, shortest first, distinct by
// the nodes they pass. Neo4j's SHORTEST k is asked for more than K because
// two organisations with several collaborations (an ended one and a new
// one) give paths that differ only in the edge; the first of those is kept.
func (s *Store) ShortestPaths(ctx context.Context, q civic.PathQuery) ([]civic.Path, error) {
	q.Normalise()
	if err := q.Validate(); err != nil {
		return nil, err
	}
	fromKind, _ := civic.KindOfID(q.FromID)
	toKind, _ := civic.KindOfID(q.ToID)
	// The path count and the hop bound must be literals in Cypher; both are
	// validated integers. One path is found by shortestPath, a search from
	// both ends that checks the predicates as it goes: on the synthetic city
	// it reads a quarter of what SHORTEST 1 reads and takes half the time.
	match := fmt.Sprintf(`MATCH p = shortestPath((a)-[:%s*1..%d]-(b))
  WHERE all(r IN relationships(p) WHERE %s) AND all(x IN nodes(p) WHERE x.deletedAt IS NULL)`,
		relTypes(q.Filter.Kinds), q.MaxHops, edgeCond(q.Filter, "r"))
	if q.K > 1 {
		match = fmt.Sprintf("MATCH p = SHORTEST %d (a)(()-[r:%s]-(x) WHERE %s){1,%d}(b)",
			3*q.K, relTypes(q.Filter.Kinds), walkCond(q.Filter, "r", "x"), q.MaxHops)
	}
	cypher := fmt.Sprintf(`OPTIONAL MATCH (a:%s {id: $from}) WHERE a.deletedAt IS NULL
OPTIONAL MATCH (b:%s {id: $to}) WHERE b.deletedAt IS NULL
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  %s
  RETURN collect({nodes: [n IN nodes(p) | %s], edges: [r IN relationships(p) | %s]}) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, CASE WHEN a = b THEN [n IN [a] | %s] END AS self, paths`,
		labels[fromKind], labels[toKind], match, walkNodeRow, walkEdgeRow, walkNodeRow)
	params := walkParams(q.Filter)
	params["from"], params["to"] = q.FromID, q.ToID
	rec, err := s.readOne(ctx, "shortestPaths", cypher, params)
	if err != nil {
		return nil, err
	}
	if found, _ := field(rec, "fromFound").(bool); !found {
		return nil, civic.NotFound(fromKind, q.FromID)
	}
	if found, _ := field(rec, "toFound").(bool); !found {
		return nil, civic.NotFound(toKind, q.ToID)
	}
	if self := list(field(rec, "self")); len(self) == 1 {
		return []civic.Path{{Nodes: []civic.NetworkNode{mapWalkNode(asProps(self[0]))}, Edges: []civic.NetworkEdge{}}}, nil
	}
	out := []civic.Path{}
	seen := map[string]bool{}
	for _, raw := range list(field(rec, "paths")) {
		p := asProps(raw)
		var path civic.Path
		var key strings.Builder
		for _, n := range list(p["nodes"]) {
			node := mapWalkNode(asProps(n))
			path.Nodes = append(path.Nodes, node)
			key.WriteString(node.ID + " ")
		}
		for _, e := range list(p["edges"]) {
			path.Edges = append(path.Edges, mapNetworkEdge(asProps(e)))
		}
		if seen[key.String()] || len(out) == q.K {
			continue
		}
		seen[key.String()] = true
		out = append(out, path)
	}
	// SHORTEST k returns paths by length; keep that order stable.
	slices.SortStableFunc(out, func(a, b civic.Path) int { return a.Length() - b.Length() })
	return out, nil
}

// Neighbourhood finds the nodes within q.Depth edges of the centre,
// nearest first, up to q.MaxNodes of them, and the edges between them, in
// one query (one round trip): each layer is found by a subquery that walks
// out of the layer before and stops, by LIMIT, once it has found more than
// the cap leaves room for; more than fits sets Truncated and ends the walk.
func (s *Store) Neighbourhood(ctx context.Context, q civic.EgoQuery) (*civic.Subgraph, error) {
	q.Normalise()
	if err := q.Validate(); err != nil {
		return nil, err
	}
	kind, _ := civic.KindOfID(q.CenterID)
	params := walkParams(q.Filter)
	params["id"], params["cap"] = q.CenterID, q.MaxNodes
	one, err := s.read(ctx, "neighbourhood", neighbourhoodCypher(labels[kind], q), params)
	if err != nil {
		return nil, err
	}
	if len(one) == 0 {
		return nil, civic.NotFound(kind, q.CenterID)
	}
	g := &civic.Subgraph{Nodes: []civic.NetworkNode{}, Edges: []civic.NetworkEdge{}}
	g.Truncated, _ = field(one[0], "truncated").(bool)
	// nodes holds the layers one after the other, sizes their sizes.
	nodes, next := list(field(one[0], "nodes")), 0
	for depth, size := range list(field(one[0], "sizes")) {
		count, _ := size.(int64)
		for ; count > 0 && next < len(nodes); count-- {
			n := mapWalkNode(asProps(nodes[next]))
			n.Depth = depth
			g.Nodes = append(g.Nodes, n)
			next++
		}
	}
	slices.SortStableFunc(g.Nodes, func(a, b civic.NetworkNode) int {
		if a.Depth != b.Depth {
			return a.Depth - b.Depth
		}
		return strings.Compare(a.ID, b.ID)
	})
	for _, raw := range list(field(one[0], "edges")) {
		g.Edges = append(g.Edges, mapNetworkEdge(asProps(raw)))
	}
	slices.SortFunc(g.Edges, func(a, b civic.NetworkEdge) int { return strings.Compare(a.Key(), b.Key()) })
	return g, nil
}

// neighbourhoodCypher is Neighbourhood's query for a centre labelled label:
// one layer subquery per level of depth, then the edges between the nodes
// found. seen holds the nodes found so far, layer by layer, and sizes each
// layer's size. A layer's search ends at $cap distinct nodes, which is
// more than any layer has room for.
func neighbourhoodCypher(label string, q civic.EgoQuery) string {
	types, cond := relTypes(q.Filter.Kinds), walkCond(q.Filter, "r", "x")
	var b strings.Builder
	fmt.Fprintf(&b, `MATCH (c:%s {id: $id}) WHERE c.deletedAt IS NULL
WITH [c] AS seen, [c] AS frontier, [1] AS sizes, false AS truncated
`, label)
	for range q.Depth {
		fmt.Fprintf(&b, `CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[r:%s]-(x) WHERE %s AND NOT x IN seen
  WITH DISTINCT x LIMIT $cap
  RETURN collect(x) AS found
}
WITH seen, found, sizes, truncated, $cap - size(seen) AS room
WITH seen + found[..room] AS seen, sizes + size(found[..room]) AS sizes, truncated OR size(found) > room AS truncated,
  CASE WHEN size(found) > room THEN [] ELSE found END AS frontier
`, types, cond)
	}
	fmt.Fprintf(&b, `CALL (seen) {
  UNWIND seen AS n
  MATCH (n)-[r:%s]->(x) WHERE x IN seen AND %s
  RETURN collect(%s) AS edges
}
RETURN [n IN seen | %s] AS nodes, sizes, truncated, edges`, types, cond, walkEdgeRow, walkNodeRow)
	return b.String()
}
