package server_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestChampionsNear(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	here := civic.GeoPoint{Latitude: 52.453, Longitude: -1.86}
	const radius = 3.0
	// Expected: serving champions whose areas, or areas within them, have a
	// centroid in range; distance to the nearest such centroid.
	located := map[string]civic.Area{}
	for _, a := range c.Areas {
		located[a.ID] = a
	}
	within := func(a civic.Area, served string) bool { return a.ID == served || a.ParentID == served }
	personName := map[string]string{}
	for _, p := range c.People {
		personName[p.ID] = p.Name
	}
	today := civic.Day(time.Now())
	want := map[string]float64{}
	for _, ch := range c.Registers.Champions {
		if !ch.ActiveOn(today) {
			continue
		}
		best := math.Inf(1)
		for _, a := range c.Areas {
			d := haversineKm(here, *a.Location)
			if nearEdge(d, radius) {
				t.Fatalf("area %s lies on the edge of the search: choose another radius", a.Name)
			}
			for _, served := range ch.AreaIDs {
				if d <= radius && within(a, served) {
					best = min(best, d)
				}
			}
		}
		if !math.IsInf(best, 1) {
			want[personName[ch.PersonID]] = best
		}
	}
	if len(want) < 2 {
		t.Fatalf("only %d champions near the point: the test would prove little", len(want))
	}
	var out struct {
		ChampionsNear []struct {
			DistanceKm float64
			Champion   struct {
				Person  struct{ Name string }
				Serving bool
			}
		}
	}
	e.must(t, `query($p: GeoPointInput!) { championsNear(near: {point: $p}, withinKm: 3, first: 100) { distanceKm champion { serving person { name } } } }`,
		map[string]any{"p": map[string]any{"latitude": here.Latitude, "longitude": here.Longitude}}, &out)
	if len(out.ChampionsNear) != len(want) {
		t.Errorf("%d champions near, want %d: %+v", len(out.ChampionsNear), len(want), want)
	}
	for i, n := range out.ChampionsNear {
		w, ok := want[n.Champion.Person.Name]
		if !ok || math.Abs(n.DistanceKm-w) > 0.005*w+0.001 || !n.Champion.Serving {
			t.Errorf("%s at %.3f km (serving %v), want %.3f (found %v)", n.Champion.Person.Name, n.DistanceKm, n.Champion.Serving, w, ok)
		}
		if i > 0 && n.DistanceKm < out.ChampionsNear[i-1].DistanceKm {
			t.Errorf("not nearest first at %s", n.Champion.Person.Name)
		}
	}
	e.mustFail(t, `{ championsNear(near: {point: {latitude: 52.4, longitude: -1.9}, areaId: "area_x"}) { distanceKm } }`, nil, "BAD_USER_INPUT")
	e.mustFail(t, `{ championsNear(near: {point: {latitude: 52.4, longitude: -1.9}}, withinKm: 100) { distanceKm } }`, nil, "BAD_USER_INPUT")
	e.mustFail(t, `query($a: ID!) { championsNear(near: {areaId: $a}) { distanceKm } }`, map[string]any{"a": civic.NewID(civic.KindArea)}, "NOT_FOUND")
}

func TestIntroductionsThatLedToCollaborations(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	led := 0
	for _, in := range c.Registers.Introductions {
		for _, col := range c.Collaborations {
			started := civic.Day(col.CreatedAt)
			if col.Since != nil {
				started = *col.Since
			}
			pair := []string{col.FromID, col.ToID}
			if slices.Contains(pair, in.OrganisationIDs[0]) && slices.Contains(pair, in.OrganisationIDs[1]) && !started.Before(in.Date) {
				led++
				break
			}
		}
	}
	var out struct {
		Led, NotLed struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Date               string
					LedToCollaboration bool
					Collaboration      *struct{ Since string }
					Organisations      []struct{ ID string }
				}
			}
		}
	}
	e.must(t, `{
  led: introductions(first: 500, filter: {ledToCollaboration: true}) { totalCount edges { node { date ledToCollaboration collaboration { since } organisations { id } } } }
  notLed: introductions(first: 500, filter: {ledToCollaboration: false}) { totalCount edges { node { ledToCollaboration collaboration { since } } } }
}`, nil, &out)
	if out.Led.TotalCount != led || out.NotLed.TotalCount != len(c.Registers.Introductions)-led || led == 0 {
		t.Fatalf("%d led and %d did not, want %d and %d", out.Led.TotalCount, out.NotLed.TotalCount, led, len(c.Registers.Introductions)-led)
	}
	for _, ed := range out.Led.Edges {
		n := ed.Node
		if !n.LedToCollaboration || n.Collaboration == nil || n.Collaboration.Since < n.Date || len(n.Organisations) != 2 {
			t.Fatalf("an introduction that led somewhere: %+v", n)
		}
	}
	for _, ed := range out.NotLed.Edges {
		if ed.Node.LedToCollaboration || ed.Node.Collaboration != nil {
			t.Fatalf("an introduction that led nowhere: %+v", ed.Node)
		}
	}
}

func TestChampionLifecycle(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	ward := c.Areas[1]
	var made struct {
		P    struct{ ID string } `json:"p"`
		A, B struct{ ID string }
	}
	e.must(t, `mutation($p: String!, $a: String!, $b: String!) {
  p: createPerson(input: {name: $p, email: "champion@example.org"}) { id }
  a: createOrganisation(input: {name: $a, kind: CHARITY}) { id }
  b: createOrganisation(input: {name: $b, kind: SCHOOL}) { id }
}`, map[string]any{"p": uniqueName(t, "Champion"), "a": uniqueName(t, "Pantry"), "b": uniqueName(t, "School")}, &made)

	const appoint = `mutation($in: AppointChampionInput!) { appointChampion(input: $in) { id serving since areas { id } themes { slug } person { id } } }`
	var ch struct {
		AppointChampion struct {
			ID, Since string
			Serving   bool
			Areas     []struct{ ID string }
			Themes    []struct{ Slug string }
		}
	}
	in := map[string]any{"personId": made.P.ID, "areaIds": []string{ward.ID}, "themes": []string{"food"}, "since": "2025-01-01"}
	e.must(t, appoint, map[string]any{"in": in}, &ch)
	a := ch.AppointChampion
	if !a.Serving || a.Since != "2025-01-01" || len(a.Areas) != 1 || a.Areas[0].ID != ward.ID || a.Themes[0].Slug != "food" {
		t.Fatalf("appointed %+v", a)
	}
	e.mustFail(t, appoint, map[string]any{"in": in}, "CONFLICT")
	e.mustFail(t, appoint, map[string]any{"in": map[string]any{"personId": made.P.ID}}, "BAD_USER_INPUT")

	// Personal data stays with the person: a champion record has no contact
	// details of its own (a person's are guarded by the access policy).
	var schema struct {
		Champion struct{ Fields []struct{ Name string } }
	}
	e.must(t, `{ champion: __type(name: "Champion") { fields { name } } }`, nil, &schema)
	for _, f := range schema.Champion.Fields {
		if f.Name == "email" || f.Name == "phone" {
			t.Fatalf("the Champion type exposes %s", f.Name)
		}
	}

	const record = `mutation($in: RecordIntroductionInput!) { recordIntroduction(input: $in) { id date ledToCollaboration champion { id } organisations { id } } }`
	intro := func(orgs []string, date string) map[string]any {
		return map[string]any{"in": map[string]any{"championId": a.ID, "organisationIds": orgs, "date": date, "outcome": "Met for coffee"}}
	}
	var rec struct {
		RecordIntroduction struct {
			ID                 string
			LedToCollaboration bool
		}
	}
	e.must(t, record, intro([]string{made.A.ID, made.B.ID}, "2025-03-01"), &rec)
	if rec.RecordIntroduction.LedToCollaboration {
		t.Fatal("a fresh introduction has already led to a collaboration")
	}
	e.mustFail(t, record, intro([]string{made.A.ID, made.A.ID}, "2025-03-01"), "BAD_USER_INPUT")
	e.mustFail(t, record, intro([]string{made.A.ID, made.B.ID}, "2024-12-31"), "BAD_USER_INPUT")
	e.mustFail(t, record, intro([]string{made.A.ID, civic.NewID(civic.KindOrganisation)}, "2025-03-01"), "NOT_FOUND")
	e.mustFail(t, record, map[string]any{"in": map[string]any{"championId": civic.NewID(civic.KindChampion),
		"organisationIds": []string{made.A.ID, made.B.ID}, "date": "2025-03-01"}}, "NOT_FOUND")

	// The two go on to collaborate: the introduction led to it.
	e.must(t, `mutation($a: ID!, $b: ID!) { recordCollaboration(input: {fromId: $b, toId: $a, intensity: COOPERATION, since: "2025-04-01"}) { id } }`,
		map[string]any{"a": made.A.ID, "b": made.B.ID}, nil)
	var node struct {
		Node struct {
			Typename           string `json:"__typename"`
			LedToCollaboration bool
			Collaboration      struct{ Since string }
		}
	}
	e.must(t, `query($id: ID!) { node(id: $id) { __typename ... on Introduction { ledToCollaboration collaboration { since } } } }`,
		map[string]any{"id": rec.RecordIntroduction.ID}, &node)
	if node.Node.Typename != "Introduction" || !node.Node.LedToCollaboration || node.Node.Collaboration.Since != "2025-04-01" {
		t.Fatalf("after the collaboration: %+v", node.Node)
	}

	var person struct {
		Person struct {
			Champion struct {
				ID            string
				Introductions struct{ TotalCount int }
			}
		}
	}
	e.must(t, `query($id: ID!) { person(id: $id) { champion { id introductions { totalCount } } } }`, map[string]any{"id": made.P.ID}, &person)
	if person.Person.Champion.ID != a.ID || person.Person.Champion.Introductions.TotalCount != 1 {
		t.Fatalf("the person's champion record %+v", person.Person.Champion)
	}
	const standDown = `mutation($id: ID!) { standDownChampion(id: $id, until: "2025-06-30") { serving until } }`
	var sd struct {
		StandDownChampion struct {
			Serving bool
			Until   string
		}
	}
	e.must(t, standDown, map[string]any{"id": a.ID}, &sd)
	if sd.StandDownChampion.Serving || sd.StandDownChampion.Until != "2025-06-30" {
		t.Fatalf("stood down %+v", sd)
	}
	e.mustFail(t, standDown, map[string]any{"id": a.ID}, "CONFLICT")
}
