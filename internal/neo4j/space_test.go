package neo4j_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// east returns the point km kilometres east of the test point (52.48 N, 1.90 W).
func east(km float64) *civic.GeoPoint {
	return &civic.GeoPoint{Latitude: 52.48, Longitude: -1.90 + km/(111.32*math.Cos(52.48*math.Pi/180))}
}

func names(ms []civic.SpaceMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Asset.Name)
	}
	return out
}

func TestSharedSpace(t *testing.T) {
	s := openStore(t)
	seedFixture(t, s)
	g := seedGeo(t, s)
	ctx := context.Background()
	org := func(name string, loc *civic.GeoPoint) *civic.Organisation {
		o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: &name, Kind: ptr(civic.OrgCharity), Location: loc})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	host, seeker, user, club, nowhere := org("Host", east(0.9)), org("Seeker", east(0)), org("User", east(1)), org("Club", east(2)), org("Nowhere", nil)
	hall := createAsset(t, s, "Hall", civic.AssetBuilding, g.near.ID, east(0.9), ptr(120))
	room := createAsset(t, s, "Small Room", civic.AssetRoom, "", nil, ptr(12))
	office := createAsset(t, s, "Office", civic.AssetRoom, "", east(0.3), ptr(8))
	barn := createAsset(t, s, "Barn", civic.AssetBuilding, g.far.ID, east(4), ptr(200))
	closed := createAsset(t, s, "Closed Hall", civic.AssetBuilding, "", east(0.1), ptr(100))
	van := createAsset(t, s, "Van", civic.AssetVehicle, "", east(0.1), nil)
	steward := func(o *civic.Organisation, a *civic.Asset, role civic.StewardshipRole) {
		if _, err := s.AddStewardship(ctx, civic.StewardshipInput{OrganisationID: o.ID, AssetID: a.ID, Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	steward(host, hall, civic.StewardOwns)
	steward(user, hall, civic.StewardOccupies)
	steward(club, room, civic.StewardUses)
	steward(seeker, office, civic.StewardOwns)
	steward(host, barn, civic.StewardOwns)
	steward(user, closed, civic.StewardOwns)
	steward(host, closed, civic.StewardUses)

	offer := func(a *civic.Asset, in civic.SpaceOfferInput) *civic.SpaceOffer {
		t.Helper()
		o, err := s.OfferSpace(ctx, a.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	h := offer(hall, civic.SpaceOfferInput{Uses: []civic.SpaceUse{civic.UseMeeting, civic.UseEvent, civic.UseKitchen},
		Days: []civic.Weekday{civic.Tuesday, civic.Thursday, civic.Saturday}, Times: []civic.TimeOfDay{civic.Evening}, Terms: ptr(civic.TermsAtCost)})
	if !h.Offered || len(h.Uses) != 3 || h.Terms != civic.TermsAtCost {
		t.Fatalf("offer %+v", h)
	}
	if r := offer(room, civic.SpaceOfferInput{Uses: []civic.SpaceUse{civic.UseMeeting}, WithinID: &hall.ID}); r.WithinID != hall.ID {
		t.Fatalf("room offer %+v", r)
	}
	offer(office, civic.SpaceOfferInput{Uses: []civic.SpaceUse{civic.UseOffice}})
	offer(barn, civic.SpaceOfferInput{})
	if rooms, _ := s.RoomsOfBuildings(ctx, []string{hall.ID, barn.ID}); len(rooms[0]) != 1 || rooms[0][0].ID != room.ID || len(rooms[1]) != 0 {
		t.Fatalf("rooms %+v", rooms)
	}
	if offers, _ := s.SpaceOffersOfAssets(ctx, []string{closed.ID, van.ID}); offers[0] == nil || offers[0].Offered || offers[1] != nil {
		t.Fatalf("offers of a building never offered and a van: %+v", offers)
	}

	need := func(in civic.SpaceNeedInput) *civic.SpaceNeed {
		t.Helper()
		in.OrganisationID = &seeker.ID
		n, err := s.RecordSpaceNeed(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	meeting := need(civic.SpaceNeedInput{Description: ptr("Weekly committee"), Uses: []civic.SpaceUse{civic.UseMeeting}, People: ptr(10),
		Days: []civic.Weekday{civic.Thursday}, Times: []civic.TimeOfDay{civic.Evening}})
	if meeting.Status != civic.NeedOpen || meeting.WithinKm != civic.DefaultWithinKm || meeting.Location == nil {
		t.Fatalf("need %+v", meeting)
	}
	big := need(civic.SpaceNeedInput{Description: ptr("Annual fair"), Uses: []civic.SpaceUse{civic.UseEvent}, People: ptr(50)})
	store := need(civic.SpaceNeedInput{Description: ptr("Food storage"), Uses: []civic.SpaceUse{civic.UseMeeting, civic.UseStorage}, WithinKm: ptr(5.0)})
	// From the far ward's centroid (5.6 km east): only the barn (1.6 km) is near.
	there := need(civic.SpaceNeedInput{Description: ptr("Drop-in"), Uses: []civic.SpaceUse{civic.UseDropIn}, AreaID: &g.far.ID})

	matches, err := s.MatchesForNeeds(ctx, []string{meeting.ID, big.ID, store.ID, there.ID}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Hall", "Small Room"}, // the office is the seeker's own, and for office use
		{"Hall"},               // the room holds 12
		{"Barn"},               // nothing else allows storage
		{"Barn"},
	}
	for i, w := range want {
		if got := names(matches[i]); !slices.Equal(got, w) {
			t.Errorf("need %d: matched %v, want %v", i, got, w)
		}
	}
	// The room has no location of its own and is as far as its hall.
	if d := matches[0][1].DistanceKm; math.Abs(d-0.9) > 0.01 {
		t.Errorf("room distance %.3f km, want 0.9", d)
	}
	if d := matches[3][0].DistanceKm; math.Abs(d-(5.59-4)) > 0.03 {
		t.Errorf("barn from the far ward: %.3f km", d)
	}
	// A search near a point, with no organisation to leave out.
	found, err := s.FindSpace(ctx, civic.SpaceSearch{Near: civic.Place{Point: east(0)}, WithinKm: 1, People: ptr(8)})
	if err != nil || !slices.Equal(names(found), []string{"Office", "Hall", "Small Room"}) {
		t.Fatalf("space near the point: %v, %v", names(found), err)
	}

	// Shared buildings count stewards of the building and of its rooms.
	shared, err := s.FindSharedBuildings(ctx, civic.SharedBuildingFilter{}, civic.PageArgs{})
	if err != nil || shared.Total != 2 || shared.Items[0].Building.ID != hall.ID || len(shared.Items[0].OrganisationIDs) != 3 ||
		shared.Items[1].Building.ID != closed.ID {
		t.Fatalf("shared buildings %+v, %v", shared.Items, err)
	}
	if got, _ := s.FindSharedBuildings(ctx, civic.SharedBuildingFilter{MinOrganisations: ptr(3), AreaIDs: []string{g.city.ID}}, civic.PageArgs{}); got.Total != 1 {
		t.Fatalf("buildings with three organisations in the city: %+v", got.Items)
	}

	before := graphSize(t, s)
	badOffers := []struct {
		name  string
		asset string
		in    civic.SpaceOfferInput
		code  civic.Code
	}{
		{"a van", van.ID, civic.SpaceOfferInput{}, civic.CodeBadUserInput},
		{"a room within a room", office.ID, civic.SpaceOfferInput{WithinID: &room.ID}, civic.CodeBadUserInput},
		{"a room within an unknown building", office.ID, civic.SpaceOfferInput{WithinID: ptr(civic.NewID(civic.KindAsset))}, civic.CodeNotFound},
		{"an unknown asset", civic.NewID(civic.KindAsset), civic.SpaceOfferInput{}, civic.CodeNotFound},
	}
	for _, tt := range badOffers {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.OfferSpace(ctx, tt.asset, tt.in)
			wantCode(t, err, tt.code)
			if after := graphSize(t, s); after != before {
				t.Fatalf("graph changed from %v to %v", before, after)
			}
		})
	}
	_, err = s.RecordSpaceNeed(ctx, civic.SpaceNeedInput{OrganisationID: &nowhere.ID, Description: ptr("x"), Uses: []civic.SpaceUse{civic.UseOffice}})
	wantCode(t, err, civic.CodeBadUserInput) // nowhere to search from
	_, err = s.RecordSpaceNeed(ctx, civic.SpaceNeedInput{OrganisationID: &seeker.ID, Description: ptr("x"), Uses: []civic.SpaceUse{civic.UseOffice}, AreaID: ptr(civic.NewID(civic.KindArea))})
	wantCode(t, err, civic.CodeNotFound)
	if after := graphSize(t, s); after != before {
		t.Fatalf("failed needs changed the graph: %v -> %v", before, after)
	}

	// Withdrawn space is no longer matched; a met need stays listed by status.
	if w, err := s.WithdrawSpace(ctx, hall.ID); err != nil || w.Offered {
		t.Fatalf("withdraw %+v, %v", w, err)
	}
	if m, _ := s.MatchesForNeeds(ctx, []string{meeting.ID}, 10); !slices.Equal(names(m[0]), []string{"Small Room"}) {
		t.Fatalf("after withdrawing the hall: %v", names(m[0]))
	}
	if n, err := s.UpdateSpaceNeed(ctx, big.ID, civic.SpaceNeedInput{Status: ptr(civic.NeedMet)}); err != nil || n.Status != civic.NeedMet {
		t.Fatalf("update need %+v, %v", n, err)
	}
	open, _ := s.FindSpaceNeeds(ctx, civic.SpaceNeedFilter{Statuses: []civic.NeedStatus{civic.NeedOpen}}, civic.PageArgs{})
	inFar, _ := s.FindSpaceNeeds(ctx, civic.SpaceNeedFilter{AreaIDs: []string{g.far.ID}}, civic.PageArgs{})
	if open.Total != 3 || inFar.Total != 1 || inFar.Items[0].ID != there.ID {
		t.Fatalf("open needs %d, needs in the far ward %+v", open.Total, inFar.Items)
	}
}
