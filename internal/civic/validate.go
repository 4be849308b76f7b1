package civic

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Field length limits, in characters.
const (
	MaxNameLen        = 200
	MaxDescriptionLen = 5000
	MaxShortTextLen   = 500
	MaxThemes         = 20
	MaxSkills         = 30
)

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	orgIDPattern = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$`)
	// postcodePattern accepts the UK postcode shapes (A9 9AA, A99 9AA, AA9 9AA,
	// AA99 9AA, A9A 9AA, AA9A 9AA) after normalisation.
	postcodePattern = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$`)
)

// CheckName reports a problem unless s is a non-blank single-line text of at most max characters.
func (p *Problems) CheckName(field, s string, max int) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		p.Add(field, "must not be blank")
	case utf8.RuneCountInString(t) > max:
		p.Add(field, "must be at most %d characters", max)
	case strings.ContainsFunc(t, unicode.IsControl):
		p.Add(field, "must not contain control characters")
	}
}

// CheckText reports a problem if s is longer than max characters or holds
// control characters other than newlines and tabs.
func (p *Problems) CheckText(field string, s *string, max int) {
	if s == nil {
		return
	}
	if utf8.RuneCountInString(*s) > max {
		p.Add(field, "must be at most %d characters", max)
		return
	}
	if strings.ContainsFunc(*s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }) {
		p.Add(field, "must not contain control characters")
	}
}

// CheckURL reports a problem unless s is empty or an absolute http(s) URL.
func (p *Problems) CheckURL(field string, s *string) {
	if s == nil || *s == "" {
		return
	}
	u, err := url.Parse(*s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(*s) > MaxShortTextLen {
		p.Add(field, "must be an http or https URL")
	}
}

// CheckSlugs reports a problem unless every item is a lowercase slug, with at most max items.
func (p *Problems) CheckSlugs(field string, slugs []string, max int) {
	if len(slugs) > max {
		p.Add(field, "must have at most %d items", max)
		return
	}
	for _, s := range slugs {
		if !slugPattern.MatchString(s) || len(s) > 64 {
			p.Add(field, "%q is not a slug (lowercase letters, digits and hyphens)", s)
		}
	}
}

// CheckPoint reports a problem if the point's coordinates are out of range.
func (p *Problems) CheckPoint(field string, g *GeoPoint) {
	if g == nil {
		return
	}
	if g.Latitude < -90 || g.Latitude > 90 || g.Latitude != g.Latitude {
		p.Add(field+".latitude", "must be between -90 and 90")
	}
	if g.Longitude < -180 || g.Longitude > 180 || g.Longitude != g.Longitude {
		p.Add(field+".longitude", "must be between -180 and 180")
	}
}

// CheckPostcode reports a problem unless s is empty or a UK postcode.
func (p *Problems) CheckPostcode(field string, s *string) {
	if s == nil || *s == "" {
		return
	}
	if _, ok := NormalisePostcode(*s); !ok {
		p.Add(field, "%q is not a UK postcode", *s)
	}
}

// CheckDateOrder reports a problem if until is before since.
func (p *Problems) CheckDateOrder(field string, since, until *time.Time) {
	if since != nil && until != nil && until.Before(*since) {
		p.Add(field, "must not be before since (%s)", since.Format(time.DateOnly))
	}
}

// CheckOrgID reports a problem unless s is empty or an org-id.guide identifier such as GB-CHC-1164883.
func (p *Problems) CheckOrgID(field string, s *string) {
	if s == nil || *s == "" {
		return
	}
	if !orgIDPattern.MatchString(NormaliseOrgID(*s)) {
		p.Add(field, "%q is not an org-id identifier such as GB-CHC-1164883", *s)
	}
}

// NormalisePostcode upper-cases a UK postcode and puts one space before its
// inward code ("b5 4bu" -> "B5 4BU"). ok is false if s is not a postcode.
func NormalisePostcode(s string) (string, bool) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(compact) < 5 || len(compact) > 7 {
		return "", false
	}
	pc := compact[:len(compact)-3] + " " + compact[len(compact)-3:]
	return pc, postcodePattern.MatchString(pc)
}

// trimmed returns a pointer to the trimmed value of s, or nil.
func trimmed(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	return &t
}

// CheckIDs reports a problem for every ID that is not of the wanted kind.
func (p *Problems) CheckIDs(field string, ids []string, want EntityKind) {
	for _, id := range ids {
		p.CheckID(field, id, want)
	}
}

// checkEnums reports a problem for every value that is not one of its type's values.
func checkEnums[E interface {
	~string
	Valid() bool
}](p *Problems, field, what string, values []E) {
	for _, v := range values {
		if !v.Valid() {
			p.Add(field, "%q is not %s", v, article(what))
		}
	}
}
