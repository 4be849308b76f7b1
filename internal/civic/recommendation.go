package civic

import (
	"regexp"
	"strings"
	"time"
)

// Recommendation is one recommendation of a strategy or green paper, such as
// "SI-07: Establish a social inclusion champions' network". Organisations
// register what they already do towards it (Contribution), so that the city
// sees who is doing what and where the gaps are.
type Recommendation struct {
	ID          string
	Code        string // unique, such as "SI-07"
	Title       string
	Description string
	Theme       string // theme slug, "" when none
	Document    string // the paper it comes from, "" when unknown
	// Contributors is how many organisations have registered a
	// contribution to it (visible ones only).
	Contributors int
	DeletedAt    *time.Time
	Provenance
}

// RecommendationInput creates or updates a recommendation. On update, nil
// fields are left unchanged and an empty string clears a text field.
type RecommendationInput struct {
	Code        *string
	Title       *string
	Description *string
	Theme       *string
	Document    *string
	Source      *string
}

// codePattern is the shape of a recommendation code after normalisation:
// capitals, digits, dots and hyphens, such as "SI-07" or "R3.2".
var codePattern = regexp.MustCompile(`^[A-Z0-9](?:[A-Z0-9.-]{0,18}[A-Z0-9])?$`)

// NormaliseCode upper-cases and trims a recommendation code.
func NormaliseCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Normalise trims text and puts the code and theme in canonical form.
func (in *RecommendationInput) Normalise() {
	in.Title, in.Description, in.Document = trimmed(in.Title), trimmed(in.Description), trimmed(in.Document)
	if in.Code != nil {
		c := NormaliseCode(*in.Code)
		in.Code = &c
	}
	if in.Theme != nil {
		t := strings.ToLower(strings.TrimSpace(*in.Theme))
		in.Theme = &t
	}
}

// Validate checks the input; create requires a code and a title.
func (in RecommendationInput) Validate(create bool) error {
	var p Problems
	if in.Code != nil || create {
		if c := deref(in.Code); !codePattern.MatchString(c) {
			p.Add("code", "%q is not a code such as SI-07 (capitals, digits, dots and hyphens, at most 20)", c)
		}
	}
	if in.Title != nil || create {
		p.CheckName("title", deref(in.Title), MaxNameLen)
	}
	p.CheckText("description", in.Description, MaxDescriptionLen)
	if in.Theme != nil && *in.Theme != "" {
		p.CheckSlugs("theme", []string{*in.Theme}, 1)
	}
	p.CheckText("document", in.Document, MaxNameLen)
	p.checkSource(in.Source)
	return p.Err()
}

// RecommendationFilter narrows a list of recommendations.
type RecommendationFilter struct {
	// TextContains matches a case-insensitive substring of the code or title.
	TextContains *string
	Themes       []string
	Codes        []string
	// MaxContributors keeps recommendations with at most this many
	// contributors: 0 finds those nobody works towards, the gaps.
	MaxContributors *int
	// MinContributors keeps recommendations with at least this many.
	MinContributors *int
}

// Normalise puts codes and themes in canonical form.
func (f *RecommendationFilter) Normalise() {
	for i, c := range f.Codes {
		f.Codes[i] = NormaliseCode(c)
	}
	f.Themes = normaliseSlugs(f.Themes)
}

// Validate checks the filter.
func (f RecommendationFilter) Validate() error {
	var p Problems
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	if f.MaxContributors != nil && *f.MaxContributors < 0 {
		p.Add("filter.maxContributors", "must not be negative")
	}
	if f.MinContributors != nil && *f.MinContributors < 0 {
		p.Add("filter.minContributors", "must not be negative")
	}
	return p.Err()
}

// RecommendationOrderField names what a list of recommendations is sorted by.
type RecommendationOrderField string

// Recommendation orders.
const (
	RecommendationByCode         RecommendationOrderField = "code"
	RecommendationByContributors RecommendationOrderField = "contributors"
)

// RecommendationOrder sorts recommendations; the zero value sorts by code.
type RecommendationOrder struct {
	Field     RecommendationOrderField
	Direction SortDirection
}
