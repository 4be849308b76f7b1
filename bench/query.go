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
	// Compared, when set, maps every system's answer (in civicgraph's
	// shape) to the part that must be equal, for queries whose right
	// answer is not unique; unset, the whole answer is compared.
	Compared func(data any) any
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
	Points  []Point  // the locations of a sample of organisations
}

// Point is a place to search around.
type Point struct{ Latitude, Longitude float64 }

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
		Name:         "nearby",
		Description:  "the 20 organisations nearest a point within 2 km that work on a theme, with their distances",
		Civic:        civicNearby,
		Neo4jGraphQL: neoNearby,
		Floor:        floorNearby,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			c := pick(r, p.Points)
			return map[string]any{"lat": c.Latitude, "lon": c.Longitude, "theme": pick(r, p.Themes)}
		},
		FromNeo4jGraphQL: fromNeoNearby,
		Weight:           2,
	},
	{
		Name:         "path",
		Description:  "a shortest path of at most 6 collaborations between two organisations",
		Civic:        civicPath,
		Neo4jGraphQL: neoPath,
		Floor:        floorPath,
		Vars: func(p *Params, r *rand.Rand) map[string]any {
			i := r.IntN(len(p.OrgIDs))
			j := (i + 1 + r.IntN(len(p.OrgIDs)-1)) % len(p.OrgIDs)
			return map[string]any{"from": p.OrgIDs[i], "to": p.OrgIDs[j]}
		},
		FromNeo4jGraphQL: fromNeoPath,
		Compared:         pathCompared,
		Weight:           1,
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
