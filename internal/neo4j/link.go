package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// link describes one kind of edge between two kinds of node: MEMBER_OF,
// STEWARDS, AFFILIATED_WITH. Removing a link marks it deleted.
type link struct {
	rel                string
	from, to           civic.EntityKind
	fromField, toField string // the input fields that name the ends
	fromRow, toRow     string // projections of the end nodes, bound to n
	byRole             bool   // one edge per role (true) or one per pair
}

var (
	membershipLink = link{rel: "MEMBER_OF", from: civic.KindOrganisation, to: civic.KindPartnership,
		fromField: "organisationId", toField: "partnershipId", fromRow: organisationRow, toRow: partnershipRow}
	stewardshipLink = link{rel: "STEWARDS", from: civic.KindOrganisation, to: civic.KindAsset,
		fromField: "organisationId", toField: "assetId", fromRow: organisationRow, toRow: assetRow, byRole: true}
	affiliationLink = link{rel: "AFFILIATED_WITH", from: civic.KindPerson, to: civic.KindOrganisation,
		fromField: "personId", toField: "organisationId", fromRow: personRow, toRow: organisationRow, byRole: true}
)

const linkVisible = "r.deletedAt IS NULL AND n.deletedAt IS NULL"

// linkRow projects an edge r from node x to node y.
const linkRow = "r {.*, fromId: x.id, toId: y.id}"

// outgoing pages through the far ends of each from-node's links.
func outgoing[T any](ctx context.Context, s *Store, l link, ids []string, p civic.PageArgs, mapRow func(props) T) ([]civic.Page[T], error) {
	return childPages(ctx, s, childQuery{
		name:   "outgoing" + l.rel,
		match:  fmt.Sprintf("MATCH (p:%s {id: pid})-[r:%s]->(n:%s) WITH *, p AS x, n AS y", labels[l.from], l.rel, labels[l.to]),
		filter: newFilter(linkVisible), order: "n.name ASC, n.id ASC", reverse: "n.name DESC, n.id DESC",
		project: "{link: " + linkRow + ", node: " + l.toRow + "}",
	}, ids, p, mapRow)
}

// incoming pages through the near ends of each to-node's links.
func incoming[T any](ctx context.Context, s *Store, l link, ids []string, p civic.PageArgs, mapRow func(props) T) ([]civic.Page[T], error) {
	return childPages(ctx, s, childQuery{
		name:   "incoming" + l.rel,
		match:  fmt.Sprintf("MATCH (p:%s {id: pid})<-[r:%s]-(n:%s) WITH *, n AS x, p AS y", labels[l.to], l.rel, labels[l.from]),
		filter: newFilter(linkVisible), order: "n.name ASC, n.id ASC", reverse: "n.name DESC, n.id DESC",
		project: "{link: " + linkRow + ", node: " + l.fromRow + "}",
	}, ids, p, mapRow)
}

// add creates the link or revives and updates it; set holds its properties
// (role, since...). Both ends must exist.
func (l link) add(ctx context.Context, s *Store, fromID, toID string, set setter) (props, error) {
	key := ""
	if l.byRole {
		key = " {role: $props.role}"
	}
	cypher := fmt.Sprintf(`MATCH (x:%s {id: $from}), (y:%s {id: $to})
MERGE (x)-[r:%s%s]->(y) ON CREATE SET r.createdAt = datetime(), r.createdBy = $actor
SET r += $props, r.updatedAt = datetime(), r.updatedBy = $actor, r.deletedAt = null
RETURN %s AS row`, labels[l.from], labels[l.to], l.rel, key, linkRow)
	role, _ := set["role"].(string)
	return write(ctx, s, "add"+l.rel, func(t tx) (props, error) {
		if err := newRefs().node(l.fromField, l.from, &fromID).node(l.toField, l.to, &toID).check(ctx, t); err != nil {
			return nil, err
		}
		before, err := l.current(ctx, t, fromID, toID, role)
		if err != nil {
			return nil, err
		}
		recs, err := t.run(ctx, "add"+l.rel, cypher, map[string]any{"from": fromID, "to": toID, "props": set, "actor": civic.ActorFrom(ctx)})
		if err != nil {
			return nil, err
		}
		after := asProps(field(recs[0], "row"))
		op := civic.OpUpdate
		if before == nil {
			op = civic.OpCreate
		}
		return after, recordChange(ctx, t, l.key(fromID, toID, role), op, before, after)
	})
}

// remove marks the link (with the given role, when links are by role) deleted.
func (l link) remove(ctx context.Context, s *Store, fromID, toID, role string) (props, error) {
	cond := ""
	if l.byRole {
		cond = " AND r.role = $role"
	}
	cypher := fmt.Sprintf(`MATCH (x:%s {id: $from})-[r:%s]->(y:%s {id: $to}) WHERE r.deletedAt IS NULL%s
SET r.deletedAt = datetime(), r.updatedAt = datetime(), r.updatedBy = $actor
RETURN %s AS row`, labels[l.from], l.rel, labels[l.to], cond, linkRow)
	return write(ctx, s, "remove"+l.rel, func(t tx) (props, error) {
		before, err := l.current(ctx, t, fromID, toID, role)
		if err != nil {
			return nil, err
		}
		recs, err := t.run(ctx, "remove"+l.rel, cypher, map[string]any{"from": fromID, "to": toID, "role": role, "actor": civic.ActorFrom(ctx)})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, civic.Errorf(civic.CodeNotFound, "no such %s link between %q and %q", l.rel, fromID, toID)
		}
		after := asProps(field(recs[0], "row"))
		return after, recordChange(ctx, t, l.key(fromID, toID, role), civic.OpDelete, before, after)
	})
}

// key is the history key of one link (see civic.LinkKey).
func (l link) key(fromID, toID, role string) string {
	if !l.byRole {
		role = ""
	}
	return civic.LinkKey(l.rel, fromID, toID, role)
}

// current reads a visible link inside a write, nil if there is none.
func (l link) current(ctx context.Context, t tx, fromID, toID, role string) (props, error) {
	cond := ""
	if l.byRole {
		cond = " AND r.role = $role"
	}
	recs, err := t.run(ctx, "current"+l.rel, fmt.Sprintf(`MATCH (x:%s {id: $from})-[r:%s]->(y:%s {id: $to}) WHERE r.deletedAt IS NULL%s
RETURN %s AS row`, labels[l.from], l.rel, labels[l.to], cond, linkRow), map[string]any{"from": fromID, "to": toID, "role": role})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return asProps(field(recs[0], "row")), nil
}

// upsertLinks writes links as given, for loaders. rows hold from, to, key
// (the role, for links by role) and props.
func (l link) upsert(ctx context.Context, s *Store, rows []map[string]any) error {
	key := ""
	if l.byRole {
		key = " {role: row.props.role}"
	}
	return upsert(ctx, s, "upsert"+l.rel, fmt.Sprintf(`MATCH (x:%s {id: row.from}), (y:%s {id: row.to})
MERGE (x)-[r:%s%s]->(y) SET r += row.props`, labels[l.from], labels[l.to], l.rel, key), rows)
}

func linkRowOf(from, to string, props map[string]any) map[string]any {
	return map[string]any{"from": from, "to": to, "props": props}
}
