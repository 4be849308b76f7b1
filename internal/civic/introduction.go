package civic

import (
	"strings"
	"time"
)

// Introduction is a champion introducing two organisations to each other.
// Whether it turned into a collaboration is not recorded by hand but read
// from the graph: it did when the two organisations have a collaboration
// that started on or after the day of the introduction.
type Introduction struct {
	ID              string
	ChampionID      string
	OrganisationIDs [2]string
	Date            time.Time
	Outcome         string // what came of it, in words
	DeletedAt       *time.Time
	Provenance
}

// IntroductionInput records an introduction.
type IntroductionInput struct {
	ChampionID      string
	OrganisationIDs []string
	Date            time.Time
	Outcome         *string
	Source          *string
}

// Normalise trims text and truncates the date.
func (in *IntroductionInput) Normalise() {
	in.Outcome = trimmed(in.Outcome)
	in.Date = Day(in.Date)
	in.OrganisationIDs = trimAll(in.OrganisationIDs)
}

// Validate checks the input against the champion who made the
// introduction; today bounds the date.
func (in IntroductionInput) Validate(today time.Time) error {
	var p Problems
	p.CheckID("championId", in.ChampionID, KindChampion)
	switch {
	case len(in.OrganisationIDs) != 2:
		p.Add("organisationIds", "must name exactly two organisations")
	case in.OrganisationIDs[0] == in.OrganisationIDs[1]:
		p.Add("organisationIds", "an organisation cannot be introduced to itself")
	default:
		for _, id := range in.OrganisationIDs {
			p.CheckID("organisationIds", id, KindOrganisation)
		}
	}
	if in.Date.IsZero() {
		p.Add("date", "is required")
	} else if in.Date.After(Day(today)) {
		p.Add("date", "must not be in the future")
	}
	p.CheckText("outcome", in.Outcome, MaxDescriptionLen)
	p.checkSource(in.Source)
	return p.Err()
}

// ValidateFor checks that the champion was serving on the day of the introduction.
func (in IntroductionInput) ValidateFor(c Champion) error {
	if c.ActiveOn(in.Date) {
		return nil
	}
	var p Problems
	p.Add("date", "the champion was not serving on %s", in.Date.Format(time.DateOnly))
	return p.Err()
}

// IntroductionUpdate changes the outcome of an introduction.
type IntroductionUpdate struct {
	Outcome *string
	Source  *string
}

// IntroductionFilter narrows a list of introductions.
type IntroductionFilter struct {
	ChampionIDs     []string
	OrganisationIDs []string // introductions involving any of these
	// LedToCollaboration keeps those that did (true) or did not (false)
	// turn into a collaboration.
	LedToCollaboration *bool
	Since, Until       *time.Time // on or after, on or before
}

// Validate checks the filter.
func (f IntroductionFilter) Validate() error {
	var p Problems
	for _, id := range f.ChampionIDs {
		p.CheckID("filter.championIds", id, KindChampion)
	}
	for _, id := range f.OrganisationIDs {
		p.CheckID("filter.organisationIds", id, KindOrganisation)
	}
	p.CheckDateOrder("filter.until", f.Since, f.Until)
	return p.Err()
}

// trimAll trims IDs; unlike dedupe it keeps repeats, so that validation
// can say an organisation was named twice.
func trimAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strings.TrimSpace(id)
	}
	return out
}
