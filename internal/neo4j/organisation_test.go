package neo4j_test

import (
	"context"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestOrganisationLifecycle(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()

	o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{
		Name: ptr("  Sparkhill Food Bank "), Kind: ptr(civic.OrgCharity), OrgID: ptr("gb-chc-1164883"),
		Postcode: ptr("b11 4bw"), Website: ptr("https://sparkhill-food-bank.example.org"),
		Location: &civic.GeoPoint{Latitude: 52.45, Longitude: -1.86}, AreaID: &f.ward.ID, Themes: []string{"food", "housing"},
		Source: ptr("register-2026"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Sparkhill Food Bank" || o.OrgID != "GB-CHC-1164883" || o.Postcode != "B11 4BW" || o.AreaID != f.ward.ID ||
		len(o.Themes) != 2 || o.Source != "register-2026" || o.CreatedAt.IsZero() || !o.UpdatedAt.Equal(o.CreatedAt) {
		t.Fatalf("created %+v", o)
	}
	if o.Location == nil || o.Location.Latitude != 52.45 || o.Location.Longitude != -1.86 {
		t.Fatalf("location %+v", o.Location)
	}

	got, err := s.FindOrganisationByID(ctx, o.ID)
	if err != nil || got == nil || got.Name != o.Name {
		t.Fatalf("find = %+v, %v", got, err)
	}

	// A partial update changes only what it names.
	u, err := s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Description: ptr("Emergency food parcels."), Themes: []string{"youth"}})
	if err != nil {
		t.Fatal(err)
	}
	if u.Description != "Emergency food parcels." || u.Name != o.Name || u.OrgID != o.OrgID || u.AreaID != f.ward.ID ||
		len(u.Themes) != 1 || u.Themes[0] != "youth" || !u.UpdatedAt.After(o.UpdatedAt) || !u.CreatedAt.Equal(o.CreatedAt) {
		t.Fatalf("updated %+v", u)
	}
	// An empty string clears a field and the area.
	u, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Website: ptr(""), AreaID: ptr("")})
	if err != nil || u.Website != "" || u.AreaID != "" {
		t.Fatalf("cleared = %+v, %v", u, err)
	}

	// Delete keeps the record but hides it.
	d, err := s.DeleteOrganisation(ctx, o.ID)
	if err != nil || d.DeletedAt == nil {
		t.Fatalf("delete = %+v, %v", d, err)
	}
	if got, err := s.FindOrganisationByID(ctx, o.ID); err != nil || got != nil {
		t.Fatalf("find after delete = %+v, %v", got, err)
	}
	if n := count(t, s, "MATCH (o:Organisation) WHERE o.deletedAt IS NOT NULL RETURN count(o)"); n != 1 {
		t.Fatalf("deleted organisations stored = %d, want 1", n)
	}
	_, err = s.DeleteOrganisation(ctx, o.ID)
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Name: ptr("x")})
	wantCode(t, err, civic.CodeNotFound)
}

func TestOrganisationBadInputWritesNothing(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	createOrg(t, s, "Existing", civic.OrgCharity, f.ward.ID)
	if _, err := s.UpdateOrganisation(ctx, createOrg(t, s, "Has id", civic.OrgCharity, "").ID, civic.OrganisationInput{OrgID: ptr("GB-CHC-1")}); err != nil {
		t.Fatal(err)
	}
	before := graphSize(t, s)
	tests := []struct {
		name string
		in   civic.OrganisationInput
		code civic.Code
	}{
		{"missing name", civic.OrganisationInput{Kind: ptr(civic.OrgCharity)}, civic.CodeBadUserInput},
		{"unknown area", civic.OrganisationInput{Name: ptr("A"), Kind: ptr(civic.OrgCharity), AreaID: ptr("area_nope")}, civic.CodeNotFound},
		{"unknown theme", civic.OrganisationInput{Name: ptr("A"), Kind: ptr(civic.OrgCharity), Themes: []string{"food", "astrology"}}, civic.CodeBadUserInput},
		{"org-id taken", civic.OrganisationInput{Name: ptr("A"), Kind: ptr(civic.OrgCharity), OrgID: ptr("GB-CHC-1")}, civic.CodeConflict},
		{"area is not an area", civic.OrganisationInput{Name: ptr("A"), Kind: ptr(civic.OrgCharity), AreaID: ptr(f.ward.ID[:3] + "x")}, civic.CodeBadUserInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateOrganisation(ctx, tt.in)
			wantCode(t, err, tt.code)
			if after := graphSize(t, s); after != before {
				t.Fatalf("graph changed from %v to %v", before, after)
			}
		})
	}
}

func TestFindOrganisationsFilters(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	other, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Aston"), Kind: ptr(civic.AreaWard), ParentID: &f.city.ID})
	if err != nil {
		t.Fatal(err)
	}
	createOrg(t, s, "Sparkhill Food Bank", civic.OrgCharity, f.ward.ID, "food")
	createOrg(t, s, "Sparkhill Youth Club", civic.OrgCommunityGroup, f.ward.ID, "youth")
	createOrg(t, s, "Aston Housing Co-op", civic.OrgCooperative, other.ID, "housing", "food")
	createOrg(t, s, "Citywide Forum", civic.OrgPublicBody, "")

	tests := []struct {
		name string
		f    civic.OrganisationFilter
		want []string
	}{
		{"all, by name", civic.OrganisationFilter{}, []string{"Aston Housing Co-op", "Citywide Forum", "Sparkhill Food Bank", "Sparkhill Youth Club"}},
		{"kind", civic.OrganisationFilter{Kinds: []civic.OrganisationKind{civic.OrgCharity, civic.OrgCooperative}}, []string{"Aston Housing Co-op", "Sparkhill Food Bank"}},
		{"theme", civic.OrganisationFilter{Themes: []string{"food"}}, []string{"Aston Housing Co-op", "Sparkhill Food Bank"}},
		{"ward", civic.OrganisationFilter{AreaIDs: []string{f.ward.ID}}, []string{"Sparkhill Food Bank", "Sparkhill Youth Club"}},
		{"city includes its wards", civic.OrganisationFilter{AreaIDs: []string{f.city.ID}}, []string{"Aston Housing Co-op", "Sparkhill Food Bank", "Sparkhill Youth Club"}},
		{"name, any case", civic.OrganisationFilter{NameContains: ptr("SPARKHILL")}, []string{"Sparkhill Food Bank", "Sparkhill Youth Club"}},
		{"combined", civic.OrganisationFilter{NameContains: ptr("sparkhill"), Themes: []string{"youth"}}, []string{"Sparkhill Youth Club"}},
		{"nothing", civic.OrganisationFilter{Themes: []string{"housing"}, Kinds: []civic.OrganisationKind{civic.OrgSchool}}, nil},
		// An organisation on two of the themes, or in two of the areas, is listed once.
		{"two themes", civic.OrganisationFilter{Themes: []string{"food", "housing"}}, []string{"Aston Housing Co-op", "Sparkhill Food Bank"}},
		{"city and ward", civic.OrganisationFilter{AreaIDs: []string{f.city.ID, f.ward.ID}}, []string{"Aston Housing Co-op", "Sparkhill Food Bank", "Sparkhill Youth Club"}},
		{"city and theme", civic.OrganisationFilter{AreaIDs: []string{f.city.ID}, Themes: []string{"food", "youth"}}, []string{"Aston Housing Co-op", "Sparkhill Food Bank", "Sparkhill Youth Club"}},
		{"ward and theme", civic.OrganisationFilter{AreaIDs: []string{other.ID}, Themes: []string{"food"}}, []string{"Aston Housing Co-op"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.FindOrganisations(ctx, tt.f, nil, civic.PageArgs{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range p.Items {
				names = append(names, o.Name)
			}
			if p.Total != len(tt.want) || len(names) != len(tt.want) {
				t.Fatalf("got %v (total %d), want %v", names, p.Total, tt.want)
			}
			for i := range names {
				if names[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", names, tt.want)
				}
			}
		})
	}

	desc, err := s.FindOrganisations(ctx, civic.OrganisationFilter{}, &civic.Order{Field: civic.OrderByName, Direction: civic.Desc}, civic.PageArgs{First: ptr(1)})
	if err != nil || desc.Items[0].Name != "Sparkhill Youth Club" || !desc.HasNext() {
		t.Fatalf("descending first = %+v, %v", desc, err)
	}
	_, err = s.FindOrganisations(ctx, civic.OrganisationFilter{AreaIDs: []string{"nope"}}, nil, civic.PageArgs{})
	wantCode(t, err, civic.CodeBadUserInput)
}

// TestPagination walks a list forwards and backwards with cursors and finds
// every organisation exactly once, in order.
func TestPagination(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	var want []string
	for _, c := range "ABCDEFGHIJK" {
		want = append(want, createOrg(t, s, "Org "+string(c), civic.OrgCharity, "").Name)
	}
	var forward []string
	args := civic.PageArgs{First: ptr(3)}
	for {
		p, err := s.FindOrganisations(ctx, civic.OrganisationFilter{}, nil, args)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != len(want) {
			t.Fatalf("total = %d", p.Total)
		}
		for _, o := range p.Items {
			forward = append(forward, o.Name)
		}
		if !p.HasNext() {
			break
		}
		args.After = ptr(p.Cursor(len(p.Items) - 1))
	}
	if len(forward) != len(want) {
		t.Fatalf("forward = %v", forward)
	}
	var backward []string
	args = civic.PageArgs{Last: ptr(4)}
	for {
		p, err := s.FindOrganisations(ctx, civic.OrganisationFilter{}, nil, args)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(p.Items) - 1; i >= 0; i-- {
			backward = append(backward, p.Items[i].Name)
		}
		if !p.HasPrevious() {
			break
		}
		args.Before = ptr(p.Cursor(0))
	}
	for i := range want {
		if forward[i] != want[i] || backward[len(want)-1-i] != want[i] {
			t.Fatalf("forward %v, backward %v, want %v", forward, backward, want)
		}
	}
}

// TestCountOnly asks for pages of no items, as dashboards do to read only
// totalCount, from a top-level list and from a list per parent.
func TestCountOnly(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	createOrg(t, s, "Ward Food Bank", civic.OrgCharity, f.ward.ID, "food")
	createOrg(t, s, "Ward Youth Club", civic.OrgCommunityGroup, f.ward.ID, "youth")
	createOrg(t, s, "City Food Hub", civic.OrgCharity, f.city.ID, "food", "housing")
	createOrg(t, s, "Nowhere Group", civic.OrgInformalGroup, "")

	p, err := s.FindOrganisations(ctx, civic.OrganisationFilter{Themes: []string{"food"}}, nil, civic.PageArgs{First: ptr(0)})
	if err != nil || p.Total != 2 || len(p.Items) != 0 || !p.HasNext() {
		t.Fatalf("food, first 0 = %+v, %v", p, err)
	}
	// The city holds the ward, so its count includes the ward's.
	pages, err := s.OrganisationsInAreas(ctx, []string{f.city.ID, f.ward.ID}, civic.OrganisationFilter{}, civic.PageArgs{First: ptr(0)})
	if err != nil {
		t.Fatal(err)
	}
	if pages[0].Total != 3 || pages[1].Total != 2 || len(pages[0].Items)+len(pages[1].Items) != 0 {
		t.Fatalf("per area, first 0 = %+v", pages)
	}
	pages, err = s.OrganisationsInAreas(ctx, []string{f.city.ID, f.ward.ID}, civic.OrganisationFilter{Themes: []string{"food"}}, civic.PageArgs{First: ptr(0)})
	if err != nil || pages[0].Total != 2 || pages[1].Total != 1 {
		t.Fatalf("food per area, first 0 = %+v, %v", pages, err)
	}
}
