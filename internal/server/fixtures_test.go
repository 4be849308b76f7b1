package server_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// This file holds what the end-to-end tests share: the demo city indexed
// for computing expected answers independently of the service, raw HTTP
// helpers, checks on error responses, and fixtures that create records of
// a test's own (never touching the demo's) and delete them afterwards.

// city is the demo city with lookups by ID.
type city struct {
	*demo.City
	cityID  string
	wards   []civic.Area // in name order
	area    map[string]civic.Area
	org     map[string]civic.Organisation
	person  map[string]civic.Person
	asset   map[string]civic.Asset
	partner map[string]civic.Partnership
	theme   map[string]civic.Theme // by slug
}

var (
	demoCityOnce sync.Once
	demoCityData *city
)

// demoCity returns the demo city as demo.Generate builds it, which is what
// demoEnv loaded.
func demoCity() *city {
	demoCityOnce.Do(func() {
		c := &city{City: demo.Generate(), area: map[string]civic.Area{}, org: map[string]civic.Organisation{},
			person: map[string]civic.Person{}, asset: map[string]civic.Asset{}, partner: map[string]civic.Partnership{},
			theme: map[string]civic.Theme{}}
		// The shared-space register's rooms are assets too.
		c.Assets = append(c.Assets, c.Registers.Rooms...)
		c.Stewardships = append(c.Stewardships, c.Registers.RoomStewardships...)
		for _, a := range c.Areas {
			c.area[a.ID] = a
			switch a.Kind {
			case civic.AreaCity:
				c.cityID = a.ID
			case civic.AreaWard:
				c.wards = append(c.wards, a)
			}
		}
		slices.SortFunc(c.wards, func(a, b civic.Area) int { return cmp.Compare(a.Name, b.Name) })
		for _, o := range c.Organisations {
			c.org[o.ID] = o
		}
		for _, p := range c.People {
			c.person[p.ID] = p
		}
		for _, a := range c.Assets {
			c.asset[a.ID] = a
		}
		for _, p := range c.Partnerships {
			c.partner[p.ID] = p
		}
		for _, t := range c.Themes {
			c.theme[t.Slug] = t
		}
		demoCityData = c
	})
	return demoCityData
}

// ward returns the demo ward with the given name.
func (c *city) ward(tb testing.TB, name string) civic.Area {
	tb.Helper()
	for _, w := range c.wards {
		if w.Name == name {
			return w
		}
	}
	tb.Fatalf("the demo city has no ward %q", name)
	return civic.Area{}
}

// within reports whether area id is target or lies within it.
func (c *city) within(id, target string) bool {
	for depth := 0; id != "" && depth < 10; depth++ {
		if id == target {
			return true
		}
		id = c.area[id].ParentID
	}
	return false
}

// byName sorts items by name, then ID, as every named list is sorted.
func byName[T any](items []T, name, id func(T) string, desc bool) []T {
	out := slices.Clone(items)
	slices.SortFunc(out, func(a, b T) int {
		c := cmp.Or(cmp.Compare(name(a), name(b)), cmp.Compare(id(a), id(b)))
		if desc {
			return -c
		}
		return c
	})
	return out
}

func orgName(o civic.Organisation) string { return o.Name }
func orgID(o civic.Organisation) string   { return o.ID }

// orgsWhere returns the demo organisations that match, sorted by name.
func (c *city) orgsWhere(match func(civic.Organisation) bool) []civic.Organisation {
	var out []civic.Organisation
	for _, o := range c.Organisations {
		if match(o) {
			out = append(out, o)
		}
	}
	return byName(out, orgName, orgID, false)
}

// collabsOf returns the demo collaborations of an organisation that match,
// newest first (ties by ID, descending), as the service orders them.
func (c *city) collabsOf(orgID string, match func(civic.Collaboration) bool) []civic.Collaboration {
	var out []civic.Collaboration
	for _, col := range c.Collaborations {
		if (orgID == "" || col.FromID == orgID || col.ToID == orgID) && (match == nil || match(col)) {
			out = append(out, col)
		}
	}
	sortCollabs(out)
	return out
}

func sortCollabs(cs []civic.Collaboration) {
	slices.SortFunc(cs, func(a, b civic.Collaboration) int {
		if a.Since == nil || b.Since == nil {
			return cmp.Compare(boolInt(a.Since == nil), boolInt(b.Since == nil))
		}
		return cmp.Or(b.Since.Compare(*a.Since), cmp.Compare(b.ID, a.ID))
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// activeToday is whether a collaboration runs today: started (or no start)
// and not yet past its last day.
func activeToday(since, until *time.Time) bool {
	y, m, d := time.Now().UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return (since == nil || !since.After(today)) && (until == nil || !until.Before(today))
}

// upper turns a domain enum value ("community_group") into its GraphQL name.
func upper[S ~string](s S) string { return strings.ToUpper(string(s)) }

// dateOf formats a date as a GraphQL Date, or "" for none.
func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// strOf dereferences an optional string from a response.
func strOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// sameList fails tb unless got equals want, item for item.
func sameList(tb testing.TB, what string, got, want []string) {
	tb.Helper()
	if slices.Equal(got, want) {
		return
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			tb.Fatalf("%s: %d items, want %d; first difference at %d: %q, want %q", what, len(got), len(want), i, got[i], want[i])
		}
	}
	tb.Fatalf("%s: %d items, want %d (got %v, want %v)", what, len(got), len(want), head(got), head(want))
}

func head(s []string) []string { return s[:min(len(s), 5)] }

// The shapes responses decode into.
type (
	pageInfo struct {
		HasNextPage     bool
		HasPreviousPage bool
		StartCursor     *string
		EndCursor       *string
	}
	ref struct {
		ID   string
		Name string
	}
	refConn struct {
		TotalCount int
		PageInfo   pageInfo
		Edges      []struct {
			Cursor string
			Node   ref
		}
	}
	geo struct {
		Latitude  float64
		Longitude float64
	}
)

func (c refConn) ids() []string {
	out := make([]string, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node.ID
	}
	return out
}

// leakMarkers are what a response would contain if internals reached a
// client: Cypher, driver messages, Neo4j status codes, stack traces.
var leakMarkers = []string{"MATCH", "neo4j:", "Neo4jError", "Neo.ClientError", "Neo.DatabaseError", "Neo.TransientError", "closed driver", "goroutine ", ".go:"}

// checkNoLeak fails tb if text holds a trace of the service's internals.
func checkNoLeak(tb testing.TB, text string) {
	tb.Helper()
	for _, m := range leakMarkers {
		if strings.Contains(text, m) {
			tb.Errorf("a response leaks internals (%q): %.400s", m, text)
		}
	}
}

// httpResult is a raw HTTP response.
type httpResult struct {
	Status int
	Header http.Header
	Body   []byte
}

// decode parses the body as a GraphQL response.
func (h httpResult) decode(tb testing.TB) response {
	tb.Helper()
	r := response{Status: h.Status}
	if err := json.Unmarshal(h.Body, &r); err != nil {
		tb.Fatalf("status %d: body %.300q is not a GraphQL response: %v", h.Status, h.Body, err)
	}
	return r
}

// noRedirects is a client that reports redirects instead of following them.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

// doHTTP sends a request to base+path and returns the raw response, which
// must not leak internals.
func doHTTP(tb testing.TB, base, method, path string, header http.Header, body string) httpResult {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	checkNoLeak(tb, string(raw))
	return httpResult{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// hdr builds a header from name, value pairs.
func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// gqlBody is the JSON body of a GraphQL POST.
func gqlBody(query string, vars map[string]any) string {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return string(b)
}

// postRaw posts a GraphQL request with the given Accept header ("" for
// none) and returns the raw response.
func postRaw(tb testing.TB, base, accept, query string, vars map[string]any) httpResult {
	tb.Helper()
	h := hdr("Content-Type", "application/json")
	if accept != "" {
		h.Set("Accept", accept)
	}
	return doHTTP(tb, base, http.MethodPost, "/graphql", h, gqlBody(query, vars))
}

// fieldNames returns the invalid fields an error names in extensions.fields.
func fieldNames(err gqlError) []string {
	list, _ := err.Extensions["fields"].([]any)
	var out []string
	for _, f := range list {
		if m, ok := f.(map[string]any); ok {
			s, _ := m["field"].(string)
			out = append(out, s)
		}
	}
	return out
}

// graphState sums up everything stored: how many nodes and relationships
// there are, how many properties they hold and when any of them last
// changed. Any write a mutation makes moves at least one of these.
func graphState(tb testing.TB, e *env) string {
	tb.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), e.store.Driver(), `
CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProps, max(n.updatedAt) AS nodeChanged }
CALL () { OPTIONAL MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS relProps, max(r.updatedAt) AS relChanged }
RETURN nodes, nodeProps, toString(nodeChanged) AS nodeChanged, rels, relProps, toString(relChanged) AS relChanged`,
		nil, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(e.store.Database()))
	if err != nil {
		tb.Fatalf("reading the graph's state: %v", err)
	}
	return fmt.Sprint(res.Records[0].Values)
}

// mustFailWith sends a request that must fail with code (or one of several codes
// separated by "|") and leave the graph unchanged, and, when fields are
// given, must name exactly those invalid fields in extensions.fields. (It
// does what env.mustFail means to do.)
func mustFailWith(tb testing.TB, e *env, query string, vars map[string]any, code string, fields ...string) response {
	tb.Helper()
	before := graphState(tb, e)
	r := e.post(tb, query, vars)
	if got := r.code(); got == "" || !slices.Contains(strings.Split(code, "|"), got) {
		tb.Fatalf("code %q (status %d, errors %+v), want %s", got, r.Status, r.Errors, code)
	}
	if after := graphState(tb, e); after != before {
		tb.Fatalf("a failed request changed the graph: %v -> %v", before, after)
	}
	for _, er := range r.Errors {
		ext, _ := json.Marshal(er.Extensions)
		checkNoLeak(tb, er.Message+string(ext))
		if er.Message == "" {
			tb.Errorf("an error without a message: %+v", er)
		}
	}
	if len(fields) > 0 {
		if got := fieldNames(r.Errors[0]); !slices.Equal(got, fields) {
			tb.Errorf("extensions.fields name %v, want %v (error %q)", got, fields, r.Errors[0].Message)
		}
	}
	return r
}

var seq atomic.Int64

// unique returns a name no other record has: what, the test's name and a
// sequence number.
func unique(tb testing.TB, what string) string {
	return fmt.Sprintf("%s %s #%d", what, tb.Name(), seq.Add(1))
}

// uniqueSlug returns a theme slug no other theme has.
func uniqueSlug() string {
	return fmt.Sprintf("zz-test-%d-%d", time.Now().UnixNano()%1_000_000, seq.Add(1))
}

// uniqueOrgID returns an org-id identifier no organisation has.
func uniqueOrgID() string {
	return fmt.Sprintf("GB-TEST-%d%d", time.Now().UnixNano()%1_000_000_000, seq.Add(1))
}

// deleteLater soft-deletes a record the test created when the test ends,
// so that lists read by other tests hold the demo city alone.
func deleteLater(tb testing.TB, e *env, mutation, id string) {
	tb.Cleanup(func() {
		e.post(tb, fmt.Sprintf(`mutation($id: ID!) { %s(id: $id) { id } }`, mutation), map[string]any{"id": id})
	})
}

// createRecord runs a create mutation that returns { id }, registers the record
// for deletion and returns its ID.
func createRecord(tb testing.TB, e *env, mutation, deleteMutation string, input map[string]any) string {
	tb.Helper()
	var out map[string]struct{ ID string }
	e.must(tb, fmt.Sprintf(`mutation($in: %s!) { %s(input: $in) { id } }`, inputType(mutation), mutation), map[string]any{"in": input}, &out)
	id := out[mutation].ID
	if id == "" {
		tb.Fatalf("%s returned no ID", mutation)
	}
	deleteLater(tb, e, deleteMutation, id)
	return id
}

// inputType names the input type of a create mutation.
func inputType(mutation string) string {
	return map[string]string{
		"createOrganisation": "CreateOrganisationInput",
		"createPerson":       "CreatePersonInput",
		"createAsset":        "CreateAssetInput",
		"createPartnership":  "CreatePartnershipInput",
		"createArea":         "CreateAreaInput",
		"createTheme":        "CreateThemeInput",
	}[mutation]
}

// Fixtures: records of a test's own, outside the demo city's areas, so
// that no list filtered by a demo area or theme ever sees them.

func newArea(tb testing.TB, e *env, kind, parentID string) string {
	in := map[string]any{"name": unique(tb, "Test area"), "kind": kind}
	if parentID != "" {
		in["parentId"] = parentID
	}
	return createRecord(tb, e, "createArea", "deleteArea", in)
}

func newTheme(tb testing.TB, e *env) string {
	slug := uniqueSlug()
	createRecord(tb, e, "createTheme", "deleteTheme", map[string]any{"slug": slug, "name": unique(tb, "Test theme")})
	return slug
}

func newOrg(tb testing.TB, e *env, extra map[string]any) string {
	in := map[string]any{"name": unique(tb, "Test organisation"), "kind": "COMMUNITY_GROUP"}
	for k, v := range extra {
		in[k] = v
	}
	return createRecord(tb, e, "createOrganisation", "deleteOrganisation", in)
}

func newPerson(tb testing.TB, e *env) string {
	return createRecord(tb, e, "createPerson", "deletePerson", map[string]any{"name": unique(tb, "Test person")})
}

func newAsset(tb testing.TB, e *env) string {
	return createRecord(tb, e, "createAsset", "deleteAsset", map[string]any{"name": unique(tb, "Test asset"), "kind": "ROOM"})
}

func newPartnership(tb testing.TB, e *env) string {
	return createRecord(tb, e, "createPartnership", "deletePartnership", map[string]any{"name": unique(tb, "Test partnership"), "kind": "NETWORK"})
}
