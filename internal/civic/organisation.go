package civic

import (
	"strings"
	"time"
)

// Organisation is anything that does work in the city: a council, a charity,
// an informal group, a business. Deleting one keeps it (DeletedAt is set)
// so that the city's memory of it and its collaborations survives.
type Organisation struct {
	ID          string
	Name        string
	Kind        OrganisationKind
	OrgID       string // canonical org-id.guide identifier, "" when unknown
	Description string
	Website     string
	Postcode    string
	Address     string
	Location    *GeoPoint
	AreaID      string   // the area it is located in, "" when unknown
	Themes      []string // theme slugs
	Needs       Needs    // what it looks for from partners
	DeletedAt   *time.Time
	MergedInto  string     // the organisation it was merged into, if any
	AsOf        *time.Time // set when it is shown as it was at this instant
	Provenance
	// Area and ThemeList are the area and themes themselves, which the
	// store reads along with the organisation; nil when it did not.
	Area      *Area
	ThemeList []*Theme
	// Slim: the store left the area and themes out (AreaID, Themes, Area
	// and ThemeList are empty) because the request did not ask for them;
	// whoever needs them reads the organisation again by ID.
	Slim bool
}

// OrganisationInput creates or updates an organisation. On update, nil fields
// are left unchanged and an empty string clears a text field.
type OrganisationInput struct {
	Name        *string
	Kind        *OrganisationKind
	OrgID       *string
	Description *string
	Website     *string
	Postcode    *string
	Address     *string
	Location    *GeoPoint
	AreaID      *string
	Themes      []string
	Needs       *Needs // replaces what the organisation needs when given
	Source      *string
}

// Normalise trims text and puts identifiers and postcodes in canonical form.
func (in *OrganisationInput) Normalise() {
	in.Name, in.Description, in.Website, in.Address = trimmed(in.Name), trimmed(in.Description), trimmed(in.Website), trimmed(in.Address)
	if in.OrgID != nil {
		id := NormaliseOrgID(*in.OrgID)
		in.OrgID = &id
	}
	if in.Postcode != nil {
		if pc, ok := NormalisePostcode(*in.Postcode); ok {
			in.Postcode = &pc
		} else {
			in.Postcode = trimmed(in.Postcode)
		}
	}
	in.Themes = normaliseSlugs(in.Themes)
	if in.Needs != nil {
		in.Needs.Normalise()
	}
}

// Validate checks the input; create requires a name and a kind.
func (in OrganisationInput) Validate(create bool) error {
	var p Problems
	if in.Name != nil || create {
		p.CheckName("name", deref(in.Name), MaxNameLen)
	}
	if in.Kind == nil && create {
		p.Add("kind", "is required")
	} else if in.Kind != nil && !in.Kind.Valid() {
		p.Add("kind", "%q is not an organisation kind", *in.Kind)
	}
	p.CheckOrgID("orgId", in.OrgID)
	p.CheckText("description", in.Description, MaxDescriptionLen)
	p.CheckURL("website", in.Website)
	p.CheckPostcode("postcode", in.Postcode)
	p.CheckText("address", in.Address, MaxShortTextLen)
	p.CheckPoint("location", in.Location)
	if in.AreaID != nil && *in.AreaID != "" {
		p.CheckID("areaId", *in.AreaID, KindArea)
	}
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	if in.Needs != nil {
		in.Needs.check(&p, "needs")
	}
	p.checkSource(in.Source)
	return p.Err()
}

// OrganisationFilter narrows a list of organisations. Empty fields match everything;
// lists match any of their values.
type OrganisationFilter struct {
	NameContains *string
	Kinds        []OrganisationKind
	Themes       []string
	AreaIDs      []string
	OrgID        *string
	// AsOf, when set, lists the organisations that existed at this instant,
	// with their fields as they were then (see MemoryService).
	AsOf *time.Time
}

// Validate checks the filter.
func (f OrganisationFilter) Validate() error {
	var p Problems
	checkEnums(&p, "filter.kinds", "organisation kind", f.Kinds)
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	p.CheckIDs("filter.areaIds", f.AreaIDs, KindArea)
	return p.Err()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// normaliseSlugs lower-cases and trims slugs and removes duplicates, keeping order.
func normaliseSlugs(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.ToLower(strings.TrimSpace(s))
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
