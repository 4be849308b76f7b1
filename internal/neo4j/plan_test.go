package neo4j

import (
	"context"
	"fmt"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

// These tests read the plans Neo4j runs the distance and map queries with,
// built by the same code the store uses, and check that they find
// organisations and assets through their point indexes rather than by
// scanning every node.

// profile runs cypher under PROFILE and returns its operators, one line
// each: "Operator details".
func profile(t *testing.T, s *Store, cypher string, params map[string]any) []string {
	t.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), s.driver, "PROFILE "+cypher, params, bolt.EagerResultTransformer,
		bolt.ExecuteQueryWithDatabase(s.database))
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	var walk func(p bolt.ProfiledPlan)
	walk = func(p bolt.ProfiledPlan) {
		ops = append(ops, fmt.Sprintf("%s %v", strings.SplitN(p.Operator(), "@", 2)[0], p.Arguments()["Details"]))
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Profile())
	return ops
}

// planStore returns a store holding organisations and assets around a
// point, and that point.
func planStore(t *testing.T) (*Store, civic.GeoPoint) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, Config{URI: neo4jtest.URI(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	neo4jtest.Reset(t, s.Driver())
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	c := civic.GeoPoint{Latitude: 52.45, Longitude: -1.86}
	var orgs []civic.Organisation
	var assets []civic.Asset
	for i := range 200 {
		at := &civic.GeoPoint{Latitude: c.Latitude + float64(i%20-10)*0.002, Longitude: c.Longitude + float64(i/20-5)*0.003}
		orgs = append(orgs, civic.Organisation{ID: civic.StableID(civic.KindOrganisation, fmt.Sprint("plan", i)), Name: fmt.Sprint("Group ", i),
			Kind: civic.OrgCharity, Location: at, Provenance: civic.Provenance{Source: "test"}})
		assets = append(assets, civic.Asset{ID: civic.StableID(civic.KindAsset, fmt.Sprint("plan", i)), Name: fmt.Sprint("Hall ", i),
			Kind: civic.AssetBuilding, Shareable: true, Location: at, Provenance: civic.Provenance{Source: "test"}})
	}
	if err := s.UpsertOrganisations(ctx, orgs); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertAssets(ctx, assets); err != nil {
		t.Fatal(err)
	}
	return s, c
}

// seeksByPoint reports whether ops seek label's location through a point index.
func seeksByPoint(ops []string, label string) bool {
	for _, op := range ops {
		if strings.HasPrefix(op, "NodeIndexSeekByRange ") && strings.Contains(op, "POINT INDEX n:"+label+"(location)") {
			return true
		}
	}
	return false
}

// scans reports whether ops read every node of a label.
func scans(ops []string) bool {
	for _, op := range ops {
		if strings.HasPrefix(op, "NodeByLabelScan") || strings.HasPrefix(op, "AllNodesScan") {
			return true
		}
	}
	return false
}

func TestPointIndexesExist(t *testing.T) {
	s, _ := planStore(t)
	recs, err := s.read(context.Background(), "indexes", `SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state
WHERE name IN ['organisation_location', 'asset_location'] RETURN name, type, labelsOrTypes[0] AS label, properties[0] AS property, state ORDER BY name`, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"asset_location POINT Asset location ONLINE", "organisation_location POINT Organisation location ONLINE"}
	if len(recs) != len(want) {
		t.Fatalf("got %d point indexes, want %d", len(recs), len(want))
	}
	for i, r := range recs {
		if got := fmt.Sprint(r.Values[0], " ", r.Values[1], " ", r.Values[2], " ", r.Values[3], " ", r.Values[4]); got != want[i] {
			t.Errorf("index %q, want %q", got, want[i])
		}
	}
}

func TestNearbyQueryUsesThePointIndex(t *testing.T) {
	s, c := planStore(t)
	tests := []struct {
		name   string
		filter civic.PartnerFilter
		labels []string
	}{
		{"organisations", civic.PartnerFilter{}, []string{"Organisation"}},
		{"filtered", civic.PartnerFilter{Themes: []string{"food"}, OrganisationKinds: []civic.OrganisationKind{civic.OrgCharity}}, []string{"Organisation"}},
		{"with assets", civic.PartnerFilter{Kinds: civic.PlaceKinds}, []string{"Organisation", "Asset"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := civic.NearbyQuery{Near: civic.Near{Point: &c}, RadiusKm: 0.5, Filter: tt.filter}
			cypher, params := nearbyQuery(q, c, civic.Window{Limit: 10})
			ops := profile(t, s, cypher, params)
			for _, l := range tt.labels {
				if !seeksByPoint(ops, l) {
					t.Errorf("no point index seek on %s:\n%s", l, strings.Join(ops, "\n"))
				}
			}
			if scans(ops) {
				t.Errorf("the plan scans a label:\n%s", strings.Join(ops, "\n"))
			}
		})
	}
}

func TestMapQueryUsesThePointIndex(t *testing.T) {
	s, c := planStore(t)
	q := civic.MapQuery{Box: &civic.BoundingBox{South: c.Latitude - 0.005, West: c.Longitude - 0.005, North: c.Latitude + 0.005, East: c.Longitude + 0.005}}
	cypher, params := mapQuery(q)
	ops := profile(t, s, cypher, params)
	if !seeksByPoint(ops, "Organisation") || !seeksByPoint(ops, "Asset") || scans(ops) {
		t.Errorf("the map query does not seek both point indexes:\n%s", strings.Join(ops, "\n"))
	}
}
