package civic

import (
	"slices"
	"time"
)

// Shared space (co-location): buildings and rooms offered to other
// organisations, organisations that need space, and the matches between
// them. A space is an Asset of kind building or room; its offer is stored
// with it, and a room can lie within a building.

// SpaceUse is something a space is used for.
type SpaceUse string

// Space uses.
const (
	UseMeeting  SpaceUse = "meeting"
	UseOffice   SpaceUse = "office"
	UseActivity SpaceUse = "activity" // classes, clubs, exercise
	UseEvent    SpaceUse = "event"
	UseKitchen  SpaceUse = "kitchen"
	UseStorage  SpaceUse = "storage"
	UseDropIn   SpaceUse = "drop_in" // advice sessions and surgeries
	UseWorkshop SpaceUse = "workshop"
)

// SpaceUses lists every use.
var SpaceUses = []SpaceUse{UseMeeting, UseOffice, UseActivity, UseEvent, UseKitchen, UseStorage, UseDropIn, UseWorkshop}

// Weekday is a day of the week on which a space is available or needed.
type Weekday string

// Days of the week.
const (
	Monday    Weekday = "monday"
	Tuesday   Weekday = "tuesday"
	Wednesday Weekday = "wednesday"
	Thursday  Weekday = "thursday"
	Friday    Weekday = "friday"
	Saturday  Weekday = "saturday"
	Sunday    Weekday = "sunday"
)

// Weekdays lists the days, Monday first.
var Weekdays = []Weekday{Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday}

// TimeOfDay is part of a day.
type TimeOfDay string

// Times of day.
const (
	Morning   TimeOfDay = "morning"
	Afternoon TimeOfDay = "afternoon"
	Evening   TimeOfDay = "evening"
)

// TimesOfDay lists the times of day.
var TimesOfDay = []TimeOfDay{Morning, Afternoon, Evening}

// SpaceTerms says on what terms a space is offered.
type SpaceTerms string

// Space terms.
const (
	TermsFree       SpaceTerms = "free"
	TermsAtCost     SpaceTerms = "at_cost" // covering running costs
	TermsCommercial SpaceTerms = "commercial"
)

// SpaceTermsAll lists every term.
var SpaceTermsAll = []SpaceTerms{TermsFree, TermsAtCost, TermsCommercial}

// SpaceOffer is how a building or room is offered to share. Empty lists
// mean "ask": the space is matched whatever is needed.
type SpaceOffer struct {
	AssetID  string
	WithinID string // the building a room lies within, "" when none
	Within   *Asset // that building, when read with the offer
	Uses     []SpaceUse
	Days     []Weekday
	Times    []TimeOfDay
	Terms    SpaceTerms // "" when not said
	Notes    string
	// Offered reports whether the space is available to share at all.
	Offered bool
}

// SpaceOfferInput offers a building or room to share. Given lists replace
// the old ones; an empty withinId takes a room out of its building.
type SpaceOfferInput struct {
	Uses     []SpaceUse
	Days     []Weekday
	Times    []TimeOfDay
	Terms    *SpaceTerms
	Notes    *string
	WithinID *string
	Source   *string
}

// Normalise trims text.
func (in *SpaceOfferInput) Normalise() {
	in.Notes, in.WithinID = trimmed(in.Notes), trimmed(in.WithinID)
}

// Validate checks the input for an asset of kind k with the given ID.
func (in SpaceOfferInput) Validate(assetID string, k AssetKind) error {
	var p Problems
	if k != AssetBuilding && k != AssetRoom {
		p.Add("assetId", "only buildings and rooms are offered as space, not a %s", k)
	}
	checkAmong(&p, "uses", in.Uses, SpaceUses)
	checkAmong(&p, "days", in.Days, Weekdays)
	checkAmong(&p, "times", in.Times, TimesOfDay)
	if in.Terms != nil && !slices.Contains(SpaceTermsAll, *in.Terms) {
		p.Add("terms", "%q is not a term", *in.Terms)
	}
	p.CheckText("notes", in.Notes, MaxShortTextLen*4)
	if in.WithinID != nil && *in.WithinID != "" {
		p.CheckID("withinId", *in.WithinID, KindAsset)
		if k != AssetRoom {
			p.Add("withinId", "only a room lies within a building")
		}
		if *in.WithinID == assetID {
			p.Add("withinId", "a room cannot lie within itself")
		}
	}
	p.checkSource(in.Source)
	return p.Err()
}

// checkAmong reports a problem for every value not in known.
func checkAmong[E ~string](p *Problems, field string, values, known []E) {
	for _, v := range values {
		if !slices.Contains(known, v) {
			p.Add(field, "%q is not one of %v", v, known)
		}
	}
}

// NeedStatus is where a space need stands.
type NeedStatus string

// Need statuses.
const (
	NeedOpen      NeedStatus = "open"
	NeedMet       NeedStatus = "met"
	NeedWithdrawn NeedStatus = "withdrawn"
)

// NeedStatuses lists every status.
var NeedStatuses = []NeedStatus{NeedOpen, NeedMet, NeedWithdrawn}

// SpaceNeed is an organisation looking for space: what for, for how many
// people, when and where.
type SpaceNeed struct {
	ID             string
	OrganisationID string
	Description    string
	Uses           []SpaceUse // all of them must be possible
	People         *int
	Days           []Weekday   // any of them would do
	Times          []TimeOfDay // any of them would do
	AreaID         string      // where, "" when anywhere near the organisation
	// Location is where to search from: the one given, or else the
	// centroid of the area, or else the organisation's location.
	Location   *GeoPoint
	WithinKm   float64
	NeededFrom *time.Time
	Status     NeedStatus
	DeletedAt  *time.Time
	Provenance
}

// SpaceNeedInput records a need or changes one. On update, nil fields are
// left unchanged and given lists replace the old ones.
type SpaceNeedInput struct {
	OrganisationID *string // on creation only
	Description    *string
	Uses           []SpaceUse
	People         *int
	Days           []Weekday
	Times          []TimeOfDay
	AreaID         *string
	Location       *GeoPoint
	WithinKm       *float64
	NeededFrom     *time.Time
	Status         *NeedStatus
	Source         *string
}

// Normalise trims text and truncates the date.
func (in *SpaceNeedInput) Normalise() {
	in.OrganisationID, in.Description, in.AreaID = trimmed(in.OrganisationID), trimmed(in.Description), trimmed(in.AreaID)
	in.NeededFrom = dayPtr(in.NeededFrom)
}

// Validate checks the input; create requires the organisation, what the
// space is for and at least one use.
func (in SpaceNeedInput) Validate(create bool) error {
	var p Problems
	switch {
	case create && in.OrganisationID == nil:
		p.Add("organisationId", "is required")
	case !create && in.OrganisationID != nil:
		p.Add("organisationId", "cannot be changed")
	case in.OrganisationID != nil:
		p.CheckID("organisationId", *in.OrganisationID, KindOrganisation)
	}
	if in.Description != nil || create {
		p.CheckName("description", deref(in.Description), MaxShortTextLen)
	}
	if (create || in.Uses != nil) && len(in.Uses) == 0 {
		p.Add("uses", "name at least one use")
	}
	checkAmong(&p, "uses", in.Uses, SpaceUses)
	checkAmong(&p, "days", in.Days, Weekdays)
	checkAmong(&p, "times", in.Times, TimesOfDay)
	if in.People != nil && (*in.People < 1 || *in.People > 10_000) {
		p.Add("people", "must be between 1 and 10000")
	}
	if in.AreaID != nil && *in.AreaID != "" {
		p.CheckID("areaId", *in.AreaID, KindArea)
	}
	p.CheckPoint("location", in.Location)
	if in.WithinKm != nil {
		p.checkWithin("withinKm", *in.WithinKm)
	}
	if in.Status != nil && !slices.Contains(NeedStatuses, *in.Status) {
		p.Add("status", "%q is not a need status", *in.Status)
	}
	p.checkSource(in.Source)
	return p.Err()
}

// SpaceNeedFilter narrows a list of space needs.
type SpaceNeedFilter struct {
	OrganisationIDs []string
	AreaIDs         []string // needs located in these areas or within them
	Statuses        []NeedStatus
	Uses            []SpaceUse // needs for any of these uses
}

// Validate checks the filter.
func (f SpaceNeedFilter) Validate() error {
	var p Problems
	for _, id := range f.OrganisationIDs {
		p.CheckID("filter.organisationIds", id, KindOrganisation)
	}
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	checkAmong(&p, "filter.statuses", f.Statuses, NeedStatuses)
	checkAmong(&p, "filter.uses", f.Uses, SpaceUses)
	return p.Err()
}

// SpaceSearch looks for shareable buildings and rooms near a place that
// hold enough people, allow every wanted use and are open on at least one
// wanted day and time (an offer that does not say matches anything).
type SpaceSearch struct {
	Near     Place
	WithinKm float64
	People   *int
	Uses     []SpaceUse
	Days     []Weekday
	Times    []TimeOfDay
	Limit    int
}

// Normalise fills in defaults.
func (s *SpaceSearch) Normalise() {
	if s.WithinKm == 0 {
		s.WithinKm = DefaultWithinKm
	}
	if s.Limit == 0 {
		s.Limit = DefaultPageSize
	}
}

// Validate checks the search.
func (s SpaceSearch) Validate() error {
	var p Problems
	s.Near.validate(&p, "near")
	p.checkWithin("withinKm", s.WithinKm)
	if s.People != nil && *s.People < 1 {
		p.Add("people", "must be at least 1")
	}
	checkAmong(&p, "uses", s.Uses, SpaceUses)
	checkAmong(&p, "days", s.Days, Weekdays)
	checkAmong(&p, "times", s.Times, TimesOfDay)
	checkLimit(&p, "first", s.Limit)
	return p.Err()
}

// Fits reports whether an offered space with the given capacity meets the
// search's wants (not its distance). It states the rule the store's query
// applies.
func (s SpaceSearch) Fits(o SpaceOffer, capacity *int) bool {
	anyOf := func(offered, wanted []string) bool {
		return len(offered) == 0 || len(wanted) == 0 || slices.ContainsFunc(wanted, func(w string) bool { return slices.Contains(offered, w) })
	}
	allOf := func(offered []SpaceUse, wanted []SpaceUse) bool {
		return len(offered) == 0 || !slices.ContainsFunc(wanted, func(w SpaceUse) bool { return !slices.Contains(offered, w) })
	}
	return o.Offered &&
		(s.People == nil || capacity == nil || *capacity >= *s.People) &&
		allOf(o.Uses, s.Uses) &&
		anyOf(strs(o.Days), strs(s.Days)) && anyOf(strs(o.Times), strs(s.Times))
}

func strs[E ~string](in []E) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// SpaceMatch is a space found for a need or a search.
type SpaceMatch struct {
	Asset      *Asset
	DistanceKm float64
}

// SharedBuilding is a building used by several organisations, counting
// those that steward the building itself or a room within it.
type SharedBuilding struct {
	Building        *Asset
	OrganisationIDs []string
}

// SharedBuildingFilter narrows the list of shared buildings.
type SharedBuildingFilter struct {
	// MinOrganisations is the fewest organisations a building must have;
	// default 2.
	MinOrganisations *int
	AreaIDs          []string
}

// Validate checks the filter.
func (f SharedBuildingFilter) Validate() error {
	var p Problems
	if f.MinOrganisations != nil && *f.MinOrganisations < 1 {
		p.Add("filter.minOrganisations", "must be at least 1")
	}
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	return p.Err()
}
