package civic

import (
	"net/mail"
	"regexp"
	"time"
)

// Person is a resident, volunteer, worker or champion. Email and phone are
// personal data: they are stored but never exposed without authorisation.
type Person struct {
	ID        string
	Name      string
	Bio       string
	Email     string
	Phone     string
	AreaID    string
	Skills    []string // skill slugs
	DeletedAt *time.Time
	Provenance

	// Discoverable records the person's consent to be found by search and
	// by champions. It is false unless the person has said yes.
	Discoverable bool
}

// PersonInput creates or updates a person. On update, nil fields are left unchanged.
type PersonInput struct {
	Name   *string
	Bio    *string
	Email  *string
	Phone  *string
	AreaID *string
	Skills []string
	Source *string

	// Discoverable gives or withdraws consent to be found.
	Discoverable *bool
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 ()-]{6,20}$`)

// Normalise trims text and normalises skills.
func (in *PersonInput) Normalise() {
	in.Name, in.Bio, in.Email, in.Phone = trimmed(in.Name), trimmed(in.Bio), trimmed(in.Email), trimmed(in.Phone)
	in.Skills = normaliseSlugs(in.Skills)
}

// Validate checks the input; create requires a name.
func (in PersonInput) Validate(create bool) error {
	var p Problems
	if in.Name != nil || create {
		p.CheckName("name", deref(in.Name), MaxNameLen)
	}
	p.CheckText("bio", in.Bio, MaxDescriptionLen)
	if in.Email != nil && *in.Email != "" {
		if a, err := mail.ParseAddress(*in.Email); err != nil || a.Address != *in.Email {
			p.Add("email", "is not an email address")
		}
	}
	if in.Phone != nil && *in.Phone != "" && !phonePattern.MatchString(*in.Phone) {
		p.Add("phone", "is not a phone number")
	}
	if in.AreaID != nil && *in.AreaID != "" {
		p.CheckID("areaId", *in.AreaID, KindArea)
	}
	p.CheckSlugs("skills", in.Skills, MaxSkills)
	p.checkSource(in.Source)
	return p.Err()
}

// PersonFilter narrows a list of people.
type PersonFilter struct {
	NameContains *string
	Skills       []string
	AreaIDs      []string
}

// Validate checks the filter.
func (f PersonFilter) Validate() error {
	var p Problems
	p.CheckSlugs("filter.skills", f.Skills, MaxSkills)
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	return p.Err()
}
