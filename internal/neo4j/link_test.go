package neo4j_test

import (
	"context"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestMemberships(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	a := createOrg(t, s, "A", civic.OrgCharity, "")
	b := createOrg(t, s, "B", civic.OrgCharity, "")
	p, err := s.CreatePartnership(ctx, civic.PartnershipInput{Name: ptr("Food Justice Network"), Kind: ptr(civic.PartnershipNetwork), Since: date("2019-05-01")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMembership(ctx, civic.MembershipInput{OrganisationID: a.ID, PartnershipID: p.ID}); err != nil {
		t.Fatal(err)
	}
	m, err := s.AddMembership(ctx, civic.MembershipInput{OrganisationID: b.ID, PartnershipID: p.ID, Role: ptr(civic.MemberRoleChair), Since: date("2020-01-01")})
	if err != nil || m.Role != civic.MemberRoleChair || m.OrganisationID != b.ID || m.PartnershipID != p.ID {
		t.Fatalf("add = %+v, %v", m, err)
	}
	// Adding again changes the role rather than adding a second membership.
	if m, err = s.AddMembership(ctx, civic.MembershipInput{OrganisationID: b.ID, PartnershipID: p.ID, Role: ptr(civic.MemberRoleLead)}); err != nil || m.Role != civic.MemberRoleLead {
		t.Fatalf("re-add = %+v, %v", m, err)
	}
	members, err := s.MembersOfPartnerships(ctx, []string{p.ID}, civic.PageArgs{})
	if err != nil || members[0].Total != 2 || members[0].Items[1].Organisation.Name != "B" || members[0].Items[1].Role != civic.MemberRoleLead {
		t.Fatalf("members = %+v, %v", members, err)
	}
	ofB, err := s.MembershipsOfOrganisations(ctx, []string{b.ID, a.ID}, civic.PageArgs{})
	if err != nil || ofB[0].Total != 1 || ofB[0].Items[0].Partnership.ID != p.ID || ofB[1].Total != 1 {
		t.Fatalf("memberships = %+v, %v", ofB, err)
	}

	before := graphSize(t, s)
	_, err = s.AddMembership(ctx, civic.MembershipInput{OrganisationID: a.ID, PartnershipID: civic.NewID(civic.KindPartnership)})
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.AddMembership(ctx, civic.MembershipInput{OrganisationID: a.ID, PartnershipID: p.ID, Role: ptr(civic.MembershipRole("boss"))})
	wantCode(t, err, civic.CodeBadUserInput)
	if after := graphSize(t, s); after != before {
		t.Fatalf("graph changed from %v to %v", before, after)
	}

	if _, err := s.RemoveMembership(ctx, a.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.RemoveMembership(ctx, a.ID, p.ID)
	wantCode(t, err, civic.CodeNotFound)
	members, _ = s.MembersOfPartnerships(ctx, []string{p.ID}, civic.PageArgs{})
	if members[0].Total != 1 {
		t.Fatalf("members after removal = %d", members[0].Total)
	}
	if n := count(t, s, "MATCH ()-[m:MEMBER_OF]->() RETURN count(m)"); n != 2 {
		t.Fatalf("stored memberships = %d, want 2 (removal keeps the record)", n)
	}
	// Adding a removed member back revives the membership.
	if _, err := s.AddMembership(ctx, civic.MembershipInput{OrganisationID: a.ID, PartnershipID: p.ID}); err != nil {
		t.Fatal(err)
	}
	if members, _ = s.MembersOfPartnerships(ctx, []string{p.ID}, civic.PageArgs{}); members[0].Total != 2 {
		t.Fatalf("members after re-adding = %d", members[0].Total)
	}
}

func TestStewardshipsAndAffiliations(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	o := createOrg(t, s, "Church", civic.OrgFaithGroup, "")
	hall, err := s.CreateAsset(ctx, civic.AssetInput{Name: ptr("Church hall"), Kind: ptr(civic.AssetBuilding), Shareable: ptr(true), Capacity: ptr(120)})
	if err != nil || hall.Category() != civic.CategoryPhysical || !hall.Shareable || *hall.Capacity != 120 {
		t.Fatalf("asset = %+v, %v", hall, err)
	}
	for _, role := range []civic.StewardshipRole{civic.StewardOwns, civic.StewardManages} {
		if _, err := s.AddStewardship(ctx, civic.StewardshipInput{OrganisationID: o.ID, AssetID: hall.ID, Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	assets, err := s.AssetsOfOrganisations(ctx, []string{o.ID}, civic.PageArgs{})
	if err != nil || assets[0].Total != 2 {
		t.Fatalf("assets = %+v, %v", assets, err)
	}
	if _, err := s.RemoveStewardship(ctx, o.ID, hall.ID, civic.StewardOwns); err != nil {
		t.Fatal(err)
	}
	stewards, err := s.StewardsOfAssets(ctx, []string{hall.ID}, civic.PageArgs{})
	if err != nil || stewards[0].Total != 1 || stewards[0].Items[0].Role != civic.StewardManages || stewards[0].Items[0].Organisation.ID != o.ID {
		t.Fatalf("stewards = %+v, %v", stewards, err)
	}

	p, err := s.CreatePerson(ctx, civic.PersonInput{Name: ptr("Amina Begum"), Email: ptr("amina@example.org"), Skills: []string{"bookkeeping", "first-aid"}})
	if err != nil || len(p.Skills) != 2 || p.Email != "amina@example.org" {
		t.Fatalf("person = %+v, %v", p, err)
	}
	_, err = s.AddAffiliation(ctx, civic.AffiliationInput{PersonID: p.ID, OrganisationID: o.ID, Role: civic.AffiliationVolunteer, Since: date("2022-01-01"), Until: date("2021-01-01")})
	wantCode(t, err, civic.CodeBadUserInput)
	if _, err := s.AddAffiliation(ctx, civic.AffiliationInput{PersonID: p.ID, OrganisationID: o.ID, Role: civic.AffiliationTrustee}); err != nil {
		t.Fatal(err)
	}
	people, err := s.PeopleOfOrganisations(ctx, []string{o.ID}, civic.PageArgs{})
	if err != nil || people[0].Total != 1 || people[0].Items[0].Person.Name != "Amina Begum" {
		t.Fatalf("people = %+v, %v", people, err)
	}
	orgs, err := s.OrganisationsOfPeople(ctx, []string{p.ID}, civic.PageArgs{})
	if err != nil || orgs[0].Total != 1 || orgs[0].Items[0].Role != civic.AffiliationTrustee {
		t.Fatalf("organisations = %+v, %v", orgs, err)
	}
	// Skills are replaced, not added to.
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Skills: []string{"cooking"}}); err != nil || len(p.Skills) != 1 || p.Skills[0] != "cooking" {
		t.Fatalf("person = %+v, %v", p, err)
	}
	found, err := s.FindPeople(ctx, civic.PersonFilter{Skills: []string{"cooking"}}, nil, civic.PageArgs{})
	if err != nil || found.Total != 1 {
		t.Fatalf("people with cooking = %+v, %v", found, err)
	}
}

func TestAreasAndThemes(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	n, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Sparkhill North"), Kind: ptr(civic.AreaNeighbourhood), ParentID: &f.ward.ID})
	if err != nil || n.ParentID != f.ward.ID {
		t.Fatalf("area = %+v, %v", n, err)
	}
	before := graphSize(t, s)
	_, err = s.UpdateArea(ctx, f.city.ID, civic.AreaInput{ParentID: &n.ID})
	wantCode(t, err, civic.CodeBadUserInput)
	_, err = s.UpdateArea(ctx, f.city.ID, civic.AreaInput{ParentID: &f.city.ID})
	wantCode(t, err, civic.CodeBadUserInput)
	_, err = s.CreateArea(ctx, civic.AreaInput{Name: ptr("X"), Kind: ptr(civic.AreaWard), Code: ptr("nope")})
	wantCode(t, err, civic.CodeBadUserInput)
	_, err = s.CreateTheme(ctx, civic.ThemeInput{Slug: ptr("food"), Name: ptr("Food again")})
	wantCode(t, err, civic.CodeConflict)
	if after := graphSize(t, s); after != before {
		t.Fatalf("graph changed from %v to %v", before, after)
	}
	wards, err := s.FindAreas(ctx, civic.AreaFilter{ParentID: &f.city.ID}, nil, civic.PageArgs{})
	if err != nil || wards.Total != 1 || wards.Items[0].ID != f.ward.ID {
		t.Fatalf("wards = %+v, %v", wards, err)
	}
	themes, err := s.FindThemesBySlugs(ctx, []string{"youth", "nope", "food"})
	if err != nil || themes[0].Name != "Youth" || themes[1] != nil || themes[2].Slug != "food" {
		t.Fatalf("themes = %+v, %v", themes, err)
	}
	if _, err := s.DeleteTheme(ctx, civic.ThemeID("youth")); err != nil {
		t.Fatal(err)
	}
	o := createOrg(t, s, "X", civic.OrgCharity, "", "food")
	_, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Themes: []string{"youth"}})
	wantCode(t, err, civic.CodeBadUserInput)
}

func TestMigrateIsIdempotent(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	before := count(t, s, "SHOW INDEXES YIELD name RETURN count(name)")
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if after := count(t, s, "SHOW INDEXES YIELD name RETURN count(name)"); after != before {
		t.Fatalf("indexes went from %d to %d", before, after)
	}
	if n := count(t, s, "SHOW INDEXES YIELD type, labelsOrTypes WHERE type = 'POINT' AND 'Organisation' IN labelsOrTypes RETURN count(*)"); n != 1 {
		t.Fatalf("point indexes on organisations = %d", n)
	}
	if n := count(t, s, "SHOW CONSTRAINTS YIELD name RETURN count(name)"); n < 10 {
		t.Fatalf("constraints = %d", n)
	}
}
