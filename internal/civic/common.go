package civic

import "time"

// GeoPoint is a WGS84 coordinate.
type GeoPoint struct {
	Latitude  float64
	Longitude float64
}

// Provenance records where a node or edge came from, when it changed and
// by whom, and when someone last checked that it is still true.
type Provenance struct {
	Source       string // the dataset or client that last wrote it
	SourceRecord string // the record's ID in that dataset, "" when none
	CreatedAt    time.Time
	UpdatedAt    time.Time
	CreatedBy    string // the actor who created it (see ActorFrom)
	UpdatedBy    string // the actor who last changed it
	LastVerified *time.Time
}

// DefaultSource is the provenance recorded when a client names none.
const DefaultSource = "api"

// SourceOr returns the trimmed source, or DefaultSource if it is empty.
func SourceOr(s *string) string {
	if t := trimmed(s); t != nil && *t != "" {
		return *t
	}
	return DefaultSource
}

// checkSource reports a problem if a named source is too long.
func (p *Problems) checkSource(s *string) {
	if s != nil && len(*s) > MaxNameLen {
		p.Add("source", "must be at most %d characters", MaxNameLen)
	}
}

// OrderField names what a list is sorted by.
type OrderField string

// Order fields shared by every list of named entities.
const (
	OrderByName      OrderField = "name"
	OrderByCreatedAt OrderField = "createdAt"
	OrderByUpdatedAt OrderField = "updatedAt"
)

// Order sorts a list of named entities. The zero value sorts by name, ascending.
type Order struct {
	Field     OrderField
	Direction SortDirection
}
