package civic

import (
	"slices"
	"time"
)

// Listing is an asset's entry in the register of assets of community value
// (Localism Act 2011): a community group nominates an asset, the council
// decides, and a listed asset stays listed for five years. When its owner
// gives notice of an intention to sell, a moratorium gives community groups
// time to bid.
//
// Every end date is the last day that a period covers: an asset is listed
// from ListedDate to ExpiryDate inclusive, and under moratorium from
// NoticeToSellDate to the end of the full moratorium, or of the interim one
// when no group asked to bid.
type Listing struct {
	ID             string
	AssetID        string
	Reference      string // the council's reference, unique, such as "ACV/2024/07"
	NominatorID    string // the nominating organisation
	NominationDate time.Time
	Decision       ListingDecision
	DecisionDate   *time.Time
	ListedDate     *time.Time
	ExpiryDate     *time.Time
	// NoticeToSellDate is when the owner told the council it means to sell.
	NoticeToSellDate *time.Time
	// InterimMoratoriumEnd closes the six weeks in which a community group
	// may ask to be treated as a bidder.
	InterimMoratoriumEnd *time.Time
	// FullMoratoriumEnd closes the six months a group that asked has to
	// raise a bid; nil when no group asked.
	FullMoratoriumEnd *time.Time
	// ProtectedPeriodEnd closes the eighteen months after the notice in
	// which no further moratorium can start.
	ProtectedPeriodEnd *time.Time
	Notes              string
	DeletedAt          *time.Time
	Provenance
}

// ListingDecision is the council's decision on a nomination.
type ListingDecision string

// Listing decisions.
const (
	DecisionPending ListingDecision = "pending"
	DecisionListed  ListingDecision = "listed"
	DecisionRefused ListingDecision = "refused"
)

// ListingDecisions lists every decision.
var ListingDecisions = []ListingDecision{DecisionPending, DecisionListed, DecisionRefused}

// Valid reports whether d is a known decision.
func (d ListingDecision) Valid() bool { return slices.Contains(ListingDecisions, d) }

// ListingStatus is where a listing stands on a given day.
type ListingStatus string

// Listing statuses.
const (
	ListingNominated ListingStatus = "nominated" // awaiting a decision
	ListingRefused   ListingStatus = "refused"
	ListingListed    ListingStatus = "listed" // in force
	ListingExpired   ListingStatus = "expired"
)

// ListingStatuses lists every status.
var ListingStatuses = []ListingStatus{ListingNominated, ListingRefused, ListingListed, ListingExpired}

// Periods the Localism Act sets.
const (
	ListingYears           = 5
	InterimMoratoriumDays  = 42 // six weeks
	ProtectedPeriodMonths  = 18
	MaxListingReferenceLen = 50
)

// StatusOn returns the listing's status on day d: nominated until the
// decision (or, once listed, until the listed date), then refused, or
// listed until the expiry date and expired after it.
func (l Listing) StatusOn(d time.Time) ListingStatus {
	d = Day(d)
	before := func(t *time.Time) bool { return t == nil || d.Before(*t) }
	switch {
	case l.Decision == DecisionPending || before(l.DecisionDate):
		return ListingNominated
	case l.Decision == DecisionRefused:
		return ListingRefused
	case before(l.ListedDate):
		return ListingNominated
	case l.ExpiryDate != nil && d.After(*l.ExpiryDate):
		return ListingExpired
	}
	return ListingListed
}

// MoratoriumEnd returns the last day of the moratorium, or nil when the
// owner has given no notice.
func (l Listing) MoratoriumEnd() *time.Time {
	if l.FullMoratoriumEnd != nil {
		return l.FullMoratoriumEnd
	}
	return l.InterimMoratoriumEnd
}

// UnderMoratoriumOn reports whether the asset cannot be sold on day d
// because a moratorium is running.
func (l Listing) UnderMoratoriumOn(d time.Time) bool {
	d, end := Day(d), l.MoratoriumEnd()
	return l.NoticeToSellDate != nil && end != nil && !d.Before(*l.NoticeToSellDate) && !d.After(*end)
}

// ListingInput records a nomination or changes a listing. On update, nil
// fields are left unchanged; the asset cannot change.
type ListingInput struct {
	AssetID              *string
	Reference            *string
	NominatorID          *string
	NominationDate       *time.Time
	Decision             *ListingDecision
	DecisionDate         *time.Time
	ListedDate           *time.Time
	ExpiryDate           *time.Time
	NoticeToSellDate     *time.Time
	InterimMoratoriumEnd *time.Time
	FullMoratoriumEnd    *time.Time
	ProtectedPeriodEnd   *time.Time
	Notes                *string
	Source               *string
}

// Normalise trims text and truncates dates to days.
func (in *ListingInput) Normalise() {
	in.AssetID, in.Reference, in.NominatorID, in.Notes = trimmed(in.AssetID), trimmed(in.Reference), trimmed(in.NominatorID), trimmed(in.Notes)
	for _, d := range in.dates() {
		*d = dayPtr(*d)
	}
}

func (in *ListingInput) dates() []**time.Time {
	return []**time.Time{&in.NominationDate, &in.DecisionDate, &in.ListedDate, &in.ExpiryDate,
		&in.NoticeToSellDate, &in.InterimMoratoriumEnd, &in.FullMoratoriumEnd, &in.ProtectedPeriodEnd}
}

// Apply returns the listing with the input's fields set over l's, and the
// defaults filled in: a listed asset is listed on its decision day and
// expires five years after listing, and a notice to sell starts a six-week
// interim moratorium and an eighteen-month protected period.
func (l Listing) Apply(in ListingInput) Listing {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setDate := func(dst **time.Time, v *time.Time) {
		if v != nil {
			*dst = v
		}
	}
	set(&l.AssetID, in.AssetID)
	set(&l.Reference, in.Reference)
	set(&l.NominatorID, in.NominatorID)
	set(&l.Notes, in.Notes)
	if in.NominationDate != nil {
		l.NominationDate = *in.NominationDate
	}
	if in.Decision != nil {
		l.Decision = *in.Decision
	}
	if l.Decision == "" {
		l.Decision = DecisionPending
	}
	setDate(&l.DecisionDate, in.DecisionDate)
	setDate(&l.ListedDate, in.ListedDate)
	setDate(&l.ExpiryDate, in.ExpiryDate)
	setDate(&l.NoticeToSellDate, in.NoticeToSellDate)
	setDate(&l.InterimMoratoriumEnd, in.InterimMoratoriumEnd)
	setDate(&l.FullMoratoriumEnd, in.FullMoratoriumEnd)
	setDate(&l.ProtectedPeriodEnd, in.ProtectedPeriodEnd)

	if l.Decision == DecisionListed {
		if l.ListedDate == nil && l.DecisionDate != nil {
			l.ListedDate = l.DecisionDate
		}
		if l.ExpiryDate == nil && l.ListedDate != nil {
			l.ExpiryDate = ptrTo(l.ListedDate.AddDate(ListingYears, 0, 0))
		}
	}
	if n := l.NoticeToSellDate; n != nil {
		if l.InterimMoratoriumEnd == nil {
			l.InterimMoratoriumEnd = ptrTo(n.AddDate(0, 0, InterimMoratoriumDays))
		}
		if l.ProtectedPeriodEnd == nil {
			l.ProtectedPeriodEnd = ptrTo(n.AddDate(0, ProtectedPeriodMonths, 0))
		}
	}
	return l
}

// ValidateInput checks the fields of an input on their own; create
// requires the asset, reference, nominator and nomination date.
func (in ListingInput) ValidateInput(create bool) error {
	var p Problems
	switch {
	case create && in.AssetID == nil:
		p.Add("assetId", "is required")
	case !create && in.AssetID != nil:
		p.Add("assetId", "cannot be changed")
	case in.AssetID != nil:
		p.CheckID("assetId", *in.AssetID, KindAsset)
	}
	if in.Reference != nil || create {
		p.CheckName("reference", deref(in.Reference), MaxListingReferenceLen)
	}
	if in.NominatorID != nil || create {
		p.CheckID("nominatorId", deref(in.NominatorID), KindOrganisation)
	}
	if create && in.NominationDate == nil {
		p.Add("nominationDate", "is required")
	}
	if in.Decision != nil && !in.Decision.Valid() {
		p.Add("decision", "%q is not a decision", *in.Decision)
	}
	p.CheckText("notes", in.Notes, MaxDescriptionLen)
	p.checkSource(in.Source)
	return p.Err()
}

// Validate checks that the listing's dates agree with its decision and come
// in order: nomination <= decision <= listing < expiry; a notice to sell
// falls while the asset is listed; each moratorium end follows the notice
// and the one before it. Past events cannot be after today.
func (l Listing) Validate(today time.Time) error {
	var p Problems
	today = Day(today)
	past := func(field string, d *time.Time) {
		if d != nil && d.After(today) {
			p.Add(field, "must not be in the future")
		}
	}
	notBefore := func(field string, d, ref *time.Time, refName string) {
		if d != nil && ref != nil && d.Before(*ref) {
			p.Add(field, "must not be before %s (%s)", refName, ref.Format(time.DateOnly))
		}
	}
	after := func(field string, d, ref *time.Time, refName string) {
		if d != nil && ref != nil && !d.After(*ref) {
			p.Add(field, "must be after %s (%s)", refName, ref.Format(time.DateOnly))
		}
	}
	absent := func(field string, d *time.Time, why string) {
		if d != nil {
			p.Add(field, "must be empty %s", why)
		}
	}
	nominated := &l.NominationDate
	past("nominationDate", nominated)
	past("decisionDate", l.DecisionDate)
	past("listedDate", l.ListedDate)
	past("noticeToSellDate", l.NoticeToSellDate)

	switch l.Decision {
	case DecisionPending:
		absent("decisionDate", l.DecisionDate, "until the nomination is decided")
	case DecisionListed, DecisionRefused:
		if l.DecisionDate == nil {
			p.Add("decisionDate", "is required once the nomination is decided")
		}
		notBefore("decisionDate", l.DecisionDate, nominated, "the nomination")
	}
	if l.Decision != DecisionListed {
		why := "unless the asset is listed"
		absent("listedDate", l.ListedDate, why)
		absent("expiryDate", l.ExpiryDate, why)
		absent("noticeToSellDate", l.NoticeToSellDate, why)
	}
	notBefore("listedDate", l.ListedDate, l.DecisionDate, "the decision")
	after("expiryDate", l.ExpiryDate, l.ListedDate, "the listing")
	notBefore("noticeToSellDate", l.NoticeToSellDate, l.ListedDate, "the listing")
	if l.NoticeToSellDate != nil && l.ExpiryDate != nil && l.NoticeToSellDate.After(*l.ExpiryDate) {
		p.Add("noticeToSellDate", "must not be after the listing expires (%s)", l.ExpiryDate.Format(time.DateOnly))
	}

	if l.NoticeToSellDate == nil {
		why := "without a notice to sell"
		absent("interimMoratoriumEnd", l.InterimMoratoriumEnd, why)
		absent("fullMoratoriumEnd", l.FullMoratoriumEnd, why)
		absent("protectedPeriodEnd", l.ProtectedPeriodEnd, why)
	}
	after("interimMoratoriumEnd", l.InterimMoratoriumEnd, l.NoticeToSellDate, "the notice to sell")
	after("fullMoratoriumEnd", l.FullMoratoriumEnd, l.InterimMoratoriumEnd, "the interim moratorium")
	after("protectedPeriodEnd", l.ProtectedPeriodEnd, l.MoratoriumEnd(), "the moratorium")
	return p.Err()
}

// ListingFilter narrows a list of listings. Listing statuses and
// moratoria are judged on AsOf, today unless given.
type ListingFilter struct {
	// AreaIDs matches listings of assets located in the areas or within them.
	AreaIDs   []string
	Decisions []ListingDecision
	Statuses  []ListingStatus
	// ExpiringWithinDays keeps listings in force that expire within that
	// many days of AsOf.
	ExpiringWithinDays *int
	// UnderMoratorium keeps listings whose asset is (true) or is not
	// (false) under moratorium on AsOf.
	UnderMoratorium *bool
	AsOf            *time.Time
}

// Validate checks the filter.
func (f ListingFilter) Validate() error {
	var p Problems
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	for _, d := range f.Decisions {
		if !d.Valid() {
			p.Add("filter.decisions", "%q is not a decision", d)
		}
	}
	for _, s := range f.Statuses {
		if !slices.Contains(ListingStatuses, s) {
			p.Add("filter.statuses", "%q is not a listing status", s)
		}
	}
	if n := f.ExpiringWithinDays; n != nil && (*n < 0 || *n > 3660) {
		p.Add("filter.expiringWithinDays", "must be between 0 and 3660")
	}
	return p.Err()
}

func ptrTo[T any](v T) *T { return &v }
