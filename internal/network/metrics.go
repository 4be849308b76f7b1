package network

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// Options tune Analyse; the zero value uses the defaults.
type Options struct {
	// WorkBudget bounds betweenness and closeness; 0 means DefaultWorkBudget.
	WorkBudget int
}

// Metrics are the measures of a network, whole and per node.
type Metrics struct {
	Graph *Graph

	Nodes          int
	Edges          int // pairs of organisations that collaborate
	Collaborations int // collaborations, several of which may join one pair
	// Density is the share of possible pairs that collaborate.
	Density       float64
	AverageDegree float64
	// AverageClustering is the mean over nodes of the share of a node's
	// partners' pairs that collaborate too (0 for fewer than two partners);
	// Transitivity is the share of connected triples that close a triangle.
	AverageClustering float64
	Transitivity      float64
	// DegreeCentralization is Freeman's: 1 for a star, 0 when every node
	// has as many partners as the best connected.
	DegreeCentralization float64
	Components           int
	LargestComponent     int
	Isolated             int
	Modularity           float64
	// BetweennessSampled says that betweenness and closeness were estimated
	// from a sample of BetweennessSources sources.
	BetweennessSampled bool
	BetweennessSources int

	PerNode []NodeMetrics // by node index
	// Communities of at least two members, largest first.
	Communities []Community
	// ArticulationPoints are the node indices whose removal splits their
	// component, most pieces first.
	ArticulationPoints []int
	ComputedAt         time.Time
	Took               time.Duration

	indexOnce sync.Once
	index     map[string]int
	rankMu    sync.Mutex
	ranked    map[rankKey][]int // see Ranked
}

// NodeMetrics are one node's measures.
type NodeMetrics struct {
	Degree         int
	WeightedDegree float64 // sum of the intensities (1-4) of its ties
	Betweenness    float64 // share of other pairs' shortest paths through it
	Closeness      float64
	PageRank       float64
	Clustering     float64
	Component      int
	Community      int // index into Metrics.Communities, -1 for none (isolated)
	// Pieces is how many parts its component would fall into without it;
	// 0 unless it is an articulation point.
	Pieces int
	// CommunitiesReached counts the communities of its partners and its own.
	CommunitiesReached int
}

// Community is a group of organisations more connected among themselves
// than with the rest.
type Community struct {
	Members []int // node indices, by degree descending
	// Leader is the most connected member (most partners in the network).
	Leader int
	// DominantTheme is the theme most members work on, with its share.
	DominantTheme string
	ThemeShare    float64
	InternalEdges int
}

// Analyse measures g.
func Analyse(g *Graph, o Options) *Metrics {
	start := time.Now()
	if o.WorkBudget == 0 {
		o.WorkBudget = DefaultWorkBudget
	}
	n := g.N()
	m := &Metrics{Graph: g, Nodes: n, Edges: g.M(), Collaborations: g.Collaborations, PerNode: make([]NodeMetrics, n)}
	comp, sizes := components(g)
	m.Components = len(sizes)
	for _, s := range sizes {
		m.LargestComponent = max(m.LargestComponent, s)
	}
	maxDegree := 0
	for i := range n {
		nm := &m.PerNode[i]
		nm.Degree = g.Degree(i)
		for _, w := range g.Weights(i) {
			nm.WeightedDegree += w
		}
		nm.Component = int(comp[i])
		maxDegree = max(maxDegree, nm.Degree)
		if nm.Degree == 0 {
			m.Isolated++
		}
	}
	if n > 1 {
		m.Density = float64(2*m.Edges) / float64(n*(n-1))
	}
	if n > 0 {
		m.AverageDegree = float64(2*m.Edges) / float64(n)
	}
	if n > 2 {
		var sum int
		for i := range n {
			sum += maxDegree - m.PerNode[i].Degree
		}
		m.DegreeCentralization = float64(sum) / float64((n-1)*(n-2))
	}
	local, transitivity := clustering(g)
	m.Transitivity = transitivity
	for i, c := range local {
		m.PerNode[i].Clustering = c
		m.AverageClustering += c / float64(n)
	}
	sp := shortestPaths(g, comp, sizes, o.WorkBudget)
	m.BetweennessSampled, m.BetweennessSources = sp.sampled, sp.sources
	for i, pr := range pageRank(g, 0.85, 1e-9*float64(max(n, 1))) {
		m.PerNode[i].PageRank = pr
		m.PerNode[i].Betweenness = sp.betweenness[i]
		m.PerNode[i].Closeness = sp.closeness[i]
	}
	for i, p := range articulationPoints(g) {
		m.PerNode[i].Pieces = p
		if p > 0 {
			m.ArticulationPoints = append(m.ArticulationPoints, i)
		}
	}
	slices.SortStableFunc(m.ArticulationPoints, func(a, b int) int {
		return cmp.Or(m.PerNode[b].Pieces-m.PerNode[a].Pieces, cmp.Compare(m.PerNode[b].Betweenness, m.PerNode[a].Betweenness))
	})
	comm := louvain(g, 1)
	m.Modularity = modularity(g, comm, 1)
	m.Communities = communities(g, comm, m.PerNode)
	m.ComputedAt, m.Took = time.Now().UTC(), time.Since(start)
	return m
}

// clustering returns each node's local clustering coefficient and the
// graph's transitivity. Triangles are counted once each by orienting edges
// from lower to higher (degree, index), which keeps hubs cheap.
func clustering(g *Graph) (local []float64, transitivity float64) {
	n := g.N()
	rank := func(v int32) int64 { return int64(g.Degree(int(v)))<<32 | int64(v) }
	tri := make([]int, n)
	mark := make([]bool, n)
	for v := range n {
		rv := rank(int32(v))
		for _, u := range g.Neighbours(v) {
			if rank(u) > rv {
				mark[u] = true
			}
		}
		for _, u := range g.Neighbours(v) {
			if rank(u) <= rv {
				continue
			}
			ru := rank(u)
			for _, w := range g.Neighbours(int(u)) {
				if rank(w) > ru && mark[w] {
					tri[v]++
					tri[u]++
					tri[w]++
				}
			}
		}
		for _, u := range g.Neighbours(v) {
			mark[u] = false
		}
	}
	local = make([]float64, n)
	var closed, triples float64
	for v := range n {
		d := float64(g.Degree(v))
		if d >= 2 {
			pairs := d * (d - 1) / 2
			local[v] = float64(tri[v]) / pairs
			closed += float64(tri[v])
			triples += pairs
		}
	}
	if triples > 0 {
		transitivity = closed / triples
	}
	return local, transitivity
}

// communities groups nodes by community (leaving out single nodes), labels
// each by its most connected member and dominant theme, and sets each
// node's Community and CommunitiesReached.
func communities(g *Graph, comm []int32, per []NodeMetrics) []Community {
	groups := map[int32][]int{}
	for i, c := range comm {
		groups[c] = append(groups[c], i)
	}
	var out []Community
	for _, members := range groups {
		if len(members) < 2 {
			continue
		}
		slices.SortFunc(members, func(a, b int) int {
			return cmp.Or(per[b].Degree-per[a].Degree, cmp.Compare(per[b].WeightedDegree, per[a].WeightedDegree), a-b)
		})
		c := Community{Members: members, Leader: members[0]}
		themes := map[string]int{}
		for _, i := range members {
			if i < len(g.Nodes) {
				for _, t := range g.Nodes[i].Themes {
					themes[t]++
				}
			}
			for _, v := range g.Neighbours(i) {
				if comm[v] == comm[i] && int(v) > i {
					c.InternalEdges++
				}
			}
		}
		most := 0
		for t, count := range themes {
			if count > most || (count == most && t < c.DominantTheme) {
				c.DominantTheme, most = t, count
			}
		}
		c.ThemeShare = float64(most) / float64(len(members))
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Community) int {
		return cmp.Or(len(b.Members)-len(a.Members), a.Members[0]-b.Members[0])
	})
	index := map[int32]int{}
	for i := range per {
		per[i].Community = -1
	}
	for ci, c := range out {
		index[comm[c.Members[0]]] = ci
		for _, i := range c.Members {
			per[i].Community = ci
		}
	}
	for i := range per {
		reached := map[int]bool{}
		if per[i].Community >= 0 {
			reached[per[i].Community] = true
		}
		for _, v := range g.Neighbours(i) {
			if c := per[v].Community; c >= 0 {
				reached[c] = true
			}
		}
		per[i].CommunitiesReached = len(reached)
	}
	return out
}
