package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Restore undoes the delete of a node or a collaboration: it is visible
// again, as it was, and the restore is recorded. An organisation merged
// into another cannot be restored (CONFLICT): its edges have moved.
func (s *Store) Restore(ctx context.Context, id string) error {
	kind, ok := civic.KindOfID(id)
	if !ok {
		return civic.Errorf(civic.CodeBadUserInput, "%q is not a civicgraph ID", id)
	}
	var match, row string
	switch kind {
	case civic.KindCollaboration:
		match, row = "MATCH (a:Organisation)-[n:COLLABORATES_WITH {id: $id}]->(b:Organisation)", "n {.*, fromId: a.id, toId: b.id}"
	case civic.KindFunding:
		match, row = "MATCH (a:Organisation)-[n:FUNDED {id: $id}]->(b:Organisation)", "n {.*, fromId: a.id, toId: b.id}"
	default:
		label, ok := labels[kind]
		if !ok {
			return civic.Errorf(civic.CodeBadUserInput, "%q cannot be restored", id)
		}
		match, row = fmt.Sprintf("MATCH (n:%s {id: $id})", label), "n {.*}"
	}
	_, err := write(ctx, s, "restore", func(t tx) (struct{}, error) {
		recs, err := t.run(ctx, "restoreLoad", match+" RETURN "+row+" AS row", map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		if len(recs) == 0 {
			return struct{}{}, civic.NotFound(kind, id)
		}
		before := asProps(field(recs[0], "row"))
		switch {
		case before.str("mergedInto") != "":
			return struct{}{}, civic.Errorf(civic.CodeConflict, "%s was merged into %s and cannot be restored", id, before.str("mergedInto"))
		case before["deletedAt"] == nil:
			return struct{}{}, civic.Errorf(civic.CodeConflict, "%s is not deleted", id)
		}
		recs, err = t.run(ctx, "restore", match+" SET n.deletedAt = null, n.updatedAt = datetime(), n.updatedBy = $actor RETURN "+row+" AS row",
			map[string]any{"id": id, "actor": civic.ActorFrom(ctx)})
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, recordChange(ctx, t, id, civic.OpRestore, before, asProps(field(recs[0], "row")))
	})
	return err
}

// MarkVerified records that someone checked the record today.
func (s *Store) MarkVerified(ctx context.Context, id string) error {
	kind, _ := civic.KindOfID(id)
	e, ok := map[civic.EntityKind]func() (string, string){
		civic.KindOrganisation: func() (string, string) { return "Organisation", organisationRow },
		civic.KindAsset:        func() (string, string) { return "Asset", assetRow },
		civic.KindPartnership:  func() (string, string) { return "Partnership", partnershipRow },
		civic.KindPerson:       func() (string, string) { return "Person", personRow },
	}[kind]
	if !ok {
		return civic.Errorf(civic.CodeBadUserInput, "%q is not an organisation, asset, partnership or person ID", id)
	}
	label, row := e()
	_, err := write(ctx, s, "markVerified", func(t tx) (struct{}, error) {
		recs, err := t.run(ctx, "markVerifiedLoad", fmt.Sprintf("MATCH (n:%s {id: $id}) WHERE n.deletedAt IS NULL RETURN %s AS row", label, row), map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return struct{}{}, orNotFound(err, kind, id)
		}
		before := asProps(field(recs[0], "row"))
		recs, err = t.run(ctx, "markVerified", fmt.Sprintf("MATCH (n:%s {id: $id}) SET n.lastVerified = date(), n.updatedAt = datetime(), n.updatedBy = $actor RETURN %s AS row", label, row),
			map[string]any{"id": id, "actor": civic.ActorFrom(ctx)})
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, recordChange(ctx, t, id, civic.OpUpdate, before, asProps(field(recs[0], "row")))
	})
	return err
}
