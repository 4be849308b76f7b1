package civic_test

import (
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestContributionInputValidate(t *testing.T) {
	charity := civic.OrgCharity
	details := civic.OrganisationRef{Name: ptr("Kings Heath Pantry"), Kind: &charity, Postcode: ptr("b14 7aa")}
	tests := []struct {
		name string
		in   civic.ContributionInput
		want []string
	}{
		{"new organisation by name and postcode", civic.ContributionInput{
			RecommendationID: "rec_1", Organisation: details, Description: "Weekly pantry",
		}, nil},
		{"existing organisation by ID", civic.ContributionInput{
			RecommendationID: "rec_1", Organisation: civic.OrganisationRef{ID: ptr("org_1")}, Description: "x",
		}, nil},
		{"by org-id without postcode", civic.ContributionInput{
			RecommendationID: "rec_1", Description: "x",
			Organisation: civic.OrganisationRef{OrgID: ptr("gb-chc-1164883"), Name: ptr("A"), Kind: &charity},
		}, nil},
		{"ID and details together", civic.ContributionInput{
			RecommendationID: "rec_1", Description: "x",
			Organisation: civic.OrganisationRef{ID: ptr("org_1"), Name: ptr("A")},
		}, []string{"organisation.id"}},
		{"name without postcode or org-id", civic.ContributionInput{
			RecommendationID: "rec_1", Description: "x",
			Organisation: civic.OrganisationRef{Name: ptr("A"), Kind: &charity},
		}, []string{"organisation.postcode"}},
		{"details without name and kind", civic.ContributionInput{
			RecommendationID: "rec_1", Description: "x", Organisation: civic.OrganisationRef{Postcode: ptr("B14 7AA")},
		}, []string{"organisation.name", "organisation.kind"}},
		{"bad IDs, blank description, bad URL, future start", civic.ContributionInput{
			RecommendationID: "org_1", Organisation: details, Description: "  ",
			EvidenceURL: ptr("ftp://x"), Since: date("2026-07-01"),
		}, []string{"recommendationId", "description", "since", "evidenceUrl"}},
		{"bad postcode", civic.ContributionInput{
			RecommendationID: "rec_1", Description: "x",
			Organisation: civic.OrganisationRef{Name: ptr("A"), Kind: &charity, Postcode: ptr("nowhere")},
		}, []string{"organisation.postcode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Normalise()
			if got := fieldsOf(t, in.Validate(today)); !slices.Equal(got, tt.want) {
				t.Fatalf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNameKey(t *testing.T) {
	if a, b := civic.NameKey("  Kings  Heath Pantry "), civic.NameKey("kings heath PANTRY"); a != b || a != "kings heath pantry" {
		t.Fatalf("keys %q and %q", a, b)
	}
}

func TestRecommendationInputValidate(t *testing.T) {
	in := civic.RecommendationInput{Code: ptr(" si-07 "), Title: ptr("Champions' network"), Theme: ptr("Wellbeing")}
	in.Normalise()
	if err := in.Validate(true); err != nil || *in.Code != "SI-07" || *in.Theme != "wellbeing" {
		t.Fatalf("code %q theme %q err %v", *in.Code, *in.Theme, err)
	}
	for _, bad := range []string{"", "SI 07", "-SI", "SI-", "ABCDEFGHIJKLMNOPQRSTU"} {
		in := civic.RecommendationInput{Code: ptr(bad), Title: ptr("x")}
		in.Normalise()
		if got := fieldsOf(t, in.Validate(true)); !slices.Equal(got, []string{"code"}) {
			t.Errorf("code %q: problems with %v", bad, got)
		}
	}
}

func TestStoryReviewRules(t *testing.T) {
	tests := []struct {
		from, to civic.StoryStatus
		ok       bool
	}{
		{civic.StorySubmitted, civic.StoryPublished, true},
		{civic.StorySubmitted, civic.StoryRejected, true},
		{civic.StoryPublished, civic.StoryRejected, false},
		{civic.StoryRejected, civic.StoryPublished, false},
		{civic.StoryPublished, civic.StoryPublished, false},
		{civic.StorySubmitted, civic.StorySubmitted, false},
	}
	for _, tt := range tests {
		err := civic.CheckTransition(tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%s -> %s: error %v, want allowed %v", tt.from, tt.to, err, tt.ok)
		}
		if err != nil && civic.ErrorCode(err) != civic.CodeConflict {
			t.Errorf("%s -> %s: code %s, want CONFLICT", tt.from, tt.to, civic.ErrorCode(err))
		}
	}
	if got := fieldsOf(t, civic.Review{Status: civic.StoryRejected}.Validate()); !slices.Equal(got, []string{"reason"}) {
		t.Errorf("rejecting without a reason: problems with %v", got)
	}
	if err := (civic.Review{Status: civic.StoryPublished}).Validate(); err != nil {
		t.Errorf("publishing without a note: %v", err)
	}
}

func TestStoryInputValidate(t *testing.T) {
	ok := civic.StoryInput{Title: "Holiday hunger", Summary: "Meals in the holidays", Themes: []string{"food"}}
	ok.Normalise()
	if err := ok.Validate(); err != nil || *ok.Kind != civic.KindOfStory {
		t.Fatalf("kind %v, err %v", ok.Kind, err)
	}
	bad := civic.StoryInput{
		Title: " ", Summary: "", StartDate: date("2025-01-01"), EndDate: date("2024-01-01"),
		OrganisationIDs: []string{"per_1"}, EvidenceURL: ptr("nope"),
	}
	bad.Normalise()
	want := []string{"title", "summary", "evidenceUrl", "endDate", "organisationIds"}
	if got := fieldsOf(t, bad.Validate()); !slices.Equal(got, want) {
		t.Fatalf("problems with %v, want %v", got, want)
	}
	unlinked := civic.StoryInput{Title: "x", Summary: "y"}
	if got := fieldsOf(t, unlinked.Validate()); !slices.Equal(got, []string{"themes"}) {
		t.Fatalf("a story about nothing: problems with %v", got)
	}
}

func TestSpaceFits(t *testing.T) {
	cap30 := 30
	hall := civic.SpaceOffer{Offered: true, Uses: []civic.SpaceUse{civic.UseMeeting, civic.UseKitchen},
		Days: []civic.Weekday{civic.Tuesday, civic.Thursday}, Times: []civic.TimeOfDay{civic.Evening}}
	tests := []struct {
		name     string
		offer    civic.SpaceOffer
		capacity *int
		search   civic.SpaceSearch
		want     bool
	}{
		{"everything fits", hall, &cap30, civic.SpaceSearch{People: ptr(20), Uses: []civic.SpaceUse{civic.UseMeeting, civic.UseKitchen},
			Days: []civic.Weekday{civic.Monday, civic.Thursday}, Times: []civic.TimeOfDay{civic.Evening}}, true},
		{"too many people", hall, &cap30, civic.SpaceSearch{People: ptr(31)}, false},
		{"exactly full", hall, &cap30, civic.SpaceSearch{People: ptr(30)}, true},
		{"unknown capacity", hall, nil, civic.SpaceSearch{People: ptr(300)}, true},
		{"one use missing", hall, &cap30, civic.SpaceSearch{Uses: []civic.SpaceUse{civic.UseMeeting, civic.UseStorage}}, false},
		{"no wanted day", hall, &cap30, civic.SpaceSearch{Days: []civic.Weekday{civic.Monday}}, false},
		{"no wanted time", hall, &cap30, civic.SpaceSearch{Times: []civic.TimeOfDay{civic.Morning}}, false},
		{"an offer that does not say", civic.SpaceOffer{Offered: true}, nil,
			civic.SpaceSearch{Uses: []civic.SpaceUse{civic.UseStorage}, Days: []civic.Weekday{civic.Sunday}}, true},
		{"not offered", civic.SpaceOffer{}, nil, civic.SpaceSearch{}, false},
	}
	for _, tt := range tests {
		if got := tt.search.Fits(tt.offer, tt.capacity); got != tt.want {
			t.Errorf("%s: fits %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSpaceOfferValidate(t *testing.T) {
	if got := fieldsOf(t, civic.SpaceOfferInput{}.Validate("ast_1", civic.AssetVehicle)); !slices.Equal(got, []string{"assetId"}) {
		t.Errorf("offering a vehicle: problems with %v", got)
	}
	in := civic.SpaceOfferInput{WithinID: ptr("ast_1"), Uses: []civic.SpaceUse{"ballroom"}}
	if got := fieldsOf(t, in.Validate("ast_1", civic.AssetRoom)); !slices.Equal(got, []string{"uses", "withinId"}) {
		t.Errorf("a room within itself: problems with %v", got)
	}
	if got := fieldsOf(t, (civic.SpaceOfferInput{WithinID: ptr("ast_2")}).Validate("ast_1", civic.AssetBuilding)); !slices.Equal(got, []string{"withinId"}) {
		t.Errorf("a building within a building: problems with %v", got)
	}
}

func TestSpaceNeedValidate(t *testing.T) {
	got := fieldsOf(t, civic.SpaceNeedInput{WithinKm: ptr(0.0), People: ptr(0)}.Validate(true))
	want := []string{"organisationId", "description", "uses", "people", "withinKm"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems with %v, want %v", got, want)
	}
}

func TestChampionAndIntroductionValidate(t *testing.T) {
	if got := fieldsOf(t, civic.ChampionInput{PersonID: ptr("per_1")}.Validate(true)); !slices.Equal(got, []string{"areaIds"}) {
		t.Errorf("a champion of nothing: problems with %v", got)
	}
	in := civic.IntroductionInput{ChampionID: "chp_1", OrganisationIDs: []string{"org_1", " org_1"}, Date: *date("2026-01-01")}
	in.Normalise()
	if got := fieldsOf(t, in.Validate(today)); !slices.Equal(got, []string{"organisationIds"}) {
		t.Errorf("introducing an organisation to itself: problems with %v", got)
	}
	c := civic.Champion{Since: date("2025-01-01"), Until: date("2025-12-31")}
	for d, ok := range map[string]bool{"2024-12-31": false, "2025-01-01": true, "2025-12-31": true, "2026-01-01": false} {
		in := civic.IntroductionInput{Date: *date(d)}
		if err := in.ValidateFor(c); (err == nil) != ok {
			t.Errorf("introduction on %s: error %v, want allowed %v", d, err, ok)
		}
	}
	if err := c.ValidateStandDown(today); civic.ErrorCode(err) != civic.CodeConflict {
		t.Errorf("standing down twice: %v", err)
	}
}

func TestCategoryCounts(t *testing.T) {
	got := civic.CategoryCounts(map[civic.AssetKind]int{
		civic.AssetBuilding: 3, civic.AssetRoom: 2, civic.AssetSkill: 4, civic.AssetKnowledge: 1, civic.AssetGreenSpace: 5,
	})
	want := []civic.CategoryCount{
		{Category: civic.CategoryPhysical, Count: 5}, {Category: civic.CategoryHuman, Count: 5},
		{Category: civic.CategorySocial, Count: 0}, {Category: civic.CategoryFinancial, Count: 0},
		{Category: civic.CategoryNatural, Count: 5},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if n := (civic.AreaStrengths{Assets: got}).TotalAssets(); n != 15 {
		t.Fatalf("total %d, want 15", n)
	}
}
