package server_test

import (
	"cmp"
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// space is a shareable building or room of the demo city as the tests see it.
type space struct {
	asset    civic.Asset
	offer    civic.SpaceOffer
	at       civic.GeoPoint
	stewards []string
}

// demoSpaces returns the demo's buildings and rooms with their offers,
// where they are (a room without a location is where its building is) and
// who holds them.
func demoSpaces() []space {
	c := demoCity()
	assets := c.Assets
	byID := map[string]civic.Asset{}
	for _, a := range assets {
		byID[a.ID] = a
	}
	offers := map[string]civic.SpaceOffer{}
	for _, o := range c.Registers.SpaceOffers {
		offers[o.AssetID] = o
	}
	stewards := map[string][]string{}
	for _, s := range c.Stewardships {
		stewards[s.AssetID] = append(stewards[s.AssetID], s.OrganisationID)
	}
	var out []space
	for _, a := range assets {
		o, ok := offers[a.ID]
		if !ok || (a.Kind != civic.AssetBuilding && a.Kind != civic.AssetRoom) {
			continue
		}
		loc := a.Location
		if loc == nil && o.WithinID != "" {
			loc = byID[o.WithinID].Location
		}
		out = append(out, space{asset: a, offer: o, at: *loc, stewards: stewards[a.ID]})
	}
	return out
}

type match struct {
	name string
	km   float64
}

// expectedMatches lists the spaces that fit s within radius of here,
// nearest first (then by name), leaving out those org holds and those so
// near the edge that rounding could decide.
func expectedMatches(s civic.SpaceSearch, here civic.GeoPoint, radius float64, org string) []match {
	var out []match
	for _, sp := range demoSpaces() {
		d := haversineKm(here, sp.at)
		if d <= radius && !nearEdge(d, radius) && s.Fits(sp.offer, sp.asset.Capacity) && !slices.Contains(sp.stewards, org) {
			out = append(out, match{sp.asset.Name, d})
		}
	}
	slices.SortFunc(out, func(a, b match) int { return cmp.Or(cmp.Compare(a.km, b.km), cmp.Compare(a.name, b.name)) })
	return out
}

type matchJSON struct {
	DistanceKm float64
	Asset      struct{ Name string }
}

func compareMatches(t *testing.T, what string, got []matchJSON, want []match, radius float64) {
	t.Helper()
	var g []match
	for _, m := range got {
		if !nearEdge(m.DistanceKm, radius) {
			g = append(g, match{m.Asset.Name, m.DistanceKm})
		}
	}
	if len(g) != len(want) {
		t.Errorf("%s: %d matches, want %d: %v vs %v", what, len(g), len(want), g, want)
		return
	}
	for i := range g {
		if g[i].name != want[i].name || g[i].km-want[i].km > 0.005*want[i].km+0.001 || want[i].km-g[i].km > 0.005*want[i].km+0.001 {
			t.Errorf("%s: match %d is %v, want %v", what, i, g[i], want[i])
		}
	}
}

func TestAvailableSpaceAndMatches(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	here := civic.GeoPoint{Latitude: 52.453, Longitude: -1.86}
	search := civic.SpaceSearch{People: ptrTo(20), Uses: []civic.SpaceUse{civic.UseActivity}}
	want := expectedMatches(search, here, 3, "")
	if len(want) < 3 {
		t.Fatalf("only %d spaces fit: the test would prove little", len(want))
	}
	var out struct{ AvailableSpace []matchJSON }
	e.must(t, `query($p: GeoPointInput!) { availableSpace(near: {point: $p}, withinKm: 3, people: 20, uses: [ACTIVITY], first: 500) { distanceKm asset { name } } }`,
		map[string]any{"p": map[string]any{"latitude": here.Latitude, "longitude": here.Longitude}}, &out)
	compareMatches(t, "available space", out.AvailableSpace, want, 3)

	// Each open need's matches, from its organisation's location.
	location := map[string]civic.GeoPoint{}
	for _, o := range c.Organisations {
		location[o.ID] = *o.Location
	}
	ids := []string{}
	for _, n := range c.Registers.SpaceNeeds {
		ids = append(ids, n.ID)
	}
	var needs struct {
		Nodes []struct {
			ID      string
			Matches []matchJSON
		}
	}
	e.must(t, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on SpaceNeed { id matches(first: 10) { distanceKm asset { name } } } } }`, map[string]any{"ids": ids}, &needs)
	withMatches := 0
	for i, n := range c.Registers.SpaceNeeds {
		s := civic.SpaceSearch{People: n.People, Uses: n.Uses, Days: n.Days, Times: n.Times}
		want := expectedMatches(s, location[n.OrganisationID], n.WithinKm, n.OrganisationID)
		got := needs.Nodes[i].Matches
		if len(got) == 10 { // the page is full: compare the first ten
			want = want[:min(10, len(want))]
		}
		compareMatches(t, n.Description, got, want, n.WithinKm)
		if len(got) > 0 {
			withMatches++
		}
	}
	if withMatches < len(ids)/2 {
		t.Errorf("only %d of %d needs have a match", withMatches, len(ids))
	}
}

func TestSharedBuildings(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	within := map[string]string{}
	for _, o := range c.Registers.SpaceOffers {
		if o.WithinID != "" {
			within[o.AssetID] = o.WithinID
		}
	}
	holders := map[string]map[string]bool{}
	for _, s := range c.Stewardships {
		b := cmp.Or(within[s.AssetID], s.AssetID)
		if holders[b] == nil {
			holders[b] = map[string]bool{}
		}
		holders[b][s.OrganisationID] = true
	}
	want := map[string]int{}
	for _, a := range c.Assets {
		if a.Kind == civic.AssetBuilding && len(holders[a.ID]) >= 3 {
			want[a.Name] = len(holders[a.ID])
		}
	}
	var out struct {
		SharedBuildings struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					OrganisationCount int
					Building          struct {
						Name  string
						Rooms []struct{ Name string }
					}
					Organisations []struct{ ID string }
				}
			}
		}
	}
	e.must(t, `{ sharedBuildings(first: 500, filter: {minOrganisations: 3}) { totalCount edges { node { organisationCount building { name rooms { name } } organisations { id } } } } }`, nil, &out)
	if out.SharedBuildings.TotalCount != len(want) || len(want) == 0 {
		t.Fatalf("%d shared buildings, want %d", out.SharedBuildings.TotalCount, len(want))
	}
	for i, ed := range out.SharedBuildings.Edges {
		n := ed.Node
		if n.OrganisationCount != want[n.Building.Name] || len(n.Organisations) != n.OrganisationCount {
			t.Errorf("%s: %d organisations (%d listed), want %d", n.Building.Name, n.OrganisationCount, len(n.Organisations), want[n.Building.Name])
		}
		if i > 0 && n.OrganisationCount > out.SharedBuildings.Edges[i-1].Node.OrganisationCount {
			t.Errorf("not most shared first at %s", n.Building.Name)
		}
	}
	e.mustFail(t, `{ sharedBuildings(filter: {minOrganisations: 0}) { totalCount } }`, nil, "BAD_USER_INPUT")
}

func ptrTo[T any](v T) *T { return &v }

func TestSpaceMutations(t *testing.T) {
	e := demoEnv(t)
	// Far from the demo city, so that only this test's spaces are near.
	at := func(dLat float64) map[string]any { return map[string]any{"latitude": 52.70 + dLat, "longitude": -1.50} }
	var made struct {
		Hall, Room, Van   struct{ ID string }
		Seeker, Placeless struct{ ID string }
	}
	e.must(t, `mutation($hall: String!, $room: String!, $van: String!, $seeker: String!, $placeless: String!, $h: GeoPointInput!, $s: GeoPointInput!) {
  hall: createAsset(input: {name: $hall, kind: BUILDING, capacity: 120, location: $h}) { id }
  room: createAsset(input: {name: $room, kind: ROOM, capacity: 12}) { id }
  van: createAsset(input: {name: $van, kind: VEHICLE}) { id }
  seeker: createOrganisation(input: {name: $seeker, kind: COMMUNITY_GROUP, location: $s}) { id }
  placeless: createOrganisation(input: {name: $placeless, kind: INFORMAL_GROUP}) { id }
}`, map[string]any{"hall": uniqueName(t, "Hall"), "room": uniqueName(t, "Room"), "van": uniqueName(t, "Van"),
		"seeker": uniqueName(t, "Seekers"), "placeless": uniqueName(t, "Placeless"), "h": at(0.005), "s": at(0)}, &made)

	const offer = `mutation($id: ID!, $in: SpaceOfferInput!) { offerSpace(assetId: $id, input: $in) { offered uses days terms within { id } asset { id shareable } } }`
	var o struct {
		OfferSpace struct {
			Offered bool
			Uses    []string
			Terms   *string
			Within  *struct{ ID string }
			Asset   struct {
				ID        string
				Shareable bool
			}
		}
	}
	e.must(t, offer, map[string]any{"id": made.Hall.ID, "in": map[string]any{"uses": []string{"MEETING", "EVENT"}, "days": []string{"MONDAY"}, "terms": "FREE"}}, &o)
	if !o.OfferSpace.Offered || !o.OfferSpace.Asset.Shareable || *o.OfferSpace.Terms != "FREE" || o.OfferSpace.Within != nil {
		t.Fatalf("hall offer %+v", o.OfferSpace)
	}
	e.must(t, offer, map[string]any{"id": made.Room.ID, "in": map[string]any{"uses": []string{"MEETING"}, "withinId": made.Hall.ID}}, &o)
	if o.OfferSpace.Within == nil || o.OfferSpace.Within.ID != made.Hall.ID || o.OfferSpace.Terms != nil {
		t.Fatalf("room offer %+v", o.OfferSpace)
	}
	var hall struct {
		Asset struct {
			Rooms []struct {
				ID     string
				Within struct{ ID string }
			}
		}
	}
	e.must(t, `query($id: ID!) { asset(id: $id) { rooms { id within { id } } } }`, map[string]any{"id": made.Hall.ID}, &hall)
	if len(hall.Asset.Rooms) != 1 || hall.Asset.Rooms[0].ID != made.Room.ID || hall.Asset.Rooms[0].Within.ID != made.Hall.ID {
		t.Fatalf("rooms of the hall %+v", hall.Asset.Rooms)
	}

	const need = `mutation($in: RecordSpaceNeedInput!) { recordSpaceNeed(input: $in) { id status withinKm searchFrom { latitude } matches { distanceKm asset { id } } } }`
	var n struct {
		RecordSpaceNeed struct {
			ID, Status string
			WithinKm   float64
			SearchFrom struct{ Latitude float64 }
			Matches    []struct {
				DistanceKm float64
				Asset      struct{ ID string }
			}
		}
	}
	e.must(t, need, map[string]any{"in": map[string]any{"organisationId": made.Seeker.ID, "description": "Committee meetings",
		"uses": []string{"MEETING"}, "people": 10, "days": []string{"MONDAY", "FRIDAY"}, "withinKm": 1}}, &n)
	m := n.RecordSpaceNeed.Matches
	// 0.005 degrees of latitude is 0.557 km (on Neo4j's sphere); the room is where its hall is.
	if n.RecordSpaceNeed.Status != "OPEN" || n.RecordSpaceNeed.SearchFrom.Latitude != 52.70 || len(m) != 2 ||
		m[0].Asset.ID != made.Hall.ID && m[0].Asset.ID != made.Room.ID || m[0].DistanceKm != m[1].DistanceKm || m[0].DistanceKm < 0.55 || m[0].DistanceKm > 0.57 {
		t.Fatalf("need %+v", n.RecordSpaceNeed)
	}
	var w struct{ WithdrawSpace struct{ Offered bool } }
	e.must(t, `mutation($id: ID!) { withdrawSpace(assetId: $id) { offered } }`, map[string]any{"id": made.Hall.ID}, &w)
	var after struct {
		SpaceNeed struct {
			Matches []struct{ Asset struct{ ID string } }
		}
	}
	e.must(t, `query($id: ID!) { spaceNeed(id: $id) { matches { asset { id } } } }`, map[string]any{"id": n.RecordSpaceNeed.ID}, &after)
	if w.WithdrawSpace.Offered || len(after.SpaceNeed.Matches) != 1 || after.SpaceNeed.Matches[0].Asset.ID != made.Room.ID {
		t.Fatalf("after withdrawing the hall: %+v", after.SpaceNeed.Matches)
	}
	var met struct{ UpdateSpaceNeed struct{ Status string } }
	e.must(t, `mutation($id: ID!) { updateSpaceNeed(id: $id, input: {status: MET}) { status } }`, map[string]any{"id": n.RecordSpaceNeed.ID}, &met)
	if met.UpdateSpaceNeed.Status != "MET" {
		t.Fatalf("status %q", met.UpdateSpaceNeed.Status)
	}

	bad := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"offering a van", offer, map[string]any{"id": made.Van.ID, "in": map[string]any{}}, "BAD_USER_INPUT"},
		{"a room within a van", offer, map[string]any{"id": made.Room.ID, "in": map[string]any{"withinId": made.Van.ID}}, "BAD_USER_INPUT"},
		{"an unknown asset", offer, map[string]any{"id": civic.NewID(civic.KindAsset), "in": map[string]any{}}, "NOT_FOUND"},
		{"nowhere to search from", need, map[string]any{"in": map[string]any{"organisationId": made.Placeless.ID, "description": "x", "uses": []string{"OFFICE"}}}, "BAD_USER_INPUT"},
		{"no use", need, map[string]any{"in": map[string]any{"organisationId": made.Seeker.ID, "description": "x", "uses": []string{}}}, "BAD_USER_INPUT"},
		{"no radius", need, map[string]any{"in": map[string]any{"organisationId": made.Seeker.ID, "description": "x", "uses": []string{"OFFICE"}, "withinKm": 0}}, "BAD_USER_INPUT"},
		{"an unknown organisation", need, map[string]any{"in": map[string]any{"organisationId": civic.NewID(civic.KindOrganisation), "description": "x", "uses": []string{"OFFICE"}}}, "NOT_FOUND"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) { e.mustFail(t, tt.query, tt.vars, tt.code) })
	}
}
