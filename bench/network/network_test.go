// Package network_test benchmarks the network capability on the synthetic
// city of size M (20,000 organisations, 200,000 collaborations), loaded once
// into the Neo4j at CIVICGRAPH_NEO4J_URI (or a managed one) when missing:
//
//	go test -run '^$' -bench 'Path|Ego|Cached' -benchtime 40x ./bench/network/
//	go test -run '^$' -bench MetricsCold -benchtime 3x ./bench/network/
//
// Each benchmark reports the median (p50) as well as the mean.
package network_test

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
	"github.com/civicgraph/civicgraph/internal/network"
	"github.com/civicgraph/civicgraph/internal/synth"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

var (
	once  sync.Once
	store *neo4j.Store
	orgs  []string
)

// city returns a store holding synth.M, loading it unless it is there.
func city(b *testing.B) (*neo4j.Store, []string) {
	once.Do(func() {
		ctx := context.Background()
		s, err := neo4j.Open(ctx, neo4j.Config{URI: neo4jtest.URI(b)})
		if err != nil {
			b.Fatal(err)
		}
		res, err := bolt.ExecuteQuery(ctx, s.Driver(), "MATCH ()-[c:COLLABORATES_WITH {source: 'synth'}]->() RETURN count(c) AS n", nil,
			bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database()))
		if err != nil {
			b.Fatal(err)
		}
		if n, _ := res.Records[0].Values[0].(int64); n != int64(synth.M.Collaborations) {
			neo4jtest.Reset(b, s.Driver())
			if err := s.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			if err := synth.Load(ctx, s, synth.Generate(synth.M), slog.Default()); err != nil {
				b.Fatal(err)
			}
		}
		for _, o := range synth.Generate(synth.M).Organisations {
			orgs = append(orgs, o.ID)
		}
		store = s
	})
	if store == nil {
		b.Fatal("no store")
	}
	return store, orgs
}

// timed runs f b.N times and reports the median beside the mean.
func timed(b *testing.B, f func(i int)) {
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		f(i)
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
}

// pairs picks organisations spread over the city: hubs (low indices, which
// attached first) and peripheral ones alike, connected to the hubs.
func pick(orgs []string, i int) string { return orgs[(i*7919)%16000] }

func BenchmarkPath(b *testing.B) {
	s, orgs := city(b)
	ctx := context.Background()
	timed(b, func(i int) {
		_, err := s.ShortestPaths(ctx, civic.PathQuery{FromID: pick(orgs, i), ToID: pick(orgs, i+1), MaxHops: 6, K: 1})
		if err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkThreeShortestPaths(b *testing.B) {
	s, orgs := city(b)
	ctx := context.Background()
	timed(b, func(i int) {
		if _, err := s.ShortestPaths(ctx, civic.PathQuery{FromID: pick(orgs, i), ToID: pick(orgs, i+1), MaxHops: 6, K: 3}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkEgoNetworkDepth2(b *testing.B) {
	s, orgs := city(b)
	ctx := context.Background()
	timed(b, func(i int) {
		if _, err := s.Neighbourhood(ctx, civic.EgoQuery{CenterID: pick(orgs, i), Depth: 2, MaxNodes: civic.DefaultEgoNodes}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkMetricsCold computes whole-network metrics without the cache:
// the projection query and every measure.
func BenchmarkMetricsCold(b *testing.B) {
	s, _ := city(b)
	ctx := context.Background()
	timed(b, func(int) {
		svc := network.NewService(s, time.Minute, network.Options{})
		m, cached, err := svc.Metrics(ctx, civic.NetworkFilter{})
		if err != nil || cached || m.Nodes < synth.M.Organisations {
			b.Fatalf("metrics %v cached %v err %v", m != nil, cached, err)
		}
	})
}

func BenchmarkMetricsCached(b *testing.B) {
	s, _ := city(b)
	ctx := context.Background()
	svc := network.NewService(s, time.Hour, network.Options{})
	if _, _, err := svc.Metrics(ctx, civic.NetworkFilter{}); err != nil {
		b.Fatal(err)
	}
	timed(b, func(int) {
		m, cached, err := svc.Metrics(ctx, civic.NetworkFilter{})
		if err != nil || !cached {
			b.Fatal("not cached", err)
		}
		_ = m.Ranked(network.MeasureBetweenness, true)[:10] // the top brokers view
	})
}
