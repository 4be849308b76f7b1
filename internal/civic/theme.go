package civic

import "time"

// Theme is a subject that organisations, assets and collaborations work on:
// food, employment, wellbeing, housing. Its slug is its stable key.
type Theme struct {
	ID          string
	Slug        string
	Name        string
	Description string
	DeletedAt   *time.Time
	Provenance
}

// ThemeInput creates or updates a theme. The slug is fixed once created.
type ThemeInput struct {
	Slug        *string
	Name        *string
	Description *string
	Source      *string
}

// Normalise trims text and lower-cases the slug.
func (in *ThemeInput) Normalise() {
	in.Name, in.Description = trimmed(in.Name), trimmed(in.Description)
	if in.Slug != nil {
		in.Slug = &normaliseSlugs([]string{*in.Slug})[0]
	}
}

// Validate checks the input; create requires a slug and a name.
func (in ThemeInput) Validate(create bool) error {
	var p Problems
	switch {
	case create && in.Slug == nil:
		p.Add("slug", "is required")
	case !create && in.Slug != nil:
		p.Add("slug", "cannot be changed")
	case in.Slug != nil:
		p.CheckSlugs("slug", []string{*in.Slug}, 1)
	}
	if in.Name != nil || create {
		p.CheckName("name", deref(in.Name), MaxNameLen)
	}
	p.CheckText("description", in.Description, MaxDescriptionLen)
	p.checkSource(in.Source)
	return p.Err()
}

// ThemeFilter narrows a list of themes.
type ThemeFilter struct {
	NameContains *string
}
