package server_test

import (
	"fmt"
	"testing"
)

// nestedQuery asks for a page of organisations, each with its area, themes,
// collaborations and their partners' areas and collaborations: six levels
// of batched fields.
const nestedQuery = `query($n: Int!) {
  organisations(first: $n) {
    edges { node {
      name
      area { name }
      themes { slug }
      collaborations(first: 5) { edges {
        node { intensity }
        partner { name area { name } collaborations(first: 5) { edges { partner { name } } } }
      } }
    } }
  }
}`

// nestedRoundTrips is what nestedQuery costs: the page, then one batch each
// for areas, themes, collaborations, the partners' areas and the partners'
// collaborations.
const nestedRoundTrips = 6

// TestNestedFieldsAreBatched counts the Neo4j round trips of a nested
// request: they depend on its depth, not on how many results it returns.
func TestNestedFieldsAreBatched(t *testing.T) {
	e := demoEnv(t)
	for _, n := range []int{1, 5, 50, 100} {
		t.Run(fmt.Sprintf("first %d", n), func(t *testing.T) {
			var out struct {
				Organisations struct {
					Edges []struct {
						Node struct {
							Collaborations struct {
								Edges []struct {
									Partner struct{ Name string }
								}
							}
						}
					}
				}
			}
			before := e.store.QueryCount()
			e.must(t, nestedQuery, map[string]any{"n": n}, &out)
			trips := e.store.QueryCount() - before
			if len(out.Organisations.Edges) != n {
				t.Fatalf("got %d organisations", len(out.Organisations.Edges))
			}
			partners := 0
			for _, o := range out.Organisations.Edges {
				partners += len(o.Node.Collaborations.Edges)
			}
			if partners == 0 {
				t.Fatal("no collaborations came back: the test would prove nothing")
			}
			if trips != nestedRoundTrips {
				t.Fatalf("%d organisations with %d partners took %d round trips, want %d", n, partners, trips, nestedRoundTrips)
			}
		})
	}
}
