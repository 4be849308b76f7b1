package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// staleKinds are the kinds of record whose verification is tracked.
var staleKinds = []civic.EntityKind{civic.KindOrganisation, civic.KindAsset, civic.KindPartnership, civic.KindPerson}

// StaleRecords pages through the visible records of the given kinds (all
// four when none) last verified before the given day, or never verified
// and created before it, least recently verified first.
func (s *Store) StaleRecords(ctx context.Context, before time.Time, kinds []civic.EntityKind, p civic.PageArgs) (civic.Page[civic.StaleRecord], error) {
	if len(kinds) == 0 {
		kinds = staleKinds
	}
	var ls []string
	for _, k := range kinds {
		switch k {
		case civic.KindOrganisation, civic.KindAsset, civic.KindPartnership, civic.KindPerson:
			ls = append(ls, labels[k])
		default:
			return civic.Page[civic.StaleRecord]{}, civic.Errorf(civic.CodeBadUserInput, "%s records are not verified", k.Name())
		}
	}
	q := newFilter("n.deletedAt IS NULL", "any(l IN labels(n) WHERE l IN $labels)",
		"coalesce(n.lastVerified, date(n.createdAt)) < $before")
	q.params["labels"], q.params["before"] = ls, dateValue(&before)
	return listPage(ctx, s, listQuery{
		name:   "staleRecords",
		match:  "MATCH (n) WHERE n:Organisation OR n:Asset OR n:Partnership OR n:Person WITH n",
		filter: q, order: "coalesce(n.lastVerified, date(n.createdAt)) ASC, n.id ASC",
		reverse: "coalesce(n.lastVerified, date(n.createdAt)) DESC, n.id DESC",
		project: "n {.id, .name, .lastVerified, .updatedAt}",
	}, p, func(r props) civic.StaleRecord {
		kind, _ := civic.KindOfID(r.str("id"))
		return civic.StaleRecord{ID: r.str("id"), Kind: kind, Name: r.str("name"), LastVerified: r.time("lastVerified"), UpdatedAt: r.timeOr("updatedAt")}
	})
}
