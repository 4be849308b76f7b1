package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// entity describes how one kind of node is stored, so that the create,
// update, delete and lookup statements are written once for every kind.
type entity[T any] struct {
	kind  civic.EntityKind
	label string
	row   string // Cypher map projection of n, as read back
	// tail runs after n has been created or updated (linking areas,
	// themes...) and must end by returning row AS row.
	tail   string
	mapRow func(props) *T
}

// byID fetches one node, nil if it is unknown or deleted.
func (e entity[T]) byID(ctx context.Context, s *Store, id string) (*T, error) {
	return one(ctx, s, e.label+"ByID", e.label, e.row, id, e.mapRow)
}

// byIDs fetches nodes in the order of ids, nil where unknown or deleted.
func (e entity[T]) byIDs(ctx context.Context, s *Store, ids []string) ([]*T, error) {
	return byIDs(ctx, s, e.label+"ByIDs", e.label, e.row, ids, e.mapRow)
}

// create checks r and creates a node with props (with a new ID unless props
// has one), then runs the tail with params, and records the creation in
// the node's history.
func (e entity[T]) create(ctx context.Context, s *Store, r *refs, props setter, params map[string]any) (*T, error) {
	if _, ok := props["id"]; !ok {
		props["id"] = civic.NewID(e.kind)
	}
	params["props"], params["actor"] = props, civic.ActorFrom(ctx)
	cypher := fmt.Sprintf(`CREATE (n:%s) SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime(),
  n.createdBy = $actor, n.updatedBy = $actor, n.lastVerified = date()
%s`, e.label, e.tail)
	name := "create" + e.label
	return write(ctx, s, name, func(t tx) (*T, error) {
		if err := r.check(ctx, t); err != nil {
			return nil, err
		}
		return e.recorded(ctx, t, name, cypher, params, civic.OpCreate, nil)
	})
}

// update checks r and sets props on the node with the given ID, then runs
// the tail with params, recording what changed. An unknown or deleted ID is NOT_FOUND.
func (e entity[T]) update(ctx context.Context, s *Store, id string, r *refs, props setter, params map[string]any) (*T, error) {
	if err := checkID(id, e.kind); err != nil {
		return nil, err
	}
	params["id"], params["props"], params["actor"] = id, props, civic.ActorFrom(ctx)
	cypher := fmt.Sprintf("MATCH (n:%s {id: $id}) WHERE n.deletedAt IS NULL SET n += $props, n.updatedAt = datetime(), n.updatedBy = $actor\n%s", e.label, e.tail)
	name := "update" + e.label
	return write(ctx, s, name, func(t tx) (*T, error) {
		if err := r.check(ctx, t); err != nil {
			return nil, err
		}
		before, err := e.current(ctx, t, id)
		if err != nil || before == nil {
			return nil, orNotFound(err, e.kind, id)
		}
		return e.recorded(ctx, t, name, cypher, params, civic.OpUpdate, before)
	})
}

// softDelete marks the node deleted so that reads no longer see it, keeping
// the node and its edges, and records the delete. Deleting what is unknown
// or already deleted is NOT_FOUND.
func (e entity[T]) softDelete(ctx context.Context, s *Store, id string) (*T, error) {
	if err := checkID(id, e.kind); err != nil {
		return nil, err
	}
	cypher := fmt.Sprintf(`MATCH (n:%s {id: $id}) WHERE n.deletedAt IS NULL
SET n.deletedAt = datetime(), n.updatedAt = datetime(), n.updatedBy = $actor
RETURN %s AS row`, e.label, e.row)
	name := "delete" + e.label
	return write(ctx, s, name, func(t tx) (*T, error) {
		before, err := e.current(ctx, t, id)
		if err != nil || before == nil {
			return nil, orNotFound(err, e.kind, id)
		}
		return e.recorded(ctx, t, name, cypher, map[string]any{"id": id, "actor": civic.ActorFrom(ctx)}, civic.OpDelete, before)
	})
}

// current reads the visible node with the given ID inside a write, as its
// row, nil if there is none.
func (e entity[T]) current(ctx context.Context, t tx, id string) (props, error) {
	recs, err := t.run(ctx, "current"+e.label, fmt.Sprintf("MATCH (n:%s {id: $id}) WHERE n.deletedAt IS NULL RETURN %s AS row", e.label, e.row), map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return asProps(field(recs[0], "row")), nil
}

// recorded runs a statement returning the written node's row, records the
// change from before to that row, and maps it; nil if nothing matched.
func (e entity[T]) recorded(ctx context.Context, t tx, name, cypher string, params map[string]any, op civic.ChangeOp, before props) (*T, error) {
	return recorded(ctx, t, name, cypher, params, op, before, e.mapRow)
}

func orNotFound(err error, kind civic.EntityKind, id string) error {
	if err != nil {
		return err
	}
	return civic.NotFound(kind, id)
}

// upsert writes rows (each with an id and a props map, plus what the
// body needs) with MERGE on the ID; body follows the MERGE and SET.
func (e entity[T]) upsert(ctx context.Context, s *Store, rows []map[string]any, body string) error {
	return upsert(ctx, s, "upsert"+e.label, fmt.Sprintf("MERGE (n:%s {id: row.id}) SET n += row.props\n%s", e.label, body), rows)
}

// checkID rejects an ID that is not of the kind a mutation works on.
func checkID(id string, kind civic.EntityKind) error {
	var p civic.Problems
	p.CheckID("id", id, kind)
	return p.Err()
}
