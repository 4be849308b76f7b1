package server_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The write side of the API over HTTP. Every test writes records of its own
// (named after the test) and never touches the demo city's, which other
// tests read; a bad input must answer with its code and write nothing.

// withFields returns a copy of base with the given fields replaced.
func withFields(base map[string]any, fields map[string]any) map[string]any {
	out := maps.Clone(base)
	maps.Copy(out, fields)
	return out
}

// recent fails tb unless s is an RFC 3339 instant within a few minutes of now.
func recent(tb testing.TB, what, s string) time.Time {
	tb.Helper()
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || time.Since(ts).Abs() > 5*time.Minute {
		tb.Errorf("%s %q is not a recent RFC 3339 instant (%v)", what, s, err)
	}
	return ts
}

// cypherRow runs a read query straight on Neo4j and returns its first row.
func cypherRow(tb testing.TB, e *env, query string, params map[string]any) map[string]any {
	tb.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), query, params, bolt.EagerResultTransformer,
		bolt.ExecuteQueryWithDatabase(e.store.Database()))
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	if len(res.Records) == 0 {
		tb.Fatalf("%s: no rows", query)
	}
	return res.Records[0].AsMap()
}

// todayUTC is the current calendar day in UTC, the day the service calls today.
func todayUTC() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func daysFromToday(n int) string { return todayUTC().AddDate(0, 0, n).Format(time.DateOnly) }

func slugsOf(themes []struct{ Slug string }) []string {
	out := make([]string, len(themes))
	for i, t := range themes {
		out[i] = t.Slug
	}
	return out
}

const orgFields = `id name kind orgId description website postcode address location { latitude longitude } area { id } themes { slug } source createdAt updatedAt`

type orgOut struct {
	ID, Name, Kind, OrgID, Description, Website, Postcode, Address, Source, CreatedAt, UpdatedAt string
	Location                                                                                     *geo
	Area                                                                                         *ref
	Themes                                                                                       []struct{ Slug string }
}

const (
	createOrg = `mutation($in: CreateOrganisationInput!) { createOrganisation(input: $in) { ` + orgFields + ` } }`
	updateOrg = `mutation($id: ID!, $in: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $in) { ` + orgFields + ` } }`
	deleteOrg = `mutation($id: ID!) { deleteOrganisation(id: $id) { id deletedAt } }`
	readOrg   = `query($id: ID!) { organisation(id: $id) { ` + orgFields + ` } }`
)

func TestOrganisationMutations(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	area, otherArea := newArea(t, e, "DISTRICT", ""), newArea(t, e, "DISTRICT", "")
	theme, otherTheme := newTheme(t, e), newTheme(t, e)
	name := unique(t, "Test Pantry")
	orgID := uniqueOrgID()
	input := map[string]any{
		"name": "  " + name + " ", "kind": "CHARITY", "orgId": " " + strings.ToLower(orgID) + " ",
		"description": "Weekly pantry\nand advice.", "website": "https://pantry.example.org",
		"postcode": "b11  4bw", "address": "1 Test Street, Birmingham",
		"location": map[string]any{"latitude": 52.4531, "longitude": -1.8613},
		"areaId":   area, "themes": []string{theme, strings.ToUpper(theme), " " + otherTheme},
	}
	var id string
	outer := t // records made in subtests live as long as the test
	check := func(t *testing.T, got orgOut, want orgOut) {
		t.Helper()
		if got.ID != want.ID || got.Name != want.Name || got.Kind != want.Kind || got.OrgID != want.OrgID ||
			got.Description != want.Description || got.Website != want.Website || got.Postcode != want.Postcode ||
			got.Address != want.Address || got.Source != want.Source {
			t.Errorf("organisation\n got %+v\nwant %+v", got, want)
		}
		if (got.Location == nil) != (want.Location == nil) || got.Location != nil && *got.Location != *want.Location {
			t.Errorf("location %+v, want %+v", got.Location, want.Location)
		}
		if (got.Area == nil) != (want.Area == nil) || got.Area != nil && got.Area.ID != want.Area.ID {
			t.Errorf("area %+v, want %+v", got.Area, want.Area)
		}
		sameList(t, "themes", sorted(slugsOf(got.Themes)), sorted(slugsOf(want.Themes)))
	}
	want := orgOut{
		Name: name, Kind: "CHARITY", OrgID: orgID, Description: "Weekly pantry\nand advice.", Website: "https://pantry.example.org",
		Postcode: "B11 4BW", Address: "1 Test Street, Birmingham", Source: "api",
		Location: &geo{52.4531, -1.8613}, Area: &ref{ID: area}, Themes: []struct{ Slug string }{{theme}, {otherTheme}},
	}

	t.Run("create normalises and returns the record", func(t *testing.T) {
		var out struct{ CreateOrganisation orgOut }
		e.must(t, createOrg, map[string]any{"in": input}, &out)
		got := out.CreateOrganisation
		id, want.ID = got.ID, got.ID
		deleteLater(outer, e, "deleteOrganisation", id)
		if k, ok := civic.KindOfID(id); !ok || k != civic.KindOrganisation {
			t.Fatalf("id %q is not an organisation ID", id)
		}
		check(t, got, want)
		if recent(t, "createdAt", got.CreatedAt) != recent(t, "updatedAt", got.UpdatedAt) {
			t.Errorf("a new record has createdAt %s and updatedAt %s", got.CreatedAt, got.UpdatedAt)
		}
		want.CreatedAt = got.CreatedAt
	})
	if id == "" {
		t.Fatal("nothing was created")
	}
	t.Run("read back", func(t *testing.T) {
		var out struct{ Organisation *orgOut }
		e.must(t, readOrg, map[string]any{"id": id}, &out)
		if out.Organisation == nil {
			t.Fatal("not found")
		}
		check(t, *out.Organisation, want)
		var lists struct {
			ByName  struct{ Edges []struct{ Node ref } }
			ByArea  struct{ Organisations refConn }
			ByTheme struct{ Organisations refConn }
			Node    *typedNode
		}
		e.must(t, `query($id: ID!, $name: String!, $area: ID!, $theme: String!) {
  byName: organisations(filter: { nameContains: $name, kinds: [CHARITY] }) { edges { node { id name } } }
  byArea: area(id: $area) { organisations { totalCount edges { node { id name } } } }
  byTheme: theme(slug: $theme) { organisations { totalCount edges { node { id name } } } }
  node(id: $id) { __typename id }
}`, map[string]any{"id": id, "name": strings.ToUpper(name), "area": area, "theme": theme}, &lists)
		if len(lists.ByName.Edges) != 1 || lists.ByName.Edges[0].Node.ID != id {
			t.Errorf("by name: %+v", lists.ByName)
		}
		sameList(t, "in its area", lists.ByArea.Organisations.ids(), []string{id})
		sameList(t, "on its theme", lists.ByTheme.Organisations.ids(), []string{id})
		if lists.Node == nil || lists.Node.Typename != "Organisation" || lists.Node.ID != id {
			t.Errorf("node %+v", lists.Node)
		}
	})
	t.Run("update changes only what it is given", func(t *testing.T) {
		time.Sleep(10 * time.Millisecond)
		var out struct{ UpdateOrganisation orgOut }
		e.must(t, updateOrg, map[string]any{"id": id, "in": map[string]any{
			"name": name + " (renamed)", "website": "", "themes": []string{otherTheme}, "areaId": otherArea, "kind": "SOCIAL_ENTERPRISE",
		}}, &out)
		want.Name, want.Website, want.Kind = name+" (renamed)", "", "SOCIAL_ENTERPRISE"
		want.Themes, want.Area = []struct{ Slug string }{{otherTheme}}, &ref{ID: otherArea}
		check(t, out.UpdateOrganisation, want)
		if out.UpdateOrganisation.CreatedAt != want.CreatedAt || !recent(t, "updatedAt", out.UpdateOrganisation.UpdatedAt).After(recent(t, "createdAt", want.CreatedAt)) {
			t.Errorf("createdAt %s -> %s, updatedAt %s", want.CreatedAt, out.UpdateOrganisation.CreatedAt, out.UpdateOrganisation.UpdatedAt)
		}
		var read struct{ Organisation orgOut }
		e.must(t, readOrg, map[string]any{"id": id}, &read)
		check(t, read.Organisation, want)
	})
	t.Run("an empty area ID and an empty theme list clear them", func(t *testing.T) {
		var out struct{ UpdateOrganisation orgOut }
		e.must(t, updateOrg, map[string]any{"id": id, "in": map[string]any{"areaId": "", "themes": []string{}, "description": ""}}, &out)
		want.Area, want.Themes, want.Description = nil, nil, ""
		check(t, out.UpdateOrganisation, want)
		var lists struct {
			Area struct{ Organisations refConn }
		}
		e.must(t, `query($a: ID!) { area(id: $a) { organisations { totalCount edges { node { id name } } } } }`, map[string]any{"a": otherArea}, &lists)
		if lists.Area.Organisations.TotalCount != 0 {
			t.Errorf("the old area still lists %v", lists.Area.Organisations.ids())
		}
	})

	var demoWithOrgID civic.Organisation
	for _, o := range c.Organisations {
		if o.OrgID != "" {
			demoWithOrgID = o
			break
		}
	}
	valid := map[string]any{"name": unique(t, "Valid"), "kind": "COMMUNITY_GROUP"}
	createBad := []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"blank name", withFields(valid, map[string]any{"name": "   "}), "BAD_USER_INPUT", []string{"name"}},
		{"name too long", withFields(valid, map[string]any{"name": strings.Repeat("n", 201)}), "BAD_USER_INPUT", []string{"name"}},
		{"control character in name", withFields(valid, map[string]any{"name": "Test\x00Group"}), "BAD_USER_INPUT", []string{"name"}},
		{"unknown kind in variables", withFields(valid, map[string]any{"kind": "GUILD"}), "GRAPHQL_VALIDATION_FAILED", nil},
		{"no kind", map[string]any{"name": "x"}, "GRAPHQL_VALIDATION_FAILED", nil},
		{"javascript website", withFields(valid, map[string]any{"website": "javascript:alert(1)"}), "BAD_USER_INPUT", []string{"website"}},
		{"website without scheme", withFields(valid, map[string]any{"website": "pantry.example.org"}), "BAD_USER_INPUT", []string{"website"}},
		{"latitude 91", withFields(valid, map[string]any{"location": map[string]any{"latitude": 91, "longitude": 0}}), "BAD_USER_INPUT", []string{"location.latitude"}},
		{"longitude -181", withFields(valid, map[string]any{"location": map[string]any{"latitude": 52, "longitude": -181}}), "BAD_USER_INPUT", []string{"location.longitude"}},
		{"malformed org-id", withFields(valid, map[string]any{"orgId": "1164883"}), "BAD_USER_INPUT", []string{"orgId"}},
		{"not a postcode", withFields(valid, map[string]any{"postcode": "12345"}), "BAD_USER_INPUT", []string{"postcode"}},
		{"description too long", withFields(valid, map[string]any{"description": strings.Repeat("d", 5001)}), "BAD_USER_INPUT", []string{"description"}},
		{"address too long", withFields(valid, map[string]any{"address": strings.Repeat("a", 501)}), "BAD_USER_INPUT", []string{"address"}},
		{"source too long", withFields(valid, map[string]any{"source": strings.Repeat("s", 201)}), "BAD_USER_INPUT", []string{"source"}},
		{"unknown theme slug", withFields(valid, map[string]any{"themes": []string{theme, "no-such-theme"}}), "BAD_USER_INPUT", []string{"themes"}},
		{"malformed theme slug", withFields(valid, map[string]any{"themes": []string{"Food Bank!"}}), "BAD_USER_INPUT", []string{"themes"}},
		{"too many themes", withFields(valid, map[string]any{"themes": func() []string {
			var s []string
			for i := range 21 {
				s = append(s, fmt.Sprintf("t%d", i))
			}
			return s
		}()}), "BAD_USER_INPUT", []string{"themes"}},
		{"unknown area", withFields(valid, map[string]any{"areaId": "area_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"areaId"}},
		{"deleted area", withFields(valid, map[string]any{"areaId": deletedArea(t, e)}), "NOT_FOUND", []string{"areaId"}},
		{"an organisation ID as area", withFields(valid, map[string]any{"areaId": id}), "BAD_USER_INPUT", []string{"areaId"}},
		{"malformed area ID", withFields(valid, map[string]any{"areaId": "nope"}), "BAD_USER_INPUT", []string{"areaId"}},
		{"several problems at once", withFields(valid, map[string]any{"name": "", "website": "ftp://x", "location": map[string]any{"latitude": -90.5, "longitude": 0}}),
			"BAD_USER_INPUT", []string{"name", "website", "location.latitude"}},
		{"org-id of another organisation", withFields(valid, map[string]any{"orgId": orgID}), "CONFLICT", nil},
		{"org-id of another, in lower case", withFields(valid, map[string]any{"orgId": strings.ToLower(orgID)}), "CONFLICT", nil},
		{"org-id of a demo organisation", withFields(valid, map[string]any{"orgId": demoWithOrgID.OrgID}), "CONFLICT", nil},
	}
	for _, tt := range createBad {
		t.Run("create: "+tt.name, func(t *testing.T) {
			r := mustFailWith(t, e, createOrg, map[string]any{"in": tt.input}, tt.code, tt.fields...)
			if tt.code == "BAD_USER_INPUT" && !strings.HasPrefix(r.Errors[0].Message, "invalid input: ") {
				t.Errorf("message %q", r.Errors[0].Message)
			}
		})
	}
	t.Run("create: an unknown kind inline", func(t *testing.T) {
		mustFailWith(t, e, `mutation { createOrganisation(input: { name: "x", kind: GUILD }) { id } }`, nil, "GRAPHQL_VALIDATION_FAILED")
	})
	t.Run("create: limits are in characters, not bytes", func(t *testing.T) {
		long := strings.Repeat("é", 190) + fmt.Sprintf(" %08d", seq.Add(1)) // 199 characters, 389 bytes
		var out struct{ CreateOrganisation orgOut }
		e.must(t, createOrg, map[string]any{"in": withFields(valid, map[string]any{"name": long})}, &out)
		deleteLater(t, e, "deleteOrganisation", out.CreateOrganisation.ID)
		if out.CreateOrganisation.Name != long {
			t.Errorf("name %q", out.CreateOrganisation.Name)
		}
	})

	other := newOrg(t, e, map[string]any{"orgId": uniqueOrgID()})
	updateBad := []struct {
		name   string
		id     string
		input  map[string]any
		code   string
		fields []string
	}{
		{"blank name", id, map[string]any{"name": " "}, "BAD_USER_INPUT", []string{"name"}},
		{"javascript website", id, map[string]any{"website": "javascript:void(0)"}, "BAD_USER_INPUT", []string{"website"}},
		{"latitude 91", id, map[string]any{"location": map[string]any{"latitude": 91, "longitude": 1}}, "BAD_USER_INPUT", []string{"location.latitude"}},
		{"unknown theme", id, map[string]any{"themes": []string{"no-such-theme"}}, "BAD_USER_INPUT", []string{"themes"}},
		{"unknown area", id, map[string]any{"areaId": "area_00000000-0000-0000-0000-000000000000"}, "NOT_FOUND", []string{"areaId"}},
		{"unknown kind", id, map[string]any{"kind": "GUILD"}, "GRAPHQL_VALIDATION_FAILED", nil},
		{"org-id taken", other, map[string]any{"orgId": orgID}, "CONFLICT", nil},
		{"unknown organisation", "org_00000000-0000-0000-0000-000000000000", map[string]any{"name": "x"}, "NOT_FOUND", nil},
		{"the ID of something else", area, map[string]any{"name": "x"}, "NOT_FOUND|BAD_USER_INPUT", nil},
	}
	for _, tt := range updateBad {
		t.Run("update: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, updateOrg, map[string]any{"id": tt.id, "in": tt.input}, tt.code, tt.fields...)
		})
	}

	t.Run("delete", func(t *testing.T) {
		var out struct {
			DeleteOrganisation struct{ ID, DeletedAt string }
		}
		e.must(t, deleteOrg, map[string]any{"id": id}, &out)
		if out.DeleteOrganisation.ID != id {
			t.Errorf("deleted %q", out.DeleteOrganisation.ID)
		}
		recent(t, "deletedAt", out.DeleteOrganisation.DeletedAt)
		r := e.post(t, readOrg, map[string]any{"id": id})
		if len(r.Errors) > 0 || string(r.Data) != `{"organisation":null}` {
			t.Errorf("after delete: errors %+v, data %s", r.Errors, r.Data)
		}
	})
	t.Run("after delete", func(t *testing.T) {
		mustFailWith(t, e, deleteOrg, map[string]any{"id": id}, "NOT_FOUND")
		mustFailWith(t, e, updateOrg, map[string]any{"id": id, "in": map[string]any{"name": "Back again"}}, "NOT_FOUND")
		// The org-id stays reserved.
		mustFailWith(t, e, createOrg, map[string]any{"in": withFields(valid, map[string]any{"orgId": orgID})}, "CONFLICT")
	})
	t.Run("delete unknown", func(t *testing.T) {
		mustFailWith(t, e, deleteOrg, map[string]any{"id": "org_00000000-0000-0000-0000-000000000000"}, "NOT_FOUND")
		mustFailWith(t, e, deleteOrg, map[string]any{"id": "nope"}, "NOT_FOUND|BAD_USER_INPUT")
	})
}

// deletedArea returns the ID of an area that has been deleted.
func deletedArea(t *testing.T, e *env) string {
	t.Helper()
	id := newArea(t, e, "DISTRICT", "")
	e.must(t, `mutation($id: ID!) { deleteArea(id: $id) { id } }`, map[string]any{"id": id}, nil)
	return id
}

const personFields = `id name bio area { id } skills source createdAt updatedAt`

type personOut struct {
	ID, Name, Bio, Source, CreatedAt, UpdatedAt string
	Area                                        *ref
	Skills                                      []string
}

func TestPersonMutations(t *testing.T) {
	e := demoEnv(t)
	area := newArea(t, e, "DISTRICT", "")
	skill1, skill2 := uniqueSlug(), uniqueSlug()
	name := unique(t, "Test Person")
	const create = `mutation($in: CreatePersonInput!) { createPerson(input: $in) { ` + personFields + ` } }`
	const update = `mutation($id: ID!, $in: UpdatePersonInput!) { updatePerson(id: $id, input: $in) { ` + personFields + ` } }`
	stored := func(t *testing.T, id string) (email, phone any) {
		row := cypherRow(t, e, "MATCH (p:Person {id: $id}) RETURN p.email AS email, p.phone AS phone", map[string]any{"id": id})
		return row["email"], row["phone"]
	}
	var id string
	outer := t
	t.Run("create", func(t *testing.T) {
		var out struct{ CreatePerson personOut }
		e.must(t, create, map[string]any{"in": map[string]any{
			"name": name, "bio": "Runs the Friday club.", "email": " amina.test@example.org ", "phone": "0121 496 0999",
			"areaId": area, "skills": []string{strings.ToUpper(skill1), skill2, " " + skill1},
		}}, &out)
		p := out.CreatePerson
		id = p.ID
		deleteLater(outer, e, "deletePerson", id)
		if p.Name != name || p.Bio != "Runs the Friday club." || p.Area == nil || p.Area.ID != area || p.Source != "api" {
			t.Errorf("person %+v", p)
		}
		recent(t, "createdAt", p.CreatedAt)
		sameList(t, "skills", sorted(p.Skills), sorted([]string{skill1, skill2}))
		if email, phone := stored(t, id); email != "amina.test@example.org" || phone != "0121 496 0999" {
			t.Errorf("stored email %v and phone %v", email, phone)
		}
	})
	if id == "" {
		t.Fatal("nothing was created")
	}
	t.Run("read back", func(t *testing.T) {
		var out struct {
			Person *personOut
			People refConn
		}
		e.must(t, `query($id: ID!, $skill: String!) { person(id: $id) { `+personFields+` }
  people(filter: { skills: [$skill] }) { totalCount edges { node { id name } } } }`, map[string]any{"id": id, "skill": skill2}, &out)
		if out.Person == nil || out.Person.Name != name {
			t.Fatalf("person %+v", out.Person)
		}
		sameList(t, "people with the skill", out.People.ids(), []string{id})
	})
	t.Run("update", func(t *testing.T) {
		var out struct{ UpdatePerson personOut }
		e.must(t, update, map[string]any{"id": id, "in": map[string]any{"bio": "", "skills": []string{skill2}, "email": "new.test@example.org", "phone": ""}}, &out)
		p := out.UpdatePerson
		if p.Name != name || p.Bio != "" || p.Area == nil || p.Area.ID != area {
			t.Errorf("person %+v", p)
		}
		sameList(t, "skills", p.Skills, []string{skill2})
		if email, phone := stored(t, id); email != "new.test@example.org" || phone != nil {
			t.Errorf("stored email %v and phone %v", email, phone)
		}
	})
	valid := map[string]any{"name": unique(t, "Valid person")}
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"blank name", withFields(valid, map[string]any{"name": ""}), "BAD_USER_INPUT", []string{"name"}},
		{"name too long", withFields(valid, map[string]any{"name": strings.Repeat("p", 201)}), "BAD_USER_INPUT", []string{"name"}},
		{"not an email", withFields(valid, map[string]any{"email": "Amina <amina@example.org>"}), "BAD_USER_INPUT", []string{"email"}},
		{"not a phone", withFields(valid, map[string]any{"phone": "call me"}), "BAD_USER_INPUT", []string{"phone"}},
		{"bio too long", withFields(valid, map[string]any{"bio": strings.Repeat("b", 5001)}), "BAD_USER_INPUT", []string{"bio"}},
		{"skill is not a slug", withFields(valid, map[string]any{"skills": []string{"first aid!"}}), "BAD_USER_INPUT", []string{"skills"}},
		{"unknown area", withFields(valid, map[string]any{"areaId": "area_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"areaId"}},
		{"malformed area", withFields(valid, map[string]any{"areaId": "per_1"}), "BAD_USER_INPUT", []string{"areaId"}},
		{"several problems", withFields(valid, map[string]any{"name": " ", "email": "x", "phone": "y"}), "BAD_USER_INPUT", []string{"name", "email", "phone"}},
	} {
		t.Run("create: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, create, map[string]any{"in": tt.input}, tt.code, tt.fields...)
		})
	}
	t.Run("update: unknown person", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": "per_00000000-0000-0000-0000-000000000000", "in": map[string]any{"name": "x"}}, "NOT_FOUND")
	})
	t.Run("update: bad email", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": id, "in": map[string]any{"email": "not-an-address"}}, "BAD_USER_INPUT", "email")
	})
	t.Run("delete, twice", func(t *testing.T) {
		var out struct {
			DeletePerson struct{ ID, DeletedAt string }
		}
		e.must(t, `mutation($id: ID!) { deletePerson(id: $id) { id deletedAt } }`, map[string]any{"id": id}, &out)
		if out.DeletePerson.ID != id {
			t.Errorf("deleted %+v", out.DeletePerson)
		}
		recent(t, "deletedAt", out.DeletePerson.DeletedAt)
		r := e.post(t, `query($id: ID!) { person(id: $id) { id } }`, map[string]any{"id": id})
		if string(r.Data) != `{"person":null}` {
			t.Errorf("after delete: %s", r.Data)
		}
		mustFailWith(t, e, `mutation($id: ID!) { deletePerson(id: $id) { id } }`, map[string]any{"id": id}, "NOT_FOUND")
		mustFailWith(t, e, update, map[string]any{"id": id, "in": map[string]any{"name": "x"}}, "NOT_FOUND")
	})
}

const assetFields = `id name kind category description shareable capacity postcode location { latitude longitude } area { id } themes { slug } source`

type assetOut struct {
	ID, Name, Kind, Category, Description, Postcode, Source string
	Shareable                                               bool
	Capacity                                                *int
	Location                                                *geo
	Area                                                    *ref
	Themes                                                  []struct{ Slug string }
}

func TestAssetMutations(t *testing.T) {
	e := demoEnv(t)
	area, theme := newArea(t, e, "DISTRICT", ""), newTheme(t, e)
	name := unique(t, "Test Park")
	const create = `mutation($in: CreateAssetInput!) { createAsset(input: $in) { ` + assetFields + ` } }`
	const update = `mutation($id: ID!, $in: UpdateAssetInput!) { updateAsset(id: $id, input: $in) { ` + assetFields + ` } }`
	var id string
	outer := t
	t.Run("create", func(t *testing.T) {
		var out struct{ CreateAsset assetOut }
		e.must(t, create, map[string]any{"in": map[string]any{
			"name": name, "kind": "GREEN_SPACE", "description": "A pocket park.", "shareable": true, "capacity": 120,
			"postcode": "b12 9qh", "location": map[string]any{"latitude": 52.45, "longitude": -1.89}, "areaId": area,
			"themes": []string{theme}, "source": "parks-survey",
		}}, &out)
		a := out.CreateAsset
		id = a.ID
		deleteLater(outer, e, "deleteAsset", id)
		if a.Name != name || a.Kind != "GREEN_SPACE" || a.Category != "NATURAL" || !a.Shareable || a.Capacity == nil || *a.Capacity != 120 ||
			a.Postcode != "B12 9QH" || a.Location == nil || *a.Location != (geo{52.45, -1.89}) || a.Area == nil || a.Area.ID != area ||
			a.Source != "parks-survey" || !slices.Equal(slugsOf(a.Themes), []string{theme}) {
			t.Errorf("asset %+v", a)
		}
	})
	if id == "" {
		t.Fatal("nothing was created")
	}
	t.Run("update: the category follows the kind", func(t *testing.T) {
		var out struct{ UpdateAsset assetOut }
		e.must(t, update, map[string]any{"id": id, "in": map[string]any{"kind": "FUND", "shareable": false, "capacity": 0}}, &out)
		a := out.UpdateAsset
		if a.Kind != "FUND" || a.Category != "FINANCIAL" || a.Shareable || a.Capacity == nil || *a.Capacity != 0 || a.Name != name || a.Postcode != "B12 9QH" {
			t.Errorf("asset %+v", a)
		}
		var read struct {
			Asset  assetOut
			Assets refConn
		}
		e.must(t, `query($id: ID!, $area: ID!) { asset(id: $id) { `+assetFields+` }
  assets(filter: { categories: [FINANCIAL], areaIds: [$area], shareable: false }) { totalCount edges { node { id name } } } }`,
			map[string]any{"id": id, "area": area}, &read)
		if read.Asset.Category != "FINANCIAL" {
			t.Errorf("read back %+v", read.Asset)
		}
		sameList(t, "filtered", read.Assets.ids(), []string{id})
	})
	valid := map[string]any{"name": unique(t, "Valid asset"), "kind": "ROOM"}
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"blank name", withFields(valid, map[string]any{"name": "\t"}), "BAD_USER_INPUT", []string{"name"}},
		{"negative capacity", withFields(valid, map[string]any{"capacity": -1}), "BAD_USER_INPUT", []string{"capacity"}},
		{"capacity over a million", withFields(valid, map[string]any{"capacity": 1_000_001}), "BAD_USER_INPUT", []string{"capacity"}},
		{"unknown kind", withFields(valid, map[string]any{"kind": "SPACESHIP"}), "GRAPHQL_VALIDATION_FAILED", nil},
		{"category is not an input", withFields(valid, map[string]any{"category": "PHYSICAL"}), "GRAPHQL_VALIDATION_FAILED", nil},
		{"not a postcode", withFields(valid, map[string]any{"postcode": "B1"}), "BAD_USER_INPUT", []string{"postcode"}},
		{"latitude 91", withFields(valid, map[string]any{"location": map[string]any{"latitude": 91, "longitude": 0}}), "BAD_USER_INPUT", []string{"location.latitude"}},
		{"unknown theme", withFields(valid, map[string]any{"themes": []string{"no-such-theme"}}), "BAD_USER_INPUT", []string{"themes"}},
		{"unknown area", withFields(valid, map[string]any{"areaId": "area_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"areaId"}},
		{"malformed area", withFields(valid, map[string]any{"areaId": "ast_1"}), "BAD_USER_INPUT", []string{"areaId"}},
	} {
		t.Run("create: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, create, map[string]any{"in": tt.input}, tt.code, tt.fields...)
		})
	}
	t.Run("update: unknown asset", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": "ast_00000000-0000-0000-0000-000000000000", "in": map[string]any{"capacity": 3}}, "NOT_FOUND")
	})
	t.Run("delete, twice", func(t *testing.T) {
		e.must(t, `mutation($id: ID!) { deleteAsset(id: $id) { id deletedAt } }`, map[string]any{"id": id}, nil)
		r := e.post(t, `query($id: ID!) { asset(id: $id) { id } node(id: $id) { id } }`, map[string]any{"id": id})
		if string(r.Data) != `{"asset":null,"node":null}` {
			t.Errorf("after delete: %s", r.Data)
		}
		mustFailWith(t, e, `mutation($id: ID!) { deleteAsset(id: $id) { id } }`, map[string]any{"id": id}, "NOT_FOUND")
	})
}

func TestPartnershipMutations(t *testing.T) {
	e := demoEnv(t)
	area, theme := newArea(t, e, "DISTRICT", ""), newTheme(t, e)
	name := unique(t, "Test Forum")
	const fields = `id name kind description since area { id } themes { slug } source`
	type partnershipOut struct {
		ID, Name, Kind, Description, Source string
		Since                               *string
		Area                                *ref
		Themes                              []struct{ Slug string }
	}
	const create = `mutation($in: CreatePartnershipInput!) { createPartnership(input: $in) { ` + fields + ` } }`
	const update = `mutation($id: ID!, $in: UpdatePartnershipInput!) { updatePartnership(id: $id, input: $in) { ` + fields + ` } }`
	var id string
	outer := t
	t.Run("create", func(t *testing.T) {
		var out struct{ CreatePartnership partnershipOut }
		e.must(t, create, map[string]any{"in": map[string]any{
			"name": name, "kind": "FORUM", "description": "Monthly.", "since": "2024-02-29", "areaId": area, "themes": []string{theme},
		}}, &out)
		p := out.CreatePartnership
		id = p.ID
		deleteLater(outer, e, "deletePartnership", id)
		if p.Name != name || p.Kind != "FORUM" || p.Description != "Monthly." || strOf(p.Since) != "2024-02-29" ||
			p.Area == nil || p.Area.ID != area || p.Source != "api" || !slices.Equal(slugsOf(p.Themes), []string{theme}) {
			t.Errorf("partnership %+v", p)
		}
	})
	if id == "" {
		t.Fatal("nothing was created")
	}
	t.Run("update and read back", func(t *testing.T) {
		var out struct{ UpdatePartnership partnershipOut }
		e.must(t, update, map[string]any{"id": id, "in": map[string]any{"kind": "BOARD", "since": "2025-01-31", "themes": []string{}}}, &out)
		p := out.UpdatePartnership
		if p.Kind != "BOARD" || strOf(p.Since) != "2025-01-31" || len(p.Themes) != 0 || p.Name != name || p.Area == nil {
			t.Errorf("partnership %+v", p)
		}
		var read struct{ Partnerships refConn }
		e.must(t, `query($area: ID!) { partnerships(filter: { areaIds: [$area], kinds: [BOARD] }) { totalCount edges { node { id name } } } }`, map[string]any{"area": area}, &read)
		sameList(t, "partnerships in the area", read.Partnerships.ids(), []string{id})
	})
	valid := map[string]any{"name": unique(t, "Valid partnership"), "kind": "NETWORK"}
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"blank name", withFields(valid, map[string]any{"name": ""}), "BAD_USER_INPUT", []string{"name"}},
		{"invalid date", withFields(valid, map[string]any{"since": "2024-02-30"}), "BAD_USER_INPUT", nil},
		{"date with a time", withFields(valid, map[string]any{"since": "2024-02-01T10:00:00Z"}), "BAD_USER_INPUT", nil},
		{"unknown kind", withFields(valid, map[string]any{"kind": "CLUB"}), "GRAPHQL_VALIDATION_FAILED", nil},
		{"unknown theme", withFields(valid, map[string]any{"themes": []string{"no-such-theme"}}), "BAD_USER_INPUT", []string{"themes"}},
		{"unknown area", withFields(valid, map[string]any{"areaId": "area_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"areaId"}},
		{"malformed area", withFields(valid, map[string]any{"areaId": "prt_1"}), "BAD_USER_INPUT", []string{"areaId"}},
	} {
		t.Run("create: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, create, map[string]any{"in": tt.input}, tt.code, tt.fields...)
		})
	}
	t.Run("create: invalid date literal", func(t *testing.T) {
		r := mustFailWith(t, e, `mutation { createPartnership(input: { name: "x", kind: NETWORK, since: "2024-02-30" }) { id } }`, nil, "BAD_USER_INPUT")
		if !strings.Contains(r.Errors[0].Message, "2024-02-30") {
			t.Errorf("message %q does not name the bad date", r.Errors[0].Message)
		}
	})
	t.Run("update: unknown partnership", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": "prt_00000000-0000-0000-0000-000000000000", "in": map[string]any{"name": "x"}}, "NOT_FOUND")
	})
	t.Run("delete, twice", func(t *testing.T) {
		e.must(t, `mutation($id: ID!) { deletePartnership(id: $id) { id } }`, map[string]any{"id": id}, nil)
		r := e.post(t, `query($id: ID!) { partnership(id: $id) { id } }`, map[string]any{"id": id})
		if string(r.Data) != `{"partnership":null}` {
			t.Errorf("after delete: %s", r.Data)
		}
		mustFailWith(t, e, `mutation($id: ID!) { deletePartnership(id: $id) { id } }`, map[string]any{"id": id}, "NOT_FOUND")
	})
}

func TestAreaMutations(t *testing.T) {
	e := demoEnv(t)
	const fields = `id name kind code location { latitude longitude } parent { id parent { id parent { id } } } source`
	type areaOut struct {
		ID, Name, Kind, Code, Source string
		Location                     *geo
		Parent                       *struct {
			ID     string
			Parent *struct {
				ID     string
				Parent *ref
			}
		}
	}
	const create = `mutation($in: CreateAreaInput!) { createArea(input: $in) { ` + fields + ` } }`
	const update = `mutation($id: ID!, $in: UpdateAreaInput!) { updateArea(id: $id, input: $in) { ` + fields + ` } }`
	var top, mid, low string
	outer := t
	t.Run("create three levels", func(t *testing.T) {
		var out struct{ CreateArea areaOut }
		e.must(t, create, map[string]any{"in": map[string]any{"name": unique(t, "Test district"), "kind": "DISTRICT", "code": "E05999999",
			"location": map[string]any{"latitude": 52.5, "longitude": -1.9}}}, &out)
		top = out.CreateArea.ID
		deleteLater(outer, e, "deleteArea", top)
		if out.CreateArea.Kind != "DISTRICT" || out.CreateArea.Code != "E05999999" || out.CreateArea.Parent != nil || out.CreateArea.Location == nil {
			t.Errorf("area %+v", out.CreateArea)
		}
		mid = newArea(outer, e, "NEIGHBOURHOOD", top)
		e.must(t, create, map[string]any{"in": map[string]any{"name": unique(t, "Test street"), "kind": "NEIGHBOURHOOD", "parentId": mid}}, &out)
		low = out.CreateArea.ID
		deleteLater(outer, e, "deleteArea", low)
		if p := out.CreateArea.Parent; p == nil || p.ID != mid || p.Parent == nil || p.Parent.ID != top || p.Parent.Parent != nil {
			t.Errorf("ancestry %+v", p)
		}
	})
	if low == "" {
		t.Fatal("nothing was created")
	}
	org := newOrg(t, e, map[string]any{"areaId": low})
	t.Run("an area's organisations include those of the areas within it", func(t *testing.T) {
		var out struct {
			Area          struct{ Organisations refConn }
			Organisations refConn
		}
		e.must(t, `query($top: ID!) { area(id: $top) { organisations { totalCount edges { node { id name } } } }
  organisations(filter: { areaIds: [$top] }) { totalCount edges { node { id name } } } }`, map[string]any{"top": top}, &out)
		sameList(t, "area.organisations", out.Area.Organisations.ids(), []string{org})
		sameList(t, "organisations in the area", out.Organisations.ids(), []string{org})
	})
	t.Run("move and rename", func(t *testing.T) {
		var out struct{ UpdateArea areaOut }
		e.must(t, update, map[string]any{"id": low, "in": map[string]any{"parentId": top, "name": unique(t, "Moved street")}}, &out)
		if p := out.UpdateArea.Parent; p == nil || p.ID != top || p.Parent != nil || out.UpdateArea.Kind != "NEIGHBOURHOOD" {
			t.Errorf("moved area %+v", out.UpdateArea)
		}
		var read struct {
			Areas refConn
		}
		e.must(t, `query($top: ID!) { areas(filter: { parentId: $top }) { totalCount edges { node { id name } } } }`, map[string]any{"top": top}, &read)
		sameList(t, "children", sorted(read.Areas.ids()), sorted([]string{mid, low}))
		e.must(t, update, map[string]any{"id": low, "in": map[string]any{"parentId": mid}}, &out)
	})
	valid := map[string]any{"name": unique(t, "Valid area"), "kind": "NEIGHBOURHOOD"}
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"blank name", withFields(valid, map[string]any{"name": " "}), "BAD_USER_INPUT", []string{"name"}},
		{"not a GSS code", withFields(valid, map[string]any{"code": "X123"}), "BAD_USER_INPUT", []string{"code"}},
		{"unknown kind", withFields(valid, map[string]any{"kind": "COUNTY"}), "GRAPHQL_VALIDATION_FAILED", nil},
		{"latitude 91", withFields(valid, map[string]any{"location": map[string]any{"latitude": 91, "longitude": 0}}), "BAD_USER_INPUT", []string{"location.latitude"}},
		{"unknown parent", withFields(valid, map[string]any{"parentId": "area_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"parentId"}},
		{"malformed parent", withFields(valid, map[string]any{"parentId": "org_1"}), "BAD_USER_INPUT", []string{"parentId"}},
	} {
		t.Run("create: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, create, map[string]any{"in": tt.input}, tt.code, tt.fields...)
		})
	}
	for _, tt := range []struct {
		name, id, parent string
	}{
		{"its own parent", top, top},
		{"inside its child", top, mid},
		{"inside its grandchild", top, low},
		{"a child inside its own child", mid, low},
	} {
		t.Run("update: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, update, map[string]any{"id": tt.id, "in": map[string]any{"parentId": tt.parent}}, "BAD_USER_INPUT", "parentId")
		})
	}
	t.Run("update: unknown area", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": "area_00000000-0000-0000-0000-000000000000", "in": map[string]any{"name": "x"}}, "NOT_FOUND")
	})
	t.Run("areas within areas, six levels deep", func(t *testing.T) {
		chain := []string{newArea(t, e, "DISTRICT", "")}
		for range 5 {
			chain = append(chain, newArea(t, e, "NEIGHBOURHOOD", chain[len(chain)-1]))
		}
		deep := newOrg(t, e, map[string]any{"areaId": chain[5]})
		for level, a := range chain {
			var out struct {
				Organisations refConn
				Area          struct{ Organisations refConn }
			}
			e.must(t, `query($a: ID!) { organisations(filter: { areaIds: [$a] }) { totalCount edges { node { id name } } }
  area(id: $a) { organisations { totalCount edges { node { id name } } } } }`, map[string]any{"a": a}, &out)
			if !slices.Equal(out.Organisations.ids(), []string{deep}) || !slices.Equal(out.Area.Organisations.ids(), []string{deep}) {
				t.Errorf("%d levels above the organisation's area: organisations %v, area.organisations %v",
					5-level, out.Organisations.ids(), out.Area.Organisations.ids())
			}
		}
	})
	t.Run("delete, twice", func(t *testing.T) {
		e.must(t, `mutation($id: ID!) { deleteArea(id: $id) { id } }`, map[string]any{"id": low}, nil)
		var out struct {
			Area         *ref
			Organisation struct{ Area *ref }
		}
		e.must(t, `query($id: ID!, $org: ID!) { area(id: $id) { id name } organisation(id: $org) { area { id name } } }`, map[string]any{"id": low, "org": org}, &out)
		if out.Area != nil || out.Organisation.Area != nil {
			t.Errorf("after delete: area %+v, organisation's area %+v", out.Area, out.Organisation.Area)
		}
		mustFailWith(t, e, `mutation($id: ID!) { deleteArea(id: $id) { id } }`, map[string]any{"id": low}, "NOT_FOUND")
	})
}

func TestThemeMutations(t *testing.T) {
	e := demoEnv(t)
	slug := uniqueSlug()
	name := unique(t, "Test theme")
	const fields = `id slug name description source`
	type themeOut struct{ ID, Slug, Name, Description, Source string }
	outer := t
	const create = `mutation($in: CreateThemeInput!) { createTheme(input: $in) { ` + fields + ` } }`
	const update = `mutation($id: ID!, $in: UpdateThemeInput!) { updateTheme(id: $id, input: $in) { ` + fields + ` } }`
	t.Run("create normalises the slug", func(t *testing.T) {
		var out struct{ CreateTheme themeOut }
		e.must(t, create, map[string]any{"in": map[string]any{"slug": " " + strings.ToUpper(slug), "name": name, "description": "About testing."}}, &out)
		deleteLater(outer, e, "deleteTheme", out.CreateTheme.ID)
		if got := out.CreateTheme; got != (themeOut{ID: "thm_" + slug, Slug: slug, Name: name, Description: "About testing.", Source: "api"}) {
			t.Fatalf("theme %+v", got)
		}
	})
	id := "thm_" + slug
	t.Run("read back by id, slug, node and list", func(t *testing.T) {
		var out struct {
			ByID, BySlug *themeOut
			Node         *typedNode
			Themes       refConn
		}
		e.must(t, `query($id: ID!, $slug: String!, $name: String!) { byID: theme(id: $id) { `+fields+` } bySlug: theme(slug: $slug) { `+fields+` }
  node(id: $id) { __typename id } themes(filter: { nameContains: $name }) { totalCount edges { node { id name } } } }`,
			map[string]any{"id": id, "slug": slug, "name": name}, &out)
		if out.ByID == nil || out.BySlug == nil || *out.ByID != *out.BySlug || out.ByID.Name != name {
			t.Errorf("by id %+v, by slug %+v", out.ByID, out.BySlug)
		}
		if out.Node == nil || out.Node.Typename != "Theme" {
			t.Errorf("node %+v", out.Node)
		}
		sameList(t, "themes", out.Themes.ids(), []string{id})
	})
	org := newOrg(t, e, map[string]any{"themes": []string{slug}})
	t.Run("update", func(t *testing.T) {
		var out struct{ UpdateTheme themeOut }
		e.must(t, update, map[string]any{"id": id, "in": map[string]any{"name": name + " renamed", "description": ""}}, &out)
		if out.UpdateTheme != (themeOut{ID: id, Slug: slug, Name: name + " renamed", Source: "api"}) {
			t.Errorf("theme %+v", out.UpdateTheme)
		}
	})
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"slug taken", map[string]any{"slug": slug, "name": "Again"}, "CONFLICT", nil},
		{"slug of a demo theme", map[string]any{"slug": "food", "name": "Food again"}, "CONFLICT", nil},
		{"slug taken, in another case", map[string]any{"slug": strings.ToUpper(slug), "name": "Again"}, "CONFLICT", nil},
		{"not a slug", map[string]any{"slug": "mental health", "name": "x"}, "BAD_USER_INPUT", []string{"slug"}},
		{"blank name", map[string]any{"slug": uniqueSlug(), "name": ""}, "BAD_USER_INPUT", []string{"name"}},
		{"no slug", map[string]any{"name": "x"}, "GRAPHQL_VALIDATION_FAILED", nil},
	} {
		t.Run("create: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, create, map[string]any{"in": tt.input}, tt.code, tt.fields...)
		})
	}
	t.Run("update: the slug cannot change", func(t *testing.T) {
		mustFailWith(t, e, `mutation($id: ID!) { updateTheme(id: $id, input: { slug: "other" }) { id } }`, map[string]any{"id": id}, "GRAPHQL_VALIDATION_FAILED")
	})
	t.Run("update: blank name", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": id, "in": map[string]any{"name": " "}}, "BAD_USER_INPUT", "name")
	})
	t.Run("update: unknown theme", func(t *testing.T) {
		mustFailWith(t, e, update, map[string]any{"id": "thm_no-such-theme", "in": map[string]any{"name": "x"}}, "NOT_FOUND")
	})
	t.Run("delete hides it everywhere and keeps the slug", func(t *testing.T) {
		e.must(t, `mutation($id: ID!) { deleteTheme(id: $id) { id } }`, map[string]any{"id": id}, nil)
		var out struct {
			Theme        *ref
			Organisation struct{ Themes []struct{ Slug string } }
		}
		e.must(t, `query($slug: String!, $org: ID!) { theme(slug: $slug) { id } organisation(id: $org) { themes { slug } } }`, map[string]any{"slug": slug, "org": org}, &out)
		if out.Theme != nil || len(out.Organisation.Themes) != 0 {
			t.Errorf("after delete: theme %+v, organisation's themes %v", out.Theme, out.Organisation.Themes)
		}
		mustFailWith(t, e, `mutation($id: ID!) { deleteTheme(id: $id) { id } }`, map[string]any{"id": id}, "NOT_FOUND")
		mustFailWith(t, e, create, map[string]any{"in": map[string]any{"slug": slug, "name": "Reborn"}}, "CONFLICT")
		mustFailWith(t, e, createOrg, map[string]any{"in": map[string]any{"name": "x", "kind": "CHARITY", "themes": []string{slug}}}, "BAD_USER_INPUT", "themes")
	})
}

const collabFields = `id intensity description since until active themes { slug } from { id } to { id } source`

const (
	recordCollab = `mutation($in: RecordCollaborationInput!) { recordCollaboration(input: $in) { ` + collabFields + ` } }`
	updateCollab = `mutation($id: ID!, $in: UpdateCollaborationInput!) { updateCollaboration(id: $id, input: $in) { ` + collabFields + ` } }`
	endCollab    = `mutation($id: ID!, $until: Date!) { endCollaboration(id: $id, until: $until) { ` + collabFields + ` } }`
	deleteCollab = `mutation($id: ID!) { deleteCollaboration(id: $id) { id deletedAt } }`
)

// partnersOf returns the IDs of an organisation's collaborations and partners, as "collaboration>partner".
func partnersOf(t *testing.T, e *env, org string) []string {
	t.Helper()
	var out struct {
		Organisation struct {
			Collaborations struct {
				Edges []struct {
					Node    struct{ ID string }
					Partner struct{ ID string }
				}
			}
		}
	}
	e.must(t, `query($id: ID!) { organisation(id: $id) { collaborations(first: 100) { edges { node { id } partner { id } } } } }`, map[string]any{"id": org}, &out)
	var got []string
	for _, ed := range out.Organisation.Collaborations.Edges {
		got = append(got, ed.Node.ID+">"+ed.Partner.ID)
	}
	return got
}

func TestCollaborationMutations(t *testing.T) {
	e := demoEnv(t)
	theme, otherTheme := newTheme(t, e), newTheme(t, e)
	a, b, c := newOrg(t, e, nil), newOrg(t, e, nil), newOrg(t, e, nil)
	since := daysFromToday(-400)
	record := func(t *testing.T, in map[string]any) collabNode {
		t.Helper()
		var out struct{ RecordCollaboration collabNode }
		e.must(t, recordCollab, map[string]any{"in": in}, &out)
		return out.RecordCollaboration
	}
	var first collabNode
	t.Run("record", func(t *testing.T) {
		first = record(t, map[string]any{"fromId": a, "toId": b, "intensity": "COORDINATION", "since": since,
			"description": " Joint holiday hunger programme ", "themes": []string{strings.ToUpper(theme)}})
		if first.From.ID != a || first.To.ID != b || first.Intensity != "COORDINATION" || strOf(first.Since) != since || first.Until != nil ||
			!first.Active || first.Description != "Joint holiday hunger programme" || first.Source != "api" || !slices.Equal(first.slugs(), []string{theme}) {
			t.Errorf("collaboration %+v", first)
		}
	})
	if first.ID == "" {
		t.Fatal("nothing was recorded")
	}
	t.Run("read back from both ends", func(t *testing.T) {
		var out struct{ Collaboration *collabNode }
		e.must(t, `query($id: ID!) { collaboration(id: $id) { `+collabFields+` } }`, map[string]any{"id": first.ID}, &out)
		if out.Collaboration == nil || out.Collaboration.ID != first.ID || out.Collaboration.Intensity != "COORDINATION" {
			t.Errorf("collaboration %+v", out.Collaboration)
		}
		sameList(t, "a's partners", partnersOf(t, e, a), []string{first.ID + ">" + b})
		sameList(t, "b's partners", partnersOf(t, e, b), []string{first.ID + ">" + a})
	})
	valid := map[string]any{"fromId": a, "toId": c, "intensity": "AWARENESS"}
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"with itself", withFields(valid, map[string]any{"toId": a}), "BAD_USER_INPUT", []string{"toId"}},
		{"a second active one", withFields(valid, map[string]any{"toId": b}), "CONFLICT", nil},
		{"a second active one, named the other way round", withFields(valid, map[string]any{"fromId": b, "toId": a}), "CONFLICT", nil},
		{"a second one ending in the future", withFields(valid, map[string]any{"toId": b, "since": "2010-01-01", "until": daysFromToday(30)}), "CONFLICT", nil},
		{"until before since", withFields(valid, map[string]any{"since": "2024-05-02", "until": "2024-05-01"}), "BAD_USER_INPUT", []string{"until"}},
		{"unknown partner", withFields(valid, map[string]any{"toId": "org_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"toId"}},
		{"unknown first organisation", withFields(valid, map[string]any{"fromId": "org_00000000-0000-0000-0000-000000000000"}), "NOT_FOUND", []string{"fromId"}},
		{"a person instead of an organisation", withFields(valid, map[string]any{"fromId": "per_1"}), "BAD_USER_INPUT", []string{"fromId"}},
		{"malformed partner", withFields(valid, map[string]any{"toId": "nope"}), "BAD_USER_INPUT", []string{"toId"}},
		{"unknown theme", withFields(valid, map[string]any{"themes": []string{theme, "no-such-theme"}}), "BAD_USER_INPUT", []string{"themes"}},
		{"unknown intensity", withFields(valid, map[string]any{"intensity": "FRIENDSHIP"}), "GRAPHQL_VALIDATION_FAILED", nil},
		{"invalid date", withFields(valid, map[string]any{"since": "2024-02-30"}), "BAD_USER_INPUT", nil},
		{"description too long", withFields(valid, map[string]any{"description": strings.Repeat("x", 5001)}), "BAD_USER_INPUT", []string{"description"}},
	} {
		t.Run("record: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, recordCollab, map[string]any{"in": tt.input}, tt.code, tt.fields...)
		})
	}
	t.Run("record: invalid date literal", func(t *testing.T) {
		q := fmt.Sprintf(`mutation { recordCollaboration(input: { fromId: %q, toId: %q, intensity: AWARENESS, until: "2023-02-29" }) { id } }`, a, c)
		mustFailWith(t, e, q, nil, "BAD_USER_INPUT")
	})
	t.Run("record: history may overlap an active one", func(t *testing.T) {
		old := record(t, map[string]any{"fromId": b, "toId": a, "intensity": "AWARENESS", "since": "2010-01-01", "until": "2011-12-31"})
		if old.Active || strOf(old.Until) != "2011-12-31" {
			t.Errorf("ended collaboration %+v", old)
		}
		sameList(t, "a's collaborations, newest first", partnersOf(t, e, a), []string{first.ID + ">" + b, old.ID + ">" + b})
		t.Run("but cannot be reopened while another is active", func(t *testing.T) {
			mustFailWith(t, e, updateCollab, map[string]any{"id": old.ID, "in": map[string]any{"until": daysFromToday(10)}}, "CONFLICT")
		})
	})
	t.Run("update", func(t *testing.T) {
		var out struct{ UpdateCollaboration collabNode }
		e.must(t, updateCollab, map[string]any{"id": first.ID, "in": map[string]any{"intensity": "INTEGRATION", "themes": []string{otherTheme, theme}, "source": "survey"}}, &out)
		u := out.UpdateCollaboration
		if u.Intensity != "INTEGRATION" || u.Description != "Joint holiday hunger programme" || strOf(u.Since) != since || u.Source != "survey" ||
			!slices.Equal(sorted(u.slugs()), sorted([]string{theme, otherTheme})) {
			t.Errorf("updated %+v", u)
		}
		var read struct {
			Organisation struct {
				Collaborations struct{ TotalCount int }
			}
		}
		e.must(t, `query($id: ID!, $t: String!) { organisation(id: $id) { collaborations(filter: { intensities: [INTEGRATION], themes: [$t] }) { totalCount } } }`,
			map[string]any{"id": a, "t": otherTheme}, &read)
		if read.Organisation.Collaborations.TotalCount != 1 {
			t.Errorf("filtered: %d", read.Organisation.Collaborations.TotalCount)
		}
	})
	for _, tt := range []struct {
		name   string
		input  map[string]any
		code   string
		fields []string
	}{
		{"until before since", map[string]any{"until": "2000-01-01"}, "BAD_USER_INPUT", []string{"until"}},
		{"since after the end of an ended one", map[string]any{"since": "2999-01-01", "until": "2998-01-01"}, "BAD_USER_INPUT", []string{"until"}},
		{"unknown theme", map[string]any{"themes": []string{"no-such-theme"}}, "BAD_USER_INPUT", []string{"themes"}},
		{"unknown intensity", map[string]any{"intensity": "CLOSE"}, "GRAPHQL_VALIDATION_FAILED", nil},
		{"the organisations cannot change", map[string]any{"toId": c}, "GRAPHQL_VALIDATION_FAILED", nil},
	} {
		t.Run("update: "+tt.name, func(t *testing.T) {
			mustFailWith(t, e, updateCollab, map[string]any{"id": first.ID, "in": tt.input}, tt.code, tt.fields...)
		})
	}
	t.Run("update: unknown collaboration", func(t *testing.T) {
		mustFailWith(t, e, updateCollab, map[string]any{"id": "col_00000000-0000-0000-0000-000000000000", "in": map[string]any{"intensity": "AWARENESS"}}, "NOT_FOUND")
	})
	t.Run("end", func(t *testing.T) {
		mustFailWith(t, e, endCollab, map[string]any{"id": first.ID, "until": "2000-01-01"}, "BAD_USER_INPUT", "until")
		mustFailWith(t, e, endCollab, map[string]any{"id": first.ID, "until": "2024-02-30"}, "BAD_USER_INPUT")
		var out struct{ EndCollaboration collabNode }
		yesterday := daysFromToday(-1)
		e.must(t, endCollab, map[string]any{"id": first.ID, "until": yesterday}, &out)
		if strOf(out.EndCollaboration.Until) != yesterday || out.EndCollaboration.Active || out.EndCollaboration.Intensity != "INTEGRATION" {
			t.Errorf("ended %+v", out.EndCollaboration)
		}
		mustFailWith(t, e, endCollab, map[string]any{"id": first.ID, "until": daysFromToday(0)}, "CONFLICT")
	})
	var second collabNode
	t.Run("after the end a new one may start", func(t *testing.T) {
		second = record(t, map[string]any{"fromId": b, "toId": a, "intensity": "COOPERATION", "since": daysFromToday(0)})
		if !second.Active {
			t.Errorf("a collaboration starting today is active: %+v", second)
		}
	})
	t.Run("active follows the dates", func(t *testing.T) {
		future := record(t, map[string]any{"fromId": a, "toId": c, "intensity": "AWARENESS", "since": daysFromToday(30)})
		if future.Active {
			t.Errorf("a collaboration starting next month is active: %+v", future)
		}
		lastDay := record(t, map[string]any{"fromId": b, "toId": c, "intensity": "AWARENESS", "since": daysFromToday(-30), "until": daysFromToday(0)})
		if !lastDay.Active {
			t.Errorf("a collaboration on its last day is not active: %+v", lastDay)
		}
		var out struct {
			A, B struct{ Collaborations struct{ TotalCount int } }
		}
		e.must(t, `query($a: ID!, $b: ID!, $today: Date!) {
  a: organisation(id: $a) { collaborations(filter: { activeOn: $today }) { totalCount } }
  b: organisation(id: $b) { collaborations(filter: { activeOn: $today }) { totalCount } } }`,
			map[string]any{"a": a, "b": b, "today": daysFromToday(0)}, &out)
		// a: only the new one with b (the first ended yesterday, the old one in 2011, the one with c starts later).
		// b: the new one with a and the one with c ending today.
		if out.A.Collaborations.TotalCount != 1 || out.B.Collaborations.TotalCount != 2 {
			t.Errorf("running today: a %d (want 1), b %d (want 2)", out.A.Collaborations.TotalCount, out.B.Collaborations.TotalCount)
		}
	})
	t.Run("delete", func(t *testing.T) {
		var out struct {
			DeleteCollaboration struct{ ID, DeletedAt string }
		}
		e.must(t, deleteCollab, map[string]any{"id": second.ID}, &out)
		if out.DeleteCollaboration.ID != second.ID {
			t.Errorf("deleted %+v", out.DeleteCollaboration)
		}
		recent(t, "deletedAt", out.DeleteCollaboration.DeletedAt)
		r := e.post(t, `query($id: ID!) { collaboration(id: $id) { id } node(id: $id) { id } }`, map[string]any{"id": second.ID})
		if string(r.Data) != `{"collaboration":null,"node":null}` {
			t.Errorf("after delete: %s", r.Data)
		}
		for _, p := range partnersOf(t, e, a) {
			if strings.HasPrefix(p, second.ID) {
				t.Errorf("a still lists the deleted collaboration")
			}
		}
		mustFailWith(t, e, deleteCollab, map[string]any{"id": second.ID}, "NOT_FOUND")
		mustFailWith(t, e, updateCollab, map[string]any{"id": second.ID, "in": map[string]any{"intensity": "AWARENESS"}}, "NOT_FOUND")
		mustFailWith(t, e, endCollab, map[string]any{"id": second.ID, "until": daysFromToday(1)}, "NOT_FOUND")
		// A deleted collaboration no longer blocks a new one.
		record(t, map[string]any{"fromId": a, "toId": b, "intensity": "AWARENESS"})
	})
	t.Run("with a deleted organisation", func(t *testing.T) {
		gone := newOrg(t, e, nil)
		e.must(t, deleteOrg, map[string]any{"id": gone}, nil)
		mustFailWith(t, e, recordCollab, map[string]any{"in": withFields(valid, map[string]any{"toId": gone})}, "NOT_FOUND", "toId")
	})
}

const (
	membershipFields  = `organisation { id } partnership { id } role since source createdAt updatedAt`
	stewardshipFields = `organisation { id } asset { id } role since source`
	affiliationFields = `person { id } organisation { id } role since until source`
)

type linkOut struct {
	Organisation, Partnership, Asset, Person *ref
	Role, Source                             string
	Since, Until                             *string
	CreatedAt, UpdatedAt                     string
}

// linkEdges reads the links of an organisation, a partnership, an asset
// and a person as "id:ROLE" lists.
func linkEdges(t *testing.T, e *env, org, partnership, asset, person string) (orgPartnerships, members, orgAssets, stewards, orgPeople, personOrgs []string) {
	t.Helper()
	type conn struct {
		TotalCount int
		Edges      []struct {
			Role  string
			Since *string
			Node  ref
		}
	}
	var out struct {
		Organisation struct{ Partnerships, Assets, People conn }
		Partnership  struct{ Members conn }
		Asset        struct{ Stewards conn }
		Person       struct{ Organisations conn }
	}
	e.must(t, `query($o: ID!, $p: ID!, $a: ID!, $per: ID!) {
  organisation(id: $o) { partnerships { totalCount edges { role since node { id } } } assets { totalCount edges { role since node { id } } } people { totalCount edges { role since node { id } } } }
  partnership(id: $p) { members { totalCount edges { role since node { id } } } }
  asset(id: $a) { stewards { totalCount edges { role since node { id } } } }
  person(id: $per) { organisations { totalCount edges { role since node { id } } } } }`,
		map[string]any{"o": org, "p": partnership, "a": asset, "per": person}, &out)
	list := func(c conn) []string {
		var s []string
		for _, ed := range c.Edges {
			s = append(s, ed.Node.ID+":"+ed.Role+":"+strOf(ed.Since))
		}
		if c.TotalCount != len(s) {
			t.Errorf("totalCount %d with %d edges", c.TotalCount, len(s))
		}
		return sorted(s)
	}
	return list(out.Organisation.Partnerships), list(out.Partnership.Members), list(out.Organisation.Assets),
		list(out.Asset.Stewards), list(out.Organisation.People), list(out.Person.Organisations)
}

func TestLinkMutations(t *testing.T) {
	e := demoEnv(t)
	org, partnership, asset, person := newOrg(t, e, nil), newPartnership(t, e), newAsset(t, e), newPerson(t, e)
	const unknownOrg = "org_00000000-0000-0000-0000-000000000000"
	expect := func(t *testing.T, orgPartnerships, members, orgAssets, stewards, orgPeople, personOrgs []string) {
		t.Helper()
		gp, gm, ga, gs, gpe, gpo := linkEdges(t, e, org, partnership, asset, person)
		sameList(t, "organisation.partnerships", gp, orgPartnerships)
		sameList(t, "partnership.members", gm, members)
		sameList(t, "organisation.assets", ga, orgAssets)
		sameList(t, "asset.stewards", gs, stewards)
		sameList(t, "organisation.people", gpe, orgPeople)
		sameList(t, "person.organisations", gpo, personOrgs)
	}

	t.Run("membership", func(t *testing.T) {
		const add = `mutation($in: MembershipInput!) { addMembership(input: $in) { ` + membershipFields + ` } }`
		const remove = `mutation($o: ID!, $p: ID!) { removeMembership(organisationId: $o, partnershipId: $p) { ` + membershipFields + ` } }`
		var out struct{ AddMembership linkOut }
		e.must(t, add, map[string]any{"in": map[string]any{"organisationId": org, "partnershipId": partnership}}, &out)
		m := out.AddMembership
		if m.Organisation.ID != org || m.Partnership.ID != partnership || m.Role != "MEMBER" || m.Since != nil || m.Source != "api" {
			t.Errorf("membership %+v", m)
		}
		recent(t, "createdAt", m.CreatedAt)
		expect(t, []string{partnership + ":MEMBER:"}, []string{org + ":MEMBER:"}, nil, nil, nil, nil)

		e.must(t, add, map[string]any{"in": map[string]any{"organisationId": org, "partnershipId": partnership, "role": "CHAIR", "since": "2024-04-01"}}, &out)
		if out.AddMembership.Role != "CHAIR" || strOf(out.AddMembership.Since) != "2024-04-01" {
			t.Errorf("membership %+v", out.AddMembership)
		}
		expect(t, []string{partnership + ":CHAIR:2024-04-01"}, []string{org + ":CHAIR:2024-04-01"}, nil, nil, nil, nil)

		for _, tt := range []struct {
			name   string
			input  map[string]any
			code   string
			fields []string
		}{
			{"unknown organisation", map[string]any{"organisationId": unknownOrg, "partnershipId": partnership}, "NOT_FOUND", []string{"organisationId"}},
			{"unknown partnership", map[string]any{"organisationId": org, "partnershipId": "prt_00000000-0000-0000-0000-000000000000"}, "NOT_FOUND", []string{"partnershipId"}},
			{"malformed organisation", map[string]any{"organisationId": partnership, "partnershipId": partnership}, "BAD_USER_INPUT", []string{"organisationId"}},
			{"malformed partnership", map[string]any{"organisationId": org, "partnershipId": "nope"}, "BAD_USER_INPUT", []string{"partnershipId"}},
			{"unknown role", map[string]any{"organisationId": org, "partnershipId": partnership, "role": "PRESIDENT"}, "GRAPHQL_VALIDATION_FAILED", nil},
			{"invalid date", map[string]any{"organisationId": org, "partnershipId": partnership, "since": "2023-13-01"}, "BAD_USER_INPUT", nil},
			{"source too long", map[string]any{"organisationId": org, "partnershipId": partnership, "source": strings.Repeat("s", 201)}, "BAD_USER_INPUT", []string{"source"}},
		} {
			t.Run("add: "+tt.name, func(t *testing.T) {
				mustFailWith(t, e, add, map[string]any{"in": tt.input}, tt.code, tt.fields...)
			})
		}

		var removed struct{ RemoveMembership linkOut }
		e.must(t, remove, map[string]any{"o": org, "p": partnership}, &removed)
		if removed.RemoveMembership.Role != "CHAIR" || removed.RemoveMembership.Organisation.ID != org {
			t.Errorf("removed %+v", removed.RemoveMembership)
		}
		expect(t, nil, nil, nil, nil, nil, nil)
		mustFailWith(t, e, remove, map[string]any{"o": org, "p": partnership}, "NOT_FOUND")
		mustFailWith(t, e, remove, map[string]any{"o": unknownOrg, "p": partnership}, "NOT_FOUND")
		// Adding it again revives it.
		e.must(t, add, map[string]any{"in": map[string]any{"organisationId": org, "partnershipId": partnership, "role": "FUNDER"}}, nil)
		expect(t, []string{partnership + ":FUNDER:2024-04-01"}, []string{org + ":FUNDER:2024-04-01"}, nil, nil, nil, nil)
		e.must(t, remove, map[string]any{"o": org, "p": partnership}, nil)
	})

	t.Run("stewardship", func(t *testing.T) {
		const add = `mutation($in: StewardshipInput!) { addStewardship(input: $in) { ` + stewardshipFields + ` } }`
		const remove = `mutation($o: ID!, $a: ID!, $r: StewardshipRole!) { removeStewardship(organisationId: $o, assetId: $a, role: $r) { ` + stewardshipFields + ` } }`
		var out struct{ AddStewardship linkOut }
		e.must(t, add, map[string]any{"in": map[string]any{"organisationId": org, "assetId": asset, "role": "OWNS", "since": "2019-09-09"}}, &out)
		if s := out.AddStewardship; s.Organisation.ID != org || s.Asset.ID != asset || s.Role != "OWNS" || strOf(s.Since) != "2019-09-09" {
			t.Errorf("stewardship %+v", s)
		}
		e.must(t, add, map[string]any{"in": map[string]any{"organisationId": org, "assetId": asset, "role": "USES"}}, nil)
		expect(t, nil, nil, []string{asset + ":OWNS:2019-09-09", asset + ":USES:"}, []string{org + ":OWNS:2019-09-09", org + ":USES:"}, nil, nil)

		for _, tt := range []struct {
			name   string
			input  map[string]any
			code   string
			fields []string
		}{
			{"unknown asset", map[string]any{"organisationId": org, "assetId": "ast_00000000-0000-0000-0000-000000000000", "role": "USES"}, "NOT_FOUND", []string{"assetId"}},
			{"unknown organisation", map[string]any{"organisationId": unknownOrg, "assetId": asset, "role": "USES"}, "NOT_FOUND", []string{"organisationId"}},
			{"malformed asset", map[string]any{"organisationId": org, "assetId": org, "role": "USES"}, "BAD_USER_INPUT", []string{"assetId"}},
			{"no role", map[string]any{"organisationId": org, "assetId": asset}, "GRAPHQL_VALIDATION_FAILED", nil},
			{"unknown role", map[string]any{"organisationId": org, "assetId": asset, "role": "BORROWS"}, "GRAPHQL_VALIDATION_FAILED", nil},
		} {
			t.Run("add: "+tt.name, func(t *testing.T) {
				mustFailWith(t, e, add, map[string]any{"in": tt.input}, tt.code, tt.fields...)
			})
		}

		var removed struct{ RemoveStewardship linkOut }
		e.must(t, remove, map[string]any{"o": org, "a": asset, "r": "USES"}, &removed)
		if removed.RemoveStewardship.Role != "USES" {
			t.Errorf("removed %+v", removed.RemoveStewardship)
		}
		expect(t, nil, nil, []string{asset + ":OWNS:2019-09-09"}, []string{org + ":OWNS:2019-09-09"}, nil, nil)
		mustFailWith(t, e, remove, map[string]any{"o": org, "a": asset, "r": "USES"}, "NOT_FOUND")
		mustFailWith(t, e, remove, map[string]any{"o": org, "a": asset, "r": "MANAGES"}, "NOT_FOUND")
		e.must(t, remove, map[string]any{"o": org, "a": asset, "r": "OWNS"}, nil)
	})

	t.Run("affiliation", func(t *testing.T) {
		const add = `mutation($in: AffiliationInput!) { addAffiliation(input: $in) { ` + affiliationFields + ` } }`
		const remove = `mutation($p: ID!, $o: ID!, $r: AffiliationRole!) { removeAffiliation(personId: $p, organisationId: $o, role: $r) { ` + affiliationFields + ` } }`
		var out struct{ AddAffiliation linkOut }
		e.must(t, add, map[string]any{"in": map[string]any{"personId": person, "organisationId": org, "role": "VOLUNTEER", "since": "2020-01-01", "until": "2023-06-30"}}, &out)
		if a := out.AddAffiliation; a.Person.ID != person || a.Organisation.ID != org || a.Role != "VOLUNTEER" || strOf(a.Since) != "2020-01-01" || strOf(a.Until) != "2023-06-30" {
			t.Errorf("affiliation %+v", a)
		}
		e.must(t, add, map[string]any{"in": map[string]any{"personId": person, "organisationId": org, "role": "TRUSTEE", "since": "2023-07-01"}}, nil)
		expect(t, nil, nil, nil, nil, []string{person + ":TRUSTEE:2023-07-01", person + ":VOLUNTEER:2020-01-01"},
			[]string{org + ":TRUSTEE:2023-07-01", org + ":VOLUNTEER:2020-01-01"})

		for _, tt := range []struct {
			name   string
			input  map[string]any
			code   string
			fields []string
		}{
			{"until before since", map[string]any{"personId": person, "organisationId": org, "role": "STAFF", "since": "2024-01-02", "until": "2024-01-01"}, "BAD_USER_INPUT", []string{"until"}},
			{"unknown person", map[string]any{"personId": "per_00000000-0000-0000-0000-000000000000", "organisationId": org, "role": "STAFF"}, "NOT_FOUND", []string{"personId"}},
			{"unknown organisation", map[string]any{"personId": person, "organisationId": unknownOrg, "role": "STAFF"}, "NOT_FOUND", []string{"organisationId"}},
			{"malformed person", map[string]any{"personId": org, "organisationId": org, "role": "STAFF"}, "BAD_USER_INPUT", []string{"personId"}},
			{"unknown role", map[string]any{"personId": person, "organisationId": org, "role": "BOSS"}, "GRAPHQL_VALIDATION_FAILED", nil},
		} {
			t.Run("add: "+tt.name, func(t *testing.T) {
				mustFailWith(t, e, add, map[string]any{"in": tt.input}, tt.code, tt.fields...)
			})
		}

		e.must(t, remove, map[string]any{"p": person, "o": org, "r": "VOLUNTEER"}, nil)
		expect(t, nil, nil, nil, nil, []string{person + ":TRUSTEE:2023-07-01"}, []string{org + ":TRUSTEE:2023-07-01"})
		mustFailWith(t, e, remove, map[string]any{"p": person, "o": org, "r": "VOLUNTEER"}, "NOT_FOUND")
		mustFailWith(t, e, remove, map[string]any{"p": person, "o": org, "r": "CHAMPION"}, "NOT_FOUND")
	})
}

// TestDeletedOrganisationIsHiddenButKept deletes an organisation with
// links of every kind: it disappears from every read, and the graph keeps
// it with all its edges.
func TestDeletedOrganisationIsHiddenButKept(t *testing.T) {
	e := demoEnv(t)
	area, theme := newArea(t, e, "DISTRICT", ""), newTheme(t, e)
	orgID := uniqueOrgID()
	name := unique(t, "Doomed organisation")
	x := newOrg(t, e, map[string]any{"name": name, "areaId": area, "themes": []string{theme}, "orgId": orgID})
	p1, p2 := newOrg(t, e, map[string]any{"areaId": area, "themes": []string{theme}}), newOrg(t, e, nil)
	partnership, asset, person := newPartnership(t, e), newAsset(t, e), newPerson(t, e)
	var col1, col2 struct{ RecordCollaboration struct{ ID string } }
	e.must(t, recordCollab, map[string]any{"in": map[string]any{"fromId": x, "toId": p1, "intensity": "COOPERATION"}}, &col1)
	e.must(t, recordCollab, map[string]any{"in": map[string]any{"fromId": p2, "toId": x, "intensity": "AWARENESS", "since": "2015-01-01", "until": "2016-01-01"}}, &col2)
	for _, q := range []struct {
		m  string
		in map[string]any
	}{
		{`mutation($in: MembershipInput!) { addMembership(input: $in) { role } }`, map[string]any{"organisationId": x, "partnershipId": partnership, "role": "LEAD"}},
		{`mutation($in: MembershipInput!) { addMembership(input: $in) { role } }`, map[string]any{"organisationId": p1, "partnershipId": partnership}},
		{`mutation($in: StewardshipInput!) { addStewardship(input: $in) { role } }`, map[string]any{"organisationId": x, "assetId": asset, "role": "MANAGES"}},
		{`mutation($in: AffiliationInput!) { addAffiliation(input: $in) { role } }`, map[string]any{"personId": person, "organisationId": x, "role": "STAFF"}},
	} {
		e.must(t, q.m, map[string]any{"in": q.in}, nil)
	}
	if got := partnersOf(t, e, p1); !slices.Equal(got, []string{col1.RecordCollaboration.ID + ">" + x}) {
		t.Fatalf("before the delete p1's partners are %v", got)
	}

	e.must(t, deleteOrg, map[string]any{"id": x}, nil)

	t.Run("gone from every read", func(t *testing.T) {
		var out struct {
			Organisation   *ref
			Organisations  refConn
			Node           *ref
			Nodes          []*ref
			Collab1        *ref
			Collab2        *ref
			Area           struct{ Organisations refConn }
			Theme          struct{ Organisations refConn }
			Partnership    struct{ Members refConn }
			Asset          struct{ Stewards refConn }
			Person         struct{ Organisations refConn }
			Collaborations refConn
		}
		e.must(t, `query($x: ID!, $name: String!, $c1: ID!, $c2: ID!, $area: ID!, $theme: String!, $p: ID!, $a: ID!, $per: ID!) {
  organisation(id: $x) { id name }
  organisations(filter: { nameContains: $name }) { totalCount edges { node { id name } } }
  node(id: $x) { id }
  nodes(ids: [$x]) { id }
  collab1: collaboration(id: $c1) { id }
  collab2: collaboration(id: $c2) { id }
  area(id: $area) { organisations { totalCount edges { node { id name } } } }
  theme(slug: $theme) { organisations { totalCount edges { node { id name } } } }
  partnership(id: $p) { members { totalCount edges { node { id name } } } }
  asset(id: $a) { stewards { totalCount edges { node { id name } } } }
  person(id: $per) { organisations { totalCount edges { node { id name } } } }
  collaborations(filter: { intensities: [COOPERATION] }, first: 500) { totalCount edges { node { id } } }
}`, map[string]any{"x": x, "name": name, "c1": col1.RecordCollaboration.ID, "c2": col2.RecordCollaboration.ID, "area": area, "theme": theme,
			"p": partnership, "a": asset, "per": person}, &out)
		if out.Organisation != nil || out.Organisations.TotalCount != 0 || out.Node != nil || len(out.Nodes) != 1 || out.Nodes[0] != nil {
			t.Errorf("still readable: organisation %+v, organisations %d, node %+v, nodes %+v", out.Organisation, out.Organisations.TotalCount, out.Node, out.Nodes)
		}
		if out.Collab1 != nil || out.Collab2 != nil {
			t.Errorf("its collaborations are still readable: %+v %+v", out.Collab1, out.Collab2)
		}
		sameList(t, "area.organisations", out.Area.Organisations.ids(), []string{p1})
		sameList(t, "theme.organisations", out.Theme.Organisations.ids(), []string{p1})
		sameList(t, "partnership.members", out.Partnership.Members.ids(), []string{p1})
		sameList(t, "asset.stewards", out.Asset.Stewards.ids(), nil)
		sameList(t, "person.organisations", out.Person.Organisations.ids(), nil)
		if slices.Contains(out.Collaborations.ids(), col1.RecordCollaboration.ID) {
			t.Error("collaborations still lists its collaboration")
		}
		sameList(t, "p1's collaborations", partnersOf(t, e, p1), nil)
		sameList(t, "p2's collaborations", partnersOf(t, e, p2), nil)
	})
	t.Run("kept in the graph with its edges", func(t *testing.T) {
		row := cypherRow(t, e, `MATCH (o:Organisation {id: $id})
RETURN o.name AS name, o.orgId AS orgId, o.deletedAt IS NOT NULL AS deleted,
  COUNT { (o)-[:COLLABORATES_WITH]-() } AS collaborations,
  COUNT { (o)-[r:COLLABORATES_WITH]-() WHERE r.deletedAt IS NULL } AS liveCollaborations,
  COUNT { (o)-[:MEMBER_OF]->(:Partnership {id: $p}) } AS memberships,
  COUNT { (o)-[:STEWARDS]->(:Asset {id: $a}) } AS stewardships,
  COUNT { (:Person {id: $per})-[:AFFILIATED_WITH]->(o) } AS affiliations,
  COUNT { (o)-[:LOCATED_IN]->(:Area {id: $area}) } AS located,
  COUNT { (o)-[:HAS_THEME]->(:Theme {slug: $theme}) } AS themed`,
			map[string]any{"id": x, "p": partnership, "a": asset, "per": person, "area": area, "theme": theme})
		want := map[string]any{"name": name, "orgId": orgID, "deleted": true, "collaborations": int64(2), "liveCollaborations": int64(2),
			"memberships": int64(1), "stewardships": int64(1), "affiliations": int64(1), "located": int64(1), "themed": int64(1)}
		if !maps.Equal(row, want) {
			t.Errorf("stored:\n got %v\nwant %v", row, want)
		}
	})
	t.Run("its org-id stays reserved", func(t *testing.T) {
		mustFailWith(t, e, createOrg, map[string]any{"in": map[string]any{"name": unique(t, "Successor"), "kind": "CHARITY", "orgId": orgID}}, "CONFLICT")
	})
	t.Run("it cannot take new links", func(t *testing.T) {
		mustFailWith(t, e, recordCollab, map[string]any{"in": map[string]any{"fromId": p2, "toId": x, "intensity": "AWARENESS"}}, "NOT_FOUND", "toId")
		mustFailWith(t, e, `mutation($in: MembershipInput!) { addMembership(input: $in) { role } }`,
			map[string]any{"in": map[string]any{"organisationId": x, "partnershipId": partnership}}, "NOT_FOUND", "organisationId")
	})
}

// TestDeletedThemesAndAreasNoLongerMatch deletes a theme and an area: the
// organisations that had them no longer show them, and filters on them no
// longer find those organisations either.
func TestDeletedThemesAndAreasNoLongerMatch(t *testing.T) {
	e := demoEnv(t)
	top := newArea(t, e, "DISTRICT", "")
	low := newArea(t, e, "NEIGHBOURHOOD", top)
	theme := newTheme(t, e)
	org := newOrg(t, e, map[string]any{"areaId": low, "themes": []string{theme}})
	e.must(t, `mutation($a: ID!, $t: ID!) { deleteArea(id: $a) { id } deleteTheme(id: $t) { id } }`, map[string]any{"a": low, "t": "thm_" + theme}, nil)
	var out struct {
		Organisation struct {
			Area   *ref
			Themes []struct{ Slug string }
		}
		InTop, InLow, OnTheme refConn
		Top                   struct{ Organisations refConn }
	}
	e.must(t, `query($o: ID!, $top: ID!, $low: ID!, $t: String!) {
  organisation(id: $o) { area { id } themes { slug } }
  inTop: organisations(filter: { areaIds: [$top] }) { totalCount }
  inLow: organisations(filter: { areaIds: [$low] }) { totalCount }
  onTheme: organisations(filter: { themes: [$t] }) { totalCount }
  top: area(id: $top) { organisations { totalCount } } }`, map[string]any{"o": org, "top": top, "low": low, "t": theme}, &out)
	if out.Organisation.Area != nil || len(out.Organisation.Themes) != 0 {
		t.Fatalf("the organisation still shows its deleted area %+v or themes %v", out.Organisation.Area, out.Organisation.Themes)
	}
	for _, tt := range []struct {
		name string
		got  int
	}{
		{"organisations in the deleted area", out.InLow.TotalCount},
		{"organisations in the area around it", out.InTop.TotalCount},
		{"the surrounding area's organisations", out.Top.Organisations.TotalCount},
		{"organisations on the deleted theme", out.OnTheme.TotalCount},
	} {
		if tt.got != 0 {
			t.Errorf("%s: %d, want 0 (the organisation shows no area or theme)", tt.name, tt.got)
		}
	}
}

// TestDeletedRecordsLeaveTheirLinks deletes a partnership, an asset and a
// person linked to an organisation: they vanish from its connections.
func TestDeletedRecordsLeaveTheirLinks(t *testing.T) {
	e := demoEnv(t)
	org, partnership, asset, person := newOrg(t, e, nil), newPartnership(t, e), newAsset(t, e), newPerson(t, e)
	e.must(t, `mutation($o: ID!, $p: ID!, $a: ID!, $per: ID!) {
  addMembership(input: { organisationId: $o, partnershipId: $p }) { role }
  addStewardship(input: { organisationId: $o, assetId: $a, role: USES }) { role }
  addAffiliation(input: { personId: $per, organisationId: $o, role: CHAMPION }) { role } }`,
		map[string]any{"o": org, "p": partnership, "a": asset, "per": person}, nil)
	count := func() [3]int {
		var out struct {
			Organisation struct{ Partnerships, Assets, People struct{ TotalCount int } }
		}
		e.must(t, `query($o: ID!) { organisation(id: $o) { partnerships { totalCount } assets { totalCount } people { totalCount } } }`, map[string]any{"o": org}, &out)
		o := out.Organisation
		return [3]int{o.Partnerships.TotalCount, o.Assets.TotalCount, o.People.TotalCount}
	}
	if got := count(); got != [3]int{1, 1, 1} {
		t.Fatalf("before: %v", got)
	}
	e.must(t, `mutation($p: ID!, $a: ID!, $per: ID!) { deletePartnership(id: $p) { id } deleteAsset(id: $a) { id } deletePerson(id: $per) { id } }`,
		map[string]any{"p": partnership, "a": asset, "per": person}, nil)
	if got := count(); got != [3]int{0, 0, 0} {
		t.Errorf("after deleting them: partnerships, assets, people = %v", got)
	}
	mustFailWith(t, e, `mutation($o: ID!, $p: ID!) { addMembership(input: { organisationId: $o, partnershipId: $p }) { role } }`,
		map[string]any{"o": org, "p": partnership}, "NOT_FOUND")
}
