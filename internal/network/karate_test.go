package network

import (
	"math"
	"testing"
)

// karate is Zachary's karate club (W. W. Zachary, An information flow model
// for conflict and fission in small groups, Journal of Anthropological
// Research 33, 452-473, 1977): 34 members, 78 friendships, as gonum's
// community tests list it (member i is linked to each member listed).
var karate = [][]int{
	1: {0, 2}, 2: {0, 32}, 3: {0, 1, 2}, 4: {0, 6, 10}, 5: {0, 6}, 6: {0, 5}, 7: {0, 1, 2, 3},
	8: {0, 2, 32, 33}, 9: {2, 33}, 10: {0, 5}, 11: {0}, 12: {0, 3}, 13: {0, 1, 2, 3, 33},
	14: {32, 33}, 15: {32, 33}, 16: {5, 6}, 17: {0, 1}, 18: {32, 33}, 19: {0, 1, 33},
	20: {32, 33}, 21: {0, 1}, 22: {32, 33}, 23: {32, 33}, 24: {27, 31}, 25: {23, 24, 31},
	26: {29, 33}, 27: {2, 23, 33}, 28: {2, 31, 33}, 29: {23, 32, 33}, 30: {1, 8, 32, 33},
	31: {0, 32, 33}, 32: {33}, 33: nil,
}

func karateGraph() *Graph {
	var edges []Edge
	for u, vs := range karate {
		for _, v := range vs {
			edges = append(edges, Edge{U: u, V: v, Weight: 1})
		}
	}
	return New(34, edges)
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f (±%g)", what, got, want, tol)
	}
}

// The expected values below are published ones: networkx's documented
// results for this graph (betweenness_centrality, closeness_centrality,
// pagerank, average_clustering, transitivity, articulation_points) and the
// optimal modularity 0.4198 (Brandes et al., On modularity clustering,
// IEEE TKDE 2008).
func TestKarateClub(t *testing.T) {
	m := Analyse(karateGraph(), Options{})
	if m.Nodes != 34 || m.Edges != 78 {
		t.Fatalf("nodes %d edges %d, want 34 and 78", m.Nodes, m.Edges)
	}
	near(t, "density", m.Density, 78.0/561, 1e-9)
	near(t, "average degree", m.AverageDegree, 156.0/34, 1e-9)
	if m.Components != 1 || m.Isolated != 0 || m.BetweennessSampled {
		t.Errorf("components %d isolated %d sampled %v, want 1, 0, false", m.Components, m.Isolated, m.BetweennessSampled)
	}
	near(t, "average clustering", m.AverageClustering, 0.5706384782076823, 1e-9)
	near(t, "transitivity", m.Transitivity, 0.2556818181818182, 1e-9)
	// Freeman: degrees max 17 (member 33), sum 156 over 34 nodes.
	near(t, "degree centralization", m.DegreeCentralization, float64(34*17-156)/float64(33*32), 1e-9)

	betweenness := map[int]float64{0: 0.43763528138528146, 33: 0.30407497594997596, 32: 0.145247113997114, 2: 0.14365680615680618, 31: 0.13827561327561325, 11: 0}
	for v, want := range betweenness {
		near(t, "betweenness of member "+itoa(v), m.PerNode[v].Betweenness, want, 1e-9)
	}
	closeness := map[int]float64{0: 0.5689655172413793, 2: 0.5593220338983051, 33: 0.55, 31: 0.5409836065573771}
	for v, want := range closeness {
		near(t, "closeness of member "+itoa(v), m.PerNode[v].Closeness, want, 1e-9)
	}
	pagerank := map[int]float64{33: 0.1009, 0: 0.0970, 32: 0.07169, 2: 0.05708, 1: 0.05288, 11: 0.009565}
	for v, want := range pagerank {
		near(t, "pagerank of member "+itoa(v), m.PerNode[v].PageRank, want, 5e-5)
	}
	// Without the instructor (0) the club falls into three: member 11, the
	// group {4, 5, 6, 10, 16} and the rest.
	if len(m.ArticulationPoints) != 1 || m.ArticulationPoints[0] != 0 || m.PerNode[0].Pieces != 3 {
		t.Errorf("articulation points %v (pieces of 0: %d), want [0] splitting in 3", m.ArticulationPoints, m.PerNode[0].Pieces)
	}
	// Louvain finds a partition close to the optimum, never above it.
	if m.Modularity < 0.41 || m.Modularity > 0.4198+1e-4 {
		t.Errorf("modularity %.4f, want within [0.41, 0.4198]", m.Modularity)
	}
	if len(m.Communities) < 3 || len(m.Communities) > 5 {
		t.Errorf("%d communities, want about 4", len(m.Communities))
	}
	// The two factions' leaders head different communities.
	if m.PerNode[0].Community == m.PerNode[33].Community {
		t.Error("the instructor (0) and the administrator (33) share a community")
	}
}

// The optimal partition's modularity, computed by modularity(), matches
// the published 0.4198.
func TestModularityOfOptimalKaratePartition(t *testing.T) {
	groups := [][]int{
		{0, 1, 2, 3, 7, 11, 12, 13, 17, 19, 21},
		{4, 5, 6, 10, 16},
		{8, 9, 14, 15, 18, 20, 22, 26, 29, 30, 32, 33},
		{23, 24, 25, 27, 28, 31},
	}
	comm := make([]int32, 34)
	for c, g := range groups {
		for _, v := range g {
			comm[v] = int32(c)
		}
	}
	near(t, "modularity", modularity(karateGraph(), comm, 1), 0.4198, 1e-4)
}

func itoa(i int) string {
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
