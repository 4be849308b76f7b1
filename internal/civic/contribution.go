package civic

import (
	"strings"
	"time"
)

// Contribution is what one organisation already does towards one
// recommendation. It is stored as a CONTRIBUTES_TO edge from the
// organisation to the recommendation: an organisation has at most one
// contribution to each recommendation, and registering again updates it.
type Contribution struct {
	ID               string
	OrganisationID   string
	RecommendationID string
	Description      string // what the organisation does
	Since            *time.Time
	EvidenceURL      string
	DeletedAt        *time.Time
	Provenance
}

// OrganisationRef names the organisation of a registration: either an
// existing organisation by ID, or its details. Details are matched against
// the organisations already recorded, first on org-id, then on name and
// postcode (ignoring case), and a new organisation is created only when
// nothing matches; so registering twice never records the organisation twice.
type OrganisationRef struct {
	ID       *string
	OrgID    *string
	Name     *string
	Kind     *OrganisationKind
	Postcode *string
	Website  *string
	AreaID   *string
	Location *GeoPoint
}

// Normalise trims the details and puts identifiers in canonical form.
func (r *OrganisationRef) Normalise() {
	r.ID, r.Name, r.Website = trimmed(r.ID), trimmed(r.Name), trimmed(r.Website)
	if r.OrgID != nil {
		id := NormaliseOrgID(*r.OrgID)
		r.OrgID = &id
	}
	if r.Postcode != nil {
		if pc, ok := NormalisePostcode(*r.Postcode); ok {
			r.Postcode = &pc
		} else {
			r.Postcode = trimmed(r.Postcode)
		}
	}
	for _, s := range []**string{&r.ID, &r.OrgID, &r.Postcode, &r.Website, &r.AreaID} {
		if *s != nil && **s == "" {
			*s = nil
		}
	}
}

// validate reports the problems of the reference under field.
func (r OrganisationRef) validate(p *Problems, field string) {
	if r.ID != nil {
		p.CheckID(field+".id", *r.ID, KindOrganisation)
		if r.OrgID != nil || r.Name != nil || r.Postcode != nil || r.Kind != nil {
			p.Add(field+".id", "give either the ID of a recorded organisation or its details, not both")
		}
		return
	}
	in := r.CreateInput()
	if err := in.Validate(true); err != nil {
		for _, f := range err.(*Error).Fields {
			p.Add(field+"."+f.Field, "%s", f.Message)
		}
	}
	if r.OrgID == nil && r.Postcode == nil {
		p.Add(field+".postcode", "is required when no orgId is given, to tell organisations of the same name apart")
	}
}

// CreateInput returns the input that creates the organisation when nothing matches.
func (r OrganisationRef) CreateInput() OrganisationInput {
	return OrganisationInput{
		Name: r.Name, Kind: r.Kind, OrgID: r.OrgID, Postcode: r.Postcode,
		Website: r.Website, AreaID: r.AreaID, Location: r.Location,
	}
}

// NameKey is the form of an organisation name that matching compares:
// lower case with single spaces.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// ContributionInput registers (or updates) what an organisation does
// towards a recommendation.
type ContributionInput struct {
	RecommendationID string
	Organisation     OrganisationRef
	Description      string
	Since            *time.Time
	EvidenceURL      *string
	Source           *string
}

// Normalise trims text and truncates the date.
func (in *ContributionInput) Normalise() {
	in.RecommendationID = strings.TrimSpace(in.RecommendationID)
	in.Organisation.Normalise()
	in.Description = strings.TrimSpace(in.Description)
	in.Since = dayPtr(in.Since)
	in.EvidenceURL = trimmed(in.EvidenceURL)
}

// Validate checks the input. today bounds the start date: work that has
// not started yet is a plan, not a contribution.
func (in ContributionInput) Validate(today time.Time) error {
	var p Problems
	p.CheckID("recommendationId", in.RecommendationID, KindRecommendation)
	in.Organisation.validate(&p, "organisation")
	if in.Description == "" {
		p.Add("description", "must say what the organisation does")
	}
	p.CheckText("description", &in.Description, MaxDescriptionLen)
	if in.Since != nil && in.Since.After(Day(today)) {
		p.Add("since", "must not be in the future")
	}
	p.CheckURL("evidenceUrl", in.EvidenceURL)
	p.checkSource(in.Source)
	return p.Err()
}

// Registration is what registering a contribution did.
type Registration struct {
	Contribution *Contribution
	Organisation *Organisation
	// OrganisationCreated is set when the organisation was new.
	OrganisationCreated bool
	// ContributionCreated is set when the organisation had no contribution
	// to the recommendation before; otherwise the existing one was updated.
	ContributionCreated bool
}

// ContributionFilter narrows a list of contributions.
type ContributionFilter struct {
	RecommendationIDs []string
	// AreaIDs matches contributions of organisations located in the areas
	// or in areas within them.
	AreaIDs []string
	// Themes matches contributions to recommendations on these themes.
	Themes []string
}

// Validate checks the filter.
func (f ContributionFilter) Validate() error {
	var p Problems
	for _, id := range f.RecommendationIDs {
		p.CheckID("filter.recommendationIds", id, KindRecommendation)
	}
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	return p.Err()
}

// AreaContributions counts the contributions made by organisations located
// in one area (or in areas within it).
type AreaContributions struct {
	AreaID          string
	Contributions   int
	Organisations   int // distinct contributing organisations
	Recommendations int // distinct recommendations worked towards
}

// AreaScope selects areas for a per-area summary: the areas of a kind
// (wards by default) that lie within a parent area, or in the whole city.
type AreaScope struct {
	ParentID *string
	Kind     *AreaKind
}

// Normalise fills in the default kind.
func (s *AreaScope) Normalise() {
	if s.Kind == nil {
		k := AreaWard
		s.Kind = &k
	}
}

// Validate checks the scope.
func (s AreaScope) Validate() error {
	var p Problems
	if s.ParentID != nil {
		p.CheckID("parentId", *s.ParentID, KindArea)
	}
	if s.Kind != nil && !s.Kind.Valid() {
		p.Add("areaKind", "%q is not an area kind", *s.Kind)
	}
	return p.Err()
}
