package server_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// injections are strings that would change a query built by pasting text
// into Cypher. The store only ever passes text as parameters, so each must
// be searched for, stored or refused as the plain text it is.
var injections = []string{
	`' OR 1=1 //`,
	`"}) MATCH (n) DETACH DELETE n //`,
	`x') WITH 1 AS x MATCH (n) DETACH DELETE n RETURN ('`,
	"`Organisation`) DETACH DELETE n //",
	`$id} RETURN n //`,
	`'; CALL dbms.killQueries(['x']) //`,
	`\u0027 UNION MATCH (p:Person) RETURN p.email AS name //`,
}

// TestInjectionInEveryTextArgument sends each injection in every String
// and ID argument (and input field) of every query and mutation. Queries
// answer data or a coded error; mutations are refused without credentials
// and, for the least role that may run them, store the text as it is or refuse it with a code.
// Nothing is deleted and no label appears.
func TestInjectionInEveryTextArgument(t *testing.T) {
	e := demoEnv(t)
	nodesBefore, labelsBefore := e.census(t)
	var created []string

	for _, f := range fieldsOf("Query") {
		for i, payload := range injections {
			doc, vars := operation("query", f, payload, true)
			t.Run("query "+f.Name+"/"+string(rune('a'+i)), func(t *testing.T) {
				best := time.Hour
				var r response
				for try := 0; try < 5 && best > 100*time.Millisecond; try++ {
					start := time.Now()
					r = e.postAs(t, editor, doc, vars)
					best = min(best, time.Since(start))
				}
				checkCoded(t, r, payload, civic.CodeBadUserInput, civic.CodeNotFound)
				// Refusals must be quick; answers take what the query takes.
				if len(r.Errors) > 0 && best > 100*time.Millisecond {
					t.Errorf("refused after %v, want under 100ms", best)
				}
			})
		}
	}
	for _, f := range fieldsOf("Mutation") {
		for i, payload := range injections {
			doc, vars := operation("mutation", f, payload, true)
			t.Run("mutation "+f.Name+"/"+string(rune('a'+i)), func(t *testing.T) {
				if r := e.postAs(t, anonymous, doc, vars); mutationRole(f.Name) != civic.RolePublic && r.code() != string(civic.CodeUnauthenticated) {
					t.Fatalf("anonymous: code %q, errors %+v", r.code(), r.Errors)
				}
				if schema.Types[f.Type.Name()].Fields.ForName("id") != nil {
					doc = strings.Replace(doc, "{ __typename }", "{ __typename id }", 1)
				}
				// As the least role that may run it: an editor, or an admin
				// for merges and restores.
				runner := editor
				if mutationRole(f.Name) == civic.RoleAdmin {
					runner = caller{name: "admin", role: civic.RoleAdmin}
				}
				r := e.postAs(t, runner, doc, vars)
				checkCoded(t, r, payload, civic.CodeBadUserInput, civic.CodeNotFound, civic.CodeConflict)
				if len(r.Errors) == 0 && strings.HasPrefix(f.Name, "create") {
					var out map[string]struct{ ID string }
					_ = json.Unmarshal(r.Data, &out)
					created = append(created, strings.TrimPrefix(f.Name, "create")+" "+out[f.Name].ID)
				}
			})
		}
	}
	// What was created holds the injection as plain text.
	var org struct {
		CreateOrganisation struct{ Name, Description string }
	}
	editorMust(t, e, `mutation($n: String!) { createOrganisation(input: {name: $n, kind: CHARITY, description: $n}) { id name description } }`,
		map[string]any{"n": injections[1]}, &org)
	if org.CreateOrganisation.Name != injections[1] || org.CreateOrganisation.Description != injections[1] {
		t.Errorf("stored %+v, want the text as sent", org.CreateOrganisation)
	}
	nodesAfter, labelsAfter := e.census(t)
	if nodesAfter < nodesBefore || !slices.Equal(labelsBefore, labelsAfter) {
		t.Fatalf("nodes %d -> %d, labels %v -> %v", nodesBefore, nodesAfter, labelsBefore, labelsAfter)
	}
	// Leave the demo city as other tests expect it: what was created is
	// deleted (and so hidden from every read).
	created = append(created, "Organisation ")
	for _, c := range created {
		kind, id, _ := strings.Cut(c, " ")
		if id == "" {
			continue
		}
		editorMust(t, e, `mutation($id: ID!) { delete`+kind+`(id: $id) { id } }`, map[string]any{"id": id}, nil)
	}
	e.hideByName(t, injections)
}

// checkCoded fails unless the response is data, or errors with one of
// the codes, whose messages show nothing internal (quoting the client's
// own payload back is fine).
func checkCoded(t *testing.T, r response, payload string, codes ...civic.Code) {
	t.Helper()
	if r.Status >= 500 {
		t.Fatalf("status %d", r.Status)
	}
	for _, err := range r.Errors {
		code, _ := err.Extensions["code"].(string)
		if !slices.Contains(codes, civic.Code(code)) {
			t.Errorf("code %q (%s), want one of %v", code, err.Message, codes)
		}
		msg := err.Message
		// Validation may quote the input back, normalised to upper or lower
		// case; that is the client's own text, not a leak.
		for _, p := range []string{payload, strings.ToLower(payload), strings.ToUpper(payload)} {
			for _, echo := range []string{strconv.Quote(strings.TrimSpace(p)), strconv.Quote(p), p} {
				msg = strings.ReplaceAll(msg, echo, "")
			}
		}
		if leaks(msg) {
			t.Errorf("the error message leaks internals: %q", err.Message)
		}
	}
}

// census counts the nodes and lists the labels of the graph.
func (e *env) census(tb testing.TB) (int64, []string) {
	tb.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(),
		"MATCH (n) WITH count(n) AS nodes CALL db.labels() YIELD label WITH nodes, label ORDER BY label RETURN nodes, collect(label) AS labels",
		nil, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(e.store.Database()))
	if err != nil {
		tb.Fatal(err)
	}
	nodes, _ := res.Records[0].Values[0].(int64)
	var labels []string
	for _, l := range res.Records[0].Values[1].([]any) {
		labels = append(labels, l.(string))
	}
	return nodes, labels
}

// hideByName marks deleted every node whose name is one of names, for
// records created through mutations whose IDs the test did not learn.
func (e *env) hideByName(tb testing.TB, names []string) {
	tb.Helper()
	_, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(),
		"MATCH (n) WHERE n.name IN $names AND n.deletedAt IS NULL SET n.deletedAt = datetime()",
		map[string]any{"names": names}, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(e.store.Database()))
	if err != nil {
		tb.Fatal(err)
	}
}
