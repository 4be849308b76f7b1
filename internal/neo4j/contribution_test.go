package neo4j_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

func createRecommendation(t *testing.T, s *neo4j.Store, code, title, theme string) *civic.Recommendation {
	t.Helper()
	in := civic.RecommendationInput{Code: &code, Title: &title}
	if theme != "" {
		in.Theme = &theme
	}
	r, err := s.CreateRecommendation(context.Background(), in)
	if err != nil {
		t.Fatalf("create recommendation %s: %v", code, err)
	}
	return r
}

func TestRecommendationLifecycle(t *testing.T) {
	s := openStore(t)
	seedFixture(t, s)
	ctx := context.Background()
	r := createRecommendation(t, s, " si-01 ", "Adopt an asset-based approach", "food")
	if r.Code != "SI-01" || r.Theme != "food" || r.Contributors != 0 || r.Source != civic.DefaultSource {
		t.Fatalf("created %+v", r)
	}
	if got, err := s.FindRecommendationByCode(ctx, "si-01"); err != nil || got == nil || got.ID != r.ID {
		t.Fatalf("by code = %+v, %v", got, err)
	}
	before := graphSize(t, s)
	_, err := s.CreateRecommendation(ctx, civic.RecommendationInput{Code: ptr("SI-01"), Title: ptr("Again")})
	wantCode(t, err, civic.CodeConflict)
	_, err = s.CreateRecommendation(ctx, civic.RecommendationInput{Code: ptr("SI-02"), Title: ptr("x"), Theme: ptr("nope")})
	wantCode(t, err, civic.CodeBadUserInput)
	if after := graphSize(t, s); after != before {
		t.Fatalf("failed creates changed the graph: %v -> %v", before, after)
	}
	u, err := s.UpdateRecommendation(ctx, r.ID, civic.RecommendationInput{Theme: ptr(""), Description: ptr("Start from strengths.")})
	if err != nil || u.Theme != "" || u.Description != "Start from strengths." || u.Code != "SI-01" {
		t.Fatalf("updated %+v, %v", u, err)
	}
	// Keeping its own code is no conflict.
	if _, err := s.UpdateRecommendation(ctx, r.ID, civic.RecommendationInput{Code: ptr("SI-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteRecommendation(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindRecommendationByCode(ctx, "SI-01"); got != nil {
		t.Fatalf("deleted recommendation still found: %+v", got)
	}
}

func register(t *testing.T, s *neo4j.Store, recID string, ref civic.OrganisationRef, what string) *civic.Registration {
	t.Helper()
	reg, err := s.RegisterContribution(context.Background(), civic.ContributionInput{RecommendationID: recID, Organisation: ref, Description: what})
	if err != nil {
		t.Fatalf("register %q: %v", what, err)
	}
	return reg
}

func TestRegisterContributionMatchesOrganisations(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	rec := createRecommendation(t, s, "SI-01", "Asset-based approach", "")
	charity := civic.OrgCharity
	withOrgID, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: ptr("Sparkhill Food Bank"), Kind: &charity,
		OrgID: ptr("GB-CHC-1164883"), Postcode: ptr("B11 4BW")})
	if err != nil {
		t.Fatal(err)
	}
	noOrgID, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: ptr("Balsall Heath Forum"), Kind: &charity, Postcode: ptr("B12 9AA")})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		ref     civic.OrganisationRef
		wantOrg string // "" for a new organisation
	}{
		{"by ID", civic.OrganisationRef{ID: &noOrgID.ID}, noOrgID.ID},
		{"by org-id, whatever the name", civic.OrganisationRef{OrgID: ptr("gb-chc-1164883"), Name: ptr("SFB"), Kind: &charity}, withOrgID.ID},
		{"by name and postcode, ignoring case and spacing", civic.OrganisationRef{Name: ptr("balsall  heath FORUM"), Kind: &charity, Postcode: ptr("b129aa")}, noOrgID.ID},
		{"same name elsewhere is another organisation", civic.OrganisationRef{Name: ptr("Balsall Heath Forum"), Kind: &charity, Postcode: ptr("B13 0AA")}, ""},
		{"same name and postcode but another org-id", civic.OrganisationRef{Name: ptr("Sparkhill Food Bank"), Kind: &charity, Postcode: ptr("B11 4BW"), OrgID: ptr("GB-CHC-1000001")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := register(t, s, rec.ID, tt.ref, tt.name)
			if tt.wantOrg != "" && (reg.Organisation.ID != tt.wantOrg || reg.OrganisationCreated) {
				t.Fatalf("matched %s (created %v), want %s", reg.Organisation.ID, reg.OrganisationCreated, tt.wantOrg)
			}
			if tt.wantOrg == "" && (!reg.OrganisationCreated || reg.Organisation.ID == withOrgID.ID || reg.Organisation.ID == noOrgID.ID) {
				t.Fatalf("matched %s, want a new organisation", reg.Organisation.ID)
			}
		})
	}
	// The org-id given with a name and postcode is recorded on the match.
	reg := register(t, s, rec.ID, civic.OrganisationRef{Name: ptr("Balsall Heath Forum"), Kind: &charity, Postcode: ptr("B12 9AA"), OrgID: ptr("GB-CHC-1222222")}, "again")
	if reg.Organisation.ID != noOrgID.ID || reg.Organisation.OrgID != "GB-CHC-1222222" || reg.ContributionCreated {
		t.Fatalf("registered %+v, created contribution %v", reg.Organisation, reg.ContributionCreated)
	}
	// Registering again updated the contribution, which is one.
	if n := count(t, s, fmt.Sprintf("MATCH (:Organisation {id: '%s'})-[c:CONTRIBUTES_TO]->() RETURN count(c)", noOrgID.ID)); n != 1 {
		t.Fatalf("%d contributions, want 1", n)
	}
	page, err := s.ContributionsToRecommendations(ctx, []string{rec.ID}, civic.PageArgs{})
	if err != nil || page[0].Total != 4 {
		t.Fatalf("contributions = %+v, %v; want 4 (two matched, two new)", page, err)
	}

	// A deleted organisation's org-id stays reserved.
	if _, err := s.DeleteOrganisation(ctx, withOrgID.ID); err != nil {
		t.Fatal(err)
	}
	before := graphSize(t, s)
	bad := []struct {
		name string
		in   civic.ContributionInput
		code civic.Code
	}{
		{"deleted org-id", civic.ContributionInput{RecommendationID: rec.ID, Description: "x",
			Organisation: civic.OrganisationRef{OrgID: ptr("GB-CHC-1164883"), Name: ptr("x"), Kind: &charity}}, civic.CodeConflict},
		{"unknown recommendation", civic.ContributionInput{RecommendationID: civic.NewID(civic.KindRecommendation), Description: "x",
			Organisation: civic.OrganisationRef{ID: &noOrgID.ID}}, civic.CodeNotFound},
		{"unknown organisation", civic.ContributionInput{RecommendationID: rec.ID, Description: "x",
			Organisation: civic.OrganisationRef{ID: ptr(civic.NewID(civic.KindOrganisation))}}, civic.CodeNotFound},
		{"new organisation in an unknown area", civic.ContributionInput{RecommendationID: rec.ID, Description: "x",
			Organisation: civic.OrganisationRef{Name: ptr("Nowhere Group"), Kind: &charity, Postcode: ptr("B1 1AA"), AreaID: ptr(civic.NewID(civic.KindArea))}}, civic.CodeNotFound},
		{"no kind", civic.ContributionInput{RecommendationID: rec.ID, Description: "x",
			Organisation: civic.OrganisationRef{Name: ptr("Nowhere Group"), Postcode: ptr("B1 1AA")}}, civic.CodeBadUserInput},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.RegisterContribution(ctx, tt.in)
			wantCode(t, err, tt.code)
			if after := graphSize(t, s); after != before {
				t.Fatalf("graph changed from %v to %v", before, after)
			}
		})
	}
	_ = f
}

// TestRegisterContributionConcurrently registers the same new organisation
// from many goroutines at once, some naming it by org-id and some by name
// and postcode: one organisation and one contribution must result.
func TestRegisterContributionConcurrently(t *testing.T) {
	s := openStore(t)
	seedFixture(t, s)
	ctx := context.Background()
	rec := createRecommendation(t, s, "SI-02", "Champions' network", "")
	group := civic.OrgCommunityGroup
	const n = 16
	var wg sync.WaitGroup
	regs := make([]*civic.Registration, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ref := civic.OrganisationRef{Name: ptr("Stirchley Neighbours"), Kind: &group, Postcode: ptr("B30 2AA")}
			if i%2 == 0 {
				ref.OrgID = ptr("GB-COH-01234567")
			}
			regs[i], errs[i] = s.RegisterContribution(ctx, civic.ContributionInput{
				RecommendationID: rec.ID, Organisation: ref, Description: fmt.Sprintf("call %d", i),
			})
		}()
	}
	wg.Wait()
	orgsCreated, contribsCreated := 0, 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("call %d: %v", i, errs[i])
		}
		if regs[i].OrganisationCreated {
			orgsCreated++
		}
		if regs[i].ContributionCreated {
			contribsCreated++
		}
		if regs[i].Organisation.ID != regs[0].Organisation.ID || regs[i].Contribution.ID != regs[0].Contribution.ID {
			t.Fatalf("call %d got organisation %s, contribution %s; call 0 got %s, %s", i,
				regs[i].Organisation.ID, regs[i].Contribution.ID, regs[0].Organisation.ID, regs[0].Contribution.ID)
		}
	}
	if orgsCreated != 1 || contribsCreated != 1 {
		t.Fatalf("%d calls created the organisation and %d the contribution, want 1 and 1", orgsCreated, contribsCreated)
	}
	if got := count(t, s, "MATCH (o:Organisation {name: 'Stirchley Neighbours'}) RETURN count(o)"); got != 1 {
		t.Fatalf("%d organisations, want 1", got)
	}
	if got := count(t, s, "MATCH (:Organisation)-[c:CONTRIBUTES_TO]->() RETURN count(c)"); got != 1 {
		t.Fatalf("%d contributions, want 1", got)
	}
	if got := count(t, s, "MATCH (o:Organisation {orgId: 'GB-COH-01234567'}) RETURN count(o)"); got != 1 {
		t.Fatalf("the org-id is on %d organisations, want 1", got)
	}
}

func TestContributionQueries(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	other, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Moseley"), Kind: ptr(civic.AreaWard), ParentID: &f.city.ID})
	if err != nil {
		t.Fatal(err)
	}
	r1 := createRecommendation(t, s, "SI-01", "One", "food")
	r2 := createRecommendation(t, s, "SI-02", "Two", "youth")
	r3 := createRecommendation(t, s, "SI-03", "Three", "food")
	a := createOrg(t, s, "A", civic.OrgCharity, f.ward.ID)
	b := createOrg(t, s, "B", civic.OrgCharity, f.ward.ID)
	c := createOrg(t, s, "C", civic.OrgCharity, other.ID)
	for _, x := range []struct{ org, rec string }{{a.ID, r1.ID}, {b.ID, r1.ID}, {c.ID, r1.ID}, {a.ID, r2.ID}} {
		register(t, s, x.rec, civic.OrganisationRef{ID: &x.org}, "work")
	}
	// Gaps: SI-03 has none, SI-02 one.
	gaps, err := s.FindRecommendations(ctx, civic.RecommendationFilter{MaxContributors: ptr(1)}, &civic.RecommendationOrder{Field: civic.RecommendationByContributors}, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps.Items) != 2 || gaps.Items[0].Code != "SI-03" || gaps.Items[0].Contributors != 0 || gaps.Items[1].Code != "SI-02" || gaps.Items[1].Contributors != 1 {
		t.Fatalf("gaps %+v", gaps.Items)
	}
	if got, _ := s.FindRecommendations(ctx, civic.RecommendationFilter{MaxContributors: ptr(0)}, nil, civic.PageArgs{}); got.Total != 1 || got.Items[0].ID != r3.ID {
		t.Fatalf("recommendations nobody works towards: %+v", got.Items)
	}
	// By area: the ward has A and B (three contributions), Moseley has C.
	counts, err := s.ContributionsByArea(ctx, civic.AreaScope{ParentID: &f.city.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []civic.AreaContributions{
		{AreaID: f.ward.ID, Contributions: 3, Organisations: 2, Recommendations: 2},
		{AreaID: other.ID, Contributions: 1, Organisations: 1, Recommendations: 1},
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Fatalf("by area %+v, want %+v", counts, want)
	}
	counts, _ = s.ContributionsByArea(ctx, civic.AreaScope{}, []string{r2.ID})
	if counts[0].AreaID != f.ward.ID || counts[0].Contributions != 1 || counts[1].Contributions != 0 {
		t.Fatalf("by area for SI-02 %+v", counts)
	}
	inWard, err := s.FindContributions(ctx, civic.ContributionFilter{AreaIDs: []string{f.ward.ID}, Themes: []string{"food"}}, civic.PageArgs{})
	if err != nil || inWard.Total != 2 {
		t.Fatalf("food contributions in the ward = %+v, %v; want A and B to SI-01", inWard, err)
	}
	// A withdrawn contribution no longer counts.
	mine, _ := s.ContributionsOfOrganisations(ctx, []string{a.ID}, civic.PageArgs{})
	if mine[0].Total != 2 || mine[0].Items[0].RecommendationID != r1.ID {
		t.Fatalf("A's contributions %+v", mine[0].Items)
	}
	if _, err := s.WithdrawContribution(ctx, mine[0].Items[1].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindRecommendationsByIDs(ctx, []string{r2.ID}); got[0].Contributors != 0 {
		t.Fatalf("SI-02 has %d contributors after the withdrawal", got[0].Contributors)
	}
	_, err = s.WithdrawContribution(ctx, mine[0].Items[1].ID)
	wantCode(t, err, civic.CodeNotFound)
}
