// Package bench compares civicgraph with the floor (the same answers from
// hand-written Cypher through the Go driver, no GraphQL) and with
// @neo4j/graphql, on the same Neo4j and the same synthetic city.
//
// Each query of the benchmark is one entry in Queries: a GraphQL document
// for civicgraph, the equivalent for @neo4j/graphql, the floor's Cypher,
// and how to pick its variables. The floor's Cypher returns the very JSON
// that civicgraph answers, so one normaliser serves both; @neo4j/graphql's
// answer is mapped onto that shape by the entry's Neo4jGraphQL normaliser.
package bench

import (
	"math/rand/v2"
)

// Query is one query of the benchmark, asked of every system.
type Query struct {
	Name        string
	Description string
	// Pending, when set, says why the query cannot run yet (civicgraph
	// does not have the field); the runner lists it and skips it.
	Pending string
	// Civic is the GraphQL document sent to civicgraph.
	Civic string
	// Neo4jGraphQL is the equivalent document for @neo4j/graphql.
	Neo4jGraphQL string
	// Floor is the Cypher of the floor. It returns one row with one
	// column, data, shaped like civicgraph's data.
	Floor string
	// Vars picks the variables of one request; every system gets the same.
	Vars func(p *Params, r *rand.Rand) map[string]any
	// FromNeo4jGraphQL maps @neo4j/graphql's data onto civicgraph's shape.
	FromNeo4jGraphQL func(data any) any
	// Weight is the query's share of the mixed workload: lookups are
	// frequent, whole-city dashboards rare.
	Weight int
}

// Params are the values requests draw their variables from, read from the
// loaded city so that every request asks about something that exists.
type Params struct {
	OrgIDs  []string // a deterministic sample of organisations
	WardIDs []string
	Themes  []string // theme slugs
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Queries is the benchmark's query mix. Adding a query is adding an entry.
var Queries = []Query{
	{
		Name:         "organisation",
		Description:  "an organisation by id with two levels of collaborators (10 partners, then 5 of each partner's)",
		Civic:        civicOrganisation,
		Neo4jGraphQL: neoOrganisation,
		Floor:        floorOrganisation,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			return map[string]any{"id": pick(r, p.OrgIDs)}
		},
		FromNeo4jGraphQL: fromNeoOrganisation,
		Weight:           10,
	},
	{
		Name:         "page",
		Description:  "a page of 50 organisations filtered by two themes and a ward, with area, themes and 3 collaborations each",
		Civic:        civicPage,
		Neo4jGraphQL: neoPage,
		Floor:        floorPage,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			i := r.IntN(len(p.Themes))
			j := (i + 1 + r.IntN(len(p.Themes)-1)) % len(p.Themes)
			return map[string]any{"themes": []string{p.Themes[i], p.Themes[j]}, "area": pick(r, p.WardIDs)}
		},
		FromNeo4jGraphQL: fromNeoPage,
		Weight:           5,
	},
	{
		Name:         "dashboard",
		Description:  "a grouped aggregate: for every ward, its organisations and those working on one theme",
		Civic:        civicDashboard,
		Neo4jGraphQL: neoDashboard,
		Floor:        floorDashboard,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			return map[string]any{"theme": pick(r, p.Themes)}
		},
		FromNeo4jGraphQL: fromNeoDashboard,
		Weight:           1,
	},
	{
		Name:        "nearby",
		Description: "organisations within 2 km of an organisation that work on a theme, nearest first",
		Pending:     "civicgraph has no nearbyPartners field yet; fill in Civic and FromNeo4jGraphQL when it lands",
		Neo4jGraphQL: `query Nearby($id: ID!, $theme: String!) {
  nearbyPartners(id: $id, km: 2.0, theme: $theme, limit: 20) { id name }
}`,
		Floor: `MATCH (o:Organisation {id: $id}) WHERE o.deletedAt IS NULL
CALL (o) {
  MATCH (n:Organisation)-[:HAS_THEME]->(:Theme {slug: $theme})
  WHERE n <> o AND n.deletedAt IS NULL AND point.distance(n.location, o.location) <= 2000
  WITH n ORDER BY point.distance(n.location, o.location) ASC, n.id ASC LIMIT 20
  RETURN collect({id: n.id, name: n.name}) AS partners
}
RETURN {nearbyPartners: partners} AS data`,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			return map[string]any{"id": pick(r, p.OrgIDs), "theme": pick(r, p.Themes)}
		},
		Weight: 2,
	},
	{
		Name:        "path",
		Description: "a shortest collaboration path between two organisations",
		Pending:     "civicgraph has no path field yet; fill in Civic and FromNeo4jGraphQL when it lands",
		Neo4jGraphQL: `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to) { id name }
}`,
		Floor: `MATCH (a:Organisation {id: $from}), (b:Organisation {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[:COLLABORATES_WITH*..6]-(b))
RETURN {path: [n IN coalesce(nodes(p), []) | {id: n.id, name: n.name}]} AS data`,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			return map[string]any{"from": pick(r, p.OrgIDs), "to": pick(r, p.OrgIDs)}
		},
		Weight: 1,
	},
}

// Enabled returns the queries that can run now.
func Enabled() []Query {
	var out []Query
	for _, q := range Queries {
		if q.Pending == "" {
			out = append(out, q)
		}
	}
	return out
}
