package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	gonet "gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// These tests check each measure against gonum, a reference
// implementation, on random graphs with several components, isolated
// nodes and intensity weights.

type pair struct {
	ours   *Graph
	gonum  *simple.WeightedUndirectedGraph
	edges  []Edge
	nNodes int
}

// randomGraph makes a graph of n nodes in a few clusters, with sparse links
// between them, some isolated nodes and weights 1-4.
func randomGraph(seed uint64, n int, p float64) pair {
	r := rand.New(rand.NewPCG(seed, 7))
	var edges []Edge
	for u := range n {
		for v := u + 1; v < n; v++ {
			q := p
			if u%4 != v%4 {
				q = p / 8
			}
			if u%10 == 9 || v%10 == 9 {
				q = 0 // every tenth node is isolated
			}
			if r.Float64() < q {
				edges = append(edges, Edge{U: u, V: v, Weight: float64(1 + r.IntN(4))})
			}
		}
	}
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	for _, e := range edges {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(e.U), simple.Node(e.V), e.Weight))
	}
	return pair{ours: New(n, edges), gonum: g, edges: edges, nNodes: n}
}

var seeds = []uint64{1, 2, 3, 4, 5}

func TestBetweennessMatchesGonum(t *testing.T) {
	for _, seed := range seeds {
		p := randomGraph(seed, 60, 0.15)
		m := Analyse(p.ours, Options{})
		want := gonet.Betweenness(p.gonum)
		n := float64(p.nNodes)
		for v := range p.nNodes {
			near(t, "betweenness", m.PerNode[v].Betweenness, want[int64(v)]/((n-1)*(n-2)), 1e-9)
		}
	}
}

func TestClosenessMatchesGonum(t *testing.T) {
	for _, seed := range seeds {
		p := randomGraph(seed, 60, 0.15)
		m := Analyse(p.ours, Options{})
		unweighted := simple.NewUndirectedGraph()
		for i := range p.nNodes {
			unweighted.AddNode(simple.Node(i))
		}
		for _, e := range p.edges {
			unweighted.SetEdge(simple.Edge{F: simple.Node(e.U), T: simple.Node(e.V)})
		}
		// gonum gives 1/farness; scale it as networkx does for components.
		want := gonet.Closeness(unweighted, path.DijkstraAllPaths(unweighted))
		comp, sizes := components(p.ours)
		for v := range p.nNodes {
			r := float64(sizes[comp[v]])
			w := 0.0
			if r > 1 {
				w = want[int64(v)] * (r - 1) * (r - 1) / float64(p.nNodes-1)
			}
			near(t, "closeness", m.PerNode[v].Closeness, w, 1e-9)
		}
	}
}

func TestPageRankMatchesGonum(t *testing.T) {
	for _, seed := range seeds {
		p := randomGraph(seed, 60, 0.15)
		m := Analyse(p.ours, Options{})
		d := simple.NewWeightedDirectedGraph(0, 0)
		for i := range p.nNodes {
			d.AddNode(simple.Node(i))
		}
		for _, e := range p.edges {
			d.SetWeightedEdge(d.NewWeightedEdge(simple.Node(e.U), simple.Node(e.V), e.Weight))
			d.SetWeightedEdge(d.NewWeightedEdge(simple.Node(e.V), simple.Node(e.U), e.Weight))
		}
		want := gonet.PageRank(d, 0.85, 1e-12)
		for v := range p.nNodes {
			near(t, "pagerank", m.PerNode[v].PageRank, want[int64(v)], 1e-6)
		}
	}
}

func TestComponentsMatchGonum(t *testing.T) {
	for _, seed := range seeds {
		p := randomGraph(seed, 80, 0.05)
		comp, sizes := components(p.ours)
		want := topo.ConnectedComponents(p.gonum)
		if len(sizes) != len(want) {
			t.Fatalf("%d components, gonum finds %d", len(sizes), len(want))
		}
		for _, c := range want {
			for _, n := range c {
				if comp[n.ID()] != comp[c[0].ID()] {
					t.Fatalf("nodes %d and %d are in one component for gonum, not here", n.ID(), c[0].ID())
				}
			}
		}
	}
}

// An articulation point is exactly a node whose removal leaves more
// components (counted by gonum) than before, not counting itself.
func TestArticulationPointsByRemoval(t *testing.T) {
	for _, seed := range seeds {
		p := randomGraph(seed, 50, 0.06)
		pieces := articulationPoints(p.ours)
		before := len(topo.ConnectedComponents(p.gonum))
		for v := range p.nNodes {
			g := simple.NewWeightedUndirectedGraph(0, 0)
			graph.CopyWeighted(g, p.gonum)
			deg := p.ours.Degree(v)
			g.RemoveNode(int64(v))
			after := len(topo.ConnectedComponents(g))
			// Removing v removes its own component if it was alone; a split
			// leaves its component's pieces.
			want := 0
			if deg > 0 && after-before+1 >= 2 {
				want = after - before + 1
			}
			if pieces[v] != want {
				t.Errorf("seed %d node %d: pieces %d, want %d", seed, v, pieces[v], want)
			}
		}
	}
}

// Our modularity of Louvain's partition agrees with gonum's Q, and the
// partition is at least as good as gonum's own Louvain finds, give or take.
func TestLouvainModularityMatchesGonum(t *testing.T) {
	for _, seed := range seeds {
		p := randomGraph(seed, 80, 0.2)
		comm := louvain(p.ours, 1)
		groups := map[int32][]graph.Node{}
		for v, c := range comm {
			groups[c] = append(groups[c], simple.Node(v))
		}
		var parts [][]graph.Node
		for _, g := range groups {
			parts = append(parts, g)
		}
		q := modularity(p.ours, comm, 1)
		near(t, "modularity", q, community.Q(p.gonum, parts, 1), 1e-9)
		theirs := community.Q(p.gonum, community.Modularize(p.gonum, 1, rand.NewPCG(seed, 1)).Communities(), 1)
		if q < theirs-0.02 {
			t.Errorf("seed %d: Louvain modularity %.4f, gonum's Louvain %.4f", seed, q, theirs)
		}
	}
}

// Local clustering against a direct count of each node's closed pairs.
func TestClusteringByCounting(t *testing.T) {
	p := randomGraph(9, 50, 0.3)
	local, _ := clustering(p.ours)
	for v := range p.nNodes {
		nb := p.ours.Neighbours(v)
		if len(nb) < 2 {
			near(t, "clustering", local[v], 0, 0)
			continue
		}
		closed := 0
		for i, a := range nb {
			for _, b := range nb[i+1:] {
				if slices.Contains(p.ours.Neighbours(int(a)), b) {
					closed++
				}
			}
		}
		near(t, "clustering", local[v], float64(closed)/float64(len(nb)*(len(nb)-1)/2), 1e-12)
	}
}

// With a small budget, betweenness is estimated from a sample of sources:
// the estimate stays close to the exact value and keeps the top brokers.
func TestSampledBetweennessEstimatesExact(t *testing.T) {
	p := randomGraph(11, 400, 0.03)
	exact := Analyse(p.ours, Options{})
	cost := p.ours.N() + 2*p.ours.M()
	sampled := Analyse(p.ours, Options{WorkBudget: p.ours.N() * cost / 3})
	if exact.BetweennessSampled || !sampled.BetweennessSampled || sampled.BetweennessSources >= p.ours.N()/2 {
		t.Fatalf("sampled %v/%v with %d sources", exact.BetweennessSampled, sampled.BetweennessSampled, sampled.BetweennessSources)
	}
	order := func(m *Metrics) []int {
		idx := make([]int, m.Nodes)
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return compareDesc(m.PerNode[a].Betweenness, m.PerNode[b].Betweenness) })
		return idx
	}
	top := order(sampled)[:15]
	for _, v := range order(exact)[:5] {
		if !slices.Contains(top, v) {
			t.Errorf("exact top broker %d is not in the sampled top 15", v)
		}
	}
	var errSum, sum float64
	for v := range p.nNodes {
		errSum += math.Abs(sampled.PerNode[v].Betweenness - exact.PerNode[v].Betweenness)
		sum += exact.PerNode[v].Betweenness
		if exact.PerNode[v].Closeness > 0 {
			near(t, "sampled closeness", sampled.PerNode[v].Closeness, exact.PerNode[v].Closeness, 0.15*exact.PerNode[v].Closeness)
		}
	}
	if errSum > 0.25*sum {
		t.Errorf("total betweenness error %.3f is over a quarter of the total %.3f", errSum, sum)
	}
}

func compareDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
