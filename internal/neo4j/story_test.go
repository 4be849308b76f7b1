package neo4j_test

import (
	"context"
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestStoriesReviewAndVisibility(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	other, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Moseley"), Kind: ptr(civic.AreaWard), ParentID: &f.city.ID})
	if err != nil {
		t.Fatal(err)
	}
	org := createOrg(t, s, "Food Bank", civic.OrgCharity, f.ward.ID)
	rec := createRecommendation(t, s, "SI-04", "Evidence of what works", "")
	submit := func(title string, areaID string, themes ...string) *civic.Story {
		t.Helper()
		st, err := s.SubmitStory(ctx, civic.StoryInput{Title: title, Summary: "What happened.", Themes: themes, AreaIDs: []string{areaID},
			OrganisationIDs: []string{org.ID}, RecommendationIDs: []string{rec.ID}, StartDate: date("2023-01-01"), EndDate: date("2024-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	pantry := submit("Pantry", f.ward.ID, "food")
	club := submit("Youth club", f.ward.ID, "youth")
	market := submit("Market", other.ID, "food")
	if pantry.Status != civic.StorySubmitted || pantry.Kind != civic.KindOfStory || len(pantry.OrganisationIDs) != 1 || pantry.RecommendationIDs[0] != rec.ID {
		t.Fatalf("submitted %+v", pantry)
	}
	// Nothing is public before review.
	if got, _ := s.FindPublishedStoriesByIDs(ctx, []string{pantry.ID}); got[0] != nil {
		t.Fatalf("a submitted story is public: %+v", got[0])
	}
	review, _ := s.StoriesForReview(ctx, civic.PageArgs{})
	if review.Total != 3 || review.Items[0].ID != pantry.ID {
		t.Fatalf("for review %+v", review.Items)
	}

	for _, st := range []*civic.Story{pantry, market} {
		if p, err := s.ReviewStory(ctx, st.ID, civic.Review{Status: civic.StoryPublished, Note: ptr("Thank you")}); err != nil || p.Status != civic.StoryPublished || p.ReviewedAt == nil {
			t.Fatalf("publish %+v, %v", p, err)
		}
	}
	if _, err := s.ReviewStory(ctx, club.ID, civic.Review{Status: civic.StoryRejected, Note: ptr("Please add the outcome.")}); err != nil {
		t.Fatal(err)
	}

	before := graphSize(t, s)
	_, err = s.ReviewStory(ctx, pantry.ID, civic.Review{Status: civic.StoryRejected, Note: ptr("changed my mind")})
	wantCode(t, err, civic.CodeConflict)
	_, err = s.ReviewStory(ctx, club.ID, civic.Review{Status: civic.StoryPublished})
	wantCode(t, err, civic.CodeConflict)
	_, err = s.ReviewStory(ctx, civic.NewID(civic.KindStory), civic.Review{Status: civic.StoryPublished})
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.SubmitStory(ctx, civic.StoryInput{Title: "x", Summary: "y", OrganisationIDs: []string{civic.NewID(civic.KindOrganisation)}})
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.SubmitStory(ctx, civic.StoryInput{Title: "x", Summary: "y", Themes: []string{"nope"}})
	wantCode(t, err, civic.CodeBadUserInput)
	if after := graphSize(t, s); after != before {
		t.Fatalf("failed reviews changed the graph: %v -> %v", before, after)
	}

	ids := func(f civic.StoryFilter) []string {
		t.Helper()
		page, err := s.FindStories(ctx, f, civic.PageArgs{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, st := range page.Items {
			out = append(out, st.Title)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name   string
		filter civic.StoryFilter
		want   []string
	}{
		{"published only", civic.StoryFilter{}, []string{"Market", "Pantry"}},
		{"food in the ward", civic.StoryFilter{Themes: []string{"food"}, AreaIDs: []string{f.ward.ID}}, []string{"Pantry"}},
		{"food in the city", civic.StoryFilter{Themes: []string{"food"}, AreaIDs: []string{f.city.ID}}, []string{"Market", "Pantry"}},
		{"youth anywhere: rejected", civic.StoryFilter{Themes: []string{"youth"}}, nil},
		{"of the organisation", civic.StoryFilter{OrganisationIDs: []string{org.ID}}, []string{"Market", "Pantry"}},
		{"initiatives", civic.StoryFilter{Kinds: []civic.StoryKind{civic.KindOfInitiative}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.filter); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	of, _ := s.StoriesOfRecommendations(ctx, []string{rec.ID}, civic.PageArgs{})
	if of[0].Total != 2 {
		t.Fatalf("published stories of the recommendation: %d, want 2", of[0].Total)
	}
	if review, _ := s.StoriesForReview(ctx, civic.PageArgs{}); review.Total != 0 {
		t.Fatalf("still for review: %+v", review.Items)
	}
}

func TestStrengths(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	hood, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Sparkbrook"), Kind: ptr(civic.AreaNeighbourhood), ParentID: &f.ward.ID})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Acocks Green"), Kind: ptr(civic.AreaWard), ParentID: &f.city.ID})
	if err != nil {
		t.Fatal(err)
	}
	createAsset(t, s, "Hall", civic.AssetBuilding, f.ward.ID, nil, nil)
	createAsset(t, s, "Room", civic.AssetRoom, hood.ID, nil, nil)
	createAsset(t, s, "Park", civic.AssetGreenSpace, hood.ID, nil, nil)
	createAsset(t, s, "Grant", civic.AssetFund, f.ward.ID, nil, nil)
	gone := createAsset(t, s, "Gone", civic.AssetNetwork, f.ward.ID, nil, nil)
	if _, err := s.DeleteAsset(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name, area string
		skills     []string
	}{{"A", f.ward.ID, []string{"cooking", "first-aid"}}, {"B", hood.ID, []string{"cooking"}}, {"C", hood.ID, nil}} {
		if _, err := s.CreatePerson(ctx, civic.PersonInput{Name: &p.name, AreaID: &p.area, Skills: p.skills}); err != nil {
			t.Fatal(err)
		}
	}
	createOrg(t, s, "Tenants", civic.OrgCommunityGroup, hood.ID)
	createOrg(t, s, "Mosque", civic.OrgFaithGroup, f.ward.ID)
	createOrg(t, s, "Council", civic.OrgCouncil, f.ward.ID)

	got, err := s.StrengthsOfAreas(ctx, []string{f.ward.ID, hood.ID, empty.ID})
	if err != nil {
		t.Fatal(err)
	}
	counts := func(a *civic.AreaStrengths) []int {
		var out []int
		for _, c := range a.Assets {
			out = append(out, c.Count)
		}
		return append(out, a.SkilledPeople, a.Skills, a.Organisations, a.Associations)
	}
	// physical, human, social, financial, natural; skilled people, skills, organisations, associations
	want := map[string][]int{
		"ward":  {2, 0, 0, 1, 1, 2, 2, 3, 2},
		"hood":  {1, 0, 0, 0, 1, 1, 1, 1, 1},
		"empty": {0, 0, 0, 0, 0, 0, 0, 0, 0},
	}
	for i, name := range []string{"ward", "hood", "empty"} {
		if c := counts(got[i]); !slices.Equal(c, want[name]) {
			t.Errorf("%s: %v, want %v", name, c, want[name])
		}
	}
	page, err := s.FindStrengths(ctx, civic.AreaScope{ParentID: &f.city.ID}, civic.PageArgs{})
	if err != nil || page.Total != 2 || page.Items[0].AreaID != empty.ID || page.Items[1].AreaID != f.ward.ID || page.Items[1].TotalAssets() != 4 {
		t.Fatalf("wards of the city %+v, %v", page, err)
	}
}
