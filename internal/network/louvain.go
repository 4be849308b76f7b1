package network

// louvain finds communities by Blondel et al.'s method: move single nodes
// to the neighbouring community that raises modularity most until none
// does, merge each community into one node, and repeat on the merged graph
// until nothing moves. Nodes are visited in index order, so the result is
// the same on every run. It returns each node's community, numbered from 0
// in order of each community's lowest node.
func louvain(g *Graph, resolution float64) []int32 {
	n := g.N()
	member := make([]int32, n) // community of each original node
	for i := range member {
		member[i] = int32(i)
	}
	level := toLevel(g)
	for {
		moved, comm := level.moveNodes(resolution)
		if !moved {
			break
		}
		for i := range member {
			member[i] = comm[member[i]]
		}
		level = level.aggregate(comm)
	}
	return renumber(member)
}

// levelGraph is a weighted graph with self-loops: the graph of one level
// of the method, whose nodes are the communities of the level below.
type levelGraph struct {
	off  []int32
	adj  []int32
	w    []float64
	self []float64 // weight of each node's self-loop (internal edges below)
}

func toLevel(g *Graph) *levelGraph {
	return &levelGraph{off: g.off, adj: g.adj, w: g.w, self: make([]float64, g.N())}
}

// moveNodes runs the local moving phase and returns whether any node moved
// and each node's community (numbered densely from 0).
func (l *levelGraph) moveNodes(resolution float64) (bool, []int32) {
	n := len(l.off) - 1
	comm := make([]int32, n)
	k := make([]float64, n)   // weighted degree, self-loops counted twice
	tot := make([]float64, n) // total degree of each community
	var m2 float64            // twice the total weight
	for i := range n {
		comm[i] = int32(i)
		for j := l.off[i]; j < l.off[i+1]; j++ {
			k[i] += l.w[j]
		}
		k[i] += 2 * l.self[i]
		tot[i] = k[i]
		m2 += k[i]
	}
	if m2 == 0 {
		return false, comm
	}
	weightTo := make([]float64, n) // weight from the current node to each community
	var touched []int32
	moved := false
	for improved := true; improved; {
		improved = false
		for i := range n {
			own := comm[i]
			touched = touched[:0]
			for j := l.off[i]; j < l.off[i+1]; j++ {
				c := comm[l.adj[j]]
				if weightTo[c] == 0 {
					touched = append(touched, c)
				}
				weightTo[c] += l.w[j]
			}
			tot[own] -= k[i]
			best, bestGain := own, weightTo[own]-resolution*tot[own]*k[i]/m2
			for _, c := range touched {
				gain := weightTo[c] - resolution*tot[c]*k[i]/m2
				if gain > bestGain+1e-12 { // a clear gain only, so that ties cannot cycle
					best, bestGain = c, gain
				}
			}
			tot[best] += k[i]
			comm[i] = best
			if best != own {
				improved, moved = true, true
			}
			for _, c := range touched {
				weightTo[c] = 0
			}
		}
	}
	return moved, renumber(comm)
}

// aggregate merges each community of l into one node.
func (l *levelGraph) aggregate(comm []int32) *levelGraph {
	count := 0
	for _, c := range comm {
		count = max(count, int(c)+1)
	}
	out := &levelGraph{off: make([]int32, count+1), self: make([]float64, count)}
	byComm := make([][]int32, count)
	for i, c := range comm {
		byComm[c] = append(byComm[c], int32(i))
		out.self[c] += l.self[i]
	}
	weightTo := make([]float64, count)
	var touched []int32
	for c, nodes := range byComm {
		touched = touched[:0]
		for _, i := range nodes {
			for j := l.off[i]; j < l.off[i+1]; j++ {
				d := comm[l.adj[j]]
				if int(d) == c {
					out.self[c] += l.w[j] / 2 // seen from both ends
					continue
				}
				if weightTo[d] == 0 {
					touched = append(touched, d)
				}
				weightTo[d] += l.w[j]
			}
		}
		for _, d := range touched {
			out.adj = append(out.adj, d)
			out.w = append(out.w, weightTo[d])
			weightTo[d] = 0
		}
		out.off[c+1] = int32(len(out.adj))
	}
	return out
}

// renumber numbers labels densely from 0 in order of first appearance.
func renumber(labels []int32) []int32 {
	seen := map[int32]int32{}
	out := make([]int32, len(labels))
	for i, c := range labels {
		id, ok := seen[c]
		if !ok {
			id = int32(len(seen))
			seen[c] = id
		}
		out[i] = id
	}
	return out
}

// modularity is Newman's modularity of a partition of g, with resolution:
// Q = sum over communities of in_c/m - resolution*(tot_c/2m)^2, where in_c
// is the weight of the community's internal edges and tot_c its members'
// total weighted degree.
func modularity(g *Graph, comm []int32, resolution float64) float64 {
	count := 0
	for _, c := range comm {
		count = max(count, int(c)+1)
	}
	in := make([]float64, count)
	tot := make([]float64, count)
	var m2 float64
	for i := range g.N() {
		ws := g.Weights(i)
		for j, v := range g.Neighbours(i) {
			tot[comm[i]] += ws[j]
			m2 += ws[j]
			if comm[v] == comm[i] {
				in[comm[i]] += ws[j] // counted from both ends: 2 in_c
			}
		}
	}
	if m2 == 0 {
		return 0
	}
	var q float64
	for c := range count {
		q += in[c]/m2 - resolution*(tot[c]/m2)*(tot[c]/m2)
	}
	return q
}
