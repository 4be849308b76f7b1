package server_test

import (
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

const searchQuery = `query($text: String!, $kinds: [SearchKind!], $f: SearchFilter, $first: Int) {
  search(text: $text, kinds: $kinds, filter: $f, first: $first) {
    score kind
    node {
      ... on Organisation { id name }
      ... on Asset { id name }
      ... on Partnership { id name }
      ... on Person { id name discoverable }
    }
  }
}`

type searchResult struct {
	Search []struct {
		Score float64
		Kind  string
		Node  struct {
			ID, Name     string
			Discoverable bool
		}
	}
}

func (r searchResult) names() []string {
	var out []string
	for _, h := range r.Search {
		out = append(out, h.Node.Name)
	}
	return out
}

// misspell swaps two letters in the middle of each long word.
func misspell(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if r := []rune(w); len(r) >= 6 {
			r[2], r[3] = r[3], r[2]
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

func TestSearchOverHTTP(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	// Every one of these demo organisations is found first by its name
	// with letters swapped in each long word.
	for _, o := range []civic.Organisation{c.Organisations[40], c.Organisations[120], c.Organisations[250], demoOrg(t, "Birmingham Food Justice Trust")} {
		var out searchResult
		text := misspell(o.Name)
		e.must(t, searchQuery, map[string]any{"text": text, "first": 5}, &out)
		if len(out.Search) == 0 || out.Search[0].Node.ID != o.ID || out.Search[0].Kind != "ORGANISATION" {
			t.Errorf("%q: found %v, want %s first", text, out.names(), o.Name)
		}
	}
	// People are found only if they agreed to be.
	var shy, open civic.Person
	for _, p := range c.People {
		if p.Discoverable && open.ID == "" {
			open = p
		}
		if !p.Discoverable && shy.ID == "" {
			shy = p
		}
	}
	var out searchResult
	e.must(t, searchQuery, map[string]any{"text": open.Name, "kinds": []string{"PERSON"}}, &out)
	if len(out.Search) == 0 || out.Search[0].Node.ID != open.ID || !out.Search[0].Node.Discoverable {
		t.Errorf("%s agreed to be found: %v", open.Name, out.names())
	}
	e.must(t, searchQuery, map[string]any{"text": shy.Name, "kinds": []string{"PERSON"}, "first": 100}, &out)
	for _, h := range out.Search {
		if h.Node.ID == shy.ID || !h.Node.Discoverable {
			t.Errorf("%s did not agree to be found, yet search returned %+v", shy.Name, h.Node)
		}
	}
	// Themes and kinds narrow the hits.
	e.must(t, searchQuery, map[string]any{"text": "community", "kinds": []string{"ASSET", "PARTNERSHIP"}, "f": map[string]any{"themes": []string{"food"}}, "first": 50}, &out)
	if len(out.Search) == 0 {
		t.Error("no food assets or partnerships called community")
	}
	for _, h := range out.Search {
		if h.Kind != "ASSET" && h.Kind != "PARTNERSHIP" {
			t.Errorf("hit of kind %s", h.Kind)
		}
	}
	r := e.mustFail(t, searchQuery, map[string]any{"text": "  ()  "}, "BAD_USER_INPUT")
	if !strings.Contains(r.Errors[0].Message, "text: must contain a word to search for") {
		t.Errorf("message %q", r.Errors[0].Message)
	}
	e.must(t, searchQuery, map[string]any{"text": `food AND (bank OR "hall`}, &out)
}

func TestNeedsAndConsentOverHTTP(t *testing.T) {
	e := demoEnv(t)
	var created struct {
		CreateOrganisation struct {
			ID    string
			Needs struct {
				AssetKinds []string
				Skills     []string
			}
		}
	}
	e.must(t, `mutation { createOrganisation(input: { name: "Kitts Green Pantry", kind: COMMUNITY_GROUP,
  needs: { assetKinds: [VEHICLE, ROOM], skills: ["Driving", "food-hygiene"] } }) { id needs { assetKinds skills } } }`, nil, &created)
	o := created.CreateOrganisation
	if strings.Join(o.Needs.AssetKinds, ",") != "VEHICLE,ROOM" || strings.Join(o.Needs.Skills, ",") != "driving,food-hygiene" {
		t.Errorf("needs = %+v", o.Needs)
	}
	var updated struct {
		UpdateOrganisation struct {
			Needs struct {
				AssetKinds []string
				Skills     []string
			}
		}
	}
	e.must(t, `mutation($id: ID!) { updateOrganisation(id: $id, input: { needs: { skills: ["bookkeeping"] } }) { needs { assetKinds skills } } }`,
		map[string]any{"id": o.ID}, &updated)
	if n := updated.UpdateOrganisation.Needs; len(n.AssetKinds) != 0 || strings.Join(n.Skills, ",") != "bookkeeping" {
		t.Errorf("updated needs = %+v", n)
	}
	e.mustFail(t, `mutation($id: ID!) { updateOrganisation(id: $id, input: { needs: { skills: ["Book Keeping!"] } }) { id } }`,
		map[string]any{"id": o.ID}, "BAD_USER_INPUT")

	// A person is found once they agree, and no longer once they withdraw.
	var person struct {
		CreatePerson struct {
			ID           string
			Discoverable bool
		}
	}
	e.must(t, `mutation { createPerson(input: { name: "Zephaniah Quist-Arcton", bio: "Treasurer.", email: "z.q@example.org" }) { id discoverable } }`, nil, &person)
	if person.CreatePerson.Discoverable {
		t.Error("a new person is discoverable without saying so")
	}
	found := func() bool {
		var out searchResult
		e.must(t, searchQuery, map[string]any{"text": "Zephaniah Quist-Arcton", "kinds": []string{"PERSON"}}, &out)
		for _, h := range out.Search {
			if h.Node.ID == person.CreatePerson.ID {
				return true
			}
		}
		return false
	}
	if found() {
		t.Error("found before agreeing")
	}
	consent := `mutation($id: ID!, $yes: Boolean!) { updatePerson(id: $id, input: { discoverable: $yes }) { discoverable } }`
	e.must(t, consent, map[string]any{"id": person.CreatePerson.ID, "yes": true}, nil)
	if !found() {
		t.Error("not found after agreeing")
	}
	e.must(t, consent, map[string]any{"id": person.CreatePerson.ID, "yes": false}, nil)
	if found() {
		t.Error("found after withdrawing")
	}
	// Consent to be found is not consent to be contacted: the public
	// never sees contact details.
	if r := e.postAs(t, anonymous, `query($id: ID!) { person(id: $id) { email } }`, map[string]any{"id": person.CreatePerson.ID}); string(r.Data) != `{"person":{"email":null}}` {
		t.Errorf("email is readable: %s %+v", r.Data, r.Errors)
	}
}
