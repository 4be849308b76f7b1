package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Import maps the record onto what it writes. A record that says something
// impossible (a bad date, an unknown type) comes back with Err set.
func (r Record) Import(num int) civic.ImportRecord {
	m := mapper{}
	out := civic.ImportRecord{Num: num}
	prov := m.provenance(r)
	deleted := m.instantPtr("deletedAt", r.DeletedAt)
	loc := r.location()
	switch r.Type {
	case "theme":
		s := r.Slug
		if s == "" {
			s = strings.TrimPrefix(r.ID, "thm_")
		}
		if s == "" {
			s = slug(r.Name)
		}
		out.Themes = []civic.Theme{{ID: civic.ThemeID(s), Slug: s, Name: r.Name, Description: r.Description, DeletedAt: deleted, Provenance: prov}}
	case "area":
		out.Areas = []civic.Area{{ID: r.ID, Name: r.Name, Kind: civic.AreaKind(r.Kind), Code: r.Code, ParentID: r.Parent, Location: loc, DeletedAt: deleted, Provenance: prov}}
	case "organisation", "organization":
		o := civic.ImportOrganisation{Organisation: civic.Organisation{
			ID: r.ID, Name: r.Name, Kind: civic.OrganisationKind(r.Kind), OrgID: r.OrgID, Description: r.Description,
			Website: r.Website, Postcode: r.Postcode, Address: r.Address, Location: loc, AreaID: r.Area, Themes: r.Themes,
			MergedInto: r.MergedInto, DeletedAt: deleted, Provenance: prov,
			Needs: civic.Needs{AssetKinds: civic.AssetKindsOf(r.NeedsAssetKinds), Skills: r.NeedsSkills},
		}, Identifiers: r.Identifiers}
		if o.Kind == "" && o.OrgID != "" {
			o.Kind = civic.KindForIdentifier(o.OrgID)
		}
		out.Organisations = []civic.ImportOrganisation{o}
	case "person":
		out.People = []civic.Person{{ID: r.ID, Name: r.Name, Bio: r.Bio, Email: r.Email, Phone: r.Phone, AreaID: r.Area, Skills: r.Skills,
			ContactConsent: yes(r.ContactConsent), Discoverable: yes(r.Discoverable), DeletedAt: deleted, Provenance: prov}}
		m.needID("person", r.ID)
	case "asset":
		a := civic.Asset{ID: r.ID, Name: r.Name, Kind: civic.AssetKind(r.Kind), Description: r.Description, Capacity: r.Capacity,
			Postcode: r.Postcode, Location: loc, AreaID: r.Area, Themes: r.Themes, DeletedAt: deleted, Provenance: prov}
		if r.Shareable != nil {
			a.Shareable = *r.Shareable
		}
		m.needID("asset", r.ID)
		out.Assets = []civic.Asset{a}
	case "partnership":
		out.Partnerships = []civic.Partnership{{ID: r.ID, Name: r.Name, Kind: civic.PartnershipKind(r.Kind), Description: r.Description,
			Since: m.date("since", r.Since), AreaID: r.Area, Themes: r.Themes, DeletedAt: deleted, Provenance: prov}}
		m.needID("partnership", r.ID)
	case "collaboration":
		out.Collaborations = []civic.ImportCollaboration{{Collaboration: civic.Collaboration{
			ID: r.ID, Intensity: civic.Intensity(strings.ToLower(r.Intensity)), Description: r.Description,
			Since: m.date("since", r.Since), Until: m.date("until", r.Until), Themes: r.Themes, DeletedAt: deleted, Provenance: prov,
		}, From: ref(r.From), To: ref(r.To)}}
	case "membership", "stewardship", "affiliation":
		rel := map[string]civic.LinkRel{"membership": civic.RelMembership, "stewardship": civic.RelStewardship, "affiliation": civic.RelAffiliation}[r.Type]
		from, to := ref(r.From), ref(r.To)
		if rel == civic.RelAffiliation {
			from = civic.OrgRef{ID: r.From}
		} else {
			to = civic.OrgRef{ID: r.To}
		}
		out.Links = []civic.ImportLink{{Rel: rel, From: from, To: to, Role: r.Role, Since: m.date("since", r.Since), Until: m.date("until", r.Until), DeletedAt: deleted, Provenance: prov}}
	case "funding":
		f := civic.ImportFunding{Funding: civic.Funding{ID: r.ID, GrantID: r.GrantID, Title: r.Title, Description: r.Description,
			Currency: r.Currency, AwardDate: m.date("awardDate", r.AwardDate), Programme: r.Programme, DeletedAt: deleted, Provenance: prov},
			Funder: ref(r.From), Recipient: ref(r.To)}
		if r.Amount != nil {
			f.Amount = *r.Amount
		}
		out.Fundings = []civic.ImportFunding{f}
	case "":
		m.fail("type", "is required")
	default:
		m.fail("type", "%q is not a kind of record (theme, area, organisation, person, asset, partnership, collaboration, membership, stewardship, affiliation, funding)", r.Type)
	}
	out.Err = m.Err()
	return out
}

func (r Record) location() *civic.GeoPoint {
	if r.Location == nil {
		return nil
	}
	return &civic.GeoPoint{Latitude: r.Location.Latitude, Longitude: r.Location.Longitude}
}

// mapper collects the problems of reading one record.
type mapper struct{ civic.Problems }

func (m *mapper) fail(field, format string, args ...any) { m.Add(field, format, args...) }

func (m *mapper) date(field, s string) *time.Time {
	d, err := parseDate(s)
	if err != nil {
		m.fail(field, "%v", err)
	}
	return d
}

func (m *mapper) instantPtr(field, s string) *time.Time {
	t, err := parseInstant(s)
	if err != nil {
		m.fail(field, "%v", err)
		return nil
	}
	if t.IsZero() {
		return nil
	}
	return &t
}

func (m *mapper) needID(what, id string) {
	if id == "" {
		m.fail("id", "a %s needs its ID", what)
	}
}

func (m *mapper) provenance(r Record) civic.Provenance {
	p := civic.Provenance{Source: r.Source, SourceRecord: r.SourceRecord, CreatedBy: r.CreatedBy, UpdatedBy: r.UpdatedBy,
		LastVerified: m.date("lastVerified", r.LastVerified)}
	if t := m.instantPtr("createdAt", r.CreatedAt); t != nil {
		p.CreatedAt = *t
	}
	if t := m.instantPtr("updatedAt", r.UpdatedAt); t != nil {
		p.UpdatedAt = *t
	}
	return p
}

// Err returns the problems as one error, nil if there are none.
func (m mapper) Err() error {
	if len(m.Problems) == 0 {
		return nil
	}
	return m.Problems.Err()
}

var _ = fmt.Sprint

// yes reads an optional consent: absent is no.
func yes(b *bool) bool { return b != nil && *b }
