package civic

import (
	"context"
	"slices"
)

// Discovery: what champions use to find partners near a place, by words, on
// a map, or by suggestion. The scoring of suggestions lives in
// internal/discovery; the types here are what the store answers with.

// Limits of discovery queries.
const (
	MaxRadiusKm         = 50
	DefaultMapFeatures  = 500
	MaxMapFeatures      = 5000
	DefaultSearchHits   = 20
	MaxSearchHits       = 100
	MaxSearchTextLen    = 200
	DefaultSuggestions  = 10
	MaxSuggestions      = 50
	maxDistanceFilterKm = 1000
)

// ResultKind is the kind of thing a discovery query returns.
type ResultKind string

// Result kinds.
const (
	ResultOrganisation ResultKind = "organisation"
	ResultAsset        ResultKind = "asset"
	ResultPartnership  ResultKind = "partnership"
	ResultPerson       ResultKind = "person"
)

// PlaceKinds are the kinds that have a location and can be found by distance.
var PlaceKinds = []ResultKind{ResultOrganisation, ResultAsset}

// SearchKinds are the kinds that full-text search finds.
var SearchKinds = []ResultKind{ResultOrganisation, ResultAsset, ResultPartnership, ResultPerson}

// SpaceKinds are the asset kinds that count as "space or equipment to share".
var SpaceKinds = []AssetKind{AssetBuilding, AssetRoom, AssetLand, AssetGreenSpace, AssetEquipment, AssetVehicle}

// HolderRoles are the stewardship roles that let an organisation offer an
// asset to others: those who merely use it cannot lend it.
var HolderRoles = []StewardshipRole{StewardOwns, StewardManages, StewardOccupies}

// Postcode is one row of the postcode table: a UK postcode and the point it
// stands for (the ONS Postcode Directory gives each postcode's centroid).
type Postcode struct {
	Postcode string // normalised, such as "B11 4BW"
	Location GeoPoint
	Provenance
}

// Near is where a distance search starts: a point or a postcode, not both.
type Near struct {
	Point    *GeoPoint
	Postcode *string
}

func (n *Near) normalise() {
	if n.Postcode != nil {
		if pc, ok := NormalisePostcode(*n.Postcode); ok {
			n.Postcode = &pc
		}
	}
}

func (n Near) check(p *Problems, field string) {
	switch {
	case (n.Point == nil) == (n.Postcode == nil):
		p.Add(field, "give either a point or a postcode")
	case n.Point != nil:
		p.CheckPoint(field+".point", n.Point)
	default:
		if _, ok := NormalisePostcode(*n.Postcode); !ok {
			p.Add(field+".postcode", "%q is not a UK postcode", *n.Postcode)
		}
	}
}

// UnknownPostcode is the error for a well-formed postcode that is not in the
// postcode table.
func UnknownPostcode(field, postcode string) error {
	var p Problems
	p.Add(field, "postcode %q is not in the postcode table", postcode)
	return p.Err()
}

// PartnerFilter narrows the organisations and assets found by distance or
// on a map. Every condition given must hold; a condition that cannot apply to
// a kind (an asset has no skills) leaves that kind out.
type PartnerFilter struct {
	Kinds             []ResultKind
	Themes            []string
	OrganisationKinds []OrganisationKind
	AssetKinds        []AssetKind
	Skills            []string
	// HasSpaceToShare: organisations holding (owning, managing or
	// occupying) a shareable building, room, land, green space, equipment
	// or vehicle; assets that are such space. False asks for the opposite.
	HasSpaceToShare *bool
	AreaIDs         []string
}

// Wants reports whether the filter lets kind k through, given the kinds
// returned when the filter names none.
func (f PartnerFilter) Wants(k ResultKind, defaults []ResultKind) bool {
	if len(f.Kinds) == 0 {
		return slices.Contains(defaults, k)
	}
	return slices.Contains(f.Kinds, k)
}

func (f *PartnerFilter) normalise() {
	f.Themes, f.Skills = normaliseSlugs(f.Themes), normaliseSlugs(f.Skills)
}

func (f PartnerFilter) check(p *Problems) {
	checkKinds(p, "filter.kinds", f.Kinds, PlaceKinds)
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	checkOrganisationKinds(p, f.OrganisationKinds)
	for _, k := range f.AssetKinds {
		if !k.Valid() {
			p.Add("filter.assetKinds", "%q is not an asset kind", k)
		}
	}
	p.CheckSlugs("filter.skills", f.Skills, MaxSkills)
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
}

func checkOrganisationKinds(p *Problems, kinds []OrganisationKind) {
	for _, k := range kinds {
		if !k.Valid() {
			p.Add("filter.organisationKinds", "%q is not an organisation kind", k)
		}
	}
}

func checkKinds(p *Problems, field string, kinds, allowed []ResultKind) {
	for _, k := range kinds {
		if !slices.Contains(allowed, k) {
			p.Add(field, "%q cannot be found this way", k)
		}
	}
}

// NearbyQuery asks for organisations and shareable assets within RadiusKm
// of a point or postcode, nearest first.
type NearbyQuery struct {
	Near     Near
	RadiusKm float64
	Filter   PartnerFilter
	Page     PageArgs
}

// Normalise puts the postcode and slugs in canonical form.
func (q *NearbyQuery) Normalise() {
	q.Near.normalise()
	q.Filter.normalise()
}

// Validate checks the query.
func (q NearbyQuery) Validate() error {
	var p Problems
	q.Near.check(&p, "near")
	if !(q.RadiusKm > 0 && q.RadiusKm <= MaxRadiusKm) {
		p.Add("radiusKm", "must be more than 0 and at most %d", MaxRadiusKm)
	}
	q.Filter.check(&p)
	return p.Err()
}

// Feature is an organisation or an asset found by where it is, as on a map;
// exactly one of Organisation and Asset is set.
type Feature struct {
	Organisation *Organisation
	Asset        *Asset
	DistanceKm   float64 // from the centre of a distance search; 0 on maps
}

// Location returns where the place is.
func (p Feature) Location() *GeoPoint {
	if p.Organisation != nil {
		return p.Organisation.Location
	}
	if p.Asset != nil {
		return p.Asset.Location
	}
	return nil
}

// BoundingBox is a rectangle of latitude and longitude, such as a map's view.
type BoundingBox struct {
	South, West, North, East float64
}

// MapQuery asks for the organisations and assets in a box or an area.
type MapQuery struct {
	Box    *BoundingBox
	AreaID *string
	Filter PartnerFilter
	First  *int
}

// Normalise puts slugs in canonical form.
func (q *MapQuery) Normalise() { q.Filter.normalise() }

// Validate checks the query.
func (q MapQuery) Validate() error {
	var p Problems
	switch {
	case (q.Box == nil) == (q.AreaID == nil):
		p.Add("within", "give either a box or an areaId")
	case q.Box != nil:
		b := *q.Box
		p.CheckPoint("within.box.southWest", &GeoPoint{Latitude: b.South, Longitude: b.West})
		p.CheckPoint("within.box.northEast", &GeoPoint{Latitude: b.North, Longitude: b.East})
		if b.South > b.North {
			p.Add("within.box", "south must not be north of north")
		}
		if b.West > b.East {
			p.Add("within.box", "west must not be east of east")
		}
	default:
		p.CheckID("within.areaId", *q.AreaID, KindArea)
	}
	checkOptionalLimit(&p, "first", q.First, MaxMapFeatures)
	q.Filter.check(&p)
	return p.Err()
}

// Limit returns how many features to return.
func (q MapQuery) Limit() int { return limitOr(q.First, DefaultMapFeatures) }

// MapResult is what a map shows: the places found (up to the limit) and
// how many there are in all.
type MapResult struct {
	Places []Feature
	Total  int
}

// SearchQuery is a full-text search.
type SearchQuery struct {
	Text   string
	Kinds  []ResultKind
	Filter SearchFilter
	First  *int
}

// SearchFilter narrows search hits to areas and themes. People have no
// themes, so a theme filter leaves them out.
type SearchFilter struct {
	AreaIDs []string
	Themes  []string
}

// Normalise puts slugs in canonical form.
func (q *SearchQuery) Normalise() { q.Filter.Themes = normaliseSlugs(q.Filter.Themes) }

// Validate checks the query. Whether the text holds anything to search for
// is the store's to say, as it depends on how text is indexed.
func (q SearchQuery) Validate() error {
	var p Problems
	if len([]rune(q.Text)) > MaxSearchTextLen {
		p.Add("text", "must be at most %d characters", MaxSearchTextLen)
	}
	checkKinds(&p, "kinds", q.Kinds, SearchKinds)
	checkOptionalLimit(&p, "first", q.First, MaxSearchHits)
	p.CheckSlugs("filter.themes", q.Filter.Themes, MaxThemes)
	for _, id := range q.Filter.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	return p.Err()
}

// Limit returns how many hits to return.
func (q SearchQuery) Limit() int { return limitOr(q.First, DefaultSearchHits) }

// SearchHit is one result of a search; exactly one of its nodes is set.
type SearchHit struct {
	Score        float64
	Organisation *Organisation
	Asset        *Asset
	Partnership  *Partnership
	Person       *Person
}

// SuggestionFilter narrows the organisations suggested as partners.
type SuggestionFilter struct {
	Themes            []string
	OrganisationKinds []OrganisationKind
	AreaIDs           []string
	// MaxDistanceKm leaves out organisations farther away, and those
	// whose distance is unknown.
	MaxDistanceKm *float64
}

// Normalise puts slugs in canonical form.
func (f *SuggestionFilter) Normalise() { f.Themes = normaliseSlugs(f.Themes) }

// Validate checks the filter.
func (f SuggestionFilter) Validate() error {
	var p Problems
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	checkOrganisationKinds(&p, f.OrganisationKinds)
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	if d := f.MaxDistanceKm; d != nil && !(*d > 0 && *d <= maxDistanceFilterKm) {
		p.Add("filter.maxDistanceKm", "must be more than 0 and at most %d", maxDistanceFilterKm)
	}
	return p.Err()
}

// PartnerCandidate is what the store knows about an organisation that might
// partner with another (the subject): the facts suggestions are scored on.
type PartnerCandidate struct {
	OrganisationID string
	DistanceKm     *float64 // nil when either has no location
	SharedThemes   []string // names of the themes both work on
	// TheyHave is what the candidate can offer that the subject needs;
	// TheyNeed is what the subject can offer that the candidate needs.
	TheyHave Needs
	TheyNeed Needs
	// CommonPartners counts the organisations both collaborate with;
	// CommonPartnerNames names a few of them.
	CommonPartners     int
	CommonPartnerNames []string
	SharedPartnerships []string // names of partnerships both are members of
}

// DiscoveryService finds partners by distance, by words and on maps, and
// gathers the facts that partner suggestions are scored on.
type DiscoveryService interface {
	// FindPostcode returns a postcode's row of the postcode table, nil if
	// the table does not have it.
	FindPostcode(ctx context.Context, postcode string) (*Postcode, error)
	NearbyPartners(ctx context.Context, q NearbyQuery) (Page[Feature], error)
	PlacesOnMap(ctx context.Context, q MapQuery) (MapResult, error)
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// PartnerCandidates returns the organisations that might partner with
	// orgID and do not collaborate with it yet (nor did): those within
	// nearbyKm, its partners' partners (the 300 with most partners in
	// common) and the other members of its partnerships.
	PartnerCandidates(ctx context.Context, orgID string, f SuggestionFilter, nearbyKm float64) ([]PartnerCandidate, error)
}

func checkOptionalLimit(p *Problems, field string, n *int, max int) {
	if n != nil && (*n < 0 || *n > max) {
		p.Add(field, "must be between 0 and %d", max)
	}
}

func limitOr(n *int, def int) int {
	if n == nil {
		return def
	}
	return *n
}
