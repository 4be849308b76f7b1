package loader

import "github.com/civicgraph/civicgraph/internal/civic"

// Nodes and edges of paths and networks are registered as siblings like
// other objects, under keys of their own so that a network node never takes
// the place of the organisation with the same ID.

func networkKey(o any) string {
	switch o := o.(type) {
	case *civic.NetworkNode:
		return NetworkNodeKey(o)
	case *civic.NetworkEdge:
		return NetworkEdgeKey(o)
	}
	return ""
}

// NetworkNodeKey is the key under which a network node is registered.
func NetworkNodeKey(n *civic.NetworkNode) string { return "networkNode:" + n.ID }

// NetworkEdgeKey is the key under which a network edge is registered.
func NetworkEdgeKey(e *civic.NetworkEdge) string { return "networkEdge:" + e.Key() }

// RegisterNetwork registers the nodes and the edges of one result (a path,
// several paths, a network, a page) as two groups of siblings.
func RegisterNetwork(l *Loaders, nodes []*civic.NetworkNode, edges []*civic.NetworkEdge) {
	Register(l, nodes)
	Register(l, edges)
}
