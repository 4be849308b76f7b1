package civic

import (
	"net/mail"
	"regexp"
	"time"
)

// Person is a resident, volunteer, worker or champion. Email and phone are
// personal data: they are shown only to champions and above, and only for
// people who consented (ContactConsent).
type Person struct {
	ID    string
	Name  string
	Bio   string
	Email string
	Phone string
	// ContactConsent records that the person agreed to share their email
	// and phone with champions. It is about contact details only.
	ContactConsent bool
	AreaID         string
	Skills         []string // skill slugs
	DeletedAt      *time.Time
	Provenance

	// Discoverable records the person's consent to be found by search and
	// by champions. It is false unless the person has said yes.
	Discoverable bool
}

// PersonInput creates or updates a person. On update, nil fields are left unchanged.
type PersonInput struct {
	Name  *string
	Bio   *string
	Email *string
	Phone *string
	// ContactConsent, when set, records whether the person agreed to share
	// their contact details.
	ContactConsent *bool
	AreaID         *string
	Skills         []string
	Source         *string

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

// ContactVisible reports whether the person's contact details may be shown
// to a caller with role r: champions and above see those of people who
// consented, nobody else sees any.
func (p *Person) ContactVisible(r Role) bool {
	return p != nil && p.ContactConsent && r.AtLeast(RoleChampion)
}

// ContactEmail returns the email address, nil if there is none. Whether a
// caller may see it is for ContactVisible to say.
func (p *Person) ContactEmail() *string { return nonEmpty(p.Email) }

// ContactPhone returns the phone number, nil if there is none.
func (p *Person) ContactPhone() *string { return nonEmpty(p.Phone) }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
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
	p.CheckIDs("filter.areaIds", f.AreaIDs, KindArea)
	return p.Err()
}
