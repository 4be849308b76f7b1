package server_test

import (
	"fmt"
	"testing"
	"time"
)

// toyNetwork is a small network built through the API beside the demo
// city, on a theme of its own so that filters select exactly it:
//
//	A -(cooperation)- B -(awareness)- C -(coordination, ended)- D     E alone
//	A and D share a trustee, P.
type toyNetwork struct {
	theme            string
	a, b, c, d, e, p string
	ab, bc, cd       string
}

func newToyNetwork(t *testing.T, e *env) toyNetwork {
	t.Helper()
	tn := toyNetwork{theme: fmt.Sprintf("toy-%d", time.Now().UnixNano())}
	e.must(t, `mutation($s: String!) { createTheme(input: {slug: $s, name: "Toy network"}) { id } }`, map[string]any{"s": tn.theme}, nil)
	org := func(name string) string {
		var out struct{ CreateOrganisation struct{ ID string } }
		e.must(t, `mutation($n: String!, $t: String!) { createOrganisation(input: {name: $n, kind: CHARITY, themes: [$t]}) { id } }`,
			map[string]any{"n": name + " " + tn.theme, "t": tn.theme}, &out)
		return out.CreateOrganisation.ID
	}
	tn.a, tn.b, tn.c, tn.d, tn.e = org("A"), org("B"), org("C"), org("D"), org("E")
	collab := func(from, to, intensity, since string, until any) string {
		var out struct{ RecordCollaboration struct{ ID string } }
		e.must(t, `mutation($f: ID!, $to: ID!, $i: Intensity!, $s: Date, $u: Date, $t: String!) {
  recordCollaboration(input: {fromId: $f, toId: $to, intensity: $i, since: $s, until: $u, themes: [$t]}) { id } }`,
			map[string]any{"f": from, "to": to, "i": intensity, "s": since, "u": until, "t": tn.theme}, &out)
		return out.RecordCollaboration.ID
	}
	tn.ab = collab(tn.a, tn.b, "COOPERATION", "2024-01-10", nil)
	tn.bc = collab(tn.b, tn.c, "AWARENESS", "2024-02-05", nil)
	tn.cd = collab(tn.c, tn.d, "COORDINATION", "2024-02-20", "2024-03-15")
	var person struct{ CreatePerson struct{ ID string } }
	e.must(t, `mutation { createPerson(input: {name: "P, trustee"}) { id } }`, nil, &person)
	tn.p = person.CreatePerson.ID
	for _, o := range []string{tn.a, tn.d} {
		e.must(t, `mutation($p: ID!, $o: ID!) { addAffiliation(input: {personId: $p, organisationId: $o, role: TRUSTEE}) { role } }`,
			map[string]any{"p": tn.p, "o": o}, nil)
	}
	return tn
}

type pathResult struct {
	Length int
	Nodes  []struct{ ID, Type, Label string }
	Edges  []struct {
		Kind      string
		Intensity *string
		Role      *string
	}
}

const pathFields = `length nodes { id type label } edges { kind intensity role }`

func nodeIDs(p pathResult) []string {
	out := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		out[i] = n.ID
	}
	return out
}

func TestPaths(t *testing.T) {
	e := demoEnv(t)
	tn := newToyNetwork(t, e)
	path := func(from, to string, filter map[string]any) *pathResult {
		var out struct{ Path *pathResult }
		e.must(t, `query($f: ID!, $t: ID!, $filter: PathFilter) { path(from: $f, to: $t, filter: $filter) { `+pathFields+` } }`,
			map[string]any{"f": from, "t": to, "filter": filter}, &out)
		return out.Path
	}
	collabOnly := map[string]any{"edgeKinds": []string{"COLLABORATION"}}

	t.Run("through collaborations", func(t *testing.T) {
		p := path(tn.a, tn.d, collabOnly)
		if p == nil || fmt.Sprint(nodeIDs(*p)) != fmt.Sprint([]string{tn.a, tn.b, tn.c, tn.d}) || p.Length != 3 {
			t.Fatalf("path %+v, want A B C D", p)
		}
		if p.Edges[1].Kind != "COLLABORATION" || p.Edges[1].Intensity == nil || *p.Edges[1].Intensity != "AWARENESS" {
			t.Errorf("edge B-C %+v, want an AWARENESS collaboration", p.Edges[1])
		}
	})
	t.Run("through a shared trustee", func(t *testing.T) {
		p := path(tn.a, tn.d, nil)
		if p == nil || fmt.Sprint(nodeIDs(*p)) != fmt.Sprint([]string{tn.a, tn.p, tn.d}) {
			t.Fatalf("path %+v, want A P D", p)
		}
		if p.Nodes[1].Type != "PERSON" || p.Edges[0].Kind != "AFFILIATION" || p.Edges[0].Role == nil || *p.Edges[0].Role != "trustee" {
			t.Errorf("path %+v, want an affiliation through a person", p)
		}
	})
	t.Run("minimum intensity cuts the awareness tie", func(t *testing.T) {
		if p := path(tn.a, tn.d, map[string]any{"edgeKinds": []string{"COLLABORATION"}, "minIntensity": "COOPERATION"}); p != nil {
			t.Fatalf("path %+v, want none", p)
		}
	})
	t.Run("active on a day after C-D ended", func(t *testing.T) {
		if p := path(tn.a, tn.d, map[string]any{"edgeKinds": []string{"COLLABORATION"}, "activeOn": "2024-06-01"}); p != nil {
			t.Fatalf("path %+v, want none", p)
		}
		if p := path(tn.a, tn.d, map[string]any{"edgeKinds": []string{"COLLABORATION"}, "activeOn": "2024-03-01"}); p == nil || p.Length != 3 {
			t.Fatalf("path %+v, want A B C D", p)
		}
	})
	t.Run("not connected", func(t *testing.T) {
		if p := path(tn.a, tn.e, nil); p != nil {
			t.Fatalf("path to the isolated E %+v, want null", p)
		}
		var out struct{ Paths []pathResult }
		e.must(t, `query($f: ID!, $t: ID!) { paths(from: $f, to: $t) { length } }`, map[string]any{"f": tn.a, "t": tn.e}, &out)
		if out.Paths == nil || len(out.Paths) != 0 {
			t.Fatalf("paths %+v, want an empty list", out.Paths)
		}
	})
	t.Run("k shortest", func(t *testing.T) {
		var out struct{ Paths []pathResult }
		e.must(t, `query($f: ID!, $t: ID!) { paths(from: $f, to: $t, k: 3) { `+pathFields+` } }`, map[string]any{"f": tn.a, "t": tn.d}, &out)
		// A-P-D (2), then A-B-C-D (3); there is no third.
		if len(out.Paths) != 2 || out.Paths[0].Length != 2 || out.Paths[1].Length != 3 {
			t.Fatalf("paths %+v, want lengths 2 and 3", out.Paths)
		}
	})
	t.Run("errors", func(t *testing.T) {
		q := `query($f: ID!, $t: ID!, $h: Int, $k: Int) { paths(from: $f, to: $t, maxHops: $h, k: $k) { length } }`
		failsWith(t, e, q, map[string]any{"f": tn.a, "t": "org_00000000-0000-0000-0000-000000000000"}, "NOT_FOUND")
		failsWith(t, e, q, map[string]any{"f": tn.a, "t": tn.d, "h": 11}, "BAD_USER_INPUT")
		failsWith(t, e, q, map[string]any{"f": tn.a, "t": tn.d, "k": 11}, "BAD_USER_INPUT")
		failsWith(t, e, q, map[string]any{"f": tn.a, "t": "area_x"}, "BAD_USER_INPUT")
	})
	t.Run("deleted nodes are never walked", func(t *testing.T) {
		e.must(t, `mutation($id: ID!) { deletePerson(id: $id) { id } }`, map[string]any{"id": tn.p}, nil)
		if p := path(tn.a, tn.d, nil); p == nil || p.Length != 3 {
			t.Fatalf("path %+v, want A B C D once P is deleted", p)
		}
		e.must(t, `mutation($id: ID!) { deleteCollaboration(id: $id) { id } }`, map[string]any{"id": tn.bc}, nil)
		if p := path(tn.a, tn.d, nil); p != nil {
			t.Fatalf("path %+v, want none once B-C is deleted", p)
		}
	})
}

func TestEgoNetwork(t *testing.T) {
	e := demoEnv(t)
	tn := newToyNetwork(t, e)
	type ego struct {
		Network struct {
			Truncated bool
			Nodes     []struct {
				ID    string
				Depth int
			}
			Edges []struct{ FromID, ToID, Kind string }
		}
	}
	q := `query($c: ID!, $d: Int, $m: Int) { network(center: $c, depth: $d, maxNodes: $m) { truncated nodes { id depth } edges { fromId toId kind } } }`
	var out ego
	e.must(t, q, map[string]any{"c": tn.b, "d": 1}, &out)
	// B's neighbours: A and C; the edges between B, A, C: A-B and B-C.
	if len(out.Network.Nodes) != 3 || out.Network.Nodes[0].ID != tn.b || out.Network.Nodes[0].Depth != 0 || len(out.Network.Edges) != 2 || out.Network.Truncated {
		t.Fatalf("depth 1: %+v, want B, A, C and two edges", out.Network)
	}
	out = ego{}
	e.must(t, q, map[string]any{"c": tn.b, "d": 2}, &out)
	// Depth 2 adds D (through C) and P (through A); edges A-B, B-C, C-D, P-A, P-D.
	if len(out.Network.Nodes) != 5 || len(out.Network.Edges) != 5 {
		t.Fatalf("depth 2: %+v, want 5 nodes and 5 edges", out.Network)
	}
	for _, n := range out.Network.Nodes {
		if (n.ID == tn.d || n.ID == tn.p) && n.Depth != 2 {
			t.Errorf("node %s at depth %d, want 2", n.ID, n.Depth)
		}
	}
	out = ego{}
	e.must(t, q, map[string]any{"c": tn.b, "d": 2, "m": 2}, &out)
	if len(out.Network.Nodes) != 2 || !out.Network.Truncated {
		t.Fatalf("capped at 2: %+v, want 2 nodes and truncated", out.Network)
	}
	failsWith(t, e, q, map[string]any{"c": tn.b, "d": 4}, "BAD_USER_INPUT")
	failsWith(t, e, q, map[string]any{"c": tn.b, "d": 0}, "BAD_USER_INPUT")
	failsWith(t, e, q, map[string]any{"c": "org_00000000-0000-0000-0000-000000000000"}, "NOT_FOUND")
}

// failsWith sends a read that must fail with code.
func failsWith(t *testing.T, e *env, query string, vars map[string]any, code string) {
	t.Helper()
	r := e.post(t, query, vars)
	if got := r.code(); got != code {
		t.Fatalf("code %q (errors %+v), want %s", got, r.Errors, code)
	}
}
