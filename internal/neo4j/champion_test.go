package neo4j_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

func createPerson(t *testing.T, s *neo4j.Store, name string) *civic.Person {
	t.Helper()
	p, err := s.CreatePerson(context.Background(), civic.PersonInput{Name: &name, Email: ptr("x@example.org")})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// geo is a small geography for proximity tests: a city with two wards
// 0.9 km and 5.6 km east of a point, the first with a neighbourhood.
type geo struct {
	here                     civic.GeoPoint
	city, near, far, quarter *civic.Area
}

func seedGeo(t *testing.T, s *neo4j.Store) geo {
	t.Helper()
	ctx := context.Background()
	g := geo{here: civic.GeoPoint{Latitude: 52.48, Longitude: -1.90}}
	area := func(name string, kind civic.AreaKind, parent *civic.Area, dLon float64) *civic.Area {
		in := civic.AreaInput{Name: &name, Kind: &kind, Location: &civic.GeoPoint{Latitude: 52.48, Longitude: -1.90 + dLon}}
		if parent != nil {
			in.ParentID = &parent.ID
		}
		a, err := s.CreateArea(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	// One degree of longitude at 52.48° N is about 67.9 km.
	g.city = area("City", civic.AreaCity, nil, 0.15)
	g.near = area("Near", civic.AreaWard, g.city, 0.0133)
	g.far = area("Far", civic.AreaWard, g.city, 0.0825)
	g.quarter = area("Quarter", civic.AreaNeighbourhood, g.far, 0.0600)
	return g
}

func TestChampionsNear(t *testing.T) {
	s := openStore(t)
	seedFixture(t, s)
	g := seedGeo(t, s)
	ctx := context.Background()
	appoint := func(name string, areas []string, themes ...string) *civic.Champion {
		t.Helper()
		c, err := s.AppointChampion(ctx, civic.ChampionInput{PersonID: &createPerson(t, s, name).ID, AreaIDs: areas, Themes: themes, Since: date("2024-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	nearC := appoint("Near Champion", []string{g.near.ID}, "food")
	farC := appoint("Far Champion", []string{g.far.ID}, "youth")
	cityC := appoint("City Champion", []string{g.city.ID})
	themeOnly := appoint("Theme Champion", nil, "food")
	if len(themeOnly.AreaIDs) != 0 || themeOnly.Themes[0] != "food" {
		t.Fatalf("theme-only champion %+v", themeOnly)
	}

	search := func(km float64, themes ...string) []civic.NearbyChampion {
		t.Helper()
		got, err := s.ChampionsNear(ctx, civic.ChampionSearch{Near: civic.Place{Point: &g.here}, WithinKm: km, Themes: themes})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// Within 2 km only the near ward's centroid (0.9 km) is in range; the
	// city-wide champion serves it too, at the same distance.
	got := search(2)
	if len(got) != 2 || got[0].Champion.ID != nearC.ID && got[0].Champion.ID != cityC.ID || math.Abs(got[0].DistanceKm-0.905) > 0.02 {
		t.Fatalf("within 2 km: %+v", got)
	}
	// Within 5 km the far ward's neighbourhood (4.1 km) brings in the far
	// champion, at the neighbourhood's distance.
	got = search(5)
	if len(got) != 3 || got[2].Champion.ID != farC.ID || math.Abs(got[2].DistanceKm-4.07) > 0.05 {
		t.Fatalf("within 5 km: %+v", got)
	}
	if got := search(5, "youth"); len(got) != 1 || got[0].Champion.ID != farC.ID {
		t.Fatalf("youth champions within 5 km: %+v", got)
	}
	// Near an area: from the far ward's own centroid.
	fromFar, err := s.ChampionsNear(ctx, civic.ChampionSearch{Near: civic.Place{AreaID: &g.far.ID}, WithinKm: 0.5})
	if err != nil || len(fromFar) != 2 || fromFar[0].DistanceKm != 0 {
		t.Fatalf("near the far ward: %+v, %v", fromFar, err)
	}
	// Stood-down champions are not found.
	if _, err := s.StandDownChampion(ctx, nearC.ID, time.Now().AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	if got := search(2); len(got) != 1 || got[0].Champion.ID != cityC.ID {
		t.Fatalf("after standing down: %+v", got)
	}
	_, err = s.ChampionsNear(ctx, civic.ChampionSearch{Near: civic.Place{AreaID: ptr(civic.NewID(civic.KindArea))}})
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.ChampionsNear(ctx, civic.ChampionSearch{Near: civic.Place{Point: &g.here, AreaID: &g.far.ID}})
	wantCode(t, err, civic.CodeBadUserInput)

	// Champions for an area include those for the areas around it.
	page, err := s.FindChampions(ctx, civic.ChampionFilter{AreaIDs: []string{g.quarter.ID}}, civic.PageArgs{})
	if err != nil || page.Total != 2 || page.Items[0].ID != cityC.ID || page.Items[1].ID != farC.ID {
		t.Fatalf("champions for the quarter: %+v, %v", page.Items, err)
	}
}

func TestChampionRulesAndIntroductions(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	p := createPerson(t, s, "Amina Begum")
	c, err := s.AppointChampion(ctx, civic.ChampionInput{PersonID: &p.ID, AreaIDs: []string{f.ward.ID}, Since: date("2023-01-01"), Statement: ptr("I know every food project in Sparkhill.")})
	if err != nil {
		t.Fatal(err)
	}
	before := graphSize(t, s)
	_, err = s.AppointChampion(ctx, civic.ChampionInput{PersonID: &p.ID, Themes: []string{"food"}})
	wantCode(t, err, civic.CodeConflict)
	_, err = s.AppointChampion(ctx, civic.ChampionInput{PersonID: ptr(civic.NewID(civic.KindPerson)), Themes: []string{"food"}})
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.UpdateChampion(ctx, c.ID, civic.ChampionInput{AreaIDs: []string{}, Themes: []string{}})
	wantCode(t, err, civic.CodeBadUserInput)
	_, err = s.UpdateChampion(ctx, c.ID, civic.ChampionInput{AreaIDs: []string{}})
	wantCode(t, err, civic.CodeBadUserInput) // it would champion nothing
	if after := graphSize(t, s); after != before {
		t.Fatalf("failed changes changed the graph: %v -> %v", before, after)
	}
	if u, err := s.UpdateChampion(ctx, c.ID, civic.ChampionInput{Themes: []string{"food", "youth"}}); err != nil || len(u.Themes) != 2 || len(u.AreaIDs) != 1 {
		t.Fatalf("updated %+v, %v", u, err)
	}
	if got, _ := s.ChampionsOfPeople(ctx, []string{p.ID, f.ward.ID}); got[0] == nil || got[0].ID != c.ID || got[1] != nil {
		t.Fatalf("champions of people %+v", got)
	}

	a := createOrg(t, s, "Food Bank", civic.OrgCharity, f.ward.ID)
	b := createOrg(t, s, "Mosque", civic.OrgFaithGroup, f.ward.ID)
	d := createOrg(t, s, "School", civic.OrgSchool, f.ward.ID)
	intro := func(x, y *civic.Organisation, day string) *civic.Introduction {
		t.Helper()
		in, err := s.RecordIntroduction(ctx, civic.IntroductionInput{ChampionID: c.ID, OrganisationIDs: []string{x.ID, y.ID}, Date: *date(day), Outcome: ptr("met for coffee")})
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	ab := intro(a, b, "2024-03-01")
	ad := intro(a, d, "2024-05-01")
	if ab.OrganisationIDs != [2]string{a.ID, b.ID} || ab.ChampionID != c.ID || ab.Outcome != "met for coffee" {
		t.Fatalf("introduction %+v", ab)
	}
	// A and B went on to collaborate; A and D had collaborated before the
	// introduction, which therefore did not lead to it.
	col, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: b.ID, ToID: a.ID, Intensity: civic.IntensityCooperation, Since: date("2024-04-15")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: a.ID, ToID: d.ID, Intensity: civic.IntensityAwareness, Since: date("2022-01-01"), Until: date("2023-01-01")}); err != nil {
		t.Fatal(err)
	}
	got, err := s.CollaborationsFromIntroductions(ctx, []string{ab.ID, ad.ID})
	if err != nil || got[0] == nil || got[0].ID != col.ID || got[1] != nil {
		t.Fatalf("collaborations from introductions %+v, %v", got, err)
	}
	led, err := s.FindIntroductions(ctx, civic.IntroductionFilter{LedToCollaboration: ptr(true)}, civic.PageArgs{})
	if err != nil || led.Total != 1 || led.Items[0].ID != ab.ID {
		t.Fatalf("introductions that led somewhere %+v, %v", led.Items, err)
	}
	notLed, _ := s.FindIntroductions(ctx, civic.IntroductionFilter{LedToCollaboration: ptr(false)}, civic.PageArgs{})
	if notLed.Total != 1 || notLed.Items[0].ID != ad.ID {
		t.Fatalf("introductions that did not %+v", notLed.Items)
	}

	before = graphSize(t, s)
	bad := []struct {
		name string
		in   civic.IntroductionInput
		code civic.Code
	}{
		{"before the champion served", civic.IntroductionInput{ChampionID: c.ID, OrganisationIDs: []string{a.ID, b.ID}, Date: *date("2022-12-31")}, civic.CodeBadUserInput},
		{"to itself", civic.IntroductionInput{ChampionID: c.ID, OrganisationIDs: []string{a.ID, a.ID}, Date: *date("2024-01-01")}, civic.CodeBadUserInput},
		{"unknown organisation", civic.IntroductionInput{ChampionID: c.ID, OrganisationIDs: []string{a.ID, civic.NewID(civic.KindOrganisation)}, Date: *date("2024-01-01")}, civic.CodeNotFound},
		{"unknown champion", civic.IntroductionInput{ChampionID: civic.NewID(civic.KindChampion), OrganisationIDs: []string{a.ID, b.ID}, Date: *date("2024-01-01")}, civic.CodeNotFound},
		{"in the future", civic.IntroductionInput{ChampionID: c.ID, OrganisationIDs: []string{a.ID, b.ID}, Date: time.Now().AddDate(0, 0, 2)}, civic.CodeBadUserInput},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.RecordIntroduction(ctx, tt.in)
			wantCode(t, err, tt.code)
			if after := graphSize(t, s); after != before {
				t.Fatalf("graph changed from %v to %v", before, after)
			}
		})
	}

	// Standing down keeps the champion and their introductions; a second
	// stand-down conflicts; appointing again serves anew.
	if _, err := s.StandDownChampion(ctx, c.ID, *date("2025-01-01")); err != nil {
		t.Fatal(err)
	}
	_, err = s.StandDownChampion(ctx, c.ID, *date("2025-02-01"))
	wantCode(t, err, civic.CodeConflict)
	again, err := s.AppointChampion(ctx, civic.ChampionInput{PersonID: &p.ID, Themes: []string{"housing"}, Since: date("2025-06-01")})
	if err != nil || again.ID != c.ID || again.Until != nil || len(again.Themes) != 1 || len(again.AreaIDs) != 0 {
		t.Fatalf("appointed again %+v, %v", again, err)
	}
	mine, _ := s.IntroductionsOfChampions(ctx, []string{c.ID}, civic.PageArgs{})
	if mine[0].Total != 2 || mine[0].Items[0].ID != ad.ID {
		t.Fatalf("the champion's introductions, newest first: %+v", mine[0].Items)
	}
	// An introduction involving a deleted organisation is hidden.
	if _, err := s.DeleteOrganisation(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindIntroductionsByIDs(ctx, []string{ad.ID}); got[0] != nil {
		t.Fatalf("introduction of a deleted organisation is visible: %+v", got[0])
	}
}
