package demo_test

import (
	"slices"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// demoToday is a day just after the demo city's last date, on which its
// listings are judged.
var demoToday = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// TestRegistersValidate builds the domain input of every register record
// and checks that the domain accepts it.
func TestRegistersValidate(t *testing.T) {
	c := city()
	reg := c.Registers
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	for _, r := range reg.Recommendations {
		check(r.Code, civic.RecommendationInput{Code: &r.Code, Title: &r.Title, Description: &r.Description, Theme: &r.Theme, Document: &r.Document}.Validate(true))
	}
	for _, x := range reg.Contributions {
		in := civic.ContributionInput{RecommendationID: x.RecommendationID, Organisation: civic.OrganisationRef{ID: &x.OrganisationID},
			Description: x.Description, Since: x.Since, EvidenceURL: &x.EvidenceURL}
		check("contribution "+x.ID, in.Validate(demoToday))
	}
	champions := map[string]civic.Champion{}
	for _, x := range reg.Champions {
		champions[x.ID] = x
		check("champion "+x.ID, civic.ChampionInput{PersonID: &x.PersonID, AreaIDs: x.AreaIDs, Themes: x.Themes, Statement: &x.Statement, Since: x.Since}.Validate(true))
	}
	for _, x := range reg.Introductions {
		in := civic.IntroductionInput{ChampionID: x.ChampionID, OrganisationIDs: x.OrganisationIDs[:], Date: x.Date, Outcome: &x.Outcome}
		check("introduction "+x.ID, in.Validate(demoToday))
		check("introduction "+x.ID+" by its champion", in.ValidateFor(champions[x.ChampionID]))
	}
	for _, x := range reg.Listings {
		check("listing "+x.Reference, x.Validate(demoToday))
		// The demo gives no expiry: a listing lasts five years.
		if x.Decision == civic.DecisionListed && (x.ExpiryDate == nil || !x.ExpiryDate.Equal(x.ListedDate.AddDate(5, 0, 0))) {
			t.Errorf("listing %s: listed %v, expires %v", x.Reference, x.ListedDate, x.ExpiryDate)
		}
	}
	for _, a := range reg.Rooms {
		check(a.Name, civic.AssetInput{Name: &a.Name, Kind: &a.Kind, Description: &a.Description, Shareable: &a.Shareable,
			Capacity: a.Capacity, Postcode: &a.Postcode, AreaID: &a.AreaID, Themes: a.Themes}.Validate(true))
	}
	kinds := map[string]civic.AssetKind{}
	for _, a := range append(slices.Clone(c.Assets), reg.Rooms...) {
		kinds[a.ID] = a.Kind
	}
	for _, o := range reg.SpaceOffers {
		check("offer of "+o.AssetID, civic.SpaceOfferInput{Uses: o.Uses, Days: o.Days, Times: o.Times, Terms: &o.Terms,
			Notes: &o.Notes, WithinID: &o.WithinID}.Validate(o.AssetID, kinds[o.AssetID]))
		if o.WithinID != "" && kinds[o.WithinID] != civic.AssetBuilding {
			t.Errorf("room %s lies within a %s", o.AssetID, kinds[o.WithinID])
		}
	}
	for _, n := range reg.SpaceNeeds {
		check("need "+n.ID, civic.SpaceNeedInput{OrganisationID: &n.OrganisationID, Description: &n.Description, Uses: n.Uses,
			People: n.People, Days: n.Days, Times: n.Times, WithinKm: &n.WithinKm, Status: &n.Status}.Validate(true))
	}
	for _, s := range reg.Stories {
		in := civic.StoryInput{Kind: &s.Kind, Title: s.Title, Summary: s.Summary, Outcome: &s.Outcome, Evidence: &s.Evidence,
			EvidenceURL: &s.EvidenceURL, StartDate: s.StartDate, EndDate: s.EndDate, OrganisationIDs: s.OrganisationIDs,
			AssetIDs: s.AssetIDs, Themes: s.Themes, AreaIDs: s.AreaIDs, RecommendationIDs: s.RecommendationIDs}
		check("story "+s.Title, in.Validate())
	}
}

// TestRegistersReferences checks that every ID a register record points
// at is in the city, and that register IDs are unique and of their kind.
func TestRegistersReferences(t *testing.T) {
	c := city()
	reg := c.Registers
	known := map[string]bool{}
	for _, a := range c.Areas {
		known[a.ID] = true
	}
	for _, o := range c.Organisations {
		known[o.ID] = true
	}
	for _, p := range c.People {
		known[p.ID] = true
	}
	for _, a := range append(slices.Clone(c.Assets), reg.Rooms...) {
		known[a.ID] = true
	}
	themes := map[string]bool{}
	for _, th := range c.Themes {
		themes[th.Slug] = true
	}
	ids := map[string]bool{}
	own := func(id string, kind civic.EntityKind) {
		if k, ok := civic.KindOfID(id); !ok || k != kind || ids[id] || known[id] && kind != civic.KindAsset {
			t.Errorf("%s ID %q is of another kind or used twice", kind.Name(), id)
		}
		ids[id], known[id] = true, true
	}
	refs := func(what string, list ...string) {
		for _, id := range list {
			if !known[id] && !themes[id] {
				t.Errorf("%s points at %q, which is not in the city", what, id)
			}
		}
	}
	for _, r := range reg.Recommendations {
		own(r.ID, civic.KindRecommendation)
		refs(r.Code+" theme", r.Theme)
	}
	for _, x := range reg.Contributions {
		own(x.ID, civic.KindContribution)
		refs("contribution", x.OrganisationID, x.RecommendationID)
	}
	for _, x := range reg.Champions {
		own(x.ID, civic.KindChampion)
		refs("champion", append(append([]string{x.PersonID}, x.AreaIDs...), x.Themes...)...)
	}
	for _, x := range reg.Introductions {
		own(x.ID, civic.KindIntroduction)
		refs("introduction", x.ChampionID, x.OrganisationIDs[0], x.OrganisationIDs[1])
	}
	for _, x := range reg.Listings {
		own(x.ID, civic.KindListing)
		refs("listing "+x.Reference, x.AssetID, x.NominatorID)
	}
	for _, a := range reg.Rooms {
		refs("room "+a.Name, a.AreaID)
	}
	for _, s := range reg.RoomStewardships {
		refs("room stewardship", s.OrganisationID, s.AssetID)
	}
	for _, o := range reg.SpaceOffers {
		refs("space offer", o.AssetID)
	}
	for _, n := range reg.SpaceNeeds {
		own(n.ID, civic.KindSpaceNeed)
		refs("space need", n.OrganisationID)
	}
	for _, s := range reg.Stories {
		own(s.ID, civic.KindStory)
		refs("story "+s.Title, slices.Concat(s.OrganisationIDs, s.AssetIDs, s.Themes, s.AreaIDs, s.RecommendationIDs)...)
	}
}

// TestRegistersShowEveryCase checks that the demo has an example of each
// thing the registers' queries find, counting from the data directly.
func TestRegistersShowEveryCase(t *testing.T) {
	c := city()
	reg := c.Registers
	contributors := map[string]int{}
	for _, x := range reg.Contributions {
		contributors[x.RecommendationID]++
	}
	gaps := 0
	for _, r := range reg.Recommendations {
		if contributors[r.ID] == 0 {
			gaps++
		}
	}

	orgOf := map[string]int{}
	for i, o := range c.Organisations {
		orgOf[o.ID] = i
	}
	led := 0
	for _, in := range reg.Introductions {
		for _, col := range c.Collaborations {
			pair := []string{col.FromID, col.ToID}
			if slices.Contains(pair, in.OrganisationIDs[0]) && slices.Contains(pair, in.OrganisationIDs[1]) && col.Since != nil && !col.Since.Before(in.Date) {
				led++
				break
			}
		}
	}
	citywide, former := 0, 0
	for _, x := range reg.Champions {
		if len(x.AreaIDs) == 1 && x.AreaIDs[0] == c.Areas[0].ID {
			citywide++
		}
		if x.Until != nil {
			former++
		}
	}

	statuses := map[civic.ListingStatus]int{}
	expiringSoon, underMoratorium := 0, 0
	for _, l := range reg.Listings {
		statuses[l.StatusOn(demoToday)]++
		if l.StatusOn(demoToday) == civic.ListingListed && !l.ExpiryDate.After(demoToday.AddDate(0, 0, 90)) {
			expiringSoon++
		}
		if l.UnderMoratoriumOn(demoToday) {
			underMoratorium++
		}
	}

	// Shared buildings: organisations holding a building or a room in it.
	within := map[string]string{}
	for _, o := range reg.SpaceOffers {
		if o.WithinID != "" {
			within[o.AssetID] = o.WithinID
		}
	}
	holders := map[string]map[string]bool{}
	for _, s := range append(slices.Clone(c.Stewardships), reg.RoomStewardships...) {
		b := s.AssetID
		if w, ok := within[b]; ok {
			b = w
		}
		if holders[b] == nil {
			holders[b] = map[string]bool{}
		}
		holders[b][s.OrganisationID] = true
	}
	shared := 0
	for _, a := range c.Assets {
		if a.Kind == civic.AssetBuilding && len(holders[a.ID]) >= 3 {
			shared++
		}
	}
	roomsWithoutLocation := 0
	for _, a := range reg.Rooms {
		if a.Location == nil {
			roomsWithoutLocation++
		}
	}

	published, submitted, rejected := 0, 0, 0
	publishedThemes := map[string]bool{}
	for _, s := range reg.Stories {
		switch s.Status {
		case civic.StoryPublished:
			published++
			publishedThemes[s.Themes[0]] = true
		case civic.StorySubmitted:
			submitted++
		case civic.StoryRejected:
			rejected++
		}
	}

	tests := []struct {
		name     string
		got      int
		min, max int
	}{
		{"recommendations", len(reg.Recommendations), 12, 20},
		{"recommendations nobody works towards", gaps, 2, 2},
		{"contributions", len(reg.Contributions), 140, 250},
		{"champions", len(reg.Champions), 20, 30},
		{"city-wide champions", citywide, 3, 3},
		{"champions who stood down", former, 3, 3},
		{"introductions", len(reg.Introductions), 40, 120},
		{"introductions that led to a collaboration", led, 15, 120},
		{"introductions that did not", len(reg.Introductions) - led, 15, 120},
		{"listings", len(reg.Listings), 20, 20},
		{"nominations awaiting a decision", statuses[civic.ListingNominated], 3, 3},
		{"refused nominations", statuses[civic.ListingRefused], 2, 2},
		{"expired listings", statuses[civic.ListingExpired], 3, 3},
		{"listings expiring within 90 days", expiringSoon, 3, 3},
		{"assets under moratorium", underMoratorium, 2, 2},
		{"rooms", len(reg.Rooms), 20, 60},
		{"rooms without a location of their own", roomsWithoutLocation, len(reg.Rooms), len(reg.Rooms)},
		{"buildings held by three or more organisations", shared, 5, 100},
		{"space needs", len(reg.SpaceNeeds), 30, 30},
		{"published stories", published, 30, 40},
		{"stories waiting for review", submitted, 3, 6},
		{"rejected stories", rejected, 1, 3},
		{"themes with a published story", len(publishedThemes), 15, 15},
	}
	for _, tt := range tests {
		if tt.got < tt.min || tt.got > tt.max {
			t.Errorf("%s: got %d, want %d..%d", tt.name, tt.got, tt.min, tt.max)
		}
	}
	for _, x := range slices.Concat(provs(reg.Recommendations), provs(reg.Contributions), provs(reg.Champions), provs(reg.Stories)) {
		if x.Source != demo.Source || !x.CreatedAt.Equal(demo.Timestamp) {
			t.Fatalf("provenance %+v is not the demo's", x)
		}
	}
}

func provs[T any](items []T) []civic.Provenance {
	var out []civic.Provenance
	for _, it := range items {
		switch v := any(it).(type) {
		case civic.Recommendation:
			out = append(out, v.Provenance)
		case civic.Contribution:
			out = append(out, v.Provenance)
		case civic.Champion:
			out = append(out, v.Provenance)
		case civic.Story:
			out = append(out, v.Provenance)
		}
	}
	return out
}
