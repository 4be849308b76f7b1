package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/server"
)

// unreachableStore is a backend whose every store method panics (its
// civic.Store is nil). A request that reaches the store therefore ends in a
// recovered panic, which the test counts: it tells apart requests the
// policy let through from requests it stopped, without writing anything.
type unreachableStore struct{ civic.Store }

func (unreachableStore) Ping(context.Context) error { return nil }

// panicCounter counts the "panic" records the server logs.
type panicCounter struct {
	slog.Handler
	n *atomic.Int64
}

func (h panicCounter) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "panic" {
		h.n.Add(1)
	}
	return nil
}

// adminMutationPrefixes are the mutations only admins may run: merging,
// importing and restoring deleted records. Everything else that changes the
// graph is an editor's.
var adminMutationPrefixes = []string{"merge", "import", "restore"}

// openMutations are those anyone may run: submitting a story of what
// worked (an editor then publishes or rejects it).
var openMutations = []string{"submitStory"}

// mutationRole is the least role each mutation should need, by the rules
// of the issues rather than by the policy table.
func mutationRole(name string) civic.Role {
	if slices.Contains(openMutations, name) {
		return civic.RolePublic
	}
	for _, p := range adminMutationPrefixes {
		if strings.HasPrefix(name, p) {
			return civic.RoleAdmin
		}
	}
	return civic.RoleEditor
}

// TestMutationMatrix runs every mutation of the schema as every kind of
// caller. Callers below the mutation's role are refused (UNAUTHENTICATED
// without credentials, FORBIDDEN with) before the store is touched; the
// others reach the store.
func TestMutationMatrix(t *testing.T) {
	var panics atomic.Int64
	log := slog.New(panicCounter{Handler: slog.NewTextHandler(io.Discard, nil), n: &panics})
	srv := httptest.NewServer(server.New(unreachableStore{}, server.Options{Logger: log, Auth: testAuthenticator(t, nil)}))
	defer srv.Close()
	e := &env{srv: srv}

	mutations := fieldsOf("Mutation")
	if len(mutations) < 20 {
		t.Fatalf("found %d mutations; the schema walk is broken", len(mutations))
	}
	for _, m := range mutations {
		need := mutationRole(m.Name)
		doc, vars := operation("mutation", m, "x_nope", false)
		for _, c := range callers {
			t.Run(m.Name+"/"+c.name, func(t *testing.T) {
				before := panics.Load()
				r := e.postAs(t, c, doc, vars)
				reached := panics.Load() > before
				allowed := need == civic.RolePublic || (!c.anon && c.role.AtLeast(need))
				switch {
				case allowed && (!reached || r.code() != string(civic.CodeInternal)):
					t.Errorf("a %s was not let through: code %q, errors %+v", c.name, r.code(), r.Errors)
				case !allowed && reached:
					t.Errorf("a %s reached the store", c.name)
				case !allowed && c.anon && r.code() != string(civic.CodeUnauthenticated):
					t.Errorf("anonymous: code %q, want UNAUTHENTICATED (errors %+v)", r.code(), r.Errors)
				case !allowed && !c.anon && r.code() != string(civic.CodeForbidden):
					t.Errorf("%s: code %q, want FORBIDDEN (errors %+v)", c.name, r.code(), r.Errors)
				}
				// A refused mutation answers no data: null, or its own field
				// null where the schema lets it be.
				if !allowed && string(r.Data) != "null" && string(r.Data) != `{"`+m.Name+`":null}` {
					t.Errorf("a refused mutation answered data %s", r.Data)
				}
			})
		}
	}
}

// TestRefusedMutationsWriteNothing runs a mutation without credentials
// against the real store: refused, and the graph is as it was.
func TestRefusedMutationsWriteNothing(t *testing.T) {
	e := demoEnv(t)
	before := e.fingerprint(t)
	r := e.postAs(t, anonymous, `mutation { createOrganisation(input: {name: "Never Written", kind: CHARITY}) { id } }`, nil)
	if r.code() != string(civic.CodeUnauthenticated) {
		t.Fatalf("code %q (errors %+v), want UNAUTHENTICATED", r.code(), r.Errors)
	}
	if after := e.fingerprint(t); after != before {
		t.Fatalf("a refused mutation changed the graph: %v -> %v", before, after)
	}
}

// restrictedPersonFields are the restricted fields of Person and what the test
// person below has in them.
var restrictedPersonFields = []string{"email", "phone", "contactConsent"}

// TestContactDetailsMatrix reads the personal fields of people who did and
// did not consent, as every kind of caller, through every way a person can
// be reached: champions and above see the contact details of those who
// consented, and null otherwise; nobody else sees any.
func TestContactDetailsMatrix(t *testing.T) {
	e := demoEnv(t)
	type person struct {
		ID           string
		consent      bool
		email, phone string
	}
	people := []*person{
		{consent: true, email: "ada.consents@example.org", phone: "0121 496 0001"},
		{consent: false, email: "bo.declines@example.org", phone: "0121 496 0002"},
		{consent: true}, // consented, but left no details
	}
	var org struct{ CreateOrganisation struct{ ID string } }
	editorMust(t, e, `mutation { createOrganisation(input: {name: "Matrix Test Group", kind: COMMUNITY_GROUP}) { id } }`, nil, &org)
	for i, p := range people {
		in := map[string]any{"name": "Matrix Person " + string(rune('A'+i)), "contactConsent": p.consent}
		if p.email != "" {
			in["email"], in["phone"] = p.email, p.phone
		}
		var out struct{ CreatePerson struct{ ID string } }
		editorMust(t, e, `mutation($in: CreatePersonInput!) { createPerson(input: $in) { id } }`, map[string]any{"input": in, "in": in}, &out)
		p.ID = out.CreatePerson.ID
		editorMust(t, e, `mutation($p: ID!, $o: ID!) { addAffiliation(input: {personId: $p, organisationId: $o, role: VOLUNTEER}) { role } }`,
			map[string]any{"p": p.ID, "o": org.CreateOrganisation.ID}, nil)
	}
	ids := []string{people[0].ID, people[1].ID, people[2].ID}

	// Each path reads the people above and returns them as JSON objects by ID.
	const sel = "id email phone contactConsent"
	paths := map[string]struct {
		query string
		vars  map[string]any
		pick  func(json.RawMessage) []map[string]any
	}{
		"person(id)": {`query($id: ID!) { person(id: $id) { ` + sel + ` } }`, map[string]any{"id": ids[0]}, pluck("person")},
		"people":     {`{ people(first: 10, filter: {nameContains: "Matrix Person"}) { edges { node { ` + sel + ` } } } }`, nil, pluck("people", "edges", "node")},
		"node(id)":   {`query($id: ID!) { node(id: $id) { ... on Person { ` + sel + ` } } }`, map[string]any{"id": ids[1]}, pluck("node")},
		"nodes(ids)": {`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { ` + sel + ` } } }`, map[string]any{"ids": ids}, pluck("nodes")},
		"organisation.people": {`query($id: ID!) { organisation(id: $id) { people { edges { node { ` + sel + ` } } } } }`,
			map[string]any{"id": org.CreateOrganisation.ID}, pluck("organisation", "people", "edges", "node")},
	}
	byID := map[string]*person{}
	for _, p := range people {
		byID[p.ID] = p
	}
	for name, path := range paths {
		for _, c := range callers {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				r := e.postAs(t, c, path.query, path.vars)
				if len(r.Errors) > 0 {
					t.Fatalf("errors %+v", r.Errors)
				}
				got := path.pick(r.Data)
				if len(got) == 0 {
					t.Fatalf("no people in %s", r.Data)
				}
				for _, obj := range got {
					p := byID[obj["id"].(string)]
					if p == nil {
						t.Fatalf("unexpected person %v", obj)
					}
					champion := !c.anon && c.role >= civic.RoleChampion
					visible := champion && p.consent
					want := map[string]any{"email": nil, "phone": nil, "contactConsent": nil}
					if visible && p.email != "" {
						want["email"], want["phone"] = p.email, p.phone
					}
					if champion {
						want["contactConsent"] = p.consent
					}
					for _, f := range restrictedPersonFields {
						if obj[f] != want[f] {
							t.Errorf("person %s (consent %v): %s = %v, want %v", p.ID, p.consent, f, obj[f], want[f])
						}
					}
				}
			})
		}
	}
}

// editorMust runs a request as an editor that must succeed.
func editorMust(tb testing.TB, e *env, query string, vars map[string]any, out any) {
	tb.Helper()
	r := e.postAs(tb, editor, query, vars)
	if len(r.Errors) > 0 {
		tb.Fatalf("errors %+v", r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			tb.Fatal(err)
		}
	}
}

// pluck follows a path of keys through JSON data, flattening lists, and
// returns the objects at its end.
func pluck(path ...string) func(json.RawMessage) []map[string]any {
	return func(data json.RawMessage) []map[string]any {
		var v any
		_ = json.Unmarshal(data, &v)
		cur := []any{v}
		for _, k := range path {
			var next []any
			for _, c := range cur {
				m, _ := c.(map[string]any)
				switch x := m[k].(type) {
				case []any:
					next = append(next, x...)
				case nil:
				default:
					next = append(next, x)
				}
			}
			cur = next
		}
		var out []map[string]any
		for _, c := range cur {
			if m, ok := c.(map[string]any); ok && len(m) > 0 {
				out = append(out, m)
			}
		}
		return out
	}
}
