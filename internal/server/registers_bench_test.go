package server_test

import (
	"fmt"
	"testing"
)

// The registers' read shapes and the registration mutation, over HTTP on
// the demo city, each with its round trips to Neo4j per request.

var registerQueries = []struct{ name, query string }{
	{"RecommendationsWithContributors", `{ recommendations(first: 14, orderBy: {field: CONTRIBUTORS}) { edges { node {
  code contributorCount theme { slug }
  contributions(first: 10) { edges { node { description organisation { name area { name } } } } }
  stories(first: 3) { edges { node { title organisations { name } } } } } } } }`},
	{"ContributionsByArea", `{ contributionsByArea { area { name } contributions organisations recommendations } }`},
	{"ChampionsNear", `{ championsNear(near: {point: {latitude: 52.453, longitude: -1.86}}, withinKm: 3) {
  distanceKm champion { person { name } areas { name } themes { slug } introductions(first: 3) { edges { node { ledToCollaboration organisations { name } } } } } } }`},
	{"ListingsExpiringAndUnderMoratorium", `{
  a: listings(filter: {expiringWithinDays: 90, asOf: "2026-11-01"}) { edges { node { reference asset { name area { name } } nominator { name } } } }
  b: listings(filter: {underMoratorium: true, asOf: "2026-11-01"}) { edges { node { reference moratoriumEnd asset { name } } } } }`},
	{"AvailableSpace", `{ availableSpace(near: {point: {latitude: 52.453, longitude: -1.86}}, withinKm: 3, people: 20, uses: [ACTIVITY]) {
  distanceKm asset { name capacity within { name } space { uses days times terms } } } }`},
	{"SpaceNeedsWithMatches", `{ spaceNeeds(first: 30) { edges { node { description organisation { name } matches(first: 5) { distanceKm asset { name } } } } } }`},
	{"SharedBuildings", `{ sharedBuildings(first: 20) { totalCount edges { node { organisationCount building { name rooms { name } } organisations { name } } } } }`},
	{"WhatWorked", `{ whatWorked(theme: "food", areaId: "area_62107298-86a7-52cf-8855-cc2d873b26fb") { edges { node { title outcome organisations { name } } } } }`},
	{"StrengthsOfAllWards", `{ strengths(first: 69) { edges { node { area { name } assets { category count } skilledPeople skills associations } } } }`},
}

func BenchmarkRegisterQueries(b *testing.B) {
	e := demoEnv(b)
	for _, q := range registerQueries {
		b.Run(q.name, func(b *testing.B) { benchmarkQuery(b, e, q.query, nil) })
	}
}

// BenchmarkRegisterContribution registers what one organisation does, again
// and again: after the first call each call matches the organisation on
// name and postcode and updates its contribution.
func BenchmarkRegisterContribution(b *testing.B) {
	e := demoEnv(b)
	var rec struct{ Recommendation *struct{ ID string } }
	e.must(b, `{ recommendation(code: "BENCH-01") { id } }`, nil, &rec)
	if rec.Recommendation == nil {
		e.must(b, `mutation { recommendation: createRecommendation(input: {code: "BENCH-01", title: "Benchmark"}) { id } }`, nil, &rec)
	}
	i := 0
	vars := func() map[string]any {
		i++
		return map[string]any{"in": map[string]any{
			"recommendationId": rec.Recommendation.ID, "description": fmt.Sprintf("run %d", i),
			"organisation": map[string]any{"name": "Zz Benchmark Neighbours", "kind": "COMMUNITY_GROUP", "postcode": "B12 9AA"},
		}}
	}
	e.must(b, registerMutation, vars(), nil)
	before := e.store.QueryCount()
	b.ResetTimer()
	for b.Loop() {
		e.must(b, registerMutation, vars(), nil)
	}
	b.ReportMetric(float64(e.store.QueryCount()-before)/float64(b.N), "roundtrips/op")
}
