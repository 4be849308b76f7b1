package neo4j_test

import (
	"context"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// openStore returns a migrated store over an empty database.
func openStore(t *testing.T) *neo4j.Store {
	t.Helper()
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: neo4jtest.URI(t)})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	neo4jtest.Reset(t, s.Driver())
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// count runs a counting Cypher query directly, to check what is stored.
func count(t *testing.T, s *neo4j.Store, cypher string) int64 {
	t.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), s.Driver(), cypher, nil, bolt.EagerResultTransformer,
		bolt.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

// graphSize is a fingerprint of everything stored: nodes, relationships and
// property counts. A failed mutation must leave it unchanged.
func graphSize(t *testing.T, s *neo4j.Store) [3]int64 {
	t.Helper()
	return [3]int64{
		count(t, s, "MATCH (n) RETURN count(n)"),
		count(t, s, "MATCH ()-[r]->() RETURN count(r)"),
		count(t, s, "MATCH (n) RETURN sum(size(keys(n)))") + count(t, s, "MATCH ()-[r]->() RETURN sum(size(keys(r)))"),
	}
}

// wantCode fails unless err carries the code.
func wantCode(t *testing.T, err error, code civic.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	if got := civic.ErrorCode(err); got != code {
		t.Fatalf("error %q has code %s, want %s", err, got, code)
	}
}

// fixture is a small city: two areas (a ward inside a city), three themes.
type fixture struct {
	city, ward *civic.Area
}

func seedFixture(t *testing.T, s *neo4j.Store) fixture {
	t.Helper()
	ctx := context.Background()
	for _, th := range []struct{ slug, name string }{{"food", "Food"}, {"housing", "Housing"}, {"youth", "Youth"}} {
		if _, err := s.CreateTheme(ctx, civic.ThemeInput{Slug: ptr(th.slug), Name: ptr(th.name)}); err != nil {
			t.Fatal(err)
		}
	}
	city, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Birmingham"), Kind: ptr(civic.AreaCity)})
	if err != nil {
		t.Fatal(err)
	}
	ward, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Sparkhill"), Kind: ptr(civic.AreaWard), ParentID: &city.ID,
		Location: &civic.GeoPoint{Latitude: 52.4515, Longitude: -1.8600}})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{city: city, ward: ward}
}

func createOrg(t *testing.T, s *neo4j.Store, name string, kind civic.OrganisationKind, areaID string, themes ...string) *civic.Organisation {
	t.Helper()
	in := civic.OrganisationInput{Name: &name, Kind: &kind, Themes: themes}
	if areaID != "" {
		in.AreaID = &areaID
	}
	o, err := s.CreateOrganisation(context.Background(), in)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return o
}

// TestRoutingURI connects with a neo4j:// URI, as for a cluster or Aura:
// reads are routed to readers, writes to the leader, and both work.
func TestRoutingURI(t *testing.T) {
	openStore(t) // an empty, migrated database
	uri := strings.Replace(neo4jtest.URI(t), "bolt://", "neo4j://", 1)
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: uri})
	if err != nil {
		t.Fatalf("open %s: %v", uri, err)
	}
	defer s.Close(ctx)
	o := createOrg(t, s, "Routed", civic.OrgCharity, "")
	got, err := s.FindOrganisationByID(ctx, o.ID)
	if err != nil || got == nil || got.Name != "Routed" {
		t.Fatalf("read back through %s: %+v, %v", uri, got, err)
	}
}
