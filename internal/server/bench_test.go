package server_test

import (
	"testing"
)

// The two core read shapes of the issue, over HTTP on the demo city. Each
// reports round trips to Neo4j per request beside the time.

const orgWithTwoLevels = `query($id: ID!) {
  organisation(id: $id) {
    name kind area { name }
    collaborations(first: 10) { totalCount edges {
      node { intensity since until }
      partner { name kind collaborations(first: 10) { totalCount edges { node { intensity } partner { name kind } } } }
    } }
  }
}`

const pageOf50 = `{
  organisations(first: 50, filter: { kinds: [CHARITY, COMMUNITY_GROUP, SOCIAL_ENTERPRISE, INFORMAL_GROUP] }) {
    totalCount
    edges { cursor node {
      name kind orgId postcode location { latitude longitude }
      area { name parent { name } }
      themes { slug name }
      collaborations(first: 5) { totalCount edges { node { intensity since } partner { name } } }
      partnerships(first: 5) { edges { role node { name } } }
      assets(first: 5) { edges { role node { name category } } }
      people(first: 5) { edges { role node { name } } }
    } }
  }
}`

func BenchmarkOrganisationWithTwoLevelsOfCollaborators(b *testing.B) {
	e := demoEnv(b)
	var hub struct {
		Organisations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.must(b, `{ organisations(first: 1, filter: { nameContains: "Birmingham Community Action" }) { edges { node { id } } } }`, nil, &hub)
	if len(hub.Organisations.Edges) != 1 {
		b.Fatal("the demo hub is missing")
	}
	vars := map[string]any{"id": hub.Organisations.Edges[0].Node.ID}
	benchmarkQuery(b, e, orgWithTwoLevels, vars)
}

func BenchmarkPageOf50OrganisationsWithNestedFields(b *testing.B) {
	benchmarkQuery(b, demoEnv(b), pageOf50, nil)
}

func benchmarkQuery(b *testing.B, e *env, query string, vars map[string]any) {
	e.must(b, query, vars, nil) // warm the query plans
	before := e.store.QueryCount()
	b.ResetTimer()
	for b.Loop() {
		e.must(b, query, vars, nil)
	}
	b.ReportMetric(float64(e.store.QueryCount()-before)/float64(b.N), "roundtrips/op")
}
