package server_test

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The discovery fields over HTTP, on the demo city. Expected answers are
// worked out here from the demo data itself (demo.Generate), independently
// of the store's Cypher.

// distanceKm is the great-circle (haversine) distance on the sphere of
// radius 6378.14 km that Neo4j measures WGS-84 distances on.
func distanceKm(a, b civic.GeoPoint) float64 {
	rad := math.Pi / 180
	dLat, dLon := (b.Latitude-a.Latitude)*rad, (b.Longitude-a.Longitude)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Latitude*rad)*math.Cos(b.Latitude*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6378.14 * math.Asin(math.Sqrt(h))
}

// demoPostcode returns the demo table's row for a postcode.
func demoPostcode(t *testing.T, code string) civic.Postcode {
	t.Helper()
	for _, pc := range demoCity().Postcodes {
		if pc.Postcode == code {
			return pc
		}
	}
	t.Fatalf("%s is not in the demo postcode table", code)
	return civic.Postcode{}
}

// demoOrg returns the demo organisation with the given name.
func demoOrg(t *testing.T, name string) civic.Organisation {
	t.Helper()
	for _, o := range demoCity().Organisations {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no demo organisation %q", name)
	return civic.Organisation{}
}

// within returns the names of the organisations within radiusKm of p that
// keep says to keep, nearest first. It fails if one lies so near the edge
// that the last digits of the distance would decide.
func within(t *testing.T, p civic.GeoPoint, radiusKm float64, keep func(civic.Organisation) bool) []string {
	t.Helper()
	type hit struct {
		name, id string
		d        float64
	}
	var hits []hit
	for _, o := range demoCity().Organisations {
		d := distanceKm(p, *o.Location)
		if math.Abs(d-radiusKm) < radiusKm*0.0005 {
			t.Fatalf("%s lies on the edge (%.4f km): choose another radius", o.Name, d)
		}
		if d <= radiusKm && keep(o) {
			hits = append(hits, hit{o.Name, o.ID, d})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.id, b.id)) })
	names := make([]string, len(hits))
	for i, h := range hits {
		names[i] = h.name
	}
	return names
}

// holdsSharedSpace reports, from the demo data, which organisations hold
// (own, manage or occupy) a shareable space or piece of equipment.
func holdsSharedSpace() map[string]bool {
	c := demoCity()
	space := map[string]bool{}
	for _, a := range c.Assets {
		space[a.ID] = a.Shareable && slices.Contains(civic.SpaceKinds, a.Kind)
	}
	out := map[string]bool{}
	for _, s := range c.Stewardships {
		if space[s.AssetID] && s.Role != civic.StewardUses {
			out[s.OrganisationID] = true
		}
	}
	return out
}

type nearbyResult struct {
	NearbyPartners struct {
		TotalCount int
		PageInfo   struct{ HasNextPage bool }
		Edges      []struct {
			DistanceKm float64
			Node       struct {
				Typename  string `json:"__typename"`
				ID        string
				Name      string
				Shareable bool
				AssetKind string
			}
		}
	}
}

const nearbyQuery = `query($near: NearInput!, $r: Float!, $f: PartnerFilter, $first: Int) {
  nearbyPartners(near: $near, radiusKm: $r, filter: $f, first: $first) {
    totalCount pageInfo { hasNextPage }
    edges { distanceKm node { __typename ... on Organisation { id name } ... on Asset { id name assetKind: kind shareable } } }
  }
}`

func TestNearbyPartnersOverHTTP(t *testing.T) {
	e := demoEnv(t)
	o := demoOrg(t, "Birmingham Food Justice Trust")
	pc := demoPostcode(t, o.Postcode)
	want := within(t, pc.Location, 2.5, func(civic.Organisation) bool { return true })
	if len(want) < 12 {
		t.Fatalf("only %d organisations within 2.5 km: the test would prove little", len(want))
	}
	var out nearbyResult
	e.must(t, nearbyQuery, map[string]any{"near": map[string]any{"postcode": strings.ToLower(strings.ReplaceAll(o.Postcode, " ", ""))}, "r": 2.5, "first": 10}, &out)
	got := out.NearbyPartners
	if got.TotalCount != len(want) || !got.PageInfo.HasNextPage || len(got.Edges) != 10 {
		t.Fatalf("total %d, %d edges; want %d in all", got.TotalCount, len(got.Edges), len(want))
	}
	for i, edge := range got.Edges {
		if edge.Node.Name != want[i] || edge.Node.Typename != "Organisation" {
			t.Errorf("%d: %s %s, want %s", i, edge.Node.Typename, edge.Node.Name, want[i])
		}
		if i > 0 && edge.DistanceKm < got.Edges[i-1].DistanceKm {
			t.Errorf("%d: not sorted by distance", i)
		}
	}
	// From a point, the same.
	var fromPoint nearbyResult
	e.must(t, nearbyQuery, map[string]any{"near": map[string]any{"point": map[string]any{"latitude": pc.Location.Latitude, "longitude": pc.Location.Longitude}}, "r": 2.5, "first": 10}, &fromPoint)
	if fromPoint.NearbyPartners.TotalCount != got.TotalCount || fromPoint.NearbyPartners.Edges[9].Node.ID != got.Edges[9].Node.ID {
		t.Errorf("from the point: %+v", fromPoint.NearbyPartners)
	}
}

func TestNearbySpaceToShareOverHTTP(t *testing.T) {
	e := demoEnv(t)
	centre := demoPostcode(t, demoOrg(t, "Birmingham Food Justice Trust").Postcode).Location
	holders := holdsSharedSpace()
	want := within(t, centre, 4, func(o civic.Organisation) bool { return holders[o.ID] })
	var out nearbyResult
	e.must(t, nearbyQuery, map[string]any{
		"near": map[string]any{"point": map[string]any{"latitude": centre.Latitude, "longitude": centre.Longitude}},
		"r":    4, "first": 100, "f": map[string]any{"kinds": []string{"ORGANISATION", "ASSET"}, "hasSpaceToShare": true},
	}, &out)
	var orgs []string
	assets := 0
	for _, edge := range out.NearbyPartners.Edges {
		switch edge.Node.Typename {
		case "Organisation":
			orgs = append(orgs, edge.Node.Name)
		case "Asset":
			assets++
			if !edge.Node.Shareable || !slices.Contains([]string{"BUILDING", "ROOM", "LAND", "GREEN_SPACE", "EQUIPMENT", "VEHICLE"}, edge.Node.AssetKind) {
				t.Errorf("asset %s (%s, shareable %v) is not space to share", edge.Node.Name, edge.Node.AssetKind, edge.Node.Shareable)
			}
		}
	}
	if !slices.Equal(orgs, want) || len(want) == 0 || assets == 0 {
		t.Errorf("organisations with space to share: %v\nwant %v (and %d assets)", orgs, want, assets)
	}
}

func TestNearbyBatchesNestedFields(t *testing.T) {
	e := demoEnv(t)
	pc := demoCity().Postcodes[0].Postcode
	const q = `query($pc: String!, $n: Int!) {
  nearbyPartners(near: { postcode: $pc }, radiusKm: 5, first: $n, filter: { kinds: [ORGANISATION, ASSET] }) {
    edges { node { ... on Organisation { area { name } themes { slug } } ... on Asset { area { name } } } }
  }
}`
	for _, n := range []int{2, 40} {
		before := e.store.QueryCount()
		e.must(t, q, map[string]any{"pc": pc, "n": n}, nil)
		// The postcode, the search, then the organisations' areas and
		// themes and the assets' areas (unless the organisations' were theirs).
		if trips := e.store.QueryCount() - before; trips > 5 {
			t.Errorf("first %d: %d round trips, want at most 5", n, trips)
		}
	}
}

func TestNearbyBadInputOverHTTP(t *testing.T) {
	e := demoEnv(t)
	tests := []struct {
		name string
		vars map[string]any
		says string
	}{
		{"unknown postcode", map[string]any{"near": map[string]any{"postcode": "B99 9ZZ"}, "r": 1}, `near.postcode: postcode "B99 9ZZ" is not in the postcode table`},
		{"not a postcode", map[string]any{"near": map[string]any{"postcode": "99"}, "r": 1}, `near.postcode: "99" is not a UK postcode`},
		{"both", map[string]any{"near": map[string]any{"postcode": "B1 1AA", "point": map[string]any{"latitude": 52.4, "longitude": -1.9}}, "r": 1}, "near: give either a point or a postcode"},
		{"radius", map[string]any{"near": map[string]any{"point": map[string]any{"latitude": 52.4, "longitude": -1.9}}, "r": 500}, "radiusKm"},
		{"kind", map[string]any{"near": map[string]any{"point": map[string]any{"latitude": 52.4, "longitude": -1.9}}, "r": 1, "f": map[string]any{"skills": []string{"Book Keeping"}}}, "filter.skills"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.mustFail(t, nearbyQuery, tt.vars, "BAD_USER_INPUT")
			if msg := r.Errors[0].Message; !strings.Contains(msg, tt.says) {
				t.Errorf("message %q, want it to say %q", msg, tt.says)
			}
		})
	}
}

func TestMapFeaturesOverHTTP(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	ward := c.Areas[10]
	box := map[string]any{"south": ward.Location.Latitude - 0.01, "west": ward.Location.Longitude - 0.015,
		"north": ward.Location.Latitude + 0.01, "east": ward.Location.Longitude + 0.015}
	in := func(p *civic.GeoPoint) bool {
		return p != nil && p.Latitude >= box["south"].(float64) && p.Latitude <= box["north"].(float64) &&
			p.Longitude >= box["west"].(float64) && p.Longitude <= box["east"].(float64)
	}
	inBox, inWard := map[string]bool{}, map[string]bool{}
	for _, o := range c.Organisations {
		inBox[o.ID] = in(o.Location)
		inWard[o.ID] = o.AreaID == ward.ID
	}
	for _, a := range c.Assets {
		inBox[a.ID] = in(a.Location)
		inWard[a.ID] = a.AreaID == ward.ID && a.Location != nil
	}
	count := func(m map[string]bool) int {
		n := 0
		for _, v := range m {
			if v {
				n++
			}
		}
		return n
	}
	const q = `query($within: MapWithinInput!, $first: Int) {
  mapFeatures(within: $within, first: $first) {
    totalCount truncated
    features { id kind name location { latitude longitude } node { ... on Organisation { id area { id } } ... on Asset { id } } }
  }
}`
	type features struct {
		MapFeatures struct {
			TotalCount int
			Truncated  bool
			Features   []struct {
				ID, Kind, Name string
				Location       civic.GeoPoint
				Node           struct{ ID string }
			}
		}
	}
	var out features
	e.must(t, q, map[string]any{"within": map[string]any{"box": box}, "first": 1000}, &out)
	m := out.MapFeatures
	if want := count(inBox); m.TotalCount != want || len(m.Features) != want || m.Truncated || want < 5 {
		t.Fatalf("box: total %d, %d features; want %d", m.TotalCount, len(m.Features), want)
	}
	for _, f := range m.Features {
		if !inBox[f.ID] || f.Node.ID != f.ID || !in(&f.Location) || (f.Kind != "ORGANISATION" && f.Kind != "ASSET") {
			t.Errorf("feature %+v is not in the box", f)
		}
	}
	e.must(t, q, map[string]any{"within": map[string]any{"box": box}, "first": 3}, &out)
	if m := out.MapFeatures; m.TotalCount != count(inBox) || len(m.Features) != 3 || !m.Truncated {
		t.Errorf("limited: total %d, %d features, truncated %v", m.TotalCount, len(m.Features), m.Truncated)
	}
	e.must(t, q, map[string]any{"within": map[string]any{"areaId": ward.ID}, "first": 1000}, &out)
	if want := count(inWard); out.MapFeatures.TotalCount != want || want == 0 {
		t.Errorf("ward %s: total %d, want %d", ward.Name, out.MapFeatures.TotalCount, want)
	}
	e.mustFail(t, q, map[string]any{"within": map[string]any{"areaId": civic.NewID(civic.KindArea)}}, "NOT_FOUND")
	e.mustFail(t, q, map[string]any{"within": map[string]any{}}, "BAD_USER_INPUT")
}

func TestPostcodeOverHTTP(t *testing.T) {
	e := demoEnv(t)
	pc := demoCity().Postcodes[3]
	const q = `query($pc: String!) { postcode(postcode: $pc) { postcode source location { latitude longitude } } }`
	var out struct {
		Postcode *struct {
			Postcode, Source string
			Location         civic.GeoPoint
		}
	}
	e.must(t, q, map[string]any{"pc": strings.ToLower(pc.Postcode)}, &out)
	if out.Postcode == nil || out.Postcode.Postcode != pc.Postcode || out.Postcode.Location != pc.Location || out.Postcode.Source != "demo" {
		t.Errorf("postcode = %+v, want %+v", out.Postcode, pc)
	}
	e.must(t, q, map[string]any{"pc": "B99 9ZZ"}, &out)
	if out.Postcode != nil {
		t.Errorf("an unknown postcode = %+v, want null", out.Postcode)
	}
	e.mustFail(t, q, map[string]any{"pc": "not one"}, "BAD_USER_INPUT")
}
