package server_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
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
	for _, a := range c.Assets {
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
