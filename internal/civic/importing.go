package civic

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// SourceKey is the identifier under which an organisation is known in a
// dataset that has its own IDs (an Open Referral organization id), so that
// other records of the dataset can refer to it and a re-import finds it.
func SourceKey(dataset, key string) string { return "src:" + dataset + ":" + key }

// IsSourceKey reports whether an identifier is a SourceKey.
func IsSourceKey(id string) bool { return strings.HasPrefix(id, "src:") }

// OrgRef is how an imported record names an organisation: by its
// civicgraph ID, or by identifiers (org-id identifiers or source keys), the
// first of which that is known wins.
type OrgRef struct {
	ID          string
	Identifiers []string
	Name        string // for messages
}

// String describes the reference for error messages.
func (r OrgRef) String() string {
	switch {
	case r.ID != "":
		return r.ID
	case len(r.Identifiers) > 0:
		return strings.Join(r.Identifiers, " / ")
	}
	return r.Name
}

// Empty reports whether the reference names nothing.
func (r OrgRef) Empty() bool { return r.ID == "" && len(r.Identifiers) == 0 }

// ImportOrganisation is an organisation read from a file. It is matched
// to an existing organisation by ID or by any of its identifiers; OrgID is
// its primary identifier and Identifiers its others (org-id identifiers and
// source keys).
type ImportOrganisation struct {
	Organisation
	Identifiers []string
	// IfNew: only create the organisation when it is unknown; never change
	// a known one (a grant names its recipient, it does not describe it).
	IfNew bool
}

// Ref returns the reference that finds this organisation.
func (o ImportOrganisation) Ref() OrgRef {
	ids := o.Identifiers
	if o.OrgID != "" {
		ids = append([]string{o.OrgID}, ids...)
	}
	return OrgRef{ID: o.ID, Identifiers: ids, Name: o.Name}
}

// Validate checks the organisation with the rules of createOrganisation.
func (o *ImportOrganisation) Validate() error {
	in := OrganisationInput{Name: &o.Name, Kind: &o.Kind, OrgID: &o.OrgID, Description: &o.Description,
		Website: &o.Website, Postcode: &o.Postcode, Address: &o.Address, Location: o.Location, Themes: o.Themes, Needs: &o.Needs}
	var p Problems
	switch {
	case strings.HasPrefix(o.AreaID, string(KindArea)+"_"):
		in.AreaID = &o.AreaID
	case o.AreaID != "" && !gssCodePattern.MatchString(o.AreaID):
		p.Add("area", "%q is neither an area ID nor an ONS code such as E05011118", o.AreaID)
	}
	in.Normalise()
	o.Name, o.OrgID, o.Description, o.Website, o.Postcode, o.Address = *in.Name, *in.OrgID, *in.Description, *in.Website, *in.Postcode, *in.Address
	o.Themes = in.Themes
	if o.ID != "" {
		p.CheckID("id", o.ID, KindOrganisation)
	}
	ids, bad := NormaliseIdentifiers(withoutSourceKeys(o.Identifiers))
	for _, b := range bad {
		p.Add("identifiers", "%q is not an org-id identifier such as GB-CHC-1164883", b)
	}
	o.Identifiers = append(ids, sourceKeys(o.Identifiers)...)
	if err := in.Validate(true); err != nil {
		p = append(p, err.(*Error).Fields...)
	}
	if o.ID == "" && o.OrgID == "" && len(o.Identifiers) == 0 {
		p.Add("id", "an organisation needs an ID or an identifier")
	}
	return p.Err()
}

func withoutSourceKeys(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !IsSourceKey(id) {
			out = append(out, id)
		}
	}
	return out
}

func sourceKeys(ids []string) []string {
	var out []string
	for _, id := range ids {
		if IsSourceKey(id) {
			out = append(out, id)
		}
	}
	return out
}

// ImportCollaboration is a collaboration read from a file, between two
// organisations named by reference.
type ImportCollaboration struct {
	Collaboration
	From, To OrgRef
}

// Validate checks the collaboration with the rules of recordCollaboration.
func (c *ImportCollaboration) Validate() error {
	var p Problems
	if c.From.Empty() {
		p.Add("from", "is required")
	}
	if c.To.Empty() {
		p.Add("to", "is required")
	}
	if c.ID != "" {
		p.CheckID("id", c.ID, KindCollaboration)
	}
	in := CollaborationInput{FromID: "org_x", ToID: "org_y", Intensity: c.Intensity, Description: &c.Description, Since: c.Since, Until: c.Until, Themes: c.Themes}
	in.Normalise()
	c.Description, c.Since, c.Until, c.Themes = *in.Description, in.Since, in.Until, in.Themes
	if err := in.Validate(); err != nil {
		p = append(p, err.(*Error).Fields...)
	}
	if !c.From.Empty() && c.From.String() == c.To.String() {
		p.Add("to", "an organisation cannot collaborate with itself")
	}
	return p.Err()
}

// ImportFunding is a grant read from a file, between a funder and a
// recipient named by reference (both created if unknown, see Organisations
// of the record).
type ImportFunding struct {
	Funding
	Funder, Recipient OrgRef
}

// LinkRel names a kind of link that files can hold.
type LinkRel string

// Link kinds.
const (
	RelMembership  LinkRel = "MEMBER_OF"
	RelStewardship LinkRel = "STEWARDS"
	RelAffiliation LinkRel = "AFFILIATED_WITH"
)

// ImportLink is a membership, stewardship or affiliation read from a file.
// From is the organisation (or, for an affiliation, the person: then
// From.ID is the person's ID); ToID is the partnership, asset or organisation.
type ImportLink struct {
	Rel       LinkRel
	From      OrgRef
	To        OrgRef
	Role      string
	Since     *time.Time
	Until     *time.Time
	DeletedAt *time.Time
	Provenance
}

// Validate checks the link's kind and role.
func (l ImportLink) Validate() error {
	var p Problems
	switch l.Rel {
	case RelMembership:
		if !MembershipRole(l.Role).Valid() {
			p.Add("role", "%q is not a membership role", l.Role)
		}
	case RelStewardship:
		if !StewardshipRole(l.Role).Valid() {
			p.Add("role", "%q is not a stewardship role", l.Role)
		}
	case RelAffiliation:
		if !AffiliationRole(l.Role).Valid() {
			p.Add("role", "%q is not an affiliation role", l.Role)
		}
	default:
		p.Add("type", "%q is not a kind of link", l.Rel)
	}
	if l.From.Empty() || l.To.Empty() {
		p.Add("from", "a link needs both ends")
	}
	p.CheckDateOrder("until", l.Since, l.Until)
	return p.Err()
}

// ImportRecord is everything one record of a file says: a row of a CSV
// file or an object of a JSON file. It is written whole or not at all.
type ImportRecord struct {
	Num            int    // line (CSV) or record (JSON) number, for reports
	File           string // the file it comes from, when a reader reads several
	Line           bool   // Num is a line number (CSV), not a record number (JSON)
	Themes         []Theme
	Areas          []Area
	Organisations  []ImportOrganisation
	People         []Person
	Assets         []Asset
	Partnerships   []Partnership
	Collaborations []ImportCollaboration
	Fundings       []ImportFunding
	Links          []ImportLink
	// Partial: the record only says what it knows; empty fields leave the
	// stored values alone instead of clearing them.
	Partial bool
	// Err is set by a reader that could not read the record; such a record
	// is reported and never written.
	Err error
}

// Empty reports whether the record holds nothing to write.
func (r ImportRecord) Empty() bool {
	return len(r.Themes)+len(r.Areas)+len(r.Organisations)+len(r.People)+len(r.Assets)+
		len(r.Partnerships)+len(r.Collaborations)+len(r.Fundings)+len(r.Links) == 0
}

// Rejection is a record that was not written, and why.
type Rejection struct {
	Num    int
	Line   bool   // Num is a line number
	File   string // set when a reader reads several files
	Reason string
}

// String is "line 12: name: must not be blank" (or "record 12" in a JSON
// file), with the file first when there are several:
// "organizations.csv: line 12: ...".
func (r Rejection) String() string {
	where := fmt.Sprintf("record %d", r.Num)
	if r.Line {
		where = fmt.Sprintf("line %d", r.Num)
	}
	if r.File != "" {
		where = r.File + ": " + where
	}
	return where + ": " + r.Reason
}

// ImportOutcome is what happened to one record.
type ImportOutcome int

// Outcomes, in the order a summary lists them.
const (
	Created ImportOutcome = iota
	Updated
	Unchanged
	Rejected
	Skipped
)

// ImportResult is what happened to each record of a batch: its outcome
// and, for a rejected one, why. Records a strict import did not reach are
// Skipped.
type ImportResult struct {
	Outcomes []ImportOutcome
	Reasons  []string
}

// ImportSummary counts the outcomes of an import.
type ImportSummary struct {
	Created, Updated, Unchanged, Rejected int
	Rejections                            []Rejection
}

// Add counts one outcome.
func (s *ImportSummary) Add(o ImportOutcome, r *Rejection) {
	switch o {
	case Created:
		s.Created++
	case Updated:
		s.Updated++
	case Unchanged:
		s.Unchanged++
	case Rejected:
		s.Rejected++
		if r != nil {
			s.Rejections = append(s.Rejections, *r)
		}
	}
}

// Total is the number of records seen.
func (s ImportSummary) Total() int { return s.Created + s.Updated + s.Unchanged + s.Rejected }
