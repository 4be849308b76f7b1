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
// has one), then runs the tail with params.
func (e entity[T]) create(ctx context.Context, s *Store, r *refs, props setter, params map[string]any) (*T, error) {
	if _, ok := props["id"]; !ok {
		props["id"] = civic.NewID(e.kind)
	}
	params["props"] = props
	cypher := fmt.Sprintf("CREATE (n:%s) SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime()\n%s", e.label, e.tail)
	name := "create" + e.label
	return write(ctx, s, name, func(t tx) (*T, error) {
		if err := r.check(ctx, t); err != nil {
			return nil, err
		}
		return writeOne(ctx, t, name, cypher, params, e.mapRow)
	})
}

// update checks r and sets props on the node with the given ID, then runs
// the tail with params. An unknown or deleted ID is NOT_FOUND.
func (e entity[T]) update(ctx context.Context, s *Store, id string, r *refs, props setter, params map[string]any) (*T, error) {
	if err := checkID(id, e.kind); err != nil {
		return nil, err
	}
	params["id"], params["props"] = id, props
	cypher := fmt.Sprintf("MATCH (n:%s {id: $id}) WHERE n.deletedAt IS NULL SET n += $props, n.updatedAt = datetime()\n%s", e.label, e.tail)
	name := "update" + e.label
	return write(ctx, s, name, func(t tx) (*T, error) {
		if err := r.check(ctx, t); err != nil {
			return nil, err
		}
		v, err := writeOne(ctx, t, name, cypher, params, e.mapRow)
		if v == nil && err == nil {
			return nil, civic.NotFound(e.kind, id)
		}
		return v, err
	})
}

// softDelete marks the node deleted so that reads no longer see it, keeping
// the node and its edges. Deleting what is unknown or already deleted is NOT_FOUND.
func (e entity[T]) softDelete(ctx context.Context, s *Store, id string) (*T, error) {
	if err := checkID(id, e.kind); err != nil {
		return nil, err
	}
	cypher := fmt.Sprintf(`MATCH (n:%s {id: $id}) WHERE n.deletedAt IS NULL
SET n.deletedAt = datetime(), n.updatedAt = datetime()
RETURN %s AS row`, e.label, e.row)
	name := "delete" + e.label
	return write(ctx, s, name, func(t tx) (*T, error) {
		v, err := writeOne(ctx, t, name, cypher, map[string]any{"id": id}, e.mapRow)
		if v == nil && err == nil {
			return nil, civic.NotFound(e.kind, id)
		}
		return v, err
	})
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
