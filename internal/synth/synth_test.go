package synth_test

import (
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/synth"
)

func TestGenerate(t *testing.T) {
	size := synth.S
	c := synth.Generate(size)
	if len(c.Organisations) != size.Organisations || len(c.People) != size.People || len(c.Assets) != size.Assets {
		t.Fatalf("got %d organisations, %d people, %d assets", len(c.Organisations), len(c.People), len(c.Assets))
	}
	index := map[string]int{}
	for i, o := range c.Organisations {
		index[o.ID] = i
	}
	if len(index) != size.Organisations {
		t.Fatal("organisation IDs are not unique")
	}
	degree := make([]int, size.Organisations)
	pairs := map[[2]string]bool{}
	n := 0
	for col := range c.Collaborations() {
		n++
		if col.FromID == col.ToID {
			t.Fatalf("self-collaboration %s", col.ID)
		}
		key := [2]string{min(col.FromID, col.ToID), max(col.FromID, col.ToID)}
		if pairs[key] {
			t.Fatalf("duplicate pair %v", key)
		}
		pairs[key] = true
		if col.Until != nil && col.Until.Before(*col.Since) {
			t.Fatalf("%s ends before it starts", col.ID)
		}
		degree[index[col.FromID]]++
		degree[index[col.ToID]]++
	}
	if n != size.Collaborations {
		t.Fatalf("%d collaborations, want %d", n, size.Collaborations)
	}
	slices.Sort(degree)
	median, top := degree[len(degree)/2], degree[len(degree)-1]
	if top < 5*median {
		t.Errorf("no hubs: top degree %d, median %d", top, median)
	}
	again := 0
	for col := range synth.Generate(size).Collaborations() {
		if again < 100 && !pairs[[2]string{min(col.FromID, col.ToID), max(col.FromID, col.ToID)}] {
			t.Fatal("generation is not deterministic")
		}
		again++
	}
	for _, o := range c.Organisations[:50] {
		in := civic.OrganisationInput{Name: &o.Name, Kind: &o.Kind, AreaID: &o.AreaID, Themes: o.Themes, Location: o.Location}
		if err := in.Validate(true); err != nil {
			t.Fatalf("%s: %v", o.Name, err)
		}
	}
}
