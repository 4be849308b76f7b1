package network

import "math"

// pageRank computes PageRank with the given damping on the graph read as
// directed both ways, each edge carrying its weight: a node passes its rank
// to its partners in proportion to how closely they work together. Nodes
// without partners spread their rank evenly over all nodes, as networkx
// does. It iterates until the ranks change by less than tol in total.
func pageRank(g *Graph, damping, tol float64) []float64 {
	n := g.N()
	if n == 0 {
		return nil
	}
	strength := make([]float64, n)
	for i := range n {
		for _, w := range g.Weights(i) {
			strength[i] += w
		}
	}
	rank := make([]float64, n)
	next := make([]float64, n)
	for i := range rank {
		rank[i] = 1 / float64(n)
	}
	for range 1000 {
		var dangling float64
		for i := range n {
			if strength[i] == 0 {
				dangling += rank[i]
			}
		}
		base := (1-damping)/float64(n) + damping*dangling/float64(n)
		for i := range n {
			var in float64
			ws := g.Weights(i)
			for j, v := range g.Neighbours(i) {
				in += rank[v] * ws[j] / strength[v]
			}
			next[i] = base + damping*in
		}
		var change float64
		for i := range n {
			change += math.Abs(next[i] - rank[i])
		}
		rank, next = next, rank
		if change < tol {
			break
		}
	}
	return rank
}
