package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/demo"
)

// TestRegistersBatched counts the Neo4j round trips of nested queries over
// the registers: at most one per field that needs fetching, however many
// results come back. (Fewer when a field's values are already cached.)
func TestRegistersBatched(t *testing.T) {
	e := demoEnv(t)
	queries := []struct {
		name  string
		query string
		most  int64 // the fields that fetch
	}{
		{"recommendations", `query($n: Int!) { recommendations(first: $n) { edges { node { theme { slug }
  contributions(first: 5) { edges { node { organisation { name area { name } } recommendation { code } } } }
  stories(first: 2) { edges { node { organisations { name } themes { slug } areas { name } recommendations { code } } } } } } } }`, 11},
		{"champions", `query($n: Int!) { champions(first: $n) { edges { node { person { name champion { id } } areas { name } themes { slug }
  introductions(first: 3) { edges { node { organisations { name } collaboration { since } champion { id } } } } } } } }`, 9},
		{"listings", `query($n: Int!) { listings(first: $n) { edges { node { nominator { name }
  asset { name listing { reference } space { uses within { name } } rooms { name } } } } } }`, 6},
		{"space needs", `query($n: Int!) { spaceNeeds(first: $n) { edges { node { organisation { name } area { name }
  matches(first: 3) { asset { name space { uses } } } } } } }`, 5},
		{"strengths", `query($n: Int!) { areas(first: $n) { edges { node { strengths { area { name } totalAssets } } } } }`, 2},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			for _, n := range []int{1, 14, 30} {
				before := e.store.QueryCount()
				e.must(t, q.query, map[string]any{"n": n}, nil)
				if trips := e.store.QueryCount() - before; trips > q.most {
					t.Errorf("%d results took %d round trips, want at most %d", n, trips, q.most)
				}
			}
		})
	}
}

// TestExamples runs every GraphiQL example query (the mutations aside)
// against the demo city, with the variables of its tab: each must answer
// without errors and find something.
func TestExamples(t *testing.T) {
	e := demoEnv(t)
	files, err := filepath.Glob(filepath.Join("..", "graphiql", "examples", "*.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q := string(b)
		if strings.Contains(q, "\nmutation ") || strings.HasPrefix(q, "mutation ") {
			continue
		}
		var vars map[string]any
		if raw, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".json"); err == nil {
			if err := json.Unmarshal(raw, &vars); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		ran++
		t.Run(filepath.Base(f), func(t *testing.T) {
			var out map[string]any
			e.must(t, q, vars, &out)
			if !found(out) {
				t.Fatalf("found nothing: %v", out)
			}
		})
	}
	if ran < 20 {
		t.Fatalf("ran %d examples", ran)
	}
}

// found reports whether every top-level field of a response is a node
// with an ID or holds a non-empty list or a non-zero total somewhere.
func found(data map[string]any) bool {
	var some func(v any) bool
	some = func(v any) bool {
		switch x := v.(type) {
		case []any:
			return len(x) > 0
		case map[string]any:
			for k, y := range x {
				if n, ok := y.(float64); ok && k == "totalCount" && n > 0 || some(y) {
					return true
				}
			}
		}
		return false
	}
	for _, v := range data {
		if m, ok := v.(map[string]any); ok && m["id"] != nil && m["id"] != "" {
			continue // one node, found
		}
		if !some(v) {
			return false
		}
	}
	return len(data) > 0
}

// TestDemoLoadIsIdempotent loads the demo city, registers included, a
// second time: the graph must not change.
func TestDemoLoadIsIdempotent(t *testing.T) {
	e := demoEnv(t)
	before := e.fingerprint(t)
	if err := demo.Load(context.Background(), e.store); err != nil {
		t.Fatal(err)
	}
	if after := e.fingerprint(t); after != before {
		t.Fatalf("loading the demo again changed the graph: %v -> %v", before, after)
	}
}

// TestRegisterEdgesCarryProvenance checks that every edge of the registers,
// loaded or created by a mutation, says where it came from and when.
func TestRegisterEdgesCarryProvenance(t *testing.T) {
	e := demoEnv(t)
	e.must(t, `mutation { submitStory(input: {title: "Provenance", summary: "x", themes: ["food"]}) { id } }`, nil, nil)
	res, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), `
MATCH ()-[r:CONTRIBUTES_TO|IS_CHAMPION|CHAMPIONS|MADE|INTRODUCED|LISTS|NOMINATED_BY|WITHIN|NEEDS|FEATURES|ADVANCES]->()
RETURN count(r) AS all, count(CASE WHEN r.source IS NULL OR r.createdAt IS NULL OR r.updatedAt IS NULL THEN 1 END) AS bare
UNION ALL
MATCH (:Story)-[r:HAS_THEME|LOCATED_IN]->()
RETURN count(r) AS all, count(CASE WHEN r.source IS NULL OR r.createdAt IS NULL OR r.updatedAt IS NULL THEN 1 END) AS bare`,
		nil, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(e.store.Database()))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range res.Records {
		all, _ := rec.Get("all")
		bare, _ := rec.Get("bare")
		if all.(int64) == 0 || bare.(int64) != 0 {
			t.Fatalf("%d of %d edges have no provenance", bare, all)
		}
	}
}
