package network

import (
	"sync"
	"testing"

	"github.com/civicgraph/civicgraph/internal/synth"
)

var (
	cityOnce  sync.Once
	cityGraph *Graph
)

// synthCity builds the graph of the synthetic city M (20,000
// organisations, 200,000 collaborations) in memory, without Neo4j.
func synthCity() *Graph {
	cityOnce.Do(func() {
		c := synth.Generate(synth.M)
		index := make(map[string]int, len(c.Organisations))
		for i, o := range c.Organisations {
			index[o.ID] = i
		}
		var edges []Edge
		for col := range c.Collaborations() {
			edges = append(edges, Edge{U: index[col.FromID], V: index[col.ToID], Weight: float64(col.Intensity.Rank())})
		}
		cityGraph = New(len(c.Organisations), edges)
	})
	return cityGraph
}

// The measures of the synthetic city M, each alone and all together (the
// projection query aside; see bench/network for the whole):
//
//	go test -run '^$' -bench City -benchtime 3x ./internal/network/
func BenchmarkCityAnalyse(b *testing.B) {
	g := synthCity()
	for b.Loop() {
		Analyse(g, Options{})
	}
}

func BenchmarkCityShortestPaths(b *testing.B) {
	g := synthCity()
	comp, sizes := components(g)
	for b.Loop() {
		shortestPaths(g, comp, sizes, DefaultWorkBudget)
	}
}

func BenchmarkCityLouvain(b *testing.B) {
	g := synthCity()
	for b.Loop() {
		louvain(g, 1)
	}
}
