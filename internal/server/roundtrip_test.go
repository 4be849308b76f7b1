package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
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

// nestedRoundTrips is what nestedQuery costs: the page (with each
// organisation's area and themes), then the collaborations with their
// partners (with theirs) and the partners' own collaborations, read together.
const nestedRoundTrips = 2

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

// TestPartnersCollaborationsReadAhead checks that reading two levels of
// collaborations in one round trip answers exactly what reading them level
// by level does. A filter on the partners' collaborations (here one that
// keeps everything) turns the read-ahead off.
func TestPartnersCollaborationsReadAhead(t *testing.T) {
	e := demoEnv(t)
	const query = `query($n: Int!, $m: Int) {
  organisations(first: $n, filter: { kinds: [COUNCIL, CHARITY] }) { edges { node {
    name
    collaborations(first: 4, filter: { minIntensity: COOPERATION }) { totalCount edges {
      node { id intensity since }
      partner { name collaborations(first: $m%s) { totalCount pageInfo { hasNextPage } edges { node { id } partner { name } } } }
    } }
  } } }
}`
	vars := map[string]any{"n": 20, "m": 3}
	var ahead, levelByLevel any
	before := e.store.QueryCount()
	e.must(t, fmt.Sprintf(query, ""), vars, &ahead)
	aheadTrips := e.store.QueryCount() - before
	before = e.store.QueryCount()
	e.must(t, fmt.Sprintf(query, ", filter: {}"), vars, &levelByLevel)
	levelTrips := e.store.QueryCount() - before
	a, _ := json.Marshal(ahead)
	b, _ := json.Marshal(levelByLevel)
	if string(a) != string(b) {
		t.Fatalf("answers differ:\nread ahead:     %.600s\nlevel by level: %.600s", a, b)
	}
	if !strings.Contains(string(a), `"hasNextPage":true`) {
		t.Fatalf("no partner has more than 3 collaborations: the test would prove little: %.300s", a)
	}
	if aheadTrips != 2 || levelTrips != 3 {
		t.Fatalf("round trips: %d read ahead, %d level by level; want 2 and 3", aheadTrips, levelTrips)
	}
}

// TestAreasComeWithOrganisations checks that organisations' areas cost no
// round trip of their own and that the areas' parents are still fetched
// for all of them at once.
func TestAreasComeWithOrganisations(t *testing.T) {
	e := demoEnv(t)
	var out struct {
		Organisations struct {
			Edges []struct {
				Node struct {
					Area *struct {
						Name   string
						Parent *struct{ Name string }
					}
					Themes []struct{ Slug string }
				}
			}
		}
	}
	before := e.store.QueryCount()
	e.must(t, `{ organisations(first: 100) { edges { node { area { name parent { name } } themes { slug } } } } }`, nil, &out)
	if trips := e.store.QueryCount() - before; trips != 2 {
		t.Fatalf("%d round trips, want 2: the page, then the areas' parents", trips)
	}
	withParent, withThemes := 0, 0
	for _, o := range out.Organisations.Edges {
		if o.Node.Area != nil && o.Node.Area.Parent != nil && o.Node.Area.Parent.Name == "Birmingham" {
			withParent++
		}
		if len(o.Node.Themes) > 0 {
			withThemes++
		}
	}
	if withParent < 50 || withThemes < 50 {
		t.Fatalf("of %d organisations, %d have an area within Birmingham and %d have themes", len(out.Organisations.Edges), withParent, withThemes)
	}
}

// TestOrganisationWithNetworkInOneRoundTrip checks that an organisation
// with two levels of collaborators costs one round trip, and answers what
// reading it level by level answers.
func TestOrganisationWithNetworkInOneRoundTrip(t *testing.T) {
	e := demoEnv(t)
	var hub struct {
		Organisations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.must(t, `{ organisations(first: 1, filter: { nameContains: "Birmingham Community Action" }) { edges { node { id } } } }`, nil, &hub)
	if len(hub.Organisations.Edges) != 1 {
		t.Fatal("the demo hub is missing")
	}
	const query = `query($id: ID!) {
  organisation(id: $id) {
    name area { name parent { name } } themes { slug }
    collaborations(first: 10) { totalCount edges {
      node { id intensity since }
      partner { name kind collaborations(first: 5%s) { totalCount edges { node { id } partner { name } } } }
    } }
  }
}`
	vars := map[string]any{"id": hub.Organisations.Edges[0].Node.ID}
	var ahead, levelByLevel any
	before := e.store.QueryCount()
	e.must(t, fmt.Sprintf(query, ""), vars, &ahead)
	aheadTrips := e.store.QueryCount() - before
	before = e.store.QueryCount()
	e.must(t, fmt.Sprintf(query, ", filter: {}"), vars, &levelByLevel)
	levelTrips := e.store.QueryCount() - before
	a, _ := json.Marshal(ahead)
	b, _ := json.Marshal(levelByLevel)
	if string(a) != string(b) {
		t.Fatalf("answers differ:\nat once:        %.600s\nlevel by level: %.600s", a, b)
	}
	if !strings.Contains(string(a), `"totalCount"`) || strings.Count(string(a), `"partner"`) < 20 {
		t.Fatalf("too little network came back to prove anything: %.300s", a)
	}
	// At once: the organisation with everything, then the area's parent.
	// Level by level: the organisation, its collaborations, the partners'.
	if aheadTrips != 2 || levelTrips != 4 {
		t.Fatalf("round trips: %d at once, %d level by level; want 2 and 4", aheadTrips, levelTrips)
	}
}

// TestSlimPartnersAnswerAreaAndThemes checks the partners read without
// their area and themes, when a two-level read sees nobody ask for them:
// asked at one level only, and asked of a slim partner page that another
// field of the same request reuses, areas and themes are what reading
// level by level gives.
func TestSlimPartnersAnswerAreaAndThemes(t *testing.T) {
	e := demoEnv(t)
	var hub struct {
		Organisation *struct {
			ID             string
			Collaborations struct {
				Edges []struct{ Partner struct{ ID string } }
			}
		}
		Organisations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.must(t, `{ organisations(first: 1, filter: { nameContains: "Birmingham Community Action" }) { edges { node { id } } } }`, nil, &hub)
	if len(hub.Organisations.Edges) != 1 {
		t.Fatal("the demo hub is missing")
	}
	id := hub.Organisations.Edges[0].Node.ID
	const levels = `query($id: ID!) {
  organisation(id: $id) { collaborations(first: 10) { edges {
    partner { name %s collaborations(first: 5%s) { edges { partner { name %s } } } }
  } } }
}`
	const place = "area { name } themes { slug }"
	for _, c := range []struct{ first, second string }{{place, ""}, {"", place}} {
		var ahead, levelByLevel any
		e.must(t, fmt.Sprintf(levels, c.first, "", c.second), map[string]any{"id": id}, &ahead)
		e.must(t, fmt.Sprintf(levels, c.first, ", filter: {}", c.second), map[string]any{"id": id}, &levelByLevel)
		a, _ := json.Marshal(ahead)
		b, _ := json.Marshal(levelByLevel)
		if string(a) != string(b) {
			t.Fatalf("answers differ:\nat once:        %.600s\nlevel by level: %.600s", a, b)
		}
		if !strings.Contains(string(a), `"area":{"name"`) || !strings.Contains(string(a), `"slug"`) {
			t.Fatalf("no area or theme came back: %.300s", a)
		}
	}

	// One level: the same partners, with their areas when asked.
	const one = `query($id: ID!) { organisation(id: $id) { collaborations(first: 10) { edges { partner { id name %s } } } } }`
	var slim, whole struct {
		Organisation struct {
			Collaborations struct {
				Edges []struct {
					Partner struct {
						ID   string
						Area *struct{ Name string }
					}
				}
			}
		}
	}
	e.must(t, fmt.Sprintf(one, ""), map[string]any{"id": id}, &slim)
	e.must(t, fmt.Sprintf(one, place), map[string]any{"id": id}, &whole)
	if len(slim.Organisation.Collaborations.Edges) != len(whole.Organisation.Collaborations.Edges) || len(whole.Organisation.Collaborations.Edges) == 0 {
		t.Fatalf("%d partners read slim, %d whole", len(slim.Organisation.Collaborations.Edges), len(whole.Organisation.Collaborations.Edges))
	}
	for i, w := range whole.Organisation.Collaborations.Edges {
		if slim.Organisation.Collaborations.Edges[i].Partner.ID != w.Partner.ID || w.Partner.Area == nil {
			t.Fatalf("partner %d: %s slim, %+v whole", i, slim.Organisation.Collaborations.Edges[i].Partner.ID, w.Partner)
		}
	}

	// The first field reads its partners' pages slim, beside a second
	// field that asks for the same pages with the partners' areas: they
	// must still be there, in whichever order the two fields run.
	e.must(t, `query($id: ID!) { organisation(id: $id) { id collaborations(first: 10) { edges { partner { id } } } } }`, map[string]any{"id": id}, &hub)
	partner := hub.Organisation.Collaborations.Edges[0].Partner.ID
	const both = `query($id: ID!, $partner: ID!) {
  a: organisation(id: $id) { collaborations(first: 10) { edges { partner { id collaborations(first: 5) { edges { partner { id name } } } } } } }
  b: organisation(id: $partner) { collaborations(first: 5) { edges { partner { id ` + place + ` } } } }
}`
	const alone = `query($partner: ID!) { b: organisation(id: $partner) { collaborations(first: 5) { edges { partner { id ` + place + ` } } } } }`
	var want struct{ B any }
	e.must(t, alone, map[string]any{"partner": partner}, &want)
	w, _ := json.Marshal(want.B)
	if !strings.Contains(string(w), `"area":{"name"`) {
		t.Fatalf("the partner's partners have no areas: the test would prove nothing: %.300s", w)
	}
	for i := 0; i < 20; i++ {
		var got struct{ B any }
		e.must(t, both, map[string]any{"id": id, "partner": partner}, &got)
		if g, _ := json.Marshal(got.B); string(g) != string(w) {
			t.Fatalf("beside a slim read:\n%.600s\nalone:\n%.600s", g, w)
		}
	}
}
