package network

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Measure names a per-organisation measure to rank by.
type Measure string

// Measures.
const (
	MeasureDegree         Measure = "degree"
	MeasureWeightedDegree Measure = "weightedDegree"
	MeasureBetweenness    Measure = "betweenness"
	MeasureCloseness      Measure = "closeness"
	MeasurePageRank       Measure = "pageRank"
	MeasureClustering     Measure = "clustering"
)

func (n NodeMetrics) value(m Measure) float64 {
	switch m {
	case MeasureDegree:
		return float64(n.Degree)
	case MeasureWeightedDegree:
		return n.WeightedDegree
	case MeasureCloseness:
		return n.Closeness
	case MeasurePageRank:
		return n.PageRank
	case MeasureClustering:
		return n.Clustering
	}
	return n.Betweenness
}

// Ranked returns the node indices ordered by a measure, ties by name then
// ID so that pages are stable. Each order is sorted once and kept with the
// metrics, which are cached and read by many requests: callers must not
// modify it.
func (m *Metrics) Ranked(by Measure, desc bool) []int {
	key := rankKey{by, desc}
	m.rankMu.Lock()
	defer m.rankMu.Unlock()
	if idx, ok := m.ranked[key]; ok {
		return idx
	}
	idx := make([]int, m.Nodes)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		c := cmp.Compare(m.PerNode[a].value(by), m.PerNode[b].value(by))
		if desc {
			c = -c
		}
		na, nb := m.Graph.Nodes[a], m.Graph.Nodes[b]
		return cmp.Or(c, strings.Compare(na.Name, nb.Name), strings.Compare(na.ID, nb.ID))
	})
	if m.ranked == nil {
		m.ranked = map[rankKey][]int{}
	}
	m.ranked[key] = idx
	return idx
}

type rankKey struct {
	by   Measure
	desc bool
}

// IsolatedNodes returns the nodes without ties, by name.
func (m *Metrics) IsolatedNodes() []int {
	var out []int
	for i, n := range m.PerNode {
		if n.Degree == 0 {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b int) int {
		return cmp.Or(strings.Compare(m.Graph.Nodes[a].Name, m.Graph.Nodes[b].Name), a-b)
	})
	return out
}

// Index returns the node index of the organisation with the given ID.
func (m *Metrics) Index(id string) (int, bool) {
	m.indexOnce.Do(func() {
		m.index = make(map[string]int, m.Nodes)
		for i, n := range m.Graph.Nodes {
			m.index[n.ID] = i
		}
	})
	i, ok := m.index[id]
	return i, ok
}

// CommunityLabel names a community by its most connected member and its
// dominant theme.
func (m *Metrics) CommunityLabel(c int) string {
	com := m.Communities[c]
	label := m.Graph.Nodes[com.Leader].Name + "'s network"
	if com.DominantTheme != "" {
		label += " (" + com.DominantTheme + ")"
	}
	return label
}

// BrokerSummary explains in a sentence why node i matters as a broker.
func (m *Metrics) BrokerSummary(i int) string {
	n := m.PerNode[i]
	s := fmt.Sprintf("%s works with %d partners", m.Graph.Nodes[i].Name, n.Degree)
	if n.CommunitiesReached > 1 {
		s += fmt.Sprintf(" across %d communities", n.CommunitiesReached)
	}
	s += fmt.Sprintf(" and lies on %.1f%% of the shortest paths between other organisations", 100*n.Betweenness)
	if n.Pieces > 0 {
		s += fmt.Sprintf("; without it, its part of the network would split into %d", n.Pieces)
	}
	return s + "."
}
