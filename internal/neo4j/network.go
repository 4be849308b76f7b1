package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The organisation network that a civic.NetworkFilter selects: its
// organisations (nodes) and the collaborations between them (edges), read
// whole for metrics (ProjectNetwork) or in pages (NetworkNodes, NetworkEdges).

// networkOrgConds are the conditions on an organisation bound to v that f
// sets. v is a variable named in this package; values are parameters (see
// networkParams).
func networkOrgConds(f civic.NetworkFilter, v string) []string {
	conds := []string{v + ".deletedAt IS NULL"}
	if len(f.Themes) > 0 {
		conds = append(conds, fmt.Sprintf("EXISTS { (%s)-[:HAS_THEME]->(t_:Theme) WHERE t_.slug IN $themes }", v))
	}
	if len(f.AreaIDs) > 0 {
		conds = append(conds, fmt.Sprintf("EXISTS { (%s)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(a_:Area) WHERE a_.id IN $areaIds }", v))
	}
	if len(f.Kinds) > 0 {
		conds = append(conds, v+".kind IN $kinds")
	}
	if f.ActiveOn != nil {
		// The network of a day holds the organisations known by then: those
		// recorded by then or that had started a collaboration by then.
		conds = append(conds, fmt.Sprintf("(date(%[1]s.createdAt) <= $activeOn OR EXISTS { (%[1]s)-[c_:COLLABORATES_WITH]-() WHERE c_.deletedAt IS NULL AND c_.since <= $activeOn })", v))
	}
	return conds
}

// networkTieConds are the conditions on a collaboration c that f sets.
func networkTieConds(f civic.NetworkFilter) []string {
	conds := []string{"c.deletedAt IS NULL", "c.intensity IN $intensities"}
	if f.ActiveOn != nil {
		conds = append(conds, activeOnCond("c"))
	}
	return conds
}

// activeOnCond says that the edge bound to r was running on $activeOn.
func activeOnCond(r string) string {
	return fmt.Sprintf("(%[1]s.since IS NULL OR %[1]s.since <= $activeOn) AND (%[1]s.until IS NULL OR %[1]s.until >= $activeOn)", r)
}

func networkParams(f civic.NetworkFilter) map[string]any {
	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		kinds[i] = string(k)
	}
	return map[string]any{
		"themes": nonNil(f.Themes), "areaIds": nonNil(f.AreaIDs), "kinds": kinds,
		"intensities": intensityStrings(f.Intensities()), "activeOn": dateValue(f.ActiveOn),
	}
}

func intensityStrings(in []civic.Intensity) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// A projection's organisation rows list their links as numbers: the
// internal ID of the node at the other end times 8 plus what the link is,
// a collaboration's intensity rank (1-4, or 0 if it has none), a theme or
// an area. 200,000 collaborations then travel as numbers rather than
// pairs of string IDs. Internal IDs are only compared within one result.
const (
	projectedTheme = 5
	projectedArea  = 6
	projectedLink  = "id(b) * 8 + CASE c.intensity WHEN 'awareness' THEN 1 WHEN 'cooperation' THEN 2 WHEN 'coordination' THEN 3 WHEN 'integration' THEN 4 ELSE " +
		"CASE type(c) WHEN 'HAS_THEME' THEN 5 WHEN 'LOCATED_IN' THEN 6 ELSE 0 END END"
)

// ProjectNetwork reads a filtered network in one query. Each organisation
// comes with its links (collaborations it started, themes, area; see
// projectedLink), found in one walk over its relationships; the live themes and
// areas follow as rows of their own, so that neither is read once per
// organisation. What is not checked in Cypher is checked here: a tie to
// an organisation that is not among the rows (deleted, or left out by the
// filter), a tie below the filter's intensity, and a link to a deleted
// theme or area are dropped.
func (s *Store) ProjectNetwork(ctx context.Context, f civic.NetworkFilter) (*civic.NetworkProjection, error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	// Themes' and areas' links are never deleted, so all links can be
	// checked for it (reading the type only where it matters is faster).
	walk := []string{"c.deletedAt IS NULL"}
	if f.ActiveOn != nil {
		walk = append(walk, "(type(c) <> 'COLLABORATES_WITH' OR "+activeOnCond("c")+")")
	}
	cypher := fmt.Sprintf(`MATCH (n:Organisation) WHERE %s
RETURN 'organisation' AS what, id(n) AS node, n.id AS id, n.name AS name, n.kind AS kind,
  [(n)-[c:COLLABORATES_WITH|HAS_THEME|LOCATED_IN]->(b) WHERE %s | %s] AS links
UNION ALL
MATCH (t:Theme) WHERE t.deletedAt IS NULL
RETURN 'theme' AS what, id(t) AS node, t.slug AS id, null AS name, null AS kind, null AS links
UNION ALL
MATCH (a:Area) WHERE a.deletedAt IS NULL
RETURN 'area' AS what, id(a) AS node, a.id AS id, null AS name, null AS kind, null AS links`,
		strings.Join(networkOrgConds(f, "n"), " AND "), strings.Join(walk, " AND "), projectedLink)
	recs, err := s.read(ctx, "projectNetwork", cypher, networkParams(f))
	if err != nil {
		return nil, err
	}
	p := &civic.NetworkProjection{Organisations: make([]civic.NetworkOrganisation, 0, len(recs))}
	index := make(map[int64]int, len(recs)) // organisations' positions
	names := map[int64]string{}             // themes' slugs and areas' IDs
	var links [][]any
	for _, rec := range recs {
		node, _ := field(rec, "node").(int64)
		id, _ := field(rec, "id").(string)
		if what, _ := field(rec, "what").(string); what != "organisation" {
			names[node] = id
			continue
		}
		name, _ := field(rec, "name").(string)
		kind, _ := field(rec, "kind").(string)
		index[node] = len(p.Organisations)
		p.Organisations = append(p.Organisations, civic.NetworkOrganisation{ID: id, Name: name, Kind: civic.OrganisationKind(kind), Themes: []string{}})
		links = append(links, list(field(rec, "links")))
	}
	least := f.Intensities()[0].Rank()
	for i, ls := range links {
		o := &p.Organisations[i]
		for _, l := range ls {
			code, _ := l.(int64)
			node, what := code/8, int(code%8)
			switch {
			case what == projectedTheme:
				if slug, ok := names[node]; ok {
					o.Themes = append(o.Themes, slug)
				}
			case what == projectedArea:
				if id, ok := names[node]; ok && o.AreaID == "" {
					o.AreaID = id
				}
			case what >= least && what <= len(civic.Intensities):
				if j, ok := index[node]; ok {
					p.Ties = append(p.Ties, civic.NetworkTie{From: i, To: j, Intensity: civic.Intensities[what-1]})
				}
			}
		}
	}
	return p, nil
}

// networkNodeRow projects an organisation n as a network node.
const networkNodeRow = "n {.id, .name, .kind, areaId: " + areaIDOf + ", themes: " + themesOf + "}"

func mapOrganisationNode(p props) civic.NetworkNode {
	return civic.NetworkNode{
		ID: p.str("id"), Kind: civic.KindOrganisation, Label: p.str("name"),
		OrganisationKind: civic.OrganisationKind(p.str("kind")), AreaID: p.str("areaId"), Themes: p.strs("themes"),
	}
}

// NetworkNodes pages through a filtered network's organisations by ID.
func (s *Store) NetworkNodes(ctx context.Context, f civic.NetworkFilter, p civic.PageArgs) (civic.Page[civic.NetworkNode], error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return civic.Page[civic.NetworkNode]{}, err
	}
	q := &filter{conds: networkOrgConds(f, "n"), params: networkParams(f)}
	return listPage(ctx, s, listQuery{
		name: "networkNodes", match: "MATCH (n:Organisation)", filter: q,
		order: "n.id ASC", reverse: "n.id DESC", project: networkNodeRow,
	}, p, mapOrganisationNode)
}

// collabEdgeRow projects a collaboration c from a to b as a network edge.
const collabEdgeRow = "c {.id, .intensity, .since, .until, .themes, kind: 'COLLABORATES_WITH', fromId: a.id, toId: b.id}"

// NetworkEdges pages through a filtered network's collaborations by ID.
func (s *Store) NetworkEdges(ctx context.Context, f civic.NetworkFilter, p civic.PageArgs) (civic.Page[civic.NetworkEdge], error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return civic.Page[civic.NetworkEdge]{}, err
	}
	conds := append(append(networkTieConds(f), networkOrgConds(f, "a")...), networkOrgConds(f, "b")...)
	q := &filter{conds: conds, params: networkParams(f)}
	return listPage(ctx, s, listQuery{
		name: "networkEdges", match: collabMatch, filter: q,
		order: "c.id ASC", reverse: "c.id DESC", project: collabEdgeRow,
	}, p, mapNetworkEdge)
}

// edgeKinds maps relationship types to edge kinds.
var edgeKinds = map[string]civic.EdgeKind{
	"COLLABORATES_WITH": civic.EdgeCollaboration,
	"MEMBER_OF":         civic.EdgeMembership,
	"AFFILIATED_WITH":   civic.EdgeAffiliation,
}

func mapNetworkEdge(p props) civic.NetworkEdge {
	return civic.NetworkEdge{
		ID: p.str("id"), Kind: edgeKinds[p.str("kind")], FromID: p.str("fromId"), ToID: p.str("toId"),
		Intensity: civic.Intensity(p.str("intensity")), Role: p.str("role"),
		Since: p.time("since"), Until: p.time("until"), Themes: p.strs("themes"),
	}
}

var _ civic.NetworkStore = (*Store)(nil)
