package demo_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// city generates the demo city once for all tests.
var city = sync.OnceValue(demo.Generate)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := demo.Generate(), demo.Generate()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls to Generate returned different cities")
	}
	// The two cities must not share slices, or a caller editing one would
	// change the other.
	a.Organisations[0].Themes[0] = "changed"
	if b.Organisations[0].Themes[0] == "changed" {
		t.Fatal("cities share theme slices")
	}
}

func TestCounts(t *testing.T) {
	c := city()
	wards := 0
	for _, a := range c.Areas {
		if a.Kind == civic.AreaWard {
			wards++
		}
	}
	tests := []struct {
		name     string
		got      int
		min, max int
	}{
		{"wards", wards, 24, 69},
		{"themes", len(c.Themes), 12, 15},
		{"organisations", len(c.Organisations), 320, 500},
		{"people", len(c.People), 500, 500},
		{"assets", len(c.Assets), 300, 300},
		{"partnerships", len(c.Partnerships), 20, 20},
		{"collaborations", len(c.Collaborations), 1500, 1500},
	}
	for _, tt := range tests {
		if tt.got < tt.min || tt.got > tt.max {
			t.Errorf("%s: got %d, want %d..%d", tt.name, tt.got, tt.min, tt.max)
		}
	}
}

func strp(s string) *string { return &s }

// TestEntitiesValidate builds the create input for every entity and checks
// that the domain accepts it.
func TestEntitiesValidate(t *testing.T) {
	c := city()
	type check struct {
		name string
		err  error
	}
	var checks []check
	for _, a := range c.Areas {
		checks = append(checks, check{a.Name, civic.AreaInput{
			Name: &a.Name, Kind: &a.Kind, Code: &a.Code, ParentID: &a.ParentID,
			Location: a.Location, Source: &a.Source,
		}.Validate(true)})
	}
	for _, th := range c.Themes {
		checks = append(checks, check{th.Slug, civic.ThemeInput{
			Slug: &th.Slug, Name: &th.Name, Description: &th.Description, Source: &th.Source,
		}.Validate(true)})
	}
	for _, o := range c.Organisations {
		checks = append(checks, check{o.Name, civic.OrganisationInput{
			Name: &o.Name, Kind: &o.Kind, OrgID: &o.OrgID, Description: &o.Description,
			Website: &o.Website, Postcode: &o.Postcode, Address: &o.Address, Location: o.Location,
			AreaID: &o.AreaID, Themes: o.Themes, Source: &o.Source,
		}.Validate(true)})
	}
	for _, p := range c.People {
		checks = append(checks, check{p.Name, civic.PersonInput{
			Name: &p.Name, Bio: &p.Bio, Email: &p.Email, Phone: &p.Phone, AreaID: &p.AreaID,
			Skills: p.Skills, Source: &p.Source,
		}.Validate(true)})
	}
	for _, a := range c.Assets {
		checks = append(checks, check{a.Name, civic.AssetInput{
			Name: &a.Name, Kind: &a.Kind, Description: &a.Description, Shareable: &a.Shareable,
			Capacity: a.Capacity, Postcode: &a.Postcode, Location: a.Location, AreaID: &a.AreaID,
			Themes: a.Themes, Source: &a.Source,
		}.Validate(true)})
	}
	for _, p := range c.Partnerships {
		checks = append(checks, check{p.Name, civic.PartnershipInput{
			Name: &p.Name, Kind: &p.Kind, Description: &p.Description, Since: p.Since,
			AreaID: &p.AreaID, Themes: p.Themes, Source: &p.Source,
		}.Validate(true)})
	}
	for _, x := range c.Collaborations {
		checks = append(checks, check{x.ID, civic.CollaborationInput{
			FromID: x.FromID, ToID: x.ToID, Intensity: x.Intensity, Description: &x.Description,
			Since: x.Since, Until: x.Until, Themes: x.Themes, Source: &x.Source,
		}.Validate()})
	}
	for _, m := range c.Memberships {
		checks = append(checks, check{m.OrganisationID + " in " + m.PartnershipID, civic.MembershipInput{
			OrganisationID: m.OrganisationID, PartnershipID: m.PartnershipID, Role: &m.Role,
			Since: m.Since, Source: strp(m.Source),
		}.Validate()})
	}
	for _, s := range c.Stewardships {
		checks = append(checks, check{s.OrganisationID + " holds " + s.AssetID, civic.StewardshipInput{
			OrganisationID: s.OrganisationID, AssetID: s.AssetID, Role: s.Role, Since: s.Since,
			Source: strp(s.Source),
		}.Validate()})
	}
	for _, a := range c.Affiliations {
		checks = append(checks, check{a.PersonID + " at " + a.OrganisationID, civic.AffiliationInput{
			PersonID: a.PersonID, OrganisationID: a.OrganisationID, Role: a.Role,
			Since: a.Since, Until: a.Until, Source: strp(a.Source),
		}.Validate()})
	}
	for _, ch := range checks {
		if ch.err != nil {
			t.Errorf("%s: %v", ch.name, ch.err)
		}
	}
}

// TestUnique checks IDs across the whole city, and names, org-ids and
// contact details within their kind.
func TestUnique(t *testing.T) {
	c := city()
	ids := map[string]string{}
	addID := func(kind, id string) {
		if prev, dup := ids[id]; dup {
			t.Errorf("ID %s used by a %s and a %s", id, prev, kind)
		}
		ids[id] = kind
	}
	type set struct {
		name   string
		values []string
	}
	var sets []set
	collect := func(name string, n int, f func(int) string) {
		s := set{name: name}
		for i := range n {
			if v := f(i); v != "" {
				s.values = append(s.values, v)
			}
		}
		sets = append(sets, s)
	}
	collect("area name", len(c.Areas), func(i int) string { addID("area", c.Areas[i].ID); return c.Areas[i].Name })
	collect("theme slug", len(c.Themes), func(i int) string { addID("theme", c.Themes[i].ID); return c.Themes[i].Slug })
	collect("organisation name", len(c.Organisations), func(i int) string {
		addID("organisation", c.Organisations[i].ID)
		return c.Organisations[i].Name
	})
	collect("org-id", len(c.Organisations), func(i int) string { return c.Organisations[i].OrgID })
	collect("website", len(c.Organisations), func(i int) string { return c.Organisations[i].Website })
	collect("person name", len(c.People), func(i int) string { addID("person", c.People[i].ID); return c.People[i].Name })
	collect("email", len(c.People), func(i int) string { return c.People[i].Email })
	collect("phone", len(c.People), func(i int) string { return c.People[i].Phone })
	collect("asset name", len(c.Assets), func(i int) string { addID("asset", c.Assets[i].ID); return c.Assets[i].Name })
	collect("partnership name", len(c.Partnerships), func(i int) string {
		addID("partnership", c.Partnerships[i].ID)
		return c.Partnerships[i].Name
	})
	collect("collaboration", len(c.Collaborations), func(i int) string {
		addID("collaboration", c.Collaborations[i].ID)
		return ""
	})
	for _, s := range sets {
		seen := map[string]bool{}
		for _, v := range s.values {
			if seen[v] {
				t.Errorf("duplicate %s %q", s.name, v)
			}
			seen[v] = true
		}
	}
	for id, kind := range ids {
		want := map[string]civic.EntityKind{
			"area": civic.KindArea, "theme": civic.KindTheme, "organisation": civic.KindOrganisation,
			"person": civic.KindPerson, "asset": civic.KindAsset, "partnership": civic.KindPartnership,
			"collaboration": civic.KindCollaboration,
		}[kind]
		if got, ok := civic.KindOfID(id); !ok || got != want {
			t.Errorf("%s ID %q has kind %q", kind, id, got)
		}
	}
}

// TestReferences checks that everything an entity points at is in the city.
func TestReferences(t *testing.T) {
	c := city()
	areas, themes, orgs, people, assets, partnerships := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, a := range c.Areas {
		areas[a.ID] = true
	}
	for _, th := range c.Themes {
		themes[th.Slug] = true
		if th.ID != civic.ThemeID(th.Slug) {
			t.Errorf("theme %s has ID %s", th.Slug, th.ID)
		}
	}
	for _, o := range c.Organisations {
		orgs[o.ID] = true
	}
	for _, p := range c.People {
		people[p.ID] = true
	}
	for _, a := range c.Assets {
		assets[a.ID] = true
	}
	for _, p := range c.Partnerships {
		partnerships[p.ID] = true
	}
	ref := func(what, id string, in map[string]bool, optional bool) {
		if id == "" && optional {
			return
		}
		if !in[id] {
			t.Errorf("%s points at %q, which is not in the city", what, id)
		}
	}
	slugs := func(what string, list []string, in map[string]bool) {
		for _, s := range list {
			ref(what, s, in, false)
		}
	}
	skills := map[string]bool{}
	for _, s := range demo.Skills {
		skills[s] = true
	}
	for _, a := range c.Areas {
		ref("area "+a.Name+" parent", a.ParentID, areas, a.Kind == civic.AreaCity)
	}
	for _, o := range c.Organisations {
		ref("organisation "+o.Name+" area", o.AreaID, areas, false)
		slugs("organisation "+o.Name+" themes", o.Themes, themes)
	}
	for _, p := range c.People {
		ref("person "+p.Name+" area", p.AreaID, areas, false)
		slugs("person "+p.Name+" skills", p.Skills, skills)
	}
	for _, a := range c.Assets {
		ref("asset "+a.Name+" area", a.AreaID, areas, true)
		slugs("asset "+a.Name+" themes", a.Themes, themes)
	}
	for _, p := range c.Partnerships {
		ref("partnership "+p.Name+" area", p.AreaID, areas, true)
		slugs("partnership "+p.Name+" themes", p.Themes, themes)
	}
	for _, x := range c.Collaborations {
		ref("collaboration from", x.FromID, orgs, false)
		ref("collaboration to", x.ToID, orgs, false)
		slugs("collaboration themes", x.Themes, themes)
	}
	for _, m := range c.Memberships {
		ref("membership organisation", m.OrganisationID, orgs, false)
		ref("membership partnership", m.PartnershipID, partnerships, false)
	}
	for _, s := range c.Stewardships {
		ref("stewardship organisation", s.OrganisationID, orgs, false)
		ref("stewardship asset", s.AssetID, assets, false)
	}
	for _, a := range c.Affiliations {
		ref("affiliation person", a.PersonID, people, false)
		ref("affiliation organisation", a.OrganisationID, orgs, false)
	}
}

// TestProvenanceAndDates checks every record is marked as demo data and
// every date is a UTC midnight in the demo's time span.
func TestProvenanceAndDates(t *testing.T) {
	c := city()
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var provs []civic.Provenance
	var dates []*time.Time
	for _, a := range c.Areas {
		provs = append(provs, a.Provenance)
	}
	for _, th := range c.Themes {
		provs = append(provs, th.Provenance)
	}
	for _, o := range c.Organisations {
		provs = append(provs, o.Provenance)
	}
	for _, p := range c.People {
		provs = append(provs, p.Provenance)
	}
	for _, a := range c.Assets {
		provs = append(provs, a.Provenance)
	}
	for _, p := range c.Partnerships {
		provs, dates = append(provs, p.Provenance), append(dates, p.Since)
	}
	for _, x := range c.Collaborations {
		provs, dates = append(provs, x.Provenance), append(dates, x.Since, x.Until)
	}
	for _, m := range c.Memberships {
		provs, dates = append(provs, m.Provenance), append(dates, m.Since)
	}
	for _, s := range c.Stewardships {
		provs, dates = append(provs, s.Provenance), append(dates, s.Since)
	}
	for _, a := range c.Affiliations {
		provs, dates = append(provs, a.Provenance), append(dates, a.Since, a.Until)
	}
	for _, p := range provs {
		if p.Source != demo.Source || !p.CreatedAt.Equal(stamp) || !p.UpdatedAt.Equal(stamp) {
			t.Fatalf("provenance %+v, want source %q at %s", p, demo.Source, stamp)
		}
	}
	for _, d := range dates {
		if d != nil && (!d.Equal(civic.Day(*d)) || d.Location() != time.UTC || d.Year() < 2005 || !d.Before(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))) {
			t.Errorf("date %v is not a UTC midnight between 2005 and October 2026", d)
		}
	}
}

// share formats a proportion for failure messages.
func share(n, of int) string {
	return fmt.Sprintf("%d of %d (%.0f%%)", n, of, 100*float64(n)/float64(of))
}
