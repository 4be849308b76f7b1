package model

import (
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/network"
)

// Subnetwork is a filtered organisation network whose nodes and edges are
// read in pages.
type Subnetwork struct {
	Filter civic.NetworkFilter
}

// NetworkMetrics are computed metrics, and whether they came from the cache.
type NetworkMetrics struct {
	*network.Metrics
	Cached bool
}

// OrganisationMetrics are one organisation's measures within Metrics.
type OrganisationMetrics struct {
	network.NodeMetrics
	Metrics             *network.Metrics
	Index               int // the organisation's node index
	Name                string
	IsArticulationPoint bool
	// Siblings are the IDs of the organisations listed with this one, whose
	// organisation fields are loaded together.
	Siblings []string
}

// NewOrganisationMetrics returns the measures of node i, listed with the
// organisations whose IDs are siblings.
func NewOrganisationMetrics(m *network.Metrics, i int, siblings []string) *OrganisationMetrics {
	return &OrganisationMetrics{
		NodeMetrics: m.PerNode[i], Metrics: m, Index: i, Siblings: siblings,
		Name: m.Graph.Nodes[i].Name, IsArticulationPoint: m.PerNode[i].Pieces > 0,
	}
}

// MetricsRows returns the measures of the nodes, listed together.
func MetricsRows(m *network.Metrics, nodes []int) []*OrganisationMetrics {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = m.Graph.Nodes[n].ID
	}
	out := make([]*OrganisationMetrics, len(nodes))
	for i, n := range nodes {
		out[i] = NewOrganisationMetrics(m, n, ids)
	}
	return out
}

// Community is one community of Metrics.
type Community struct {
	Metrics *network.Metrics
	ID      int // index into Metrics.Communities
	// Listed are the communities listed with this one, whose fields are
	// loaded together.
	Listed []int
}

// Dashboard counts over a filtered network.
type Dashboard struct {
	Filter civic.NetworkFilter
}
