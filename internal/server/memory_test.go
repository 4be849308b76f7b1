package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// createOrgHTTP creates an organisation through the API and returns its
// ID. The organisation, its identifiers and its history are erased when
// the test ends, so that the shared demo city is left as it was.
func createOrgHTTP(t *testing.T, e *env, input map[string]any) string {
	t.Helper()
	var out struct{ CreateOrganisation struct{ ID string } }
	e.must(t, `mutation($in: CreateOrganisationInput!) { createOrganisation(input: $in) { id } }`, map[string]any{"in": input}, &out)
	id := out.CreateOrganisation.ID
	t.Cleanup(func() {
		for _, q := range []string{
			"MATCH (i:Identifier {org: $id}) DETACH DELETE i",
			"MATCH (c:Change) WHERE c.targetId = $id DELETE c",
			"MATCH (o:Organisation {id: $id}) DETACH DELETE o",
		} {
			if _, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), q, map[string]any{"id": id}, bolt.EagerResultTransformer,
				bolt.ExecuteQueryWithDatabase(e.store.Database())); err != nil {
				t.Error(err)
			}
		}
	})
	return id
}

func TestHistoryOverHTTP(t *testing.T) {
	e := demoEnv(t)
	id := createOrgHTTP(t, e, map[string]any{"name": "History Test Group", "kind": "CHARITY", "orgId": "GB-COH-7000001"})
	time.Sleep(20 * time.Millisecond)
	between := time.Now().UTC()
	time.Sleep(20 * time.Millisecond)
	e.must(t, `mutation($id: ID!) { updateOrganisation(id: $id, input: {name: "History Test Group (renamed)", source: "phone call"}) { id } }`, map[string]any{"id": id}, nil)

	var out struct {
		Organisation struct {
			UpdatedBy    string
			LastVerified string
			Identifiers  []struct{ ID, Scheme, Value string }
			History      struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Operation, Actor, Source string
						Fields                   []struct {
							Field    string
							Old, New *string
						}
					}
				}
			}
		}
		History struct {
			TotalCount int
			Edges      []struct{ Node struct{ Actor string } }
		}
		Past struct{ Name string } `json:"past"`
	}
	e.must(t, `query($id: ID!, $at: AsOf) {
  organisation(id: $id) {
    updatedBy lastVerified
    identifiers { id scheme value }
    history { totalCount edges { node { operation actor source fields { field old new } } } }
  }
  history(id: $id) { totalCount edges { node { actor } } }
  past: organisation(id: $id, asOf: $at) { name }
}`, map[string]any{"id": id, "at": between.Format(time.RFC3339Nano)}, &out)
	o := out.Organisation
	// A company number as typed, without its leading zero, is stored whole.
	if len(o.Identifiers) != 1 || o.Identifiers[0].ID != "GB-COH-07000001" || o.Identifiers[0].Scheme != "GB-COH" || o.Identifiers[0].Value != "07000001" {
		t.Fatalf("identifiers %+v", o.Identifiers)
	}
	// The shared service posts as its admin: the change is recorded as theirs.
	if o.UpdatedBy != "test-admin" || o.LastVerified != time.Now().UTC().Format(time.DateOnly) {
		t.Fatalf("provenance: updatedBy %q lastVerified %q", o.UpdatedBy, o.LastVerified)
	}
	if o.History.TotalCount != 2 || out.History.TotalCount != 2 {
		t.Fatalf("history %+v / %d", o.History, out.History.TotalCount)
	}
	upd := o.History.Edges[0].Node
	if upd.Operation != "UPDATE" || upd.Source != "phone call" || len(upd.Fields) != 1 || upd.Fields[0].Field != "name" ||
		*upd.Fields[0].Old != `"History Test Group"` || *upd.Fields[0].New != `"History Test Group (renamed)"` {
		t.Fatalf("update %+v", upd)
	}
	if out.Past.Name != "History Test Group" {
		t.Fatalf("as it was: %q", out.Past.Name)
	}
}

func TestAsOfOverHTTP(t *testing.T) {
	e := demoEnv(t)
	c := demo.Generate()
	var out struct {
		Before, Then struct{ TotalCount int }
		Cols         struct{ TotalCount int }
	}
	// The demo city was recorded on 2026-01-01: the day before, the city
	// knew nothing; at the end of that day, all of it.
	e.must(t, `{
  before: organisations(asOf: "2025-12-31") { totalCount }
  then: organisations(asOf: "2026-01-01") { totalCount }
  cols: collaborations(asOf: "2026-01-01") { totalCount }
}`, nil, &out)
	active := 0
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, col := range c.Collaborations {
		if col.DeletedAt == nil && col.ActiveOn(day) {
			active++
		}
	}
	if out.Before.TotalCount != 0 || out.Then.TotalCount != len(c.Organisations) || out.Cols.TotalCount != active {
		t.Fatalf("before %d, then %d (want %d), collaborations %d (want %d)", out.Before.TotalCount, out.Then.TotalCount, len(c.Organisations), out.Cols.TotalCount, active)
	}
	r := e.post(t, `{ organisations(asOf: "last tuesday") { totalCount } }`, nil)
	if r.Status == 200 && len(r.Errors) == 0 {
		t.Fatalf("a malformed asOf was accepted")
	}
}

func TestRestoreAndMergeOverHTTP(t *testing.T) {
	e := demoEnv(t)
	keep := createOrgHTTP(t, e, map[string]any{"name": "Merge Keep Group", "kind": "CHARITY", "postcode": "B99 9ZZ"})
	dup := createOrgHTTP(t, e, map[string]any{"name": "Merge Keep Group Ltd", "kind": "CHARITY", "postcode": "B99 9ZZ", "orgId": "GB-CHC-7100001"})

	var cands struct {
		DuplicateCandidates []struct {
			A, B    struct{ ID string }
			Score   float64
			Reasons []string
		}
	}
	e.must(t, `{ duplicateCandidates(minScore: 0.5, first: 500) { a { id } b { id } score reasons } }`, nil, &cands)
	found := false
	for _, c := range cands.DuplicateCandidates {
		if (c.A.ID == keep && c.B.ID == dup) || (c.A.ID == dup && c.B.ID == keep) {
			found = c.Score >= 0.9
		}
	}
	if !found {
		t.Fatalf("the pair at one postcode with one name was not proposed: %+v", cands.DuplicateCandidates)
	}

	e.mustFail(t, `mutation($id: ID!) { restore(id: $id) { id } }`, map[string]any{"id": keep}, "CONFLICT")
	e.mustFail(t, `mutation { mergeOrganisations(keepId: "org_nope", mergeId: "org_nope2") { id } }`, nil, "NOT_FOUND")
	e.mustFail(t, `mutation($id: ID!) { addIdentifier(organisationId: $id, identifier: "1164883") { id } }`, map[string]any{"id": keep}, "BAD_USER_INPUT")
	e.mustFail(t, `mutation($id: ID!) { addIdentifier(organisationId: $id, identifier: "GB-CHC-7100001") { id } }`, map[string]any{"id": keep}, "CONFLICT")

	var merged struct {
		MergeOrganisations struct {
			OrgID       string
			Identifiers []struct{ ID string }
		}
	}
	e.must(t, `mutation($k: ID!, $m: ID!) { mergeOrganisations(keepId: $k, mergeId: $m) { orgId identifiers { id } } }`, map[string]any{"k": keep, "m": dup}, &merged)
	if merged.MergeOrganisations.OrgID != "GB-CHC-7100001" || len(merged.MergeOrganisations.Identifiers) != 1 {
		t.Fatalf("merged %+v", merged)
	}
	var gone struct{ Organisation *struct{ ID string } }
	e.must(t, `query($id: ID!) { organisation(id: $id) { id } }`, map[string]any{"id": dup}, &gone)
	if gone.Organisation != nil {
		t.Fatalf("the merged organisation is still visible")
	}

	// Delete, then restore.
	e.must(t, `mutation($id: ID!) { deleteOrganisation(id: $id) { id } }`, map[string]any{"id": keep}, nil)
	var restored struct {
		Restore struct {
			ID   string
			Name string
		}
	}
	e.must(t, `mutation($id: ID!) { restore(id: $id) { id ... on Organisation { name } } }`, map[string]any{"id": keep}, &restored)
	if restored.Restore.Name != "Merge Keep Group" {
		t.Fatalf("restored %+v", restored)
	}
	var hist struct {
		History struct {
			Edges []struct {
				Node struct{ Operation, TargetID string }
			}
		}
	}
	e.must(t, `query($id: ID!) { history(id: $id, first: 3) { edges { node { operation targetId } } } }`, map[string]any{"id": keep}, &hist)
	var ops []string
	for _, ed := range hist.History.Edges {
		ops = append(ops, ed.Node.Operation)
	}
	if fmt.Sprint(ops) != "[RESTORE DELETE MERGE]" {
		t.Fatalf("history %v", ops)
	}
}

func TestStaleRecordsOverHTTP(t *testing.T) {
	e := demoEnv(t)
	c := demo.Generate()
	var out struct {
		StaleRecords struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Kind string
					Node struct{ Name string }
				}
			}
		}
	}
	// Nothing in the demo city has been verified since it was recorded.
	e.must(t, `{ staleRecords(notVerifiedSince: "2026-06-01", kinds: [ORGANISATION], first: 5) {
  totalCount edges { node { kind node { ... on Organisation { name } } } } } }`, nil, &out)
	if out.StaleRecords.TotalCount < len(c.Organisations) || len(out.StaleRecords.Edges) != 5 ||
		out.StaleRecords.Edges[0].Node.Kind != "ORGANISATION" || out.StaleRecords.Edges[0].Node.Node.Name == "" {
		t.Fatalf("stale records %+v (demo has %d organisations)", out.StaleRecords, len(c.Organisations))
	}
}

// TestHistoryIsBatched counts the round trips of history and identifiers
// on a page of organisations: one each, whatever the page size.
func TestHistoryIsBatched(t *testing.T) {
	e := demoEnv(t)
	for _, n := range []int{1, 30} {
		before := e.store.QueryCount()
		var out json.RawMessage
		e.must(t, `query($n: Int!) { organisations(first: $n) { edges { node { history(first: 2) { totalCount } identifiers { id } } } } }`, map[string]any{"n": n}, &out)
		if trips := e.store.QueryCount() - before; trips != 3 {
			t.Fatalf("first %d: %d round trips, want 3", n, trips)
		}
	}
}

// TestMemoryMutationsNeedRoles checks who may repair the record: merging
// and restoring are for admins, verifying and adding identifiers for editors.
func TestMemoryMutationsNeedRoles(t *testing.T) {
	e := demoEnv(t)
	editor := caller{name: "editor", role: civic.RoleEditor}
	for _, q := range []string{
		`mutation { restore(id: "org_x") { id } }`,
		`mutation { mergeOrganisations(keepId: "org_x", mergeId: "org_y") { id } }`,
	} {
		if r := e.postAs(t, editor, q, nil); r.code() != "FORBIDDEN" {
			t.Errorf("%s as an editor: %q %+v", q, r.code(), r.Errors)
		}
		if r := e.postAs(t, anonymous, q, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("%s anonymously: %q %+v", q, r.code(), r.Errors)
		}
	}
	if r := e.postAs(t, editor, `mutation { markVerified(id: "org_nope") { id } }`, nil); r.code() != "NOT_FOUND" {
		t.Errorf("markVerified as an editor: %q %+v", r.code(), r.Errors)
	}
}
