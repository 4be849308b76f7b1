package neo4j_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

// seedSearch stores a few things to find, and returns the ward they are in.
func seedSearch(t *testing.T, s *neo4j.Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := seedFixture(t, s)
	org := func(name, desc, areaID string, themes ...string) *civic.Organisation {
		in := civic.OrganisationInput{Name: &name, Kind: ptr(civic.OrgCharity), Description: &desc, Themes: themes}
		if areaID != "" {
			in.AreaID = &areaID
		}
		o, err := s.CreateOrganisation(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	org("Sparkhill Food Bank", "Emergency food parcels and a weekly pantry.", f.ward.ID, "food")
	org("Sparkhill Youth Club", "Football, homework help and trips.", f.ward.ID, "youth")
	org("Moseley Community Choir", "Singing for everyone.", "", "youth")
	org("Hall Green Food Club", "Low-cost groceries.", "", "food")
	gone := org("Sparkhill Food Co-op", "Closed in 2024.", f.ward.ID, "food")
	if _, err := s.DeleteOrganisation(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAsset(ctx, civic.AssetInput{Name: ptr("Sparkhill Community Hall"), Kind: ptr(civic.AssetBuilding),
		Description: ptr("A hall for 120 with a kitchen."), AreaID: &f.ward.ID, Themes: []string{"food"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePartnership(ctx, civic.PartnershipInput{Name: ptr("Sparkhill Food Network"), Kind: ptr(civic.PartnershipNetwork), Themes: []string{"food"}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []civic.PersonInput{
		{Name: ptr("Grace Adeyemi"), Bio: ptr("Retired bookkeeper who helps small groups."), AreaID: &f.ward.ID, Discoverable: ptr(true)},
		{Name: ptr("Grace Ogundipe"), Bio: ptr("Bookkeeper."), AreaID: &f.ward.ID},
	} {
		if _, err := s.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// hitNames returns the names of the hits, best first.
func hitNames(hits []civic.SearchHit) []string {
	var out []string
	for _, h := range hits {
		switch {
		case h.Organisation != nil:
			out = append(out, h.Organisation.Name)
		case h.Asset != nil:
			out = append(out, h.Asset.Name)
		case h.Partnership != nil:
			out = append(out, h.Partnership.Name)
		default:
			out = append(out, h.Person.Name)
		}
	}
	return out
}

func TestSearch(t *testing.T) {
	s := openStore(t)
	f := seedSearch(t, s)
	ctx := context.Background()
	search := func(q civic.SearchQuery) []string {
		t.Helper()
		hits, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("search %q: %v", q.Text, err)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("hits are not sorted by score: %v", hits)
			}
		}
		return hitNames(hits)
	}
	first := func(text string) string {
		t.Helper()
		if names := search(civic.SearchQuery{Text: text}); len(names) > 0 {
			return names[0]
		}
		return ""
	}

	// Small typos are tolerated, and the best match comes first.
	for _, text := range []string{"Sparkhill Food Bank", "sparkhil fod bank", "SPARKHILL FOOD BANKK", "spark food bank"} {
		if got := first(text); got != "Sparkhill Food Bank" {
			t.Errorf("%q: first hit %q", text, got)
		}
	}
	if got := first("Mosely Choir"); got != "Moseley Community Choir" {
		t.Errorf("a misspelt choir: %q", got)
	}
	// Descriptions are searched too.
	if got := search(civic.SearchQuery{Text: "pantry"}); strings.Join(got, ",") != "Sparkhill Food Bank" {
		t.Errorf("pantry: %v", got)
	}
	// Each kind is found: the hall, the network, the person who agreed to
	// be found (by name or bio) and never the one who did not; never the
	// deleted co-op.
	got := search(civic.SearchQuery{Text: "sparkhill", First: ptr(20)})
	if strings.Join(got, ",") == "" || slices.Contains(got, "Sparkhill Food Co-op") || !slices.Contains(got, "Sparkhill Community Hall") || !slices.Contains(got, "Sparkhill Food Network") {
		t.Errorf("sparkhill: %v", got)
	}
	if got := search(civic.SearchQuery{Text: "grace"}); strings.Join(got, ",") != "Grace Adeyemi" {
		t.Errorf("grace: %v", got)
	}
	if got := search(civic.SearchQuery{Text: "bookkeeper"}); strings.Join(got, ",") != "Grace Adeyemi" {
		t.Errorf("bookkeeper: %v", got)
	}
	// Kinds, areas and themes narrow the hits; people have no themes.
	if got := search(civic.SearchQuery{Text: "sparkhill", Kinds: []civic.ResultKind{civic.ResultAsset, civic.ResultPartnership}}); len(got) != 2 {
		t.Errorf("assets and partnerships: %v", got)
	}
	if got := search(civic.SearchQuery{Text: "food", Filter: civic.SearchFilter{AreaIDs: []string{f.city.ID}}}); strings.Join(got, ",") != "Sparkhill Food Bank" {
		t.Errorf("food in the city: %v", got)
	}
	if got := search(civic.SearchQuery{Text: "grace bookkeeper sparkhill", Filter: civic.SearchFilter{Themes: []string{"youth"}}}); strings.Join(got, ",") != "Sparkhill Youth Club" {
		t.Errorf("youth: %v", got)
	}
	if got := search(civic.SearchQuery{Text: "sparkhill", First: ptr(2)}); len(got) != 2 {
		t.Errorf("first 2: %v", got)
	}
}

func TestSearchTakesTextAsWords(t *testing.T) {
	s := openStore(t)
	seedSearch(t, s)
	ctx := context.Background()
	// Query syntax is not interpreted, and never fails the search.
	for _, text := range []string{`food AND (bank`, `"food bank`, `food\ bank`, `name:food`, `food~10 bank^100`, `food OR`, `[food TO bank]`, `food && !bank`} {
		hits, err := s.Search(ctx, civic.SearchQuery{Text: text})
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if names := hitNames(hits); !slices.Contains(names, "Sparkhill Food Bank") {
			t.Errorf("%q: %v", text, names)
		}
	}
	for _, text := range []string{"", "   ", `*`, `"?"`, `\`} {
		_, err := s.Search(ctx, civic.SearchQuery{Text: text})
		wantCode(t, err, civic.CodeBadUserInput)
	}
	_, err := s.Search(ctx, civic.SearchQuery{Text: "food", First: ptr(civic.MaxSearchHits + 1)})
	wantCode(t, err, civic.CodeBadUserInput)
}

func TestSearchLooksPastTheBestHitsWhenFiltersDropThem(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	var orgs []civic.Organisation
	for i := range 120 {
		orgs = append(orgs, civic.Organisation{ID: civic.NewID(civic.KindOrganisation), Name: fmt.Sprintf("Sparkhill Group %d", i), Kind: civic.OrgCharity})
	}
	if err := s.UpsertOrganisations(ctx, orgs); err != nil {
		t.Fatal(err)
	}
	// Named otherwise, the forum only mentions Sparkhill in its description,
	// so it ranks below every group.
	if _, err := s.CreatePartnership(ctx, civic.PartnershipInput{Name: ptr("Neighbourhood Forum"), Kind: ptr(civic.PartnershipForum),
		Description: ptr("Residents of Sparkhill meet monthly.")}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(ctx, civic.SearchQuery{Text: "sparkhill", First: ptr(100)})
	if err != nil || len(all) != 100 || all[99].Organisation == nil {
		t.Fatalf("the groups come first: %d hits, %v", len(all), err)
	}
	hits, err := s.Search(ctx, civic.SearchQuery{Text: "sparkhill", Kinds: []civic.ResultKind{civic.ResultPartnership}})
	if err != nil || len(hits) != 1 || hits[0].Partnership == nil || hits[0].Partnership.Name != "Neighbourhood Forum" {
		t.Errorf("partnerships: %+v, %v", hits, err)
	}
}

func TestPeopleWhoDidNotConsentAreNotIndexed(t *testing.T) {
	s := openStore(t)
	seedSearch(t, s)
	indexed := func(word string) int64 {
		return count(t, s, "CALL db.index.fulltext.queryNodes('search_text', '"+word+"') YIELD node RETURN count(node)")
	}
	if n := indexed("ogundipe"); n != 0 {
		t.Errorf("the person who did not consent is in the index (%d)", n)
	}
	if n := indexed("adeyemi"); n != 1 {
		t.Errorf("the person who consented is in the index %d times", n)
	}
	if n := count(t, s, "MATCH (p:Discoverable) RETURN count(p)"); n != 1 {
		t.Errorf("%d people labelled Discoverable", n)
	}
}
