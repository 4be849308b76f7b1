package server_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

func TestStrengths(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	type strengths struct {
		Assets                                       [5]int
		Skilled, Skills, Associations, Organisations int
	}
	name := map[string]string{}
	for _, a := range c.Areas {
		name[a.ID] = a.Name
	}
	want := map[string]*strengths{}
	at := func(areaID string) *strengths {
		if want[name[areaID]] == nil {
			want[name[areaID]] = &strengths{}
		}
		return want[name[areaID]]
	}
	for _, a := range append(slices.Clone(c.Assets), c.Registers.Rooms...) {
		if a.AreaID != "" {
			at(a.AreaID).Assets[slices.Index(civic.AssetCategories, a.Kind.Category())]++
		}
	}
	skills := map[string]map[string]bool{}
	for _, p := range c.People {
		if len(p.Skills) > 0 {
			at(p.AreaID).Skilled++
			if skills[p.AreaID] == nil {
				skills[p.AreaID] = map[string]bool{}
			}
			for _, s := range p.Skills {
				skills[p.AreaID][s] = true
			}
			at(p.AreaID).Skills = len(skills[p.AreaID])
		}
	}
	for _, o := range c.Organisations {
		at(o.AreaID).Organisations++
		if slices.Contains(civic.AssociationKinds, o.Kind) {
			at(o.AreaID).Associations++
		}
	}
	var out struct {
		Strengths struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Area   struct{ Name string }
					Assets []struct {
						Category string
						Count    int
					}
					TotalAssets, SkilledPeople, Skills, Associations, Organisations int
				}
			}
		}
	}
	e.must(t, `{ strengths(first: 100) { totalCount edges { node { area { name } assets { category count } totalAssets skilledPeople skills associations organisations } } } }`, nil, &out)
	if out.Strengths.TotalCount != 69 {
		t.Fatalf("%d wards, want 69", out.Strengths.TotalCount)
	}
	for _, ed := range out.Strengths.Edges {
		n := ed.Node
		var got strengths
		total := 0
		for i, a := range n.Assets {
			if a.Category != strings.ToUpper(string(civic.AssetCategories[i])) {
				t.Fatalf("categories out of order: %v", n.Assets)
			}
			got.Assets[i], total = a.Count, total+a.Count
		}
		got.Skilled, got.Skills, got.Associations, got.Organisations = n.SkilledPeople, n.Skills, n.Associations, n.Organisations
		w := want[n.Area.Name]
		if w == nil {
			w = &strengths{}
		}
		if got != *w || total != n.TotalAssets {
			t.Errorf("%s: %+v (total %d), want %+v", n.Area.Name, got, n.TotalAssets, *w)
		}
	}
	// The city counts what all its wards have.
	var city struct {
		Area struct {
			Strengths struct{ TotalAssets, Organisations int }
		}
	}
	e.must(t, `query($id: ID!) { area(id: $id) { strengths { totalAssets organisations } } }`, map[string]any{"id": c.Areas[0].ID}, &city)
	if city.Area.Strengths.TotalAssets < len(c.Assets)-30 || city.Area.Strengths.Organisations < len(c.Organisations)-30 {
		t.Errorf("the city's strengths %+v", city.Area.Strengths)
	}
	e.mustFail(t, `{ strengths(parentId: "org_x") { totalCount } }`, nil, "BAD_USER_INPUT")
}

// TestRegistersBatched counts the Neo4j round trips of nested queries over
// the registers: at most one per field that needs fetching, however many
// results come back. (Fewer when a field's values are already cached.)
func TestRegistersBatched(t *testing.T) {
	e := demoEnv(t)
	queries := []struct {
		name  string
		query string
		most  int64 // the fields that fetch
	}{
		{"recommendations", `query($n: Int!) { recommendations(first: $n) { edges { node { theme { slug }
  contributions(first: 5) { edges { node { organisation { name area { name } } recommendation { code } } } }
  stories(first: 2) { edges { node { organisations { name } themes { slug } areas { name } recommendations { code } } } } } } } }`, 11},
		{"champions", `query($n: Int!) { champions(first: $n) { edges { node { person { name champion { id } } areas { name } themes { slug }
  introductions(first: 3) { edges { node { organisations { name } collaboration { since } champion { id } } } } } } } }`, 9},
		{"listings", `query($n: Int!) { listings(first: $n) { edges { node { nominator { name }
  asset { name listing { reference } space { uses within { name } } rooms { name } } } } } }`, 6},
		{"space needs", `query($n: Int!) { spaceNeeds(first: $n) { edges { node { organisation { name } area { name }
  matches(first: 3) { asset { name space { uses } } } } } } }`, 5},
		{"strengths", `query($n: Int!) { areas(first: $n) { edges { node { strengths { area { name } totalAssets } } } } }`, 2},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			for _, n := range []int{1, 14, 30} {
				before := e.store.QueryCount()
				e.must(t, q.query, map[string]any{"n": n}, nil)
				if trips := e.store.QueryCount() - before; trips > q.most {
					t.Errorf("%d results took %d round trips, want at most %d", n, trips, q.most)
				}
			}
		})
	}
}

// TestRegisterExamples runs the registers' GraphiQL example queries against
// the demo city: each must answer without errors and find something.
func TestRegisterExamples(t *testing.T) {
	e := demoEnv(t)
	files, err := filepath.Glob(filepath.Join("..", "graphiql", "examples", "*.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q := string(b)
		if filepath.Base(f) < "09" || strings.Contains(q, "\nmutation ") {
			continue
		}
		ran++
		t.Run(filepath.Base(f), func(t *testing.T) {
			var out map[string]any
			e.must(t, q, nil, &out)
			if !found(out) {
				t.Fatalf("found nothing: %v", out)
			}
		})
	}
	if ran < 6 {
		t.Fatalf("ran %d examples", ran)
	}
}

// found reports whether every top-level field of a response holds a
// non-empty list or a non-zero total somewhere.
func found(data map[string]any) bool {
	var some func(v any) bool
	some = func(v any) bool {
		switch x := v.(type) {
		case []any:
			return len(x) > 0
		case map[string]any:
			for k, y := range x {
				if n, ok := y.(float64); ok && k == "totalCount" && n > 0 || some(y) {
					return true
				}
			}
		}
		return false
	}
	for _, v := range data {
		if !some(v) {
			return false
		}
	}
	return len(data) > 0
}

// TestDemoLoadIsIdempotent loads the demo city, registers included, a
// second time: the graph must not change.
func TestDemoLoadIsIdempotent(t *testing.T) {
	e := demoEnv(t)
	before := e.fingerprint(t)
	if err := demo.Load(context.Background(), e.store); err != nil {
		t.Fatal(err)
	}
	if after := e.fingerprint(t); after != before {
		t.Fatalf("loading the demo again changed the graph: %v -> %v", before, after)
	}
}
