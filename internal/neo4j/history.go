package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func init() {
	schema = append(schema,
		"CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.targetId)",
	)
}

// recordChange writes the history of one write: the fields that differ
// between before (nil for a creation) and after, the rows of the target as
// the store projects them. An update that changed no field records nothing.
func recordChange(ctx context.Context, t tx, target string, op civic.ChangeOp, before, after props) error {
	fields := diff(before, after)
	if len(fields) == 0 && op == civic.OpUpdate {
		return nil
	}
	at := after.timeOr("updatedAt")
	if at.IsZero() {
		at = time.Now().UTC()
	}
	row := changeRow(target, op, fields, after.str("source"), after.str("sourceRecord"), civic.ActorFrom(ctx), at)
	_, err := t.run(ctx, "recordChange", createChanges, map[string]any{"changes": []map[string]any{row}})
	return err
}

// recorded runs a statement returning the written node's or edge's row,
// records the change from before (nil: created) to that row, and maps it;
// nil if nothing matched.
func recorded[T any](ctx context.Context, t tx, name, cypher string, params map[string]any, op civic.ChangeOp, before props, mapRow func(props) *T) (*T, error) {
	recs, err := t.run(ctx, name, cypher, params)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	after := asProps(field(recs[0], "row"))
	if err := recordChange(ctx, t, after.str("id"), op, before, after); err != nil {
		return nil, err
	}
	return mapRow(after), nil
}

func mapChange(p props) *civic.Change {
	return &civic.Change{
		ID:           p.str("id"),
		TargetID:     p.str("targetId"),
		Op:           civic.ChangeOp(p.str("op")),
		At:           p.timeOr("at"),
		Actor:        p.str("actor"),
		Source:       p.str("source"),
		SourceRecord: p.str("sourceRecord"),
		Fields:       parseFields(p.str("fields")),
	}
}

// historyTargets binds tids to the IDs whose changes make up the history
// of pid: pid itself and the organisations merged into it.
const historyTargets = "OPTIONAL MATCH (o_:Organisation {id: pid}) WITH pid, [pid] + coalesce(o_.mergedIds, []) AS tids MATCH (n:Change)"

// HistoryOf pages through the changes of each target, newest first.
func (s *Store) HistoryOf(ctx context.Context, targetIDs []string, p civic.PageArgs) ([]civic.Page[*civic.Change], error) {
	return childPages(ctx, s, childQuery{
		name: "historyOf", match: historyTargets, filter: newFilter("n.targetId IN tids"),
		order: "n.at DESC, n.id DESC", reverse: "n.at ASC, n.id ASC", project: "n {.*}",
	}, targetIDs, p, mapChange)
}

// changesSince returns, for each target, its changes after at, newest
// first, as they are needed to wind its state back to at.
func changesSince(ctx context.Context, s *Store, ids []string, at time.Time) (map[string][]*civic.Change, error) {
	recs, err := s.read(ctx, "changesSince", `UNWIND $ids AS pid
`+historyTargets+` WHERE n.targetId IN tids AND n.at > $at
WITH pid, n ORDER BY n.at DESC, n.id DESC
RETURN pid, collect(n {.*}) AS changes`, map[string]any{"ids": ids, "at": at})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]*civic.Change, len(recs))
	for _, rec := range recs {
		id, _ := field(rec, "pid").(string)
		for _, c := range list(field(rec, "changes")) {
			out[id] = append(out[id], mapChange(asProps(c)))
		}
	}
	return out, nil
}

// windBack returns the row as it was before the given changes (newest
// first), or nil if one of them created it: it did not exist then.
func windBack(row props, changes []*civic.Change) props {
	if len(changes) == 0 {
		return row
	}
	past := make(props, len(row))
	for k, v := range row {
		past[k] = v
	}
	for _, c := range changes {
		if c.TargetID != past.str("id") {
			continue // a change of an organisation merged into this one
		}
		if c.Op == civic.OpCreate && c.TargetID == past.str("id") {
			return nil
		}
		for _, f := range c.Fields {
			past[f.Field] = storedValue(f.Field, decodeJSON(f.Old))
		}
		// The last change before the instant is not at hand; the
		// creation is the latest time known to precede it.
		past["updatedAt"] = past["createdAt"]
	}
	return past
}
