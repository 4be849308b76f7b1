package civic

import "time"

// Partnership is a formal network, forum, board or alliance that
// organisations are members of.
type Partnership struct {
	ID          string
	Name        string
	Kind        PartnershipKind
	Description string
	Since       *time.Time
	AreaID      string // the area it covers, "" for the whole city
	Themes      []string
	DeletedAt   *time.Time
	Provenance
}

// PartnershipInput creates or updates a partnership. On update, nil fields are left unchanged.
type PartnershipInput struct {
	Name        *string
	Kind        *PartnershipKind
	Description *string
	Since       *time.Time
	AreaID      *string
	Themes      []string
	Source      *string
}

// Normalise trims text and normalises themes.
func (in *PartnershipInput) Normalise() {
	in.Name, in.Description = trimmed(in.Name), trimmed(in.Description)
	in.Themes = normaliseSlugs(in.Themes)
}

// Validate checks the input; create requires a name and a kind.
func (in PartnershipInput) Validate(create bool) error {
	var p Problems
	if in.Name != nil || create {
		p.CheckName("name", deref(in.Name), MaxNameLen)
	}
	if in.Kind == nil && create {
		p.Add("kind", "is required")
	} else if in.Kind != nil && !in.Kind.Valid() {
		p.Add("kind", "%q is not a partnership kind", *in.Kind)
	}
	p.CheckText("description", in.Description, MaxDescriptionLen)
	if in.AreaID != nil && *in.AreaID != "" {
		p.CheckID("areaId", *in.AreaID, KindArea)
	}
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	p.checkSource(in.Source)
	return p.Err()
}

// PartnershipFilter narrows a list of partnerships.
type PartnershipFilter struct {
	NameContains *string
	Kinds        []PartnershipKind
	Themes       []string
	AreaIDs      []string
}

// Validate checks the filter.
func (f PartnershipFilter) Validate() error {
	var p Problems
	checkEnums(&p, "filter.kinds", "partnership kind", f.Kinds)
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	p.CheckIDs("filter.areaIds", f.AreaIDs, KindArea)
	return p.Err()
}
