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
	// Other tests read the demo city's exact counts: take the toy network
	// out of sight again (deleting the organisations hides their edges).
	// Tests may have deleted some of it already, so errors are ignored.
	t.Cleanup(func() {
		for _, o := range []string{tn.a, tn.b, tn.c, tn.d, tn.e} {
			e.post(t, `mutation($id: ID!) { deleteOrganisation(id: $id) { id } }`, map[string]any{"id": o})
		}
		e.post(t, `mutation($id: ID!) { deletePerson(id: $id) { id } }`, map[string]any{"id": tn.p})
		e.post(t, `mutation($id: ID!) { deleteTheme(id: $id) { id } }`, map[string]any{"id": "thm_" + tn.theme})
	})
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
	// Depth 2 holds 5 nodes: a cap of 5 cuts nothing, 4 cuts one of D and P,
	// and 3 leaves room for B's neighbours only, with D and P out of reach.
	for _, c := range []struct{ cap, nodes, atDepth2 int }{{5, 5, 2}, {4, 4, 1}, {3, 3, 0}} {
		out = ego{}
		e.must(t, q, map[string]any{"c": tn.b, "d": 2, "m": c.cap}, &out)
		far := 0
		for _, n := range out.Network.Nodes {
			if n.Depth == 2 {
				far++
			}
		}
		if len(out.Network.Nodes) != c.nodes || far != c.atDepth2 || out.Network.Truncated != (c.cap < 5) {
			t.Errorf("capped at %d: %+v, want %d nodes, %d at depth 2, truncated %v", c.cap, out.Network, c.nodes, c.atDepth2, c.cap < 5)
		}
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

func TestNetworkMetricsAndCache(t *testing.T) {
	e := demoEnv(t)
	tn := newToyNetwork(t, e)
	type metrics struct {
		NetworkMetrics struct {
			OrganisationCount, TieCount, ComponentCount, IsolatedCount int
			Density                                                    float64
			Cached                                                     bool
			TopBrokers                                                 []struct {
				Betweenness  float64
				Summary      string
				Organisation struct{ ID string }
			}
			ArticulationPoints struct {
				TotalCount int
				Edges      []struct{ Node struct{ SplitsInto int } }
			}
			IsolatedOrganisations struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Organisation *struct{ Degree int }
		}
	}
	q := `query($t: String!, $id: ID!) { networkMetrics(filter: {themes: [$t]}) {
  organisationCount tieCount componentCount isolatedCount density cached
  topBrokers(first: 2) { betweenness summary organisation { id } }
  articulationPoints { totalCount edges { node { splitsInto } } }
  isolatedOrganisations { edges { node { id } } }
  organisation(id: $id) { degree }
} }`
	// B's tie to an organisation of no theme, and C's to an organisation of
	// the theme that has since been deleted, are outside the network.
	var outside, gone struct{ CreateOrganisation struct{ ID string } }
	e.must(t, `mutation { createOrganisation(input: {name: "Outside the toy network", kind: CHARITY}) { id } }`, nil, &outside)
	e.must(t, `mutation($t: String!) { createOrganisation(input: {name: "Gone from the toy network", kind: CHARITY, themes: [$t]}) { id } }`,
		map[string]any{"t": tn.theme}, &gone)
	for _, tie := range [][2]string{{tn.b, outside.CreateOrganisation.ID}, {tn.c, gone.CreateOrganisation.ID}} {
		e.must(t, `mutation($f: ID!, $to: ID!) { recordCollaboration(input: {fromId: $f, toId: $to, intensity: INTEGRATION}) { id } }`,
			map[string]any{"f": tie[0], "to": tie[1]}, nil)
	}
	e.must(t, `mutation($id: ID!) { deleteOrganisation(id: $id) { id } }`, map[string]any{"id": gone.CreateOrganisation.ID}, nil)
	t.Cleanup(func() {
		e.post(t, `mutation($id: ID!) { deleteOrganisation(id: $id) { id } }`, map[string]any{"id": outside.CreateOrganisation.ID})
	})
	vars := map[string]any{"t": tn.theme, "id": tn.b}
	var m metrics
	e.must(t, q, vars, &m)
	n := m.NetworkMetrics
	// The chain A-B-C-D and E alone (people are not organisations): 5 nodes,
	// 3 ties out of 10 pairs, 2 components.
	if n.OrganisationCount != 5 || n.TieCount != 3 || n.ComponentCount != 2 || n.IsolatedCount != 1 || n.Density != 0.3 || n.Cached {
		t.Fatalf("metrics %+v, want 5 nodes, 3 ties, 2 components, 1 isolated, density 0.3, computed afresh", n)
	}
	// B and C each lie on 2 of the 6 pairs not involving them: A-C/A-D and B-D/A-D.
	if len(n.TopBrokers) != 2 || n.TopBrokers[0].Betweenness != 2.0/6 || n.TopBrokers[0].Summary == "" {
		t.Errorf("top brokers %+v, want B and C at 1/3", n.TopBrokers)
	}
	if n.ArticulationPoints.TotalCount != 2 || n.ArticulationPoints.Edges[0].Node.SplitsInto != 2 {
		t.Errorf("articulation points %+v, want B and C, each splitting the chain in 2", n.ArticulationPoints)
	}
	if len(n.IsolatedOrganisations.Edges) != 1 || n.IsolatedOrganisations.Edges[0].Node.ID != tn.e {
		t.Errorf("isolated %+v, want E", n.IsolatedOrganisations)
	}
	if n.Organisation == nil || n.Organisation.Degree != 2 {
		t.Errorf("B's metrics %+v, want degree 2", n.Organisation)
	}

	m = metrics{}
	e.must(t, q, vars, &m)
	if !m.NetworkMetrics.Cached {
		t.Error("the second read was not answered from the cache")
	}
	// A write invalidates the cache: D-E joins the chain.
	e.must(t, `mutation($f: ID!, $t: ID!) { recordCollaboration(input: {fromId: $f, toId: $t, intensity: AWARENESS}) { id } }`, map[string]any{"f": tn.d, "t": tn.e}, nil)
	m = metrics{}
	e.must(t, q, vars, &m)
	if m.NetworkMetrics.Cached || m.NetworkMetrics.TieCount != 4 || m.NetworkMetrics.IsolatedCount != 0 {
		t.Fatalf("after a write: %+v, want 4 ties, none isolated, computed afresh", m.NetworkMetrics)
	}
	failsWith(t, e, `{ networkMetrics(filter: {kinds: [NOPE]}) { tieCount } }`, nil, "GRAPHQL_VALIDATION_FAILED")
	failsWith(t, e, `{ networkMetrics(filter: {areaIds: ["org_x"]}) { tieCount } }`, nil, "BAD_USER_INPUT")

	// The whole demo city.
	var whole struct {
		NetworkMetrics struct{ OrganisationCount, CollaborationCount int }
	}
	e.must(t, `{ networkMetrics { organisationCount collaborationCount communities(first: 3) { totalCount edges { node { label size leader { name } dominantTheme { slug } } } } } }`, nil, &whole)
	if whole.NetworkMetrics.OrganisationCount < 374 || whole.NetworkMetrics.CollaborationCount < 1500 {
		t.Errorf("whole network %+v, want the demo city's 374 organisations and 1,500 collaborations at least", whole.NetworkMetrics)
	}
}

func TestSubnetworkTimelineAndDashboard(t *testing.T) {
	e := demoEnv(t)
	tn := newToyNetwork(t, e)
	var sub struct {
		Subnetwork struct {
			Nodes struct {
				TotalCount int
				PageInfo   struct{ HasNextPage bool }
				Edges      []struct{ Node struct{ ID, Label string } }
			}
			Edges struct {
				TotalCount int
				Edges      []struct {
					Node struct{ Kind, FromID, ToID string }
				}
			}
		}
	}
	e.must(t, `query($t: String!) { subnetwork(filter: {themes: [$t]}) {
  nodes(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id label } } }
  edges(first: 10) { totalCount edges { node { kind fromId toId } } } } }`, map[string]any{"t": tn.theme}, &sub)
	if s := sub.Subnetwork; s.Nodes.TotalCount != 5 || len(s.Nodes.Edges) != 2 || !s.Nodes.PageInfo.HasNextPage || s.Edges.TotalCount != 3 {
		t.Fatalf("subnetwork %+v, want 5 nodes (2 on the page) and 3 edges", s)
	}

	var tl struct {
		CollaborationTimeline []struct {
			Label                                                      string
			Started, Ended, Active, JoinedOrganisations, Organisations int
		}
	}
	e.must(t, `query($t: String!) { collaborationTimeline(interval: MONTH, from: "2024-01-01", to: "2024-03-31", filter: {themes: [$t]}) {
  label started ended active joinedOrganisations organisations } }`, map[string]any{"t": tn.theme}, &tl)
	// A-B from 10 January; B-C from 5 February; C-D from 20 February to 15 March.
	want := "[{2024-01 1 0 1 2 2} {2024-02 2 0 3 2 4} {2024-03 0 1 2 0 4}]"
	if got := fmt.Sprint(tl.CollaborationTimeline); got != want {
		t.Errorf("timeline %s, want %s", got, want)
	}

	var d struct {
		Dashboard struct {
			OrganisationsByKind []struct {
				Key   string
				Count int
			}
			CollaborationsByIntensity []struct {
				Key   string
				Count int
			}
			CollaborationsByTheme []struct {
				Key   string
				Count int
			}
			AreaThemeGaps []struct{ Theme struct{ Slug string } }
			QuietThemes   []struct {
				Theme                         struct{ Slug string }
				Organisations, Collaborations int
			}
		}
		Wards struct{ TotalCount int }
	}
	e.must(t, `query($t: String!) { dashboard(filter: {themes: [$t]}) {
  organisationsByKind { key count }
  collaborationsByIntensity { key count }
  collaborationsByTheme { key count }
  areaThemeGaps(themes: [$t]) { theme { slug } }
  quietThemes(maxCollaborations: 3) { theme { slug } organisations collaborations }
} wards: areas(filter: {kinds: [WARD]}) { totalCount } }`, map[string]any{"t": tn.theme}, &d)
	if fmt.Sprint(d.Dashboard.OrganisationsByKind) != "[{charity 5}]" {
		t.Errorf("by kind %v, want 5 charities", d.Dashboard.OrganisationsByKind)
	}
	if fmt.Sprint(d.Dashboard.CollaborationsByIntensity) != "[{awareness 1} {cooperation 1} {coordination 1} {integration 0}]" {
		t.Errorf("by intensity %v", d.Dashboard.CollaborationsByIntensity)
	}
	// The toy organisations have no area: every ward lacks the toy theme.
	if len(d.Dashboard.AreaThemeGaps) != d.Wards.TotalCount || d.Wards.TotalCount == 0 {
		t.Errorf("%d gaps, want one per ward (%d)", len(d.Dashboard.AreaThemeGaps), d.Wards.TotalCount)
	}
	found := false
	for _, q := range d.Dashboard.QuietThemes {
		if q.Theme.Slug == tn.theme {
			found = q.Organisations == 5 && q.Collaborations == 3
		}
	}
	if !found {
		t.Errorf("quiet themes %+v, want the toy theme with 5 organisations and 3 collaborations", d.Dashboard.QuietThemes)
	}
}
