package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Two levels of the collaboration network read in one query: collaborations
// of an organisation, each with its partner and the partner's own first
// collaborations. The GraphQL layer uses these when a request asks for both
// levels, so that the network question costs one round trip, not one per level.

type partnerPage = civic.Page[civic.CollaborationWithPartner]

// twoLevels builds the subqueries of the two levels for the organisation
// bound to pid (its ID, or the node itself when top is collabsOfNode), and
// maps their rows.
type twoLevels struct {
	q     childQuery
	w, w2 civic.Window
	next  civic.NextLevel
}

func newTwoLevels(top childQuery, next civic.NextLevel, p civic.PageArgs) (twoLevels, error) {
	w, err := p.Window()
	if err != nil {
		return twoLevels{}, err
	}
	w2, err := next.Page.Window()
	if err != nil {
		return twoLevels{}, err
	}
	return twoLevels{q: top, w: w, w2: w2, next: next}, nil
}

// calls returns the subqueries, which bind total and page. The partner's
// own list runs on each row of the page: the same subqueries from the
// partner node, with its window in $skip2 and $limit2.
func (t twoLevels) calls() string {
	inner := "CALL (n) { WITH n AS pid " + childCalls(collabsOfNode(civic.CollaborationFilter{}), t.w2, "2", "", collabWithPartner(partnerRow(t.next.SlimNextPartners), "")) +
		" RETURN {total: total, page: page} AS next }"
	return childCalls(t.q, t.w, "", inner, collabWithPartner(partnerRow(t.next.SlimPartners), ", next: next"))
}

// partnerRow is the row of a partner: whole, or slim (see
// civic.Organisation.Slim): reading an organisation's area and themes costs
// Neo4j more than the rest of its row.
func partnerRow(slim bool) string {
	if slim {
		return "n {.*, slim: true}"
	}
	return organisationReadRow
}

func (t twoLevels) params() map[string]any {
	params := t.q.filter.params
	params["skip"], params["limit"] = skipFor(t.w), t.w.Limit
	params["skip2"], params["limit2"] = skipFor(t.w2), t.w2.Limit
	return params
}

// page maps one organisation's total and page, adding each partner's own
// page to partners.
func (t twoLevels) page(total, rows any, partners map[string]partnerPage) partnerPage {
	return pageOf(t.w, total, rows, func(row props) civic.CollaborationWithPartner {
		c := mapCollaborationWithPartner(row)
		nx := asProps(row["next"])
		partners[c.Partner.ID] = pageOf(t.w2, nx["total"], nx["page"], mapCollaborationWithPartner)
		return c
	})
}

// CollaborationsOfWithPartners is CollaborationsOf that also reads, in the
// same round trip, the page next.Page of every partner's own collaborations
// (unfiltered), keyed by partner ID.
func (s *Store) CollaborationsOfWithPartners(ctx context.Context, orgIDs []string, f civic.CollaborationFilter, p civic.PageArgs, next civic.NextLevel) ([]partnerPage, map[string]partnerPage, error) {
	if err := f.Validate(); err != nil {
		return nil, nil, err
	}
	t, err := newTwoLevels(collabsOf(f), next, p)
	if err != nil {
		return nil, nil, err
	}
	cypher := fmt.Sprintf(`UNWIND range(0, size($ids) - 1) AS i
WITH i, $ids[i] AS pid
%s
RETURN i, total, page ORDER BY i`, t.calls())
	params := t.params()
	params["ids"] = orgIDs
	recs, err := s.read(ctx, "collaborationsOfWithPartners", cypher, params)
	if err != nil {
		return nil, nil, err
	}
	pages := make([]partnerPage, len(orgIDs))
	partners := map[string]partnerPage{}
	for _, rec := range recs {
		i, _ := field(rec, "i").(int64)
		pages[i] = t.page(field(rec, "total"), field(rec, "page"), partners)
	}
	return pages, partners, nil
}

// FindOrganisationWithCollaborations reads an organisation, its
// collaborations and its partners' collaborations in one round trip, as
// CollaborationsOfWithPartners does for it. The organisation is nil if
// there is none.
func (s *Store) FindOrganisationWithCollaborations(ctx context.Context, id string, f civic.CollaborationFilter, p civic.PageArgs, next civic.NextLevel) (*civic.Organisation, partnerPage, map[string]partnerPage, error) {
	if err := f.Validate(); err != nil {
		return nil, partnerPage{}, nil, err
	}
	t, err := newTwoLevels(collabsOfNode(f), next, p)
	if err != nil {
		return nil, partnerPage{}, nil, err
	}
	// The subqueries bind their own n; the organisation's stays bound
	// outside them for its row.
	cypher := fmt.Sprintf(`MATCH (n:Organisation {id: $id}) WHERE n.deletedAt IS NULL
WITH n, n AS pid
%s
RETURN %s AS row, total, page`, t.calls(), organisationReadRow)
	params := t.params()
	params["id"] = id
	recs, err := s.read(ctx, "organisationWithCollaborations", cypher, params)
	if err != nil || len(recs) == 0 {
		return nil, partnerPage{}, nil, err
	}
	partners := map[string]partnerPage{}
	page := t.page(field(recs[0], "total"), field(recs[0], "page"), partners)
	return mapOrganisation(asProps(field(recs[0], "row"))), page, partners, nil
}
