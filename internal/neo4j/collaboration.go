package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A collaboration is a COLLABORATES_WITH edge (a)-[c]->(b). It is visible
// while neither it nor either organisation is deleted.

const (
	collabMatch   = "MATCH (a:Organisation)-[c:COLLABORATES_WITH]->(b:Organisation)"
	collabVisible = "c.deletedAt IS NULL AND a.deletedAt IS NULL AND b.deletedAt IS NULL"
	collabRow     = "c {.*, fromId: a.id, toId: b.id}"
	// Newest first; collaborations without a start date last.
	collabOrder   = "c.since IS NULL ASC, c.since DESC, c.id DESC"
	collabReverse = "c.since IS NULL DESC, c.since ASC, c.id ASC"
)

func mapCollaboration(p props) *civic.Collaboration {
	return &civic.Collaboration{
		ID:          p.str("id"),
		FromID:      p.str("fromId"),
		ToID:        p.str("toId"),
		Intensity:   civic.Intensity(p.str("intensity")),
		Description: p.str("description"),
		Since:       p.time("since"),
		Until:       p.time("until"),
		Themes:      p.strs("themes"),
		DeletedAt:   p.time("deletedAt"),
		Provenance:  p.provenance(),
	}
}

func mapCollaborationWithPartner(p props) civic.CollaborationWithPartner {
	return civic.CollaborationWithPartner{
		Collaboration: *mapCollaboration(asProps(p["c"])),
		Partner:       mapOrganisation(asProps(p["partner"])),
	}
}

// FindCollaborationByID returns the collaboration, or nil if there is none.
func (s *Store) FindCollaborationByID(ctx context.Context, id string) (*civic.Collaboration, error) {
	cs, err := s.FindCollaborationsByIDs(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// FindCollaborationsByIDs returns collaborations in the order of ids, nil for unknown IDs.
func (s *Store) FindCollaborationsByIDs(ctx context.Context, ids []string) ([]*civic.Collaboration, error) {
	recs, err := s.read(ctx, "collaborationsByIDs", `UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Organisation)-[c:COLLABORATES_WITH {id: $ids[i]}]->(b:Organisation) WHERE `+collabVisible+`
RETURN i, `+collabRow+` AS row`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]*civic.Collaboration, len(ids))
	for _, rec := range recs {
		i, _ := field(rec, "i").(int64)
		out[i] = mapCollaboration(asProps(field(rec, "row")))
	}
	return out, nil
}

func collaborationFilter(f civic.CollaborationFilter) *filter {
	return collaborationConds(newFilter(collabVisible), f)
}

// collaborationConds adds the conditions of f on a collaboration c to q.
func collaborationConds(q *filter, f civic.CollaborationFilter) *filter {
	if in := f.IntensitiesToMatch(); in != nil {
		q.add("c.intensity IN $intensities", "intensities", in)
	}
	if f.ActiveOn != nil {
		q.add("(c.since IS NULL OR c.since <= $activeOn) AND (c.until IS NULL OR c.until >= $activeOn)", "activeOn", dateValue(f.ActiveOn))
	}
	if len(f.Themes) > 0 {
		q.add("any(t IN coalesce(c.themes, []) WHERE t IN $themes)", "themes", f.Themes)
	}
	return q
}

// FindCollaborations returns a page of collaborations across the city, newest first.
func (s *Store) FindCollaborations(ctx context.Context, f civic.CollaborationFilter, p civic.PageArgs) (civic.Page[*civic.Collaboration], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Collaboration]{}, err
	}
	if f.AsOf != nil {
		return s.collaborationsAsOf(ctx, f, p)
	}
	return listPage(ctx, s, listQuery{
		name: "collaborations", match: collabMatch, filter: collaborationFilter(f),
		order: collabOrder, reverse: collabReverse, project: collabRow,
	}, p, mapCollaboration)
}

// collabsOf is the query of an organisation's collaborations (the
// organisation bound to p, matched on p.id = pid), each with its partner n.
func collabsOf(f civic.CollaborationFilter) childQuery {
	return childQuery{
		name:  "collaborationsOf",
		match: "MATCH (p:Organisation {id: pid})-[c:COLLABORATES_WITH]-(n:Organisation)",
		// The organisation p and its partner n are the edge's two ends:
		// testing them, rather than the edge's start and end nodes, saves
		// reading p's deletedAt once per edge.
		filter: collaborationConds(newFilter("p.deletedAt IS NULL", "c.deletedAt IS NULL", "n.deletedAt IS NULL"), f),
		order:  collabOrder, reverse: collabReverse,
		project: collabWithPartner(organisationReadRow, ""),
	}
}

// collabsOfNode is collabsOf from an organisation node bound to pid, known
// not to be deleted: it follows the node instead of looking its ID up again.
func collabsOfNode(f civic.CollaborationFilter) childQuery {
	q := collabsOf(f)
	q.match = "WITH pid AS p MATCH (p)-[c:COLLABORATES_WITH]-(n:Organisation)"
	q.filter = collaborationConds(newFilter("c.deletedAt IS NULL", "n.deletedAt IS NULL"), f)
	return q
}

// collabWithPartner projects a collaboration c with its partner n, as
// row, and any further entries. Which end is which is read only for
// the rows projected.
func collabWithPartner(row, more string) string {
	return "{c: c {.*, fromId: startNode(c).id, toId: endNode(c).id}, partner: " + row + more + "}"
}

// CollaborationsOf pages through each organisation's collaborations, newest
// first, each with its partner.
func (s *Store) CollaborationsOf(ctx context.Context, orgIDs []string, f civic.CollaborationFilter, p civic.PageArgs) ([]civic.Page[civic.CollaborationWithPartner], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if f.AsOf != nil {
		return s.collaborationsOfAsOf(ctx, orgIDs, f, p)
	}
	return childPages(ctx, s, collabsOf(f), orgIDs, p, mapCollaborationWithPartner)
}

// CollaborationsOfSlim is CollaborationsOf with slim partners (see
// civic.Organisation.Slim). Collaborations as of a date are read whole.
func (s *Store) CollaborationsOfSlim(ctx context.Context, orgIDs []string, f civic.CollaborationFilter, p civic.PageArgs) ([]civic.Page[civic.CollaborationWithPartner], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if f.AsOf != nil {
		return s.collaborationsOfAsOf(ctx, orgIDs, f, p)
	}
	q := collabsOf(f)
	q.name, q.project = "collaborationsOfSlim", collabWithPartner(partnerRow(true), "")
	return childPages(ctx, s, q, orgIDs, p, mapCollaborationWithPartner)
}

// lockPair takes write locks on both organisations, so that concurrent
// mutations of collaborations between one pair run one after the other.
// It fails with NOT_FOUND unless both exist.
func lockPair(ctx context.Context, t tx, from, to string) error {
	if err := newRefs().node("fromId", civic.KindOrganisation, &from).node("toId", civic.KindOrganisation, &to).check(ctx, t); err != nil {
		return err
	}
	_, err := t.run(ctx, "lockPair", `MATCH (o:Organisation) WHERE o.id IN [$from, $to]
WITH o ORDER BY o.id SET o._lock = true REMOVE o._lock`, map[string]any{"from": from, "to": to})
	return err
}

// checkNoActive fails with CONFLICT if the pair has an active collaboration
// other than except.
func checkNoActive(ctx context.Context, t tx, from, to, except string) error {
	recs, err := t.run(ctx, "activeCollaboration", `MATCH (:Organisation {id: $from})-[c:COLLABORATES_WITH]-(:Organisation {id: $to})
WHERE c.deletedAt IS NULL AND c.id <> $except AND (c.until IS NULL OR c.until >= date())
RETURN c.id AS id LIMIT 1`, map[string]any{"from": from, "to": to, "except": except})
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		return civic.Errorf(civic.CodeConflict, "these organisations already have an active collaboration (%s); update or end it instead", field(recs[0], "id"))
	}
	return nil
}

func activeToday(until *time.Time) bool {
	return until == nil || !until.Before(civic.Day(time.Now()))
}

// RecordCollaboration validates the input and records a collaboration.
func (s *Store) RecordCollaboration(ctx context.Context, in civic.CollaborationInput) (*civic.Collaboration, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	props := map[string]any{
		"id": civic.NewID(civic.KindCollaboration), "intensity": string(in.Intensity),
		"description": emptyToNil(strOr(in.Description, "")), "since": dateValue(in.Since), "until": dateValue(in.Until),
		"themes": nonNil(in.Themes), "source": civic.SourceOr(in.Source),
	}
	return write(ctx, s, "recordCollaboration", func(t tx) (*civic.Collaboration, error) {
		if err := lockPair(ctx, t, in.FromID, in.ToID); err != nil {
			return nil, err
		}
		if err := newRefs().withThemes(in.Themes).check(ctx, t); err != nil {
			return nil, err
		}
		if activeToday(in.Until) {
			if err := checkNoActive(ctx, t, in.FromID, in.ToID, ""); err != nil {
				return nil, err
			}
		}
		return recordedCollaboration(ctx, t, "recordCollaboration", `MATCH (a:Organisation {id: $from}), (b:Organisation {id: $to})
CREATE (a)-[c:COLLABORATES_WITH]->(b) SET c = $props, c.createdAt = datetime(), c.updatedAt = datetime(),
  c.createdBy = $actor, c.updatedBy = $actor, c.lastVerified = date()
RETURN `+collabRow+` AS row`, map[string]any{"from": in.FromID, "to": in.ToID, "props": props, "actor": civic.ActorFrom(ctx)}, civic.OpCreate, nil)
	})
}

// changeCollaboration loads a visible collaboration inside a transaction,
// lets change validate and describe the new properties, and sets them.
func (s *Store) changeCollaboration(ctx context.Context, name, id string, op civic.ChangeOp, change func(t tx, c *civic.Collaboration) (setter, error)) (*civic.Collaboration, error) {
	if err := checkID(id, civic.KindCollaboration); err != nil {
		return nil, err
	}
	return write(ctx, s, name, func(t tx) (*civic.Collaboration, error) {
		recs, err := t.run(ctx, name+"Load", collabMatch+" WHERE c.id = $id AND "+collabVisible+" RETURN "+collabRow+" AS row",
			map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, civic.NotFound(civic.KindCollaboration, id)
		}
		before := asProps(field(recs[0], "row"))
		c := mapCollaboration(before)
		if err := lockPair(ctx, t, c.FromID, c.ToID); err != nil {
			return nil, err
		}
		props, err := change(t, c)
		if err != nil {
			return nil, err
		}
		return recordedCollaboration(ctx, t, name, collabMatch+` WHERE c.id = $id
SET c += $props, c.updatedAt = datetime(), c.updatedBy = $actor
RETURN `+collabRow+` AS row`, map[string]any{"id": id, "props": props, "actor": civic.ActorFrom(ctx)}, op, before)
	})
}

// recordedCollaboration runs a statement returning a collaboration's row
// and records the change from before (nil: created) in its history.
func recordedCollaboration(ctx context.Context, t tx, name, cypher string, params map[string]any, op civic.ChangeOp, before props) (*civic.Collaboration, error) {
	return recorded(ctx, t, name, cypher, params, op, before, mapCollaboration)
}

// UpdateCollaboration validates the change against the collaboration and applies it.
func (s *Store) UpdateCollaboration(ctx context.Context, id string, in civic.CollaborationUpdate) (*civic.Collaboration, error) {
	in.Normalise()
	return s.changeCollaboration(ctx, "updateCollaboration", id, civic.OpUpdate, func(t tx, c *civic.Collaboration) (setter, error) {
		if err := in.Validate(*c); err != nil {
			return nil, err
		}
		if err := newRefs().withThemes(in.Themes).check(ctx, t); err != nil {
			return nil, err
		}
		until := c.Until
		if in.Until != nil {
			until = in.Until
		}
		if c.Until != nil && activeToday(until) {
			if err := checkNoActive(ctx, t, c.FromID, c.ToID, c.ID); err != nil {
				return nil, err
			}
		}
		p := setter{}
		enum(p, "intensity", in.Intensity)
		p.text("description", in.Description)
		p.value("since", dateValue(in.Since), in.Since != nil)
		p.value("until", dateValue(in.Until), in.Until != nil)
		p.value("themes", in.Themes, in.Themes != nil)
		p.text("source", in.Source)
		return p, nil
	})
}

// EndCollaboration sets the last day of a collaboration that has not ended.
func (s *Store) EndCollaboration(ctx context.Context, id string, until time.Time) (*civic.Collaboration, error) {
	return s.changeCollaboration(ctx, "endCollaboration", id, civic.OpUpdate, func(_ tx, c *civic.Collaboration) (setter, error) {
		if err := c.ValidateEnd(until); err != nil {
			return nil, err
		}
		u := civic.Day(until)
		return setter{"until": dateValue(&u)}, nil
	})
}

// DeleteCollaboration marks a collaboration deleted (recorded in error).
func (s *Store) DeleteCollaboration(ctx context.Context, id string) (*civic.Collaboration, error) {
	return s.changeCollaboration(ctx, "deleteCollaboration", id, civic.OpDelete, func(tx, *civic.Collaboration) (setter, error) {
		return setter{"deletedAt": time.Now().UTC()}, nil
	})
}

// UpsertCollaborations writes collaborations as given, with IDs and
// provenance. Both organisations of each must already exist.
func (s *Store) UpsertCollaborations(ctx context.Context, in []civic.Collaboration) error {
	rows := make([]map[string]any, len(in))
	for i, c := range in {
		rows[i] = map[string]any{
			"id": c.ID, "fromId": c.FromID, "toId": c.ToID,
			"props": map[string]any{
				"id": c.ID, "intensity": string(c.Intensity), "description": emptyToNil(c.Description),
				"since": dateValue(c.Since), "until": dateValue(c.Until), "themes": nonNil(c.Themes),
				"source": c.Source, "createdAt": c.CreatedAt, "updatedAt": c.UpdatedAt, "deletedAt": timeValue(c.DeletedAt),
			},
		}
	}
	return upsert(ctx, s, "upsertCollaborations", `MATCH (a:Organisation {id: row.fromId}), (b:Organisation {id: row.toId})
MERGE (a)-[c:COLLABORATES_WITH {id: row.id}]->(b) SET c += row.props`, rows)
}
