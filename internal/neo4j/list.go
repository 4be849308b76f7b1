package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// filter is the WHERE clause of a list query being built. Its conditions are
// fixed Cypher fragments written in this package; client values only ever
// travel as parameters.
type filter struct {
	conds  []string
	params map[string]any
}

func newFilter(conds ...string) *filter {
	return &filter{conds: conds, params: map[string]any{}}
}

// add appends cond, binding value to the parameter name it uses.
func (f *filter) add(cond, param string, value any) {
	f.conds = append(f.conds, cond)
	f.params[param] = value
}

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(f.conds, " AND ")
}

// nameContains, themes and areas are conditions shared by named entities
// bound to the variable n.
func (f *filter) nameContains(s *string) {
	if s != nil && *s != "" {
		f.add("toLower(n.name) CONTAINS toLower($nameContains)", "nameContains", *s)
	}
}

func (f *filter) themes(slugs []string) {
	if len(slugs) > 0 {
		f.add("EXISTS { (n)-[:HAS_THEME]->(theme_:Theme) WHERE theme_.slug IN $themes AND theme_.deletedAt IS NULL }", "themes", slugs)
	}
}

// areas matches nodes located in one of the areas or in an area within
// them, at any depth, through areas that are not deleted.
func (f *filter) areas(ids []string) {
	if len(ids) > 0 {
		f.add("EXISTS { MATCH located_ = (n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(area_:Area) "+
			"WHERE area_.id IN $areaIds AND all(x_ IN tail(nodes(located_)) WHERE x_.deletedAt IS NULL) }", "areaIds", ids)
	}
}

// nameOrder turns an Order over named nodes n into a fixed ORDER BY and
// its reverse, with the ID as a tie-breaker so that pages are stable.
func nameOrder(o *civic.Order) (order, reverse string) {
	prop := "n.name"
	if o != nil {
		switch o.Field {
		case civic.OrderByCreatedAt:
			prop = "n.createdAt"
		case civic.OrderByUpdatedAt:
			prop = "n.updatedAt"
		}
	}
	asc, desc := prop+" ASC, n.id ASC", prop+" DESC, n.id DESC"
	if o != nil && o.Direction == civic.Desc {
		return desc, asc
	}
	return asc, desc
}

// noPage replaces the page subquery of a window of no items (first: 0),
// which dashboards ask for to read only totalCount: Neo4j would otherwise
// still sort every matching row.
const noPage = "WITH *, [] AS page"

// listQuery is one page of a top-level list plus the list's total, in one
// round trip. project turns what match binds into the row the mapper reads.
type listQuery struct {
	name    string
	match   string // e.g. "MATCH (n:Organisation)"
	filter  *filter
	order   string // ORDER BY expression
	reverse string // the same, reversed
	project string // a Cypher map expression
}

func listPage[T any](ctx context.Context, s *Store, q listQuery, args civic.PageArgs, mapRow func(props) T) (civic.Page[T], error) {
	w, err := args.Window()
	if err != nil {
		return civic.Page[T]{}, err
	}
	ord := q.order
	if w.FromEnd {
		ord = q.reverse
	}
	page := fmt.Sprintf("CALL () { %s %s WITH * ORDER BY %s SKIP $skip LIMIT $limit RETURN collect(%s) AS page }", q.match, q.filter.where(), ord, q.project)
	if w.Limit == 0 {
		page = noPage
	}
	cypher := fmt.Sprintf(`CALL () { %s %s RETURN count(*) AS total }
%s
RETURN total, page`, q.match, q.filter.where(), page)
	params := q.filter.params
	params["skip"], params["limit"] = skipFor(w), w.Limit
	rec, err := s.readOne(ctx, q.name, cypher, params)
	if err != nil {
		return civic.Page[T]{}, err
	}
	return pageFrom(w, rec, mapRow), nil
}

// skipFor returns the SKIP of a window's query: a FromEnd window reads the
// reversed list from its start.
func skipFor(w civic.Window) int {
	if w.FromEnd {
		return 0
	}
	return w.Skip
}

func pageFrom[T any](w civic.Window, rec *neo4j.Record, mapRow func(props) T) civic.Page[T] {
	return pageOf(w, field(rec, "total"), field(rec, "page"), mapRow)
}

// pageOf builds a page from a total and the rows of a window.
func pageOf[T any](w civic.Window, total, rows any, mapRow func(props) T) civic.Page[T] {
	n, _ := total.(int64)
	rs := list(rows)
	items := make([]T, len(rs))
	for i, r := range rs {
		items[i] = mapRow(asProps(r))
	}
	return civic.PageOf(w, items, int(n))
}

// childQuery pages through the neighbours of many parents at once: one
// round trip for all parents. match must bind the parent as p (matched on
// p.id = pid) and the child row variables; order and project use them.
type childQuery struct {
	name    string
	match   string // e.g. "MATCH (p:Organisation {id: pid})-[r:MEMBER_OF]->(n:Partnership)"
	filter  *filter
	order   string // ORDER BY expression for the natural order
	reverse string // the same, reversed
	project string
}

func childPages[T any](ctx context.Context, s *Store, q childQuery, parentIDs []string, args civic.PageArgs, mapRow func(props) T) ([]civic.Page[T], error) {
	w, err := args.Window()
	if err != nil {
		return nil, err
	}
	cypher := fmt.Sprintf(`UNWIND range(0, size($ids) - 1) AS i
WITH i, $ids[i] AS pid
%s
RETURN i, total, page ORDER BY i`, childCalls(q, w, "", "", q.project))
	params := q.filter.params
	params["ids"], params["skip"], params["limit"] = parentIDs, skipFor(w), w.Limit
	recs, err := s.read(ctx, q.name, cypher, params)
	if err != nil {
		return nil, err
	}
	pages := make([]civic.Page[T], len(parentIDs))
	for _, rec := range recs {
		i, _ := field(rec, "i").(int64)
		pages[i] = pageFrom(w, rec, mapRow)
	}
	return pages, nil
}

// childCalls returns the two subqueries of a child list for the parent
// whose ID is bound to pid: its total and the page that w selects, with
// the window in the parameters $skip and $limit suffixed by suffix. inner
// runs on each row of the page before project.
func childCalls(q childQuery, w civic.Window, suffix, inner, project string) string {
	ord := q.order
	if w.FromEnd {
		ord = q.reverse
	}
	where := q.filter.where()
	page := fmt.Sprintf("CALL (pid) { %s %s WITH * ORDER BY %s SKIP $skip%s LIMIT $limit%s %s RETURN collect(%s) AS page }",
		q.match, where, ord, suffix, suffix, inner, project)
	if w.Limit == 0 {
		page = noPage
	}
	return fmt.Sprintf("CALL (pid) { %s %s RETURN count(*) AS total }\n%s", q.match, where, page)
}

// byIDs fetches nodes by ID in one round trip and returns them in the order
// of ids, nil where an ID is unknown or deleted.
func byIDs[T any](ctx context.Context, s *Store, name, label, project string, ids []string, mapRow func(props) *T) ([]*T, error) {
	cypher := fmt.Sprintf(`UNWIND range(0, size($ids) - 1) AS i
MATCH (n:%s {id: $ids[i]}) WHERE n.deletedAt IS NULL
RETURN i, %s AS row`, label, project)
	recs, err := s.read(ctx, name, cypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]*T, len(ids))
	for _, rec := range recs {
		i, _ := field(rec, "i").(int64)
		out[i] = mapRow(asProps(field(rec, "row")))
	}
	return out, nil
}

// one fetches a single node by ID, nil if it is unknown or deleted.
func one[T any](ctx context.Context, s *Store, name, label, project, id string, mapRow func(props) *T) (*T, error) {
	items, err := byIDs(ctx, s, name, label, project, []string{id}, mapRow)
	if err != nil {
		return nil, err
	}
	return items[0], nil
}
