package civic

import (
	"slices"
	"time"
)

// Collaboration is a working relationship between two organisations. It is
// stored as a COLLABORATES_WITH edge; its direction (From -> To) only records
// who was named first and has no meaning.
type Collaboration struct {
	ID          string
	FromID      string
	ToID        string
	Intensity   Intensity
	Description string
	Since       *time.Time
	Until       *time.Time
	Themes      []string
	DeletedAt   *time.Time
	Provenance
}

// ActiveOn reports whether the collaboration was running on day d:
// it had started (or has no start date) and had not yet ended. The end date
// is the last day of the collaboration.
func (c Collaboration) ActiveOn(d time.Time) bool {
	d = Day(d)
	return (c.Since == nil || !c.Since.After(d)) && (c.Until == nil || !c.Until.Before(d))
}

// Partner returns the other organisation's ID, seen from orgID.
func (c Collaboration) Partner(orgID string) string {
	if c.FromID == orgID {
		return c.ToID
	}
	return c.FromID
}

// CollaborationWithPartner is a collaboration seen from one organisation,
// with the organisation at the other end.
type CollaborationWithPartner struct {
	Collaboration
	Partner *Organisation
}

// NextLevel is how a two-level read of collaborations reads its second
// level: the page of each partner's own (unfiltered) collaborations, and
// which levels' partners may be read Slim, without the area and themes
// nobody asked for.
type NextLevel struct {
	Page                           PageArgs
	SlimPartners, SlimNextPartners bool
}

// CollaborationInput records a new collaboration between two organisations.
type CollaborationInput struct {
	FromID      string
	ToID        string
	Intensity   Intensity
	Description *string
	Since       *time.Time
	Until       *time.Time
	Themes      []string
	Source      *string
}

// Normalise trims text, truncates dates to days and normalises themes.
func (in *CollaborationInput) Normalise() {
	in.Description = trimmed(in.Description)
	in.Since, in.Until = dayPtr(in.Since), dayPtr(in.Until)
	in.Themes = normaliseSlugs(in.Themes)
}

// Validate checks the input.
func (in CollaborationInput) Validate() error {
	var p Problems
	p.CheckID("fromId", in.FromID, KindOrganisation)
	p.CheckID("toId", in.ToID, KindOrganisation)
	if in.FromID == in.ToID && in.FromID != "" {
		p.Add("toId", "an organisation cannot collaborate with itself")
	}
	if !in.Intensity.Valid() {
		p.Add("intensity", "%q is not an intensity", in.Intensity)
	}
	p.CheckText("description", in.Description, MaxDescriptionLen)
	p.CheckDateOrder("until", in.Since, in.Until)
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	p.checkSource(in.Source)
	return p.Err()
}

// CollaborationUpdate changes a collaboration. Nil fields are left unchanged;
// the two organisations cannot change.
type CollaborationUpdate struct {
	Intensity   *Intensity
	Description *string
	Since       *time.Time
	Until       *time.Time
	Themes      []string
	Source      *string
}

// Normalise trims text, truncates dates to days and normalises themes.
func (in *CollaborationUpdate) Normalise() {
	in.Description = trimmed(in.Description)
	in.Since, in.Until = dayPtr(in.Since), dayPtr(in.Until)
	in.Themes = normaliseSlugs(in.Themes)
}

// Validate checks the update against the collaboration it changes.
func (in CollaborationUpdate) Validate(current Collaboration) error {
	var p Problems
	if in.Intensity != nil && !in.Intensity.Valid() {
		p.Add("intensity", "%q is not an intensity", *in.Intensity)
	}
	p.CheckText("description", in.Description, MaxDescriptionLen)
	since, until := current.Since, current.Until
	if in.Since != nil {
		since = in.Since
	}
	if in.Until != nil {
		until = in.Until
	}
	p.CheckDateOrder("until", since, until)
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	p.checkSource(in.Source)
	return p.Err()
}

// ValidateEnd checks that the collaboration can end on day until.
func (c Collaboration) ValidateEnd(until time.Time) error {
	if c.Until != nil {
		return Errorf(CodeConflict, "collaboration %q already ended on %s", c.ID, c.Until.Format(time.DateOnly))
	}
	var p Problems
	u := Day(until)
	p.CheckDateOrder("until", c.Since, &u)
	return p.Err()
}

// CollaborationFilter narrows a list of collaborations.
type CollaborationFilter struct {
	Intensities  []Intensity
	MinIntensity *Intensity
	ActiveOn     *time.Time
	Themes       []string
	// AsOf, when set, lists the collaborations that existed and were
	// active at this instant, as they were then.
	AsOf *time.Time
}

// Validate checks the filter.
func (f CollaborationFilter) Validate() error {
	var p Problems
	checkEnums(&p, "filter.intensities", "intensity", f.Intensities)
	if f.MinIntensity != nil && !f.MinIntensity.Valid() {
		p.Add("filter.minIntensity", "%q is not an intensity", *f.MinIntensity)
	}
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	return p.Err()
}

// IntensitiesToMatch folds Intensities and MinIntensity into one list, or nil
// when any intensity matches. An empty non-nil result matches nothing.
func (f CollaborationFilter) IntensitiesToMatch() []Intensity {
	if len(f.Intensities) == 0 && f.MinIntensity == nil {
		return nil
	}
	out := []Intensity{}
	for _, i := range Intensities {
		if (len(f.Intensities) == 0 || slices.Contains(f.Intensities, i)) &&
			(f.MinIntensity == nil || i.Rank() >= f.MinIntensity.Rank()) {
			out = append(out, i)
		}
	}
	return out
}

// Day truncates t to midnight UTC of its calendar day.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func dayPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := Day(*t)
	return &d
}
