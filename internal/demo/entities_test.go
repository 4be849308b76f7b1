package demo_test

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// km is the distance between two points, near enough for a city.
func km(a, b civic.GeoPoint) float64 {
	dx := (b.Longitude - a.Longitude) * math.Cos((a.Latitude+b.Latitude)/2*math.Pi/180)
	return math.Hypot(dx, b.Latitude-a.Latitude) * 111.32
}

// inBirmingham reports whether p lies in the box around the city's wards.
func inBirmingham(p *civic.GeoPoint) bool {
	return p != nil && p.Latitude >= 52.37 && p.Latitude <= 52.62 && p.Longitude >= -2.04 && p.Longitude <= -1.71
}

func TestAreas(t *testing.T) {
	c := city()
	var cities []civic.Area
	for _, a := range c.Areas {
		if a.Kind == civic.AreaCity {
			cities = append(cities, a)
		}
	}
	if len(cities) != 1 || cities[0].Name != "Birmingham" || cities[0].ParentID != "" {
		t.Fatalf("want one city area named Birmingham, got %+v", cities)
	}
	for _, a := range c.Areas {
		if !inBirmingham(a.Location) {
			t.Errorf("area %s is at %+v, outside Birmingham", a.Name, a.Location)
		}
		if a.Kind == civic.AreaWard && a.ParentID != cities[0].ID {
			t.Errorf("ward %s has parent %q, want the city", a.Name, a.ParentID)
		}
	}
}

func TestOrganisations(t *testing.T) {
	c := city()
	wards := map[string]civic.Area{}
	for _, a := range c.Areas {
		wards[a.ID] = a
	}
	perKind := map[civic.OrganisationKind]int{}
	orgIDPattern := regexp.MustCompile(`^GB-(CHC-[0-9]{6,7}|COH-[0-9]{8}|MPR-[0-9]{5}R|EDU-[0-9]{6})$`)
	websitePattern := regexp.MustCompile(`^https://[a-z0-9]+(-[a-z0-9]+)*\.example\.org$`)
	postcodePattern := regexp.MustCompile(`^B[0-9]{1,2} [0-9][A-Z]{2}$`)
	var withOrgID, withWebsite int
	for _, o := range c.Organisations {
		perKind[o.Kind]++
		if o.Description == "" || len(o.Themes) < 1 || len(o.Themes) > 3 {
			t.Errorf("%s: description %q, themes %v; want a description and 1-3 themes", o.Name, o.Description, o.Themes)
		}
		if pc, ok := civic.NormalisePostcode(o.Postcode); !ok || pc != o.Postcode || !postcodePattern.MatchString(pc) {
			t.Errorf("%s: postcode %q is not a canonical Birmingham postcode", o.Name, o.Postcode)
		}
		if w, ok := wards[o.AreaID]; !ok || w.Kind != civic.AreaWard || km(*o.Location, *w.Location) > 1 {
			t.Errorf("%s: at %+v, want within 1 km of the centre of its ward %q", o.Name, o.Location, w.Name)
		}
		if o.OrgID != "" {
			withOrgID++
			if !orgIDPattern.MatchString(o.OrgID) {
				t.Errorf("%s: org-id %q", o.Name, o.OrgID)
			}
			if prefix := map[civic.OrganisationKind]string{civic.OrgCharity: "GB-CHC-", civic.OrgSchool: "GB-EDU-", civic.OrgCooperative: "GB-MPR-"}[o.Kind]; prefix != "" && !strings.HasPrefix(o.OrgID, prefix) {
				t.Errorf("%s: a %s with org-id %q", o.Name, o.Kind, o.OrgID)
			}
		}
		if o.Website != "" {
			withWebsite++
			if !websitePattern.MatchString(o.Website) {
				t.Errorf("%s: website %q is not an example.org address", o.Name, o.Website)
			}
		}
	}
	for _, k := range civic.OrganisationKinds {
		if perKind[k] == 0 {
			t.Errorf("no organisation of kind %s", k)
		}
	}
	councils := 0
	for _, o := range c.Organisations {
		if o.Name == "Birmingham City Council" && o.Kind == civic.OrgCouncil {
			councils++
		}
	}
	if councils != 1 {
		t.Errorf("Birmingham City Council appears %d times", councils)
	}
	small := perKind[civic.OrgCommunityGroup] + perKind[civic.OrgCharity] + perKind[civic.OrgInformalGroup]
	if small < len(c.Organisations)/2 || perKind[civic.OrgCouncil] > 5 || perKind[civic.OrgUniversity] > 6 {
		t.Errorf("unrealistic mix: %v", perKind)
	}
	n := len(c.Organisations)
	if withOrgID < n/5 || withOrgID > n*4/5 || withWebsite < n/5 || withWebsite > n*4/5 {
		t.Errorf("org-ids on %s and websites on %s; want some but not all", share(withOrgID, n), share(withWebsite, n))
	}
}

func TestPeople(t *testing.T) {
	c := city()
	phone := regexp.MustCompile(`^0121 496 0[0-9]{3}$`)
	email := regexp.MustCompile(`^[a-z]+\.[a-z]+@example\.org$`)
	for _, p := range c.People {
		if p.Bio == "" || len(p.Skills) > 4 || len(strings.Fields(p.Name)) < 2 {
			t.Errorf("%s: bio %q, skills %v", p.Name, p.Bio, p.Skills)
		}
		if p.Email != "" && !email.MatchString(p.Email) {
			t.Errorf("%s: email %q", p.Name, p.Email)
		}
		if p.Phone != "" && !phone.MatchString(p.Phone) {
			t.Errorf("%s: phone %q is outside the drama range", p.Name, p.Phone)
		}
	}
}

func TestAssets(t *testing.T) {
	c := city()
	stewards := map[string][]civic.Stewardship{}
	for _, s := range c.Stewardships {
		stewards[s.AssetID] = append(stewards[s.AssetID], s)
	}
	perKind := map[civic.AssetKind]int{}
	var tangible, shareable, sharedBuildings int
	for _, a := range c.Assets {
		perKind[a.Kind]++
		cat := a.Category()
		if cat != civic.CategoryPhysical && cat != civic.CategoryNatural {
			if len(stewards[a.ID]) == 0 {
				t.Errorf("%s: nobody holds it", a.Name)
			}
			continue
		}
		tangible++
		if a.Shareable {
			shareable++
		}
		if !inBirmingham(a.Location) || a.Postcode == "" || a.AreaID == "" {
			t.Errorf("%s: a %s without a place (%+v, %q, %q)", a.Name, a.Kind, a.Location, a.Postcode, a.AreaID)
		}
		if (a.Kind == civic.AssetBuilding || a.Kind == civic.AssetRoom) && (a.Capacity == nil || *a.Capacity <= 0) {
			t.Errorf("%s: a %s without a capacity", a.Name, a.Kind)
		}
		if n := len(stewards[a.ID]); n < 1 || n > 3 {
			t.Errorf("%s: %d stewards, want 1-3", a.Name, n)
		}
		orgs := map[string]bool{}
		for _, s := range stewards[a.ID] {
			if orgs[s.OrganisationID] {
				t.Errorf("%s: %s holds it twice", a.Name, s.OrganisationID)
			}
			orgs[s.OrganisationID] = true
		}
		if a.Kind == civic.AssetBuilding && len(orgs) > 1 {
			sharedBuildings++
		}
	}
	for _, k := range civic.AssetKinds {
		if perKind[k] == 0 {
			t.Errorf("no asset of kind %s", k)
		}
	}
	if shareable < tangible*2/5 {
		t.Errorf("only %s physical assets are shareable", share(shareable, tangible))
	}
	if sharedBuildings < 10 {
		t.Errorf("only %d buildings are shared by several organisations", sharedBuildings)
	}
}

func TestPartnerships(t *testing.T) {
	c := city()
	type seat struct{ org, partnership string }
	seen := map[seat]bool{}
	members := map[string]int{}
	heads := map[string]int{}
	for _, m := range c.Memberships {
		if seen[seat{m.OrganisationID, m.PartnershipID}] {
			t.Errorf("%s is a member of %s twice", m.OrganisationID, m.PartnershipID)
		}
		seen[seat{m.OrganisationID, m.PartnershipID}] = true
		members[m.PartnershipID]++
		if m.Role == civic.MemberRoleLead || m.Role == civic.MemberRoleChair {
			heads[m.PartnershipID]++
		}
	}
	for _, p := range c.Partnerships {
		if p.Since == nil || len(p.Themes) == 0 {
			t.Errorf("%s: since %v, themes %v", p.Name, p.Since, p.Themes)
		}
		if n := members[p.ID]; n < 5 || n > 40 {
			t.Errorf("%s: %d members, want 5-40", p.Name, n)
		}
		if heads[p.ID] != 1 {
			t.Errorf("%s: %d leads or chairs, want 1", p.Name, heads[p.ID])
		}
	}
	for _, m := range c.Memberships {
		for _, p := range c.Partnerships {
			if p.ID == m.PartnershipID && m.Since.Before(*p.Since) {
				t.Errorf("%s joined %s before it began", m.OrganisationID, p.Name)
			}
		}
	}
}

func TestAffiliations(t *testing.T) {
	c := city()
	type link struct {
		person, org string
		role        civic.AffiliationRole
	}
	seen := map[link]bool{}
	orgsOf := map[string]map[string]bool{}
	champions := 0
	for _, a := range c.Affiliations {
		l := link{a.PersonID, a.OrganisationID, a.Role}
		if seen[l] {
			t.Errorf("duplicate affiliation %+v", l)
		}
		seen[l] = true
		if orgsOf[a.PersonID] == nil {
			orgsOf[a.PersonID] = map[string]bool{}
		}
		orgsOf[a.PersonID][a.OrganisationID] = true
		if a.Role == civic.AffiliationChampion {
			champions++
		}
	}
	for p, orgs := range orgsOf {
		if len(orgs) > 3 {
			t.Errorf("%s is affiliated with %d organisations", p, len(orgs))
		}
	}
	if len(orgsOf) < len(c.People)*4/5 {
		t.Errorf("only %s people are affiliated", share(len(orgsOf), len(c.People)))
	}
	if n := len(c.Affiliations); champions < n/20 || champions > n*3/20 {
		t.Errorf("%s affiliations are champions, want about 10%%", share(champions, n))
	}
}
