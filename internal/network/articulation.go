package network

// articulationPoints finds the nodes whose removal would split their
// component (Hopcroft and Tarjan's low-link method, iteratively so that
// long chains cannot overflow the stack). pieces[v] is how many parts v's
// component would fall into without v; 0 for nodes that are not
// articulation points.
func articulationPoints(g *Graph) (pieces []int) {
	n := g.N()
	pieces = make([]int, n)
	disc := make([]int32, n) // discovery time + 1; 0 means unvisited
	low := make([]int32, n)
	parent := make([]int32, n)
	next := make([]int32, n) // index of the next neighbour to look at
	var stack []int32
	var clock int32
	for root := range n {
		if disc[root] != 0 {
			continue
		}
		clock++
		disc[root], low[root], parent[root] = clock, clock, -1
		stack = append(stack[:0], int32(root))
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			nb := g.Neighbours(int(v))
			if int(next[v]) < len(nb) {
				w := nb[next[v]]
				next[v]++
				switch {
				case disc[w] == 0:
					clock++
					disc[w], low[w], parent[w] = clock, clock, v
					stack = append(stack, w)
				case w != parent[v]:
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := parent[v]; p >= 0 {
				low[p] = min(low[p], low[v])
				if low[v] >= disc[p] {
					pieces[p]++ // v's subtree would be cut off from p's parent
				}
			}
		}
	}
	for v := range n {
		switch {
		case parent[v] < 0 && pieces[v] < 2:
			pieces[v] = 0 // a root with one subtree cuts nothing
		case parent[v] >= 0 && pieces[v] > 0:
			pieces[v]++ // the subtrees plus the part holding v's parent
		}
	}
	return pieces
}
