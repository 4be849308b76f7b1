package civic

import (
	"context"
	"time"
)

// ChangeOp says what a change did to a node or edge.
type ChangeOp string

// Change operations.
const (
	OpCreate  ChangeOp = "create"
	OpUpdate  ChangeOp = "update"
	OpDelete  ChangeOp = "delete"
	OpRestore ChangeOp = "restore"
	OpMerge   ChangeOp = "merge"
)

// FieldChange is one field's change. Old and New are JSON texts ("\"Food
// bank\"", "[\"food\"]", "{\"latitude\":52.4,\"longitude\":-1.9}"), nil
// when the field had (or has) no value.
type FieldChange struct {
	Field string
	Old   *string
	New   *string
}

// Change is one recorded write to a node or an edge: what changed, when, by
// whom and from which source. Every write records one, so that the city can
// say who said what, when.
type Change struct {
	ID           string
	TargetID     string // the node's or collaboration's ID, or a link's key (see LinkKey)
	Op           ChangeOp
	At           time.Time
	Actor        string
	Source       string
	SourceRecord string
	Fields       []FieldChange
}

// LinkKey is the history key of a link (a membership, stewardship,
// affiliation) which has no ID of its own: its type, its two ends and, for
// links held per role, its role.
func LinkKey(rel, fromID, toID, role string) string {
	k := rel + "/" + fromID + "/" + toID
	if role != "" {
		k += "/" + role
	}
	return k
}

// StaleRecord is a record that nobody has verified since a given day.
type StaleRecord struct {
	ID           string
	Kind         EntityKind
	Name         string
	LastVerified *time.Time // nil: never verified
	UpdatedAt    time.Time
}

// DuplicateCandidate is a pair of organisations that may be one, with a
// score between 0 and 1 and the reasons for suspecting it.
type DuplicateCandidate struct {
	A, B    *Organisation
	Score   float64
	Reasons []string
}

// MemoryService is the city's memory of its records: their history, what
// they were on a past day, which are stale, which are duplicates, and the
// admin operations that repair it (restore, merge).
type MemoryService interface {
	// HistoryOf pages through the changes of each target, newest first.
	// An organisation's history includes that of the organisations merged into it.
	HistoryOf(ctx context.Context, targetIDs []string, p PageArgs) ([]Page[*Change], error)
	// FindOrganisationAsOf returns the organisation as it was at the
	// given instant, or nil if it did not exist then (or was deleted).
	FindOrganisationAsOf(ctx context.Context, id string, at time.Time) (*Organisation, error)
	// IdentifiersOf returns each organisation's identifiers, primary first.
	IdentifiersOf(ctx context.Context, orgIDs []string) ([][]Identifier, error)
	// AddIdentifier gives an organisation one more identifier.
	AddIdentifier(ctx context.Context, orgID, identifier string) (*Organisation, error)
	// StaleRecords pages through the organisations, assets, partnerships
	// and people not verified since the given day, least recently first.
	StaleRecords(ctx context.Context, before time.Time, kinds []EntityKind, p PageArgs) (Page[StaleRecord], error)
	// MarkVerified records that someone checked the record today.
	MarkVerified(ctx context.Context, id string) error
	// DuplicateCandidates proposes pairs of organisations that may be the
	// same, best first.
	DuplicateCandidates(ctx context.Context, minScore float64, limit int) ([]DuplicateCandidate, error)
	// MergeOrganisations moves every edge and identifier of merge to keep
	// and marks merge as merged into keep (admin only).
	MergeOrganisations(ctx context.Context, keepID, mergeID string) (*Organisation, error)
	// Restore undoes the delete of a node or collaboration (admin only).
	Restore(ctx context.Context, id string) error
}
