package civic

import (
	"regexp"
	"time"
)

// Area is a place in the city's geography: a ward, a district, a neighbourhood.
type Area struct {
	ID        string
	Name      string
	Kind      AreaKind
	Code      string // ONS GSS code such as E05011118, "" when unknown
	ParentID  string // the area this one lies within
	Location  *GeoPoint
	DeletedAt *time.Time
	Provenance
}

// AreaInput creates or updates an area. On update, nil fields are left unchanged.
type AreaInput struct {
	Name     *string
	Kind     *AreaKind
	Code     *string
	ParentID *string
	Location *GeoPoint
	Source   *string
}

var gssCodePattern = regexp.MustCompile(`^[EWSN][0-9]{8}$`)

// Normalise trims text.
func (in *AreaInput) Normalise() { in.Name, in.Code = trimmed(in.Name), trimmed(in.Code) }

// Validate checks the input; create requires a name and a kind.
func (in AreaInput) Validate(create bool) error {
	var p Problems
	if in.Name != nil || create {
		p.CheckName("name", deref(in.Name), MaxNameLen)
	}
	if in.Kind == nil && create {
		p.Add("kind", "is required")
	} else if in.Kind != nil && !in.Kind.Valid() {
		p.Add("kind", "%q is not an area kind", *in.Kind)
	}
	if in.Code != nil && *in.Code != "" && !gssCodePattern.MatchString(*in.Code) {
		p.Add("code", "%q is not an ONS GSS code such as E05011118", *in.Code)
	}
	if in.ParentID != nil && *in.ParentID != "" {
		p.CheckID("parentId", *in.ParentID, KindArea)
	}
	p.CheckPoint("location", in.Location)
	p.checkSource(in.Source)
	return p.Err()
}

// AreaFilter narrows a list of areas.
type AreaFilter struct {
	NameContains *string
	Kinds        []AreaKind
	ParentID     *string
}

// Validate checks the filter.
func (f AreaFilter) Validate() error {
	var p Problems
	checkEnums(&p, "filter.kinds", "area kind", f.Kinds)
	if f.ParentID != nil {
		p.CheckID("filter.parentId", *f.ParentID, KindArea)
	}
	return p.Err()
}
