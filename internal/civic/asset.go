package civic

import (
	"slices"
	"time"
)

// Asset is something a community has and can use: a building, a green
// space, a minibus, a skill, a network, a fund.
type Asset struct {
	ID          string
	Name        string
	Kind        AssetKind
	Description string
	Shareable   bool // available to share with other organisations
	Capacity    *int // people it holds, for spaces
	Postcode    string
	Location    *GeoPoint
	AreaID      string
	Themes      []string
	DeletedAt   *time.Time
	Provenance
}

// Category returns the asset's ABCD category.
func (a Asset) Category() AssetCategory { return a.Kind.Category() }

// AssetInput creates or updates an asset. On update, nil fields are left unchanged.
type AssetInput struct {
	Name        *string
	Kind        *AssetKind
	Description *string
	Shareable   *bool
	Capacity    *int
	Postcode    *string
	Location    *GeoPoint
	AreaID      *string
	Themes      []string
	Source      *string
}

// Normalise trims text and normalises postcode and themes.
func (in *AssetInput) Normalise() {
	in.Name, in.Description = trimmed(in.Name), trimmed(in.Description)
	if in.Postcode != nil {
		if pc, ok := NormalisePostcode(*in.Postcode); ok {
			in.Postcode = &pc
		}
	}
	in.Themes = normaliseSlugs(in.Themes)
}

// Validate checks the input; create requires a name and a kind.
func (in AssetInput) Validate(create bool) error {
	var p Problems
	if in.Name != nil || create {
		p.CheckName("name", deref(in.Name), MaxNameLen)
	}
	if in.Kind == nil && create {
		p.Add("kind", "is required")
	} else if in.Kind != nil && !in.Kind.Valid() {
		p.Add("kind", "%q is not an asset kind", *in.Kind)
	}
	p.CheckText("description", in.Description, MaxDescriptionLen)
	if in.Capacity != nil && (*in.Capacity < 0 || *in.Capacity > 1_000_000) {
		p.Add("capacity", "must be between 0 and 1000000")
	}
	p.CheckPostcode("postcode", in.Postcode)
	p.CheckPoint("location", in.Location)
	if in.AreaID != nil && *in.AreaID != "" {
		p.CheckID("areaId", *in.AreaID, KindArea)
	}
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	p.checkSource(in.Source)
	return p.Err()
}

// AssetFilter narrows a list of assets.
type AssetFilter struct {
	NameContains *string
	Kinds        []AssetKind
	Categories   []AssetCategory
	Themes       []string
	AreaIDs      []string
	Shareable    *bool
}

// KindsToMatch returns the asset kinds the filter allows, folding categories
// into kinds, or nil when any kind matches. An empty non-nil result matches nothing.
func (f AssetFilter) KindsToMatch() []AssetKind {
	if len(f.Kinds) == 0 && len(f.Categories) == 0 {
		return nil
	}
	out := []AssetKind{}
	for _, k := range AssetKinds {
		kindOK := len(f.Kinds) == 0 || slices.Contains(f.Kinds, k)
		catOK := len(f.Categories) == 0 || slices.Contains(f.Categories, k.Category())
		if kindOK && catOK {
			out = append(out, k)
		}
	}
	return out
}

// Validate checks the filter.
func (f AssetFilter) Validate() error {
	var p Problems
	checkEnums(&p, "filter.kinds", "asset kind", f.Kinds)
	checkEnums(&p, "filter.categories", "asset category", f.Categories)
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	p.CheckIDs("filter.areaIds", f.AreaIDs, KindArea)
	return p.Err()
}
