package civic

import (
	"strings"
	"time"
)

// Champion is a person who connects people and organisations for some areas
// and themes: a member of the city's champions' network. A person is at
// most one champion; a champion who stands down keeps the record, with Until
// set, so that their introductions are remembered.
//
// Champions have no location of their own (where a person lives is
// personal): they are found near a place through the centroids of the areas
// they champion and of the areas within those.
type Champion struct {
	ID        string
	PersonID  string
	AreaIDs   []string
	Themes    []string
	Statement string // what they offer, in their own words
	Since     *time.Time
	Until     *time.Time // the last day, when they stood down
	DeletedAt *time.Time
	Provenance
}

// ActiveOn reports whether the champion was serving on day d.
func (c Champion) ActiveOn(d time.Time) bool {
	d = Day(d)
	return (c.Since == nil || !c.Since.After(d)) && (c.Until == nil || !c.Until.Before(d))
}

// ChampionInput appoints a champion or changes one. On update, nil fields
// are left unchanged; given lists replace the old ones.
type ChampionInput struct {
	PersonID  *string // on appointment only
	AreaIDs   []string
	Themes    []string
	Statement *string
	Since     *time.Time
	Source    *string
}

// Normalise trims text, truncates the date and normalises themes.
func (in *ChampionInput) Normalise() {
	in.PersonID, in.Statement = trimmed(in.PersonID), trimmed(in.Statement)
	in.Themes = normaliseSlugs(in.Themes)
	in.AreaIDs = dedupe(in.AreaIDs)
	in.Since = dayPtr(in.Since)
}

// Validate checks the input. A new champion needs a person and at least one
// area or theme to champion.
func (in ChampionInput) Validate(create bool) error {
	var p Problems
	switch {
	case create && in.PersonID == nil:
		p.Add("personId", "is required")
	case !create && in.PersonID != nil:
		p.Add("personId", "cannot be changed")
	case in.PersonID != nil:
		p.CheckID("personId", *in.PersonID, KindPerson)
	}
	if create && len(in.AreaIDs) == 0 && len(in.Themes) == 0 {
		p.Add("areaIds", "a champion needs at least one area or theme")
	}
	if !create && in.AreaIDs != nil && in.Themes != nil && len(in.AreaIDs) == 0 && len(in.Themes) == 0 {
		p.Add("areaIds", "a champion needs at least one area or theme")
	}
	if len(in.AreaIDs) > MaxThemes {
		p.Add("areaIds", "must have at most %d items", MaxThemes)
	}
	for _, id := range in.AreaIDs {
		p.CheckID("areaIds", id, KindArea)
	}
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	p.CheckText("statement", in.Statement, MaxShortTextLen*4)
	p.checkSource(in.Source)
	return p.Err()
}

// ValidateStandDown checks that a champion can stand down on until.
func (c Champion) ValidateStandDown(until time.Time) error {
	var p Problems
	switch {
	case c.Until != nil:
		return Errorf(CodeConflict, "the champion already stood down on %s", c.Until.Format(time.DateOnly))
	case c.Since != nil && until.Before(*c.Since):
		p.Add("until", "must not be before the champion started (%s)", c.Since.Format(time.DateOnly))
	}
	return p.Err()
}

// ChampionFilter narrows a list of champions. Empty fields match everything.
type ChampionFilter struct {
	// AreaIDs matches champions for any of the areas, or for an area that
	// contains one of them (a city-wide champion serves every ward).
	AreaIDs []string
	Themes  []string
	// ActiveOn keeps champions serving on that day.
	ActiveOn *time.Time
}

// Validate checks the filter.
func (f ChampionFilter) Validate() error {
	var p Problems
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	return p.Err()
}

// Place is where a proximity search starts: a point, or the location of an
// area (its centroid) or of an organisation. Exactly one is given.
type Place struct {
	Point          *GeoPoint
	AreaID         *string
	OrganisationID *string
}

// validate reports the problems of the place under field.
func (pl Place) validate(p *Problems, field string) {
	n := 0
	if pl.Point != nil {
		n++
		p.CheckPoint(field+".point", pl.Point)
	}
	if pl.AreaID != nil {
		n++
		p.CheckID(field+".areaId", *pl.AreaID, KindArea)
	}
	if pl.OrganisationID != nil {
		n++
		p.CheckID(field+".organisationId", *pl.OrganisationID, KindOrganisation)
	}
	if n != 1 {
		p.Add(field, "give exactly one of point, areaId and organisationId")
	}
}

// Proximity limits, in kilometres.
const (
	DefaultWithinKm = 2.0
	MaxWithinKm     = 50.0
)

// checkWithin reports a problem unless km is a usable search radius.
func (p *Problems) checkWithin(field string, km float64) {
	if !(km > 0 && km <= MaxWithinKm) {
		p.Add(field, "must be more than 0 and at most %g", MaxWithinKm)
	}
}

// ChampionSearch finds champions near a place.
type ChampionSearch struct {
	Near     Place
	WithinKm float64
	Themes   []string
	Limit    int
}

// Normalise fills in defaults.
func (s *ChampionSearch) Normalise() {
	if s.WithinKm == 0 {
		s.WithinKm = DefaultWithinKm
	}
	if s.Limit == 0 {
		s.Limit = DefaultPageSize
	}
	s.Themes = normaliseSlugs(s.Themes)
}

// Validate checks the search.
func (s ChampionSearch) Validate() error {
	var p Problems
	s.Near.validate(&p, "near")
	p.checkWithin("withinKm", s.WithinKm)
	p.CheckSlugs("themes", s.Themes, MaxThemes)
	checkLimit(&p, "first", s.Limit)
	return p.Err()
}

// NearbyChampion is a champion found near a place, with the distance from
// the place to the nearest centroid of the areas they serve.
type NearbyChampion struct {
	Champion   *Champion
	DistanceKm float64
}

func checkLimit(p *Problems, field string, n int) {
	if n < 1 || n > MaxPageSize {
		p.Add(field, "must be between 1 and %d", MaxPageSize)
	}
}

// dedupe trims IDs and removes empty and repeated ones, keeping order.
func dedupe(ids []string) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
