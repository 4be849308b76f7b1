package neo4j_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

// earthKm is the radius of the sphere Neo4j measures WGS-84 distances on
// (haversine, 6378.14 km). Distances here are computed independently with it.
const earthKm = 6378.14

// centre is where the fixture's distance searches start (Sparkhill).
var centre = civic.GeoPoint{Latitude: 52.4515, Longitude: -1.8600}

// offset returns the point north and east of p by the given kilometres.
func offset(p civic.GeoPoint, northKm, eastKm float64) *civic.GeoPoint {
	lat := p.Latitude + northKm/earthKm*180/math.Pi
	lon := p.Longitude + eastKm/(earthKm*math.Cos(p.Latitude*math.Pi/180))*180/math.Pi
	return &civic.GeoPoint{Latitude: lat, Longitude: lon}
}

// haversineKm is the great-circle distance between two points.
func haversineKm(a, b civic.GeoPoint) float64 {
	rad := math.Pi / 180
	dLat, dLon := (b.Latitude-a.Latitude)*rad, (b.Longitude-a.Longitude)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Latitude*rad)*math.Cos(b.Latitude*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Sqrt(h))
}

// places is a small neighbourhood around centre:
//
//	food bank     0.5 km N  charity, food; manages a shareable hall
//	youth club    1.5 km E  community group, youth; a volunteer who keeps books; owns a van it does not share
//	housing       3.5 km S  charity, housing; its bookkeeper left
//	hall users    1.0 km W  informal group; uses (does not hold) a shareable room
//	deleted       0.2 km N  deleted
//	nowhere       no location
//	far away      10 km N
type places struct {
	ward                                    *civic.Area
	foodBank, youthClub, housing, hallUsers *civic.Organisation
	deleted, nowhere, farAway               *civic.Organisation
	hall, van, room                         *civic.Asset
}

func seedPlaces(t *testing.T, s *neo4j.Store) places {
	t.Helper()
	ctx := context.Background()
	f := seedFixture(t, s)
	org := func(name string, kind civic.OrganisationKind, at *civic.GeoPoint, themes ...string) *civic.Organisation {
		o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: &name, Kind: &kind, Location: at, AreaID: &f.ward.ID, Themes: themes})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	asset := func(name string, kind civic.AssetKind, shareable bool, at *civic.GeoPoint, holder *civic.Organisation, role civic.StewardshipRole) *civic.Asset {
		a, err := s.CreateAsset(ctx, civic.AssetInput{Name: &name, Kind: &kind, Shareable: &shareable, Location: at, AreaID: &f.ward.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddStewardship(ctx, civic.StewardshipInput{OrganisationID: holder.ID, AssetID: a.ID, Role: role}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	volunteer := func(name string, o *civic.Organisation, until string, skills ...string) {
		p, err := s.CreatePerson(ctx, civic.PersonInput{Name: &name, Skills: skills})
		if err != nil {
			t.Fatal(err)
		}
		in := civic.AffiliationInput{PersonID: p.ID, OrganisationID: o.ID, Role: civic.AffiliationVolunteer, Since: date("2020-01-01")}
		if until != "" {
			in.Until = date(until)
		}
		if _, err := s.AddAffiliation(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	var p places
	p.ward = f.ward
	p.foodBank = org("Sparkhill Food Bank", civic.OrgCharity, offset(centre, 0.5, 0), "food")
	p.youthClub = org("Sparkhill Youth Club", civic.OrgCommunityGroup, offset(centre, 0, 1.5), "youth")
	p.housing = org("Sparkhill Housing Advice", civic.OrgCharity, offset(centre, -3.5, 0), "housing")
	p.hallUsers = org("Sparkhill Knitters", civic.OrgInformalGroup, offset(centre, 0, -1), "food")
	p.deleted = org("Closed Group", civic.OrgCharity, offset(centre, 0.2, 0), "food")
	p.nowhere = org("Group Without An Address", civic.OrgCharity, nil, "food")
	p.farAway = org("Sutton Food Club", civic.OrgCharity, offset(centre, 10, 0), "food")
	if _, err := s.DeleteOrganisation(ctx, p.deleted.ID); err != nil {
		t.Fatal(err)
	}
	p.hall = asset("Sparkhill Community Hall", civic.AssetBuilding, true, p.foodBank.Location, p.foodBank, civic.StewardManages)
	p.van = asset("Youth Club Minibus", civic.AssetVehicle, false, p.youthClub.Location, p.youthClub, civic.StewardOwns)
	p.room = asset("Library Meeting Room", civic.AssetRoom, true, p.hallUsers.Location, p.hallUsers, civic.StewardUses)
	volunteer("Ayesha Khan", p.youthClub, "", "bookkeeping", "first-aid")
	volunteer("Tom Price", p.housing, "2021-06-30", "bookkeeping")
	return p
}

// nearby runs a distance search from centre and returns the names found,
// nearest first, and the page.
func nearby(t *testing.T, s *neo4j.Store, radiusKm float64, f civic.PartnerFilter) ([]string, civic.Page[civic.Feature]) {
	t.Helper()
	page, err := s.NearbyPartners(context.Background(), civic.NearbyQuery{Near: civic.Near{Point: &centre}, RadiusKm: radiusKm, Filter: f, Page: civic.PageArgs{First: ptr(50)}})
	if err != nil {
		t.Fatal(err)
	}
	return placeNames(page.Items), page
}

func placeNames(ps []civic.Feature) []string {
	var names []string
	for _, p := range ps {
		if p.Organisation != nil {
			names = append(names, p.Organisation.Name)
		} else {
			names = append(names, p.Asset.Name)
		}
	}
	return names
}

func TestNearbyPartnersSortedByDistance(t *testing.T) {
	s := openStore(t)
	p := seedPlaces(t, s)
	names, page := nearby(t, s, 5, civic.PartnerFilter{})
	want := "Sparkhill Food Bank, Sparkhill Knitters, Sparkhill Youth Club, Sparkhill Housing Advice"
	if got := strings.Join(names, ", "); got != want {
		t.Fatalf("found %s\nwant %s", got, want)
	}
	if page.Total != 4 {
		t.Errorf("total = %d, want 4", page.Total)
	}
	for i, o := range []*civic.Organisation{p.foodBank, p.hallUsers, p.youthClub, p.housing} {
		want := haversineKm(centre, *o.Location)
		if got := page.Items[i].DistanceKm; math.Abs(got-want) > want*1e-6 {
			t.Errorf("%s: distance %.4f km, want %.4f", o.Name, got, want)
		}
	}
	// The radius cuts: 1.2 km keeps the two within it.
	if names, page := nearby(t, s, 1.2, civic.PartnerFilter{}); strings.Join(names, ", ") != "Sparkhill Food Bank, Sparkhill Knitters" || page.Total != 2 {
		t.Errorf("within 1.2 km: %v (total %d)", names, page.Total)
	}
	// A wider radius reaches the group 10 km away, never the deleted group
	// or the one without a location.
	if names, _ := nearby(t, s, 11, civic.PartnerFilter{}); len(names) != 5 || names[4] != "Sutton Food Club" {
		t.Errorf("within 11 km: %v", names)
	}
}

func TestNearbyPartnersPages(t *testing.T) {
	s := openStore(t)
	seedPlaces(t, s)
	ctx := context.Background()
	q := civic.NearbyQuery{Near: civic.Near{Point: &centre}, RadiusKm: 5, Page: civic.PageArgs{First: ptr(2)}}
	first, err := s.NearbyPartners(ctx, q)
	if err != nil || len(first.Items) != 2 || !first.HasNext() || first.Total != 4 {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	after := first.Cursor(1)
	q.Page.After = &after
	second, err := s.NearbyPartners(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(placeNames(second.Items), ", "); got != "Sparkhill Youth Club, Sparkhill Housing Advice" || second.HasNext() {
		t.Errorf("second page = %s (has next %v)", got, second.HasNext())
	}
}

func TestNearbyPartnersFilters(t *testing.T) {
	s := openStore(t)
	p := seedPlaces(t, s)
	yes, no := true, false
	orgsAndAssets := []civic.ResultKind{civic.ResultOrganisation, civic.ResultAsset}
	tests := []struct {
		name string
		f    civic.PartnerFilter
		want string
	}{
		{"theme", civic.PartnerFilter{Themes: []string{"food"}}, "Sparkhill Food Bank, Sparkhill Knitters"},
		{"organisation kind", civic.PartnerFilter{OrganisationKinds: []civic.OrganisationKind{civic.OrgCharity}}, "Sparkhill Food Bank, Sparkhill Housing Advice"},
		// A vehicle the youth club owns counts, shared or not; a room the
		// knitters only use does not.
		{"asset kind held", civic.PartnerFilter{AssetKinds: []civic.AssetKind{civic.AssetVehicle, civic.AssetRoom}}, "Sparkhill Youth Club"},
		{"space to share", civic.PartnerFilter{HasSpaceToShare: &yes}, "Sparkhill Food Bank"},
		{"no space to share", civic.PartnerFilter{HasSpaceToShare: &no}, "Sparkhill Knitters, Sparkhill Youth Club, Sparkhill Housing Advice"},
		{"vehicle to share", civic.PartnerFilter{HasSpaceToShare: &yes, AssetKinds: []civic.AssetKind{civic.AssetVehicle}}, ""},
		// The housing charity's bookkeeper left in 2021.
		{"skill", civic.PartnerFilter{Skills: []string{"bookkeeping"}}, "Sparkhill Youth Club"},
		{"area", civic.PartnerFilter{AreaIDs: []string{p.ward.ID}, Themes: []string{"youth"}}, "Sparkhill Youth Club"},
		{"another area", civic.PartnerFilter{AreaIDs: []string{civic.NewID(civic.KindArea)}}, ""},
		// Assets come when asked, and only those that are shared.
		{"with assets", civic.PartnerFilter{Kinds: orgsAndAssets},
			"Sparkhill Community Hall, Sparkhill Food Bank, Library Meeting Room, Sparkhill Knitters, Sparkhill Youth Club, Sparkhill Housing Advice"},
		{"assets only", civic.PartnerFilter{Kinds: []civic.ResultKind{civic.ResultAsset}}, "Sparkhill Community Hall, Library Meeting Room"},
		{"assets of a kind", civic.PartnerFilter{Kinds: orgsAndAssets, AssetKinds: []civic.AssetKind{civic.AssetRoom}}, "Library Meeting Room"},
		{"assets held by a kind", civic.PartnerFilter{Kinds: []civic.ResultKind{civic.ResultAsset}, OrganisationKinds: []civic.OrganisationKind{civic.OrgInformalGroup}}, "Library Meeting Room"},
		// Assets have no skills, so asking for one leaves them out.
		{"skills leave assets out", civic.PartnerFilter{Kinds: orgsAndAssets, Skills: []string{"first-aid"}}, "Sparkhill Youth Club"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names, page := nearby(t, s, 5, tt.f)
			if got := strings.Join(names, ", "); got != tt.want || page.Total != len(names) {
				t.Errorf("found %q (total %d)\nwant %q", got, page.Total, tt.want)
			}
		})
	}
}

func TestNearbyPartnersNearAPostcode(t *testing.T) {
	s := openStore(t)
	seedPlaces(t, s)
	ctx := context.Background()
	at := offset(centre, 1.5, 0) // 1 km north of the food bank
	if err := s.UpsertPostcodes(ctx, []civic.Postcode{{Postcode: "B11 4BW", Location: *at, Provenance: civic.Provenance{Source: "test"}}}); err != nil {
		t.Fatal(err)
	}
	page, err := s.NearbyPartners(ctx, civic.NearbyQuery{Near: civic.Near{Postcode: ptr("b114bw")}, RadiusKm: 1.2})
	if err != nil {
		t.Fatal(err)
	}
	if got := placeNames(page.Items); len(got) != 1 || got[0] != "Sparkhill Food Bank" || math.Abs(page.Items[0].DistanceKm-1) > 1e-6 {
		t.Errorf("near B11 4BW: %v at %+v", got, page.Items)
	}

	for _, tt := range []struct{ postcode, message string }{
		{"B99 9ZZ", `near.postcode: postcode "B99 9ZZ" is not in the postcode table`},
		{"nowhere", `near.postcode: "nowhere" is not a UK postcode`},
	} {
		_, err := s.NearbyPartners(ctx, civic.NearbyQuery{Near: civic.Near{Postcode: &tt.postcode}, RadiusKm: 1})
		wantCode(t, err, civic.CodeBadUserInput)
		if !strings.Contains(civic.ErrorMessage(err), tt.message) {
			t.Errorf("message %q, want it to say %q", civic.ErrorMessage(err), tt.message)
		}
	}
	_, err = s.NearbyPartners(ctx, civic.NearbyQuery{Near: civic.Near{Point: &centre}, RadiusKm: 0})
	wantCode(t, err, civic.CodeBadUserInput)
}

func TestPlacesOnMap(t *testing.T) {
	s := openStore(t)
	p := seedPlaces(t, s)
	ctx := context.Background()
	// A box from 1.2 km south-west to 1.2 km north-east of the centre holds
	// the food bank (and its hall) and the knitters (and their room), but
	// not the youth club 1.5 km east.
	sw, ne := offset(centre, -1.2, -1.2), offset(centre, 1.2, 1.2)
	box := &civic.BoundingBox{South: sw.Latitude, West: sw.Longitude, North: ne.Latitude, East: ne.Longitude}
	m, err := s.PlacesOnMap(ctx, civic.MapQuery{Box: box})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, n := range placeNames(m.Places) {
		got[n] = true
	}
	for _, want := range []string{"Sparkhill Food Bank", "Sparkhill Community Hall", "Sparkhill Knitters", "Library Meeting Room"} {
		if !got[want] {
			t.Errorf("the box lacks %s", want)
		}
	}
	if len(got) != 4 || m.Total != 4 {
		t.Errorf("box = %v (total %d), want 4", got, m.Total)
	}
	// Only organisations, and a limit: the total still counts them all.
	m, err = s.PlacesOnMap(ctx, civic.MapQuery{Box: box, First: ptr(1), Filter: civic.PartnerFilter{Kinds: []civic.ResultKind{civic.ResultOrganisation}}})
	if err != nil || len(m.Places) != 1 || m.Total != 2 || m.Places[0].Organisation == nil {
		t.Errorf("limited = %+v, %v", m, err)
	}
	// The ward holds every located organisation and asset in it, shared or
	// not, and none of the deleted or unlocated ones.
	m, err = s.PlacesOnMap(ctx, civic.MapQuery{AreaID: &p.ward.ID})
	if err != nil || m.Total != 8 {
		t.Errorf("ward = %v (total %d), %v; want 5 organisations and 3 assets", placeNames(m.Places), m.Total, err)
	}
	// The city holds its ward.
	city := seedCityOf(t, s, p.ward)
	if m, err := s.PlacesOnMap(ctx, civic.MapQuery{AreaID: &city}); err != nil || m.Total != 8 {
		t.Errorf("city = %d, %v", m.Total, err)
	}
	_, err = s.PlacesOnMap(ctx, civic.MapQuery{AreaID: ptr(civic.NewID(civic.KindArea))})
	wantCode(t, err, civic.CodeNotFound)
}

// seedCityOf returns the ID of the area the ward lies within.
func seedCityOf(t *testing.T, s *neo4j.Store, ward *civic.Area) string {
	t.Helper()
	a, err := s.FindAreaByID(context.Background(), ward.ID)
	if err != nil || a.ParentID == "" {
		t.Fatalf("ward = %+v, %v", a, err)
	}
	return a.ParentID
}
