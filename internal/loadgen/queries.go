package loadgen

import (
	"math/rand/v2"
)

// The mixed query set: what analysts, dashboards and champions ask of a
// city, weighted roughly by how often they would ask it. Queries that need
// IDs take them from the ones Run collects before the load starts.
var mix = []struct {
	name   string
	weight int
	query  string
	vars   func(r *rand.Rand, ids IDs) map[string]any
}{
	{"OrganisationWithPartners", 3, `query OrganisationWithPartners($id: ID!) {
  organisation(id: $id) { name kind area { name parent { name } } themes { slug }
    collaborations(first: 10) { totalCount edges { node { intensity since active }
      partner { name collaborations(first: 5) { edges { partner { name } } } } } }
    partnerships { edges { role node { name } } }
    people(first: 5) { edges { role node { name skills } } } } }`,
		func(r *rand.Rand, ids IDs) map[string]any { return map[string]any{"id": pick(r, ids.Organisations)} }},
	{"CharitiesByTheme", 3, `query CharitiesByTheme($theme: String!) {
  organisations(first: 20, filter: { kinds: [CHARITY, COMMUNITY_GROUP], themes: [$theme] }) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name area { name } themes { slug } } } } }`,
		func(r *rand.Rand, ids IDs) map[string]any { return map[string]any{"theme": pick(r, ids.Themes)} }},
	{"WardDashboard", 2, `query WardDashboard($area: ID!) {
  area(id: $area) { name organisations(first: 50) { totalCount edges { node { name kind } } } } }`,
		func(r *rand.Rand, ids IDs) map[string]any { return map[string]any{"area": pick(r, ids.Areas)} }},
	{"StrongCollaborations", 2, `query StrongCollaborations {
  collaborations(first: 50, filter: { minIntensity: COORDINATION }) {
    totalCount edges { node { intensity since from { name } to { name } } } } }`, nil},
	{"ShareableAssets", 2, `query ShareableAssets {
  assets(first: 30, filter: { shareable: true }) { totalCount edges { node { name kind category
    stewards { edges { role node { name } } } } } } }`, nil},
	{"PeopleWithSkills", 2, `query PeopleWithSkills($skill: String!) {
  people(first: 20, filter: { skills: [$skill] }) { totalCount edges { node { name skills area { name }
    organisations { edges { role node { name } } } } } } }`,
		func(r *rand.Rand, _ IDs) map[string]any {
			return map[string]any{"skill": pick(r, []string{"bookkeeping", "first-aid", "cooking", "driving", "gardening"})}
		}},
	{"LookUpById", 2, `query LookUpById($id: ID!) { node(id: $id) { id ... on Organisation { name kind } } }`,
		func(r *rand.Rand, ids IDs) map[string]any { return map[string]any{"id": pick(r, ids.Organisations)} }},
	{"Themes", 1, `query Themes { themes(first: 50) { totalCount edges { node { slug name } } } }`, nil},
}

// IDs are the identifiers queries pick from.
type IDs struct {
	Organisations, Areas, Themes []string
}

// idsQuery collects them.
const idsQuery = `{
  organisations(first: 200) { edges { node { id } } }
  areas(first: 100, filter: { kinds: [WARD] }) { edges { node { id } } }
  themes(first: 50) { edges { node { slug } } }
}`

func pick(r *rand.Rand, from []string) string {
	if len(from) == 0 {
		return ""
	}
	return from[r.IntN(len(from))]
}

// next picks a query of the mix by weight.
func next(r *rand.Rand) int {
	total := 0
	for _, q := range mix {
		total += q.weight
	}
	n := r.IntN(total)
	for i, q := range mix {
		if n < q.weight {
			return i
		}
		n -= q.weight
	}
	return 0
}
