package network

import (
	"fmt"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Small graphs whose measures are worked out by hand in the comments.

func unit(pairs ...[2]int) []Edge {
	out := make([]Edge, len(pairs))
	for i, p := range pairs {
		out[i] = Edge{U: p[0], V: p[1], Weight: 1}
	}
	return out
}

// A chain a-b-c-d-e.
func TestChain(t *testing.T) {
	m := Analyse(New(5, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4})), Options{})
	near(t, "density", m.Density, 4.0/10, 1e-12)
	// c lies on the shortest paths of the 4 pairs {a,b}x{d,e}; b on those
	// of (a,c), (a,d), (a,e); of the 6 pairs without the node itself.
	near(t, "betweenness c", m.PerNode[2].Betweenness, 4.0/6, 1e-12)
	near(t, "betweenness b", m.PerNode[1].Betweenness, 3.0/6, 1e-12)
	near(t, "betweenness a", m.PerNode[0].Betweenness, 0, 1e-12)
	// c is 1, 1, 2, 2 from the others; a is 1, 2, 3, 4.
	near(t, "closeness c", m.PerNode[2].Closeness, 4.0/6, 1e-12)
	near(t, "closeness a", m.PerNode[0].Closeness, 4.0/10, 1e-12)
	// Freeman: max degree 2; (2-1)+(2-1) over (n-1)(n-2) = 12.
	near(t, "degree centralization", m.DegreeCentralization, 2.0/12, 1e-12)
	for v, want := range []int{0, 2, 2, 2, 0} {
		if m.PerNode[v].Pieces != want {
			t.Errorf("pieces of %d = %d, want %d", v, m.PerNode[v].Pieces, want)
		}
	}
}

// A star: one hub and five partners with no ties between them.
func TestStar(t *testing.T) {
	m := Analyse(New(6, unit([2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{0, 4}, [2]int{0, 5})), Options{})
	near(t, "degree centralization", m.DegreeCentralization, 1, 1e-12)
	near(t, "hub betweenness", m.PerNode[0].Betweenness, 1, 1e-12)
	near(t, "average clustering", m.AverageClustering, 0, 0)
	if m.PerNode[0].Pieces != 5 || len(m.ArticulationPoints) != 1 {
		t.Errorf("hub pieces %d, articulation points %v; want 5 and [0]", m.PerNode[0].Pieces, m.ArticulationPoints)
	}
}

// Two triangles joined by one tie, and an isolated node.
func TestTwoTriangles(t *testing.T) {
	g := New(7, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{4, 5}, [2]int{3, 5}))
	m := Analyse(g, Options{})
	if len(m.Communities) != 2 || m.PerNode[0].Community == m.PerNode[5].Community || m.PerNode[0].Community != m.PerNode[2].Community {
		t.Fatalf("communities %+v, want the two triangles", m.Communities)
	}
	// m = 7 ties; each triangle has 3 inside and degrees 2+2+3 = 7:
	// Q = 2 (3/7 - (7/14)^2) = 5/14.
	near(t, "modularity", m.Modularity, 5.0/14, 1e-12)
	if m.Components != 2 || m.Isolated != 1 || m.LargestComponent != 6 {
		t.Errorf("components %d isolated %d largest %d, want 2, 1, 6", m.Components, m.Isolated, m.LargestComponent)
	}
	// The bridge's ends each reach both communities.
	if m.PerNode[2].CommunitiesReached != 2 || m.PerNode[0].CommunitiesReached != 1 || m.PerNode[6].Community != -1 {
		t.Errorf("communities reached: %d, %d; isolated community %d", m.PerNode[2].CommunitiesReached, m.PerNode[0].CommunitiesReached, m.PerNode[6].Community)
	}
	// Node 2: partners 0, 1, 3; only 0-1 tie: 1 of 3 pairs.
	near(t, "clustering of 2", m.PerNode[2].Clustering, 1.0/3, 1e-12)
	// 6 triangles' corners closed (2 triangles x 3) over the triples: four
	// nodes of degree 2 (1 each) and two of degree 3 (3 each) = 10.
	near(t, "transitivity", m.Transitivity, 6.0/10, 1e-12)
}

// Parallel collaborations are one tie with the strongest intensity.
func TestParallelTiesMerge(t *testing.T) {
	g := New(2, []Edge{{0, 1, 1}, {1, 0, 3}, {0, 0, 4}})
	if g.M() != 1 || g.Weights(0)[0] != 3 {
		t.Errorf("edges %d weight %v, want one tie of weight 3", g.M(), g.Weights(0))
	}
}

// The chain a-b-c-d-e ranked by betweenness: c (4/6), then b and d (3/6)
// by name, then a and e (0) by name; ascending is the reverse of the
// betweenness order with ties still by name. Each order is kept.
func TestRankedByBetweenness(t *testing.T) {
	g := New(5, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}))
	g.Nodes = []civic.NetworkOrganisation{{ID: "1", Name: "a"}, {ID: "2", Name: "b"}, {ID: "3", Name: "c"}, {ID: "4", Name: "d"}, {ID: "5", Name: "e"}}
	m := Analyse(g, Options{})
	desc, asc := m.Ranked(MeasureBetweenness, true), m.Ranked(MeasureBetweenness, false)
	if fmt.Sprint(desc) != "[2 1 3 0 4]" || fmt.Sprint(asc) != "[0 4 1 3 2]" {
		t.Fatalf("descending %v, ascending %v; want [2 1 3 0 4] and [0 4 1 3 2]", desc, asc)
	}
	if again := m.Ranked(MeasureBetweenness, true); &again[0] != &desc[0] {
		t.Errorf("the order was sorted again")
	}
}
