package server_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestRecommendationsAndGaps(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	codeOf := map[string]string{}
	for _, r := range c.Registers.Recommendations {
		codeOf[r.ID] = r.Code
	}
	want := map[string]int{}
	for _, x := range c.Registers.Contributions {
		want[codeOf[x.RecommendationID]]++
	}
	var wantGaps []string
	for _, r := range c.Registers.Recommendations {
		if want[r.Code] == 0 {
			wantGaps = append(wantGaps, r.Code)
		}
	}

	type recs struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				Code             string
				ContributorCount int
				Contributions    struct{ TotalCount int }
			}
		}
	}
	var out struct{ All, Gaps, Ordered recs }
	e.must(t, `{
  all: recommendations(first: 100, filter: {textContains: "si-"}) { totalCount edges { node { code contributorCount contributions { totalCount } } } }
  gaps: recommendations(filter: {maxContributors: 0, textContains: "SI-"}) { totalCount edges { node { code } } }
  ordered: recommendations(first: 100, filter: {textContains: "SI-"}, orderBy: {field: CONTRIBUTORS, direction: DESC}) { edges { node { code contributorCount } } }
}`, nil, &out)
	if out.All.TotalCount != len(c.Registers.Recommendations) {
		t.Fatalf("%d recommendations, want %d", out.All.TotalCount, len(c.Registers.Recommendations))
	}
	for _, ed := range out.All.Edges {
		n := ed.Node
		if n.ContributorCount != want[n.Code] || n.Contributions.TotalCount != want[n.Code] {
			t.Errorf("%s: %d contributors, %d contributions; want %d", n.Code, n.ContributorCount, n.Contributions.TotalCount, want[n.Code])
		}
	}
	var gaps []string
	for _, ed := range out.Gaps.Edges {
		gaps = append(gaps, ed.Node.Code)
	}
	if !slices.Equal(gaps, wantGaps) || len(gaps) == 0 {
		t.Errorf("gaps %v, want %v", gaps, wantGaps)
	}
	for i := 1; i < len(out.Ordered.Edges); i++ {
		if a, b := out.Ordered.Edges[i-1].Node, out.Ordered.Edges[i].Node; a.ContributorCount < b.ContributorCount {
			t.Errorf("most supported first: %s (%d) before %s (%d)", a.Code, a.ContributorCount, b.Code, b.ContributorCount)
		}
	}

	r := e.post(t, `{ recommendation(id: "rec_x", code: "SI-01") { code } }`, nil)
	if r.code() != "BAD_USER_INPUT" {
		t.Errorf("both id and code: %+v", r.Errors)
	}
	r = e.post(t, `{ recommendations(filter: {maxContributors: -1}) { totalCount } }`, nil)
	if r.code() != "BAD_USER_INPUT" || !slices.Equal(fieldsOfError(r), []string{"filter.maxContributors"}) {
		t.Errorf("negative maxContributors: %+v", r.Errors)
	}
}

func TestContributionsByArea(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	areaOf, name := map[string]string{}, map[string]string{}
	for _, o := range c.Organisations {
		areaOf[o.ID] = o.AreaID
	}
	for _, a := range c.Areas {
		name[a.ID] = a.Name
	}
	type count struct{ contributions, organisations, recommendations int }
	orgs, recs := map[string]map[string]bool{}, map[string]map[string]bool{}
	want := map[string]count{}
	for _, x := range c.Registers.Contributions {
		w := name[areaOf[x.OrganisationID]]
		if orgs[w] == nil {
			orgs[w], recs[w] = map[string]bool{}, map[string]bool{}
		}
		orgs[w][x.OrganisationID], recs[w][x.RecommendationID] = true, true
		want[w] = count{want[w].contributions + 1, len(orgs[w]), len(recs[w])}
	}
	var out struct {
		ContributionsByArea []struct {
			Area                                          struct{ Name string }
			Contributions, Organisations, Recommendations int
		}
	}
	e.must(t, `{ contributionsByArea { area { name } contributions organisations recommendations } }`, nil, &out)
	if len(out.ContributionsByArea) != 69 {
		t.Fatalf("%d wards, want 69", len(out.ContributionsByArea))
	}
	for i, a := range out.ContributionsByArea {
		if got := (count{a.Contributions, a.Organisations, a.Recommendations}); got != want[a.Area.Name] {
			t.Errorf("%s: %+v, want %+v", a.Area.Name, got, want[a.Area.Name])
		}
		if i > 0 && a.Contributions > out.ContributionsByArea[i-1].Contributions {
			t.Errorf("not most first at %s", a.Area.Name)
		}
	}
	// The list of one ward's contributions agrees.
	top := out.ContributionsByArea[0]
	var wardID string
	for id, n := range name {
		if n == top.Area.Name {
			wardID = id
		}
	}
	var list struct{ Contributions struct{ TotalCount int } }
	e.must(t, `query($w: ID!) { contributions(filter: {areaIds: [$w]}) { totalCount } }`, map[string]any{"w": wardID}, &list)
	if list.Contributions.TotalCount != top.Contributions {
		t.Errorf("contributions in %s: %d, want %d", top.Area.Name, list.Contributions.TotalCount, top.Contributions)
	}
}

const registerMutation = `mutation($in: RegisterContributionInput!) { registerContribution(input: $in) {
  organisationCreated contributionCreated
  organisation { id name postcode orgId }
  contribution { id description since recommendation { code contributorCount } organisation { name } }
} }`

type registration struct {
	RegisterContribution struct {
		OrganisationCreated, ContributionCreated bool
		Organisation                             struct{ ID, Name, Postcode, OrgID string }
		Contribution                             struct {
			ID, Description, Since string
			Recommendation         struct {
				Code             string
				ContributorCount int
			}
		}
	}
}

func TestRegisterContribution(t *testing.T) {
	e := demoEnv(t)
	var rec struct{ CreateRecommendation struct{ ID, Code string } }
	e.must(t, `mutation { createRecommendation(input: {code: "t-reg-01", title: "A recommendation of this test", theme: "food"}) { id code } }`, nil, &rec)
	recID := rec.CreateRecommendation.ID
	if rec.CreateRecommendation.Code != "T-REG-01" {
		t.Fatalf("code %q", rec.CreateRecommendation.Code)
	}
	in := func(org map[string]any, what string) map[string]any {
		return map[string]any{"in": map[string]any{"recommendationId": recID, "organisation": org, "description": what, "since": "2023-04-01"}}
	}
	group := map[string]any{"name": uniqueName(t, "Tenants"), "kind": "COMMUNITY_GROUP", "postcode": "b11 4bw"}
	var first, second registration
	e.must(t, registerMutation, in(group, "Coffee mornings"), &first)
	f := first.RegisterContribution
	if !f.OrganisationCreated || !f.ContributionCreated || f.Organisation.Postcode != "B11 4BW" || f.Contribution.Recommendation.ContributorCount != 1 {
		t.Fatalf("first registration %+v", f)
	}
	// Again, with the name in other case: the same organisation, the contribution updated.
	group["name"] = strings.ToUpper(group["name"].(string))
	e.must(t, registerMutation, in(group, "Coffee mornings and a lunch club"), &second)
	s := second.RegisterContribution
	if s.OrganisationCreated || s.ContributionCreated || s.Organisation.ID != f.Organisation.ID || s.Contribution.ID != f.Contribution.ID ||
		s.Contribution.Description != "Coffee mornings and a lunch club" || s.Contribution.Recommendation.ContributorCount != 1 {
		t.Fatalf("second registration %+v", s)
	}

	// Many clients at once, half naming the new organisation by org-id:
	// one organisation, one contribution.
	const n = 8
	var wg sync.WaitGroup
	results := make([]registration, n)
	statuses := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			org := map[string]any{"name": uniqueName(t, "Allotment Society"), "kind": "CHARITY", "postcode": "B30 2AA"}
			if i%2 == 0 {
				org["orgId"] = "GB-CHC-7654321"
			}
			r := e.post(t, registerMutation, in(org, fmt.Sprintf("call %d", i)))
			statuses[i] = r.Status
			if len(r.Errors) == 0 {
				_ = jsonInto(r.Data, &results[i])
			}
		}()
	}
	wg.Wait()
	created := 0
	for i, res := range results {
		if statuses[i] != http.StatusOK || res.RegisterContribution.Organisation.ID == "" {
			t.Fatalf("call %d: status %d, %+v", i, statuses[i], res)
		}
		if res.RegisterContribution.OrganisationCreated {
			created++
		}
		if res.RegisterContribution.Organisation.ID != results[0].RegisterContribution.Organisation.ID {
			t.Fatalf("call %d recorded another organisation", i)
		}
	}
	var check struct {
		Organisations  struct{ TotalCount int }
		Recommendation struct {
			ContributorCount int
		}
	}
	e.must(t, `query($name: String!, $id: ID!) { organisations(filter: {nameContains: $name}) { totalCount } recommendation(id: $id) { contributorCount } }`,
		map[string]any{"name": uniqueName(t, "Allotment Society"), "id": recID}, &check)
	if created != 1 || check.Organisations.TotalCount != 1 || check.Recommendation.ContributorCount != 2 {
		t.Fatalf("%d calls created the organisation; %d organisations; %d contributors; want 1, 1, 2", created, check.Organisations.TotalCount, check.Recommendation.ContributorCount)
	}

	// node(id) finds the contribution; withdrawing hides it.
	var node struct {
		Node struct {
			Typename    string `json:"__typename"`
			Description string
		}
	}
	e.must(t, `query($id: ID!) { node(id: $id) { __typename ... on Contribution { description } } }`, map[string]any{"id": f.Contribution.ID}, &node)
	if node.Node.Typename != "Contribution" || node.Node.Description != "Coffee mornings and a lunch club" {
		t.Fatalf("node %+v", node)
	}

	bad := []struct {
		name   string
		vars   map[string]any
		code   string
		fields []string
	}{
		{"unknown recommendation", map[string]any{"in": map[string]any{"recommendationId": civic.NewID(civic.KindRecommendation),
			"organisation": map[string]any{"id": f.Organisation.ID}, "description": "x"}}, "NOT_FOUND", []string{"recommendationId"}},
		{"unknown organisation", in(map[string]any{"id": civic.NewID(civic.KindOrganisation)}, "x"), "NOT_FOUND", []string{"organisation.id"}},
		{"no kind for a new organisation", in(map[string]any{"name": "Nobody Yet", "postcode": "B1 1AA"}, "x"), "BAD_USER_INPUT", []string{"organisation.kind"}},
		{"no postcode or org-id", in(map[string]any{"name": "Nobody Yet", "kind": "CHARITY"}, "x"), "BAD_USER_INPUT", []string{"organisation.postcode"}},
		{"blank description and a bad link", map[string]any{"in": map[string]any{"recommendationId": recID,
			"organisation": map[string]any{"id": f.Organisation.ID}, "description": " ", "evidenceUrl": "nope"}}, "BAD_USER_INPUT", []string{"description", "evidenceUrl"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := e.mustFail(t, registerMutation, tt.vars, tt.code)
			if tt.fields != nil && !slices.Equal(fieldsOfError(r), tt.fields) {
				t.Errorf("fields %v, want %v", fieldsOfError(r), tt.fields)
			}
		})
	}
	e.mustFail(t, `mutation { createRecommendation(input: {code: "T-REG-01", title: "Again"}) { id } }`, nil, "CONFLICT")
	e.mustFail(t, `mutation { createRecommendation(input: {code: "not a code", title: "x"}) { id } }`, nil, "BAD_USER_INPUT")
	e.mustFail(t, `mutation($id: ID!) { withdrawContribution(id: $id) { id } }`, map[string]any{"id": civic.NewID(civic.KindContribution)}, "NOT_FOUND")
	var w struct{ WithdrawContribution struct{ ID string } }
	e.must(t, `mutation($id: ID!) { withdrawContribution(id: $id) { id deletedAt } }`, map[string]any{"id": f.Contribution.ID}, &w)
	var gone struct{ Node *struct{ ID string } }
	e.must(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": f.Contribution.ID}, &gone)
	if gone.Node != nil {
		t.Fatalf("a withdrawn contribution is still found: %+v", gone.Node)
	}
}
