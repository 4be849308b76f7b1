package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// What the city knew at an instant: a node or collaboration existed then
// if it had been created and was not deleted (or merged away) at that
// instant, as its history says; its fields are its current ones wound back
// through the changes recorded since. Lists filter and sort on today's
// values, and show each item as it was.

// existedAt is the condition that x existed at $asOf. Deletes, restores and
// merges are recorded as changes; a record deleted before history was kept
// counts as deleted from its deletedAt on.
func existedAt(x string) string {
	return fmt.Sprintf(`(%[1]s.createdAt <= $asOf AND NOT coalesce(
  COLLECT { MATCH (ch_:Change) WHERE ch_.targetId = %[1]s.id AND ch_.at <= $asOf AND ch_.op IN ['delete', 'restore', 'merge']
            RETURN ch_.op ORDER BY ch_.at DESC LIMIT 1 }[0],
  CASE WHEN %[1]s.deletedAt <= $asOf THEN 'delete' END, 'none') IN ['delete', 'merge'])`, x)
}

// pastRows winds rows back to at, dropping those that did not exist then.
func pastRows(ctx context.Context, s *Store, rows []props, at time.Time) ([]props, error) {
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		if r != nil {
			ids = append(ids, r.str("id"))
		}
	}
	if len(ids) == 0 {
		return rows, nil
	}
	changes, err := changesSince(ctx, s, ids, at)
	if err != nil {
		return nil, err
	}
	out := make([]props, len(rows))
	for i, r := range rows {
		if r != nil {
			out[i] = windBack(r, changes[r.str("id")])
		}
	}
	return out, nil
}

// FindOrganisationAsOf returns the organisation as it was at the instant,
// or nil if it did not exist then.
func (s *Store) FindOrganisationAsOf(ctx context.Context, id string, at time.Time) (*civic.Organisation, error) {
	recs, err := s.read(ctx, "organisationAsOf", "MATCH (n:Organisation {id: $id}) WHERE "+existedAt("n")+" RETURN "+organisationRow+" AS row",
		map[string]any{"id": id, "asOf": at})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	rows, err := pastRows(ctx, s, []props{asProps(field(recs[0], "row"))}, at)
	if err != nil || rows[0] == nil {
		return nil, err
	}
	o := mapOrganisation(rows[0])
	o.AsOf = &at
	return o, nil
}

// organisationsAsOf is FindOrganisations for f.AsOf.
func (s *Store) organisationsAsOf(ctx context.Context, f civic.OrganisationFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Organisation], error) {
	q := organisationFilter(f)
	q.conds[0] = existedAt("n")
	q.params["asOf"] = *f.AsOf
	ord, rev := nameOrder(o)
	page, err := listPage(ctx, s, listQuery{
		name: "organisationsAsOf", match: "MATCH (n:Organisation)", filter: q, order: ord, reverse: rev, project: organisationRow,
	}, p, func(r props) props { return r })
	if err != nil {
		return civic.Page[*civic.Organisation]{}, err
	}
	rows, err := pastRows(ctx, s, page.Items, *f.AsOf)
	if err != nil {
		return civic.Page[*civic.Organisation]{}, err
	}
	out := civic.Page[*civic.Organisation]{Items: make([]*civic.Organisation, len(rows)), Offset: page.Offset, Total: page.Total}
	for i, r := range rows {
		out.Items[i] = mapOrganisation(r)
		out.Items[i].AsOf = f.AsOf
	}
	return out, nil
}

// collabAsOf is the condition that collaboration c between a and b existed
// and was running at $asOf.
func collabAsOf() string {
	return existedAt("c") + " AND " + existedAt("a") + " AND " + existedAt("b") +
		" AND (c.since IS NULL OR c.since <= date($asOf)) AND (c.until IS NULL OR c.until >= date($asOf))"
}

// collaborationsAsOf is FindCollaborations for f.AsOf.
func (s *Store) collaborationsAsOf(ctx context.Context, f civic.CollaborationFilter, p civic.PageArgs) (civic.Page[*civic.Collaboration], error) {
	q := collaborationFilter(f)
	q.conds[0] = collabAsOf()
	q.params["asOf"] = *f.AsOf
	page, err := listPage(ctx, s, listQuery{
		name: "collaborationsAsOf", match: collabMatch, filter: q, order: collabOrder, reverse: collabReverse, project: collabRow,
	}, p, func(r props) props { return r })
	if err != nil {
		return civic.Page[*civic.Collaboration]{}, err
	}
	rows, err := pastRows(ctx, s, page.Items, *f.AsOf)
	if err != nil {
		return civic.Page[*civic.Collaboration]{}, err
	}
	out := civic.Page[*civic.Collaboration]{Items: make([]*civic.Collaboration, len(rows)), Offset: page.Offset, Total: page.Total}
	for i, r := range rows {
		out.Items[i] = mapCollaboration(r)
	}
	return out, nil
}

// collaborationsOfAsOf is CollaborationsOf for f.AsOf: each organisation's
// collaborations at that instant, with their partners as they were.
func (s *Store) collaborationsOfAsOf(ctx context.Context, orgIDs []string, f civic.CollaborationFilter, p civic.PageArgs) ([]civic.Page[civic.CollaborationWithPartner], error) {
	q := collaborationFilter(f)
	q.conds[0] = collabAsOf()
	q.params["asOf"] = *f.AsOf
	pages, err := childPages(ctx, s, childQuery{
		name:   "collaborationsOfAsOf",
		match:  "MATCH (p:Organisation {id: pid})-[c:COLLABORATES_WITH]-(n:Organisation) WITH *, startNode(c) AS a, endNode(c) AS b",
		filter: q, order: collabOrder, reverse: collabReverse,
		project: "{c: " + collabRow + ", partner: " + organisationRow + "}",
	}, orgIDs, p, func(r props) props { return r })
	if err != nil {
		return nil, err
	}
	out := make([]civic.Page[civic.CollaborationWithPartner], len(pages))
	for i, pg := range pages {
		var rows []props
		for _, r := range pg.Items {
			rows = append(rows, asProps(r["c"]), asProps(r["partner"]))
		}
		past, err := pastRows(ctx, s, rows, *f.AsOf)
		if err != nil {
			return nil, err
		}
		out[i] = civic.Page[civic.CollaborationWithPartner]{Offset: pg.Offset, Total: pg.Total}
		for j := 0; j < len(past); j += 2 {
			partner := mapOrganisation(past[j+1])
			partner.AsOf = f.AsOf
			out[i].Items = append(out[i].Items, civic.CollaborationWithPartner{Collaboration: *mapCollaboration(past[j]), Partner: partner})
		}
	}
	return out, nil
}
