package network

import (
	"math/rand/v2"
	"runtime"
	"sync"
)

// DefaultWorkBudget bounds the work of betweenness and closeness, counted in
// node and edge visits (one breadth-first search from every source costs
// n+2m). Graphs whose exact answer fits are measured exactly; larger ones
// from a sample of sources, which keeps whole-network metrics of a city of
// 20,000 organisations within seconds.
const DefaultWorkBudget = 400_000_000

// exactComponent is the size up to which a component's sources are all
// used even when sampling: small components are cheap and a sample of them
// would say little.
const exactComponent = 64

// paths holds what the breadth-first searches compute.
type paths struct {
	betweenness []float64 // normalised: the share of other pairs' shortest paths through the node
	closeness   []float64 // Wasserman-Faust: (r-1)/(n-1) * (r-1)/farness, r the component's size
	sampled     bool
	sources     int
}

// shortestPaths computes betweenness (Brandes) and closeness from one
// breadth-first search per source. With the budget too small for every
// node, each component of more than exactComponent nodes is searched from
// a uniform sample of its nodes: betweenness is then estimated by scaling
// the sources' dependencies (Brandes and Pich 2007) and closeness from the
// mean distance to the sampled sources (Eppstein and Wang 2004). Distances
// count edges; intensity does not shorten them.
func shortestPaths(g *Graph, comp []int32, sizes []int, budget int) paths {
	n := g.N()
	out := paths{betweenness: make([]float64, n), closeness: make([]float64, n)}
	if n == 0 {
		return out
	}
	cost := n + 2*g.M()
	fraction := 1.0
	if n*cost > budget {
		fraction = float64(budget) / float64(n*cost)
		out.sampled = true
	}
	// Choose each component's sources and the scale of their contributions.
	members := make([][]int32, len(sizes))
	for i, c := range comp {
		members[c] = append(members[c], int32(i))
	}
	rng := rand.New(rand.NewPCG(uint64(n), uint64(g.M())))
	var sources []int32
	scale := make([]float64, len(sizes))
	for c, m := range members {
		k := len(m)
		if out.sampled && k > exactComponent {
			k = min(len(m), max(exactComponent, int(fraction*float64(len(m))+0.5)))
			rng.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
		}
		sources = append(sources, m[:k]...)
		scale[c] = float64(len(m)) / float64(k)
	}
	out.sources = len(sources)

	bc, distSum, far := searchAll(g, sources, comp, sizes, scale)
	isSource := make([]bool, n)
	for _, s := range sources {
		isSource[s] = true
	}
	for v := range n {
		r := float64(sizes[comp[v]])
		if r < 2 {
			continue
		}
		farness := far[v]
		if !isSource[v] {
			// distSum holds v's distances to the component's sampled
			// sources: their mean times the r-1 others estimates farness.
			farness = distSum[v] * (r - 1) / (float64(len(members[comp[v]])) / scale[comp[v]])
		}
		if farness > 0 && n > 1 {
			out.closeness[v] = (r - 1) / farness * (r - 1) / float64(n-1)
		}
	}
	if n > 2 {
		norm := 1 / float64((n-1)*(n-2)) // each unordered pair was counted from both ends
		for v := range bc {
			out.betweenness[v] = bc[v] * norm
		}
	}
	return out
}

// searchAll runs the sources' searches on all cores. Sources are dealt to
// workers in a fixed pattern and the workers' sums added in order, so the
// result does not depend on scheduling. far[s] is source s's farness; for
// every node v, distSum[v] sums d(s,v) over the sources s.
func searchAll(g *Graph, sources []int32, comp []int32, sizes []int, scale []float64) (bc, distSum, far []float64) {
	n := g.N()
	workers := max(1, min(runtime.GOMAXPROCS(0), len(sources)/16))
	parts := make([]*searcher, workers)
	var wg sync.WaitGroup
	for w := range workers {
		parts[w] = newSearcher(n)
		wg.Add(1)
		go func(s *searcher) {
			defer wg.Done()
			for i := w; i < len(sources); i += workers {
				src := sources[i]
				s.run(g, int(src), sizes[comp[src]], scale[comp[src]])
			}
		}(parts[w])
	}
	wg.Wait()
	bc, distSum, far = parts[0].bc, parts[0].distSum, parts[0].far
	for _, p := range parts[1:] {
		for v := range n {
			bc[v] += p.bc[v]
			distSum[v] += p.distSum[v]
			far[v] += p.far[v]
		}
	}
	return bc, distSum, far
}

// searcher holds one worker's state for Brandes' algorithm.
type searcher struct {
	dist  []int32
	sigma []float64 // shortest paths from the source
	// acc gathers, while a level is searched, the paths into the next.
	acc   []float64
	delta []float64 // dependency of the source on each node
	// coef is (1+delta)/sigma: what each predecessor of a node gains from
	// it per shortest path.
	coef    []float64
	order   []int32 // nodes in the order they were reached
	levels  []int   // level d is order[levels[d]:levels[d+1]]
	bc      []float64
	distSum []float64
	far     []float64
}

func newSearcher(n int) *searcher {
	s := &searcher{dist: make([]int32, n), sigma: make([]float64, n), acc: make([]float64, n),
		delta: make([]float64, n), coef: make([]float64, n), order: make([]int32, 0, n),
		bc: make([]float64, n), distSum: make([]float64, n), far: make([]float64, n)}
	for i := range s.dist {
		s.dist[i] = -1
	}
	return s
}

// run adds source src's dependencies, times scale, to bc, and its
// distances to distSum; size is the size of src's component.
//
// It is the inner loop of the whole-network metrics, and branches that
// cannot be predicted (is this neighbour new, one level on, or behind?)
// cost more there than adding numbers that are not needed. So both passes
// go level by level and do the same for every neighbour: the search adds
// a node's paths to all its neighbours' acc, which for a node of the next
// level then holds exactly its paths from the level before; the
// dependencies sum all neighbours' coef, which is kept zero except on the
// level below. Neither pass looks at the neighbours of the farthest level.
func (s *searcher) run(g *Graph, src int, size int, scale float64) {
	off, adj := g.off, g.adj
	dist, sigma, acc, coef, delta := s.dist, s.sigma, s.acc, s.coef, s.delta
	order := append(s.order[:0], int32(src))
	levels := append(s.levels[:0], 0, 1)
	dist[src], sigma[src] = 0, 1
	var farness float64
	for d := 0; len(order) < size; d++ {
		reached := order[levels[d]:levels[d+1]]
		for _, v := range reached {
			paths := sigma[v]
			for _, w := range adj[off[v]:off[v+1]] {
				acc[w] += paths
				if dist[w] < 0 {
					dist[w] = int32(d + 1)
					order = append(order, w)
				}
			}
		}
		if len(order) == levels[d+1] {
			break // the component is smaller than size says
		}
		levels = append(levels, len(order))
		far := float64(d + 1)
		for _, w := range order[levels[d+1]:] {
			sigma[w] = acc[w]
			farness += far
			s.distSum[w] += far
		}
	}
	s.far[src] = farness
	last := len(levels) - 2 // the farthest level
	for d := last; d >= 1; d-- {
		nodes := order[levels[d]:levels[d+1]]
		for _, w := range nodes {
			var sum float64
			if d < last {
				sum = sumAt(coef, adj[off[w]:off[w+1]])
			}
			delta[w] = sigma[w] * sum
		}
		if d < last {
			for _, x := range order[levels[d+1]:levels[d+2]] {
				coef[x] = 0
			}
		}
		for _, w := range nodes {
			coef[w] = (1 + delta[w]) / sigma[w]
			s.bc[w] += delta[w] * scale
		}
	}
	for _, v := range order {
		dist[v], acc[v], coef[v] = -1, 0, 0
	}
	s.order, s.levels = order, levels
}

// sumAt returns the sum of x[i] over the indices i, in four running sums
// so that the additions need not wait for one another.
func sumAt(x []float64, indices []int32) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(indices); i += 4 {
		s0 += x[indices[i]]
		s1 += x[indices[i+1]]
		s2 += x[indices[i+2]]
		s3 += x[indices[i+3]]
	}
	for ; i < len(indices); i++ {
		s0 += x[indices[i]]
	}
	return (s0 + s1) + (s2 + s3)
}
