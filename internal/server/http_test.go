package server_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
	"github.com/civicgraph/civicgraph/internal/server"
)

// The HTTP surface: GraphQL over HTTP as its spec has it, the other
// endpoints, persisted queries, the complexity limit and CORS.

const (
	jsonType     = "application/json"
	responseType = "application/graphql-response+json"
)

// serveWith starts an HTTP server over b with options o, closed when tb ends.
func serveWith(tb testing.TB, b server.Backend, o server.Options) string {
	tb.Helper()
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := httptest.NewServer(server.New(b, o))
	tb.Cleanup(srv.Close)
	return srv.URL
}

// openStore opens a store of the test's own on the test database.
func openStore(tb testing.TB) *neo4j.Store {
	tb.Helper()
	s, err := neo4j.Open(context.Background(), neo4j.Config{URI: neo4jtest.URI(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

// mediaType returns the media type of a response, without parameters.
func mediaType(h httpResult) string {
	mt, _, _ := mime.ParseMediaType(h.Header.Get("Content-Type"))
	return mt
}

func getQuery(params url.Values) string { return "/graphql?" + params.Encode() }

func TestGraphQLOverHTTP(t *testing.T) {
	e := demoEnv(t)
	const themes = `{ themes { totalCount } }`
	const ok = `{"data":{"themes":{"totalCount":15}}}`
	const invalid = `{ themes { totalCount colour } }`
	const unparsable = `{ themes { totalCount }`
	const badVariable = `query($k: [OrganisationKind!]) { organisations(filter: { kinds: $k }) { totalCount } }`
	post := func(accept string) http.Header {
		h := hdr("Content-Type", jsonType)
		if accept != "" {
			h.Set("Accept", accept)
		}
		return h
	}
	tests := []struct {
		name      string
		method    string
		path      string
		header    http.Header
		body      string
		status    []int  // any of these
		mediaType string // "" to skip the check
		body200   string // the exact body, when set
		code      string // the first error's code, when set
	}{
		{name: "GET with the query in the URL", method: "GET", path: getQuery(url.Values{"query": {themes}}),
			status: []int{200}, mediaType: jsonType, body200: ok},
		{name: "GET with variables and an operation name", method: "GET",
			path: getQuery(url.Values{"query": {`query A { x: theme(slug: "x") { id } } query B($s: String) { theme(slug: $s) { slug } }`},
				"operationName": {"B"}, "variables": {`{"s": "food"}`}}),
			status: []int{200}, body200: `{"data":{"theme":{"slug":"food"}}}`},
		{name: "GET with variables that are not JSON", method: "GET", path: getQuery(url.Values{"query": {themes}, "variables": {"{"}}),
			status: []int{400}},
		{name: "POST", method: "POST", path: "/graphql", header: post(""), body: gqlBody(themes, nil),
			status: []int{200}, mediaType: jsonType, body200: ok},
		{name: "POST with a charset", method: "POST", path: "/graphql", header: hdr("Content-Type", "application/json; charset=utf-8"),
			body: gqlBody(themes, nil), status: []int{200}, body200: ok},
		{name: "POST, invalid JSON", method: "POST", path: "/graphql", header: post(""), body: `{"query": "{ themes { totalCount } }"`,
			status: []int{400}},
		{name: "POST without a query", method: "POST", path: "/graphql", header: post(""), body: `{"variables": {}}`,
			status: []int{400, 422}},
		{name: "POST with an empty body", method: "POST", path: "/graphql", header: post(""), body: "",
			status: []int{400, 422}},
		{name: "POST that is not JSON", method: "POST", path: "/graphql", header: hdr("Content-Type", "text/plain"), body: themes,
			status: []int{400, 415}},
		{name: "PUT", method: "PUT", path: "/graphql", header: post(""), body: gqlBody(themes, nil),
			status: []int{400, 405}},
		// application/graphql-response+json: request errors are 4xx.
		{name: "graphql-response+json: success", method: "POST", path: "/graphql", header: post(responseType), body: gqlBody(themes, nil),
			status: []int{200}, mediaType: responseType, body200: ok},
		{name: "graphql-response+json: validation error", method: "POST", path: "/graphql", header: post(responseType), body: gqlBody(invalid, nil),
			status: []int{400, 422}, mediaType: responseType, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "graphql-response+json: parse error", method: "POST", path: "/graphql", header: post(responseType), body: gqlBody(unparsable, nil),
			status: []int{400, 422}, mediaType: responseType, code: "GRAPHQL_PARSE_FAILED"},
		{name: "graphql-response+json: variable coercion error", method: "POST", path: "/graphql", header: post(responseType),
			body: gqlBody(badVariable, map[string]any{"k": []string{"GUILD"}}), status: []int{400, 422}, mediaType: responseType},
		{name: "graphql-response+json: a field error keeps 200", method: "POST", path: "/graphql", header: post(responseType),
			body: gqlBody(`{ theme { id } themes { totalCount } }`, nil), status: []int{200}, mediaType: responseType, code: "BAD_USER_INPUT"},
		{name: "graphql-response+json preferred", method: "POST", path: "/graphql", header: post(responseType + ", application/json;q=0.9"),
			body: gqlBody(themes, nil), status: []int{200}, mediaType: responseType},
		// application/json: a well-formed request SHOULD get 200 whatever its GraphQL errors.
		{name: "application/json: validation error", method: "POST", path: "/graphql", header: post(jsonType), body: gqlBody(invalid, nil),
			status: []int{200}, mediaType: jsonType, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "application/json: parse error", method: "POST", path: "/graphql", header: post(jsonType), body: gqlBody(unparsable, nil),
			status: []int{200}, mediaType: jsonType, code: "GRAPHQL_PARSE_FAILED"},
		{name: "application/json: variable coercion error", method: "POST", path: "/graphql", header: post(jsonType),
			body: gqlBody(badVariable, map[string]any{"k": []string{"GUILD"}}), status: []int{200}, mediaType: jsonType},
		{name: "no Accept header means application/json", method: "POST", path: "/graphql", header: post(""), body: gqlBody(themes, nil),
			status: []int{200}, mediaType: jsonType},
		{name: "Accept */*", method: "POST", path: "/graphql", header: post("*/*"), body: gqlBody(themes, nil),
			status: []int{200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := doHTTP(t, e.srv.URL, tt.method, tt.path, tt.header, tt.body)
			if !slices.Contains(tt.status, res.Status) {
				t.Errorf("status %d, want one of %v (body %.300s)", res.Status, tt.status, res.Body)
			}
			if tt.mediaType != "" && mediaType(res) != tt.mediaType {
				t.Errorf("Content-Type %q, want %s", res.Header.Get("Content-Type"), tt.mediaType)
			}
			if tt.mediaType == "" && res.Status == 200 && mediaType(res) != jsonType && mediaType(res) != responseType {
				t.Errorf("Content-Type %q", res.Header.Get("Content-Type"))
			}
			if tt.body200 != "" && string(res.Body) != tt.body200 {
				t.Errorf("body %s, want %s", res.Body, tt.body200)
			}
			if res.Status >= 400 || tt.code != "" {
				r := res.decode(t)
				if len(r.Errors) == 0 || r.Errors[0].Message == "" {
					t.Fatalf("no error in %s", res.Body)
				}
				if tt.code != "" && r.code() != tt.code {
					t.Errorf("code %q, want %s", r.code(), tt.code)
				}
			}
		})
	}
	t.Run("GET with a mutation is refused and writes nothing", func(t *testing.T) {
		slug := uniqueSlug()
		before := graphState(t, e)
		res := doHTTP(t, e.srv.URL, "GET", getQuery(url.Values{"query": {fmt.Sprintf(`mutation { createTheme(input: { slug: %q, name: "Via GET" }) { id } }`, slug)}}), nil, "")
		if after := graphState(t, e); after != before {
			deleteLater(t, e, "deleteTheme", "thm_"+slug)
			t.Fatalf("a GET request wrote to the graph: %v -> %v", before, after)
		}
		if res.Status != http.StatusMethodNotAllowed {
			t.Errorf("status %d, want 405 (body %s)", res.Status, res.Body)
		}
		if r := res.decode(t); len(r.Errors) == 0 {
			t.Errorf("no error in %s", res.Body)
		}
	})
}

func TestOtherEndpoints(t *testing.T) {
	e := demoEnv(t)
	noUI := serveWith(t, e.store, server.Options{GraphiQL: false, Introspection: true})
	tests := []struct {
		name, base, path string
		status           int
		mediaType        string
		body             string // exact JSON, or a substring for HTML
		location         string
	}{
		{"unknown path", e.srv.URL, "/nope", 404, "", "", ""},
		{"unknown path below graphql", e.srv.URL, "/graphql/x", 404, "", "", ""},
		{"healthz", e.srv.URL, "/healthz", 200, jsonType, `{"status":"ok"}`, ""},
		{"readyz", e.srv.URL, "/readyz", 200, jsonType, `{"neo4j":"reachable","status":"ok"}`, ""},
		{"graphiql", e.srv.URL, "/graphiql", 200, "text/html", `"endpoint":"/graphql"`, ""},
		{"the root opens graphiql", e.srv.URL, "/", 302, "", "", "/graphiql"},
		{"graphiql turned off", noUI, "/graphiql", 404, "", "", ""},
		{"the root without graphiql", noUI, "/", 404, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := doHTTP(t, tt.base, "GET", tt.path, nil, "")
			if res.Status != tt.status {
				t.Fatalf("status %d, want %d", res.Status, tt.status)
			}
			if tt.mediaType != "" && mediaType(res) != tt.mediaType {
				t.Errorf("Content-Type %q, want %s", res.Header.Get("Content-Type"), tt.mediaType)
			}
			switch {
			case tt.mediaType == jsonType && strings.TrimSpace(string(res.Body)) != tt.body:
				t.Errorf("body %s, want %s", res.Body, tt.body)
			case tt.mediaType == "text/html" && (!strings.Contains(string(res.Body), tt.body) || !strings.Contains(string(res.Body), "<html")):
				t.Errorf("body %.300s lacks %s", res.Body, tt.body)
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
		})
	}
	t.Run("readyz when Neo4j is unreachable", func(t *testing.T) {
		closed := openStore(t)
		_ = closed.Close(context.Background())
		base := serveWith(t, closed, server.Options{})
		res := doHTTP(t, base, "GET", "/readyz", nil, "")
		var body map[string]string
		if res.Status != 503 || json.Unmarshal(res.Body, &body) != nil || body["status"] != "unavailable" {
			t.Errorf("status %d, body %s", res.Status, res.Body)
		}
		if res := doHTTP(t, base, "GET", "/healthz", nil, ""); res.Status != 200 {
			t.Errorf("healthz %d while Neo4j is down: the process is alive", res.Status)
		}
	})
}

// metricValue returns the value of the sample whose name and labels are
// given exactly as Prometheus prints them, and whether there is one.
func metricValue(body, sample string) (float64, bool) {
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if ok && name == sample {
			v, err := strconv.ParseFloat(value, 64)
			return v, err == nil
		}
	}
	return 0, false
}

// postNamed posts a query with an operationName parameter.
func postNamed(tb testing.TB, base, query, operation string) httpResult {
	tb.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "operationName": operation})
	return doHTTP(tb, base, "POST", "/graphql", hdr("Content-Type", jsonType), string(b))
}

func TestMetrics(t *testing.T) {
	e := demoEnv(t)
	t.Run("the service's own", func(t *testing.T) {
		store := openStore(t)
		m := server.NewMetrics(prometheus.NewRegistry())
		store.SetQueryObserver(m.ObserveQuery)
		base := serveWith(t, store, server.Options{Metrics: m, Introspection: true})
		const probe = `query MetricsProbe { themes { totalCount } }`
		postNamed(t, base, probe, "MetricsProbe")
		postRaw(t, base, "", probe, nil) // the same operation, named only in the document
		postRaw(t, base, "", `{ theme { id } }`, nil)
		res := doHTTP(t, base, "GET", "/metrics", nil, "")
		if res.Status != 200 || !strings.HasPrefix(mediaType(res), "text/plain") {
			t.Fatalf("status %d, Content-Type %q", res.Status, res.Header.Get("Content-Type"))
		}
		body := string(res.Body)
		for _, tt := range []struct {
			sample string
			want   float64
		}{
			{`civicgraph_graphql_requests_total{operation="MetricsProbe",outcome="ok"}`, 2},
			{`civicgraph_graphql_requests_total{operation="anonymous",outcome="error"}`, 1},
			{`civicgraph_graphql_request_duration_seconds_count{operation="MetricsProbe"}`, 2},
			{`civicgraph_neo4j_query_duration_seconds_count{outcome="ok",query="themes"}`, 2},
			{`civicgraph_http_responses_total{code="200",path="/graphql"}`, 3},
		} {
			if got, ok := metricValue(body, tt.sample); !ok || got != tt.want {
				t.Errorf("%s = %v (present %v), want %v", tt.sample, got, ok, tt.want)
			}
		}
	})
	t.Run("the shared server's", func(t *testing.T) {
		postNamed(t, e.srv.URL, `query SharedProbe { themes { totalCount } }`, "SharedProbe")
		res := doHTTP(t, e.srv.URL, "GET", "/metrics", nil, "")
		if v, ok := metricValue(string(res.Body), `civicgraph_graphql_requests_total{operation="SharedProbe",outcome="ok"}`); !ok || v != 1 {
			t.Errorf("requests_total for SharedProbe = %v (present %v)", v, ok)
		}
	})
}

func TestIntrospection(t *testing.T) {
	e := demoEnv(t)
	const schemaQuery = `{ __schema { queryType { name } mutationType { name } } __type(name: "Organisation") { fields { name } } }`
	t.Run("enabled", func(t *testing.T) {
		var out struct {
			Schema struct{ QueryType, MutationType struct{ Name string } } `json:"__schema"`
			Type   struct{ Fields []struct{ Name string } }                `json:"__type"`
		}
		e.must(t, schemaQuery, nil, &out)
		if out.Schema.QueryType.Name != "Query" || out.Schema.MutationType.Name != "Mutation" || len(out.Type.Fields) < 15 {
			t.Errorf("schema %+v", out)
		}
	})
	t.Run("disabled", func(t *testing.T) {
		base := serveWith(t, e.store, server.Options{Introspection: false})
		res := postRaw(t, base, "", schemaQuery, nil)
		r := res.decode(t)
		if len(r.Errors) == 0 || r.code() == "" || !strings.Contains(strings.ToLower(r.Errors[0].Message), "introspection") {
			t.Errorf("errors %+v", r.Errors)
		}
		var data struct {
			Schema *json.RawMessage `json:"__schema"`
			Type   *json.RawMessage `json:"__type"`
		}
		_ = json.Unmarshal(r.Data, &data)
		if data.Schema != nil || data.Type != nil || strings.Contains(string(res.Body), "collaborations") {
			t.Errorf("the schema was disclosed: %s", res.Body)
		}
		// Ordinary queries and __typename still work.
		res = postRaw(t, base, "", `{ __typename themes { totalCount } }`, nil)
		if string(res.Body) != `{"data":{"__typename":"Query","themes":{"totalCount":15}}}` {
			t.Errorf("body %s", res.Body)
		}
	})
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	e := demoEnv(t)
	closed := openStore(t)
	_ = closed.Close(context.Background())
	down := serveWith(t, closed, server.Options{Introspection: true, Auth: testAuthenticator(t, nil)})
	for _, tt := range []struct {
		name, query string
	}{
		{"a list", `{ organisations(first: 3) { totalCount edges { node { name } } } }`},
		{"a lookup", `{ organisation(id: "org_00000000-0000-0000-0000-000000000000") { name } }`},
		{"a mutation", `mutation { createTheme(input: { slug: "never-stored", name: "Never" }) { id } }`},
	} {
		t.Run("database down: "+tt.name, func(t *testing.T) {
			// doHTTP fails the test if the body names Neo4j or its driver.
			h := editor.header(t)
			h.Set("Content-Type", "application/json")
			r := doHTTP(t, down, http.MethodPost, "/graphql", h, gqlBody(tt.query, nil)).decode(t)
			if c := r.code(); c != "INTERNAL" && c != "UNAVAILABLE" {
				t.Errorf("code %q, want INTERNAL or UNAVAILABLE (errors %+v)", c, r.Errors)
			}
		})
	}
	t.Run("a forged cursor at the edge of int64", func(t *testing.T) {
		cursor := base64.RawURLEncoding.EncodeToString([]byte("cursor:9223372036854775807"))
		r := postRaw(t, e.srv.URL, "", `query($c: String) { organisations(first: 2, after: $c) { totalCount edges { node { id } } } }`,
			map[string]any{"c": cursor}).decode(t)
		if len(r.Errors) > 0 && r.code() != "BAD_USER_INPUT" {
			t.Errorf("errors %+v: want an empty page or BAD_USER_INPUT", r.Errors)
		}
		if len(r.Errors) == 0 && !strings.Contains(string(r.Data), `"edges":[]`) {
			t.Errorf("data %s: nothing lies after the last possible cursor", r.Data)
		}
	})
}

func TestPersistedQueries(t *testing.T) {
	e := demoEnv(t)
	query := fmt.Sprintf(`query PersistedProbe%d { themes(first: 2) { edges { node { slug } } } }`, seq.Add(1))
	sum := sha256.Sum256([]byte(query))
	hash := hex.EncodeToString(sum[:])
	ext := func(h string, version int) map[string]any {
		return map[string]any{"persistedQuery": map[string]any{"version": version, "sha256Hash": h}}
	}
	send := func(t *testing.T, body map[string]any) response {
		t.Helper()
		b, _ := json.Marshal(body)
		return doHTTP(t, e.srv.URL, "POST", "/graphql", hdr("Content-Type", jsonType), string(b)).decode(t)
	}
	const want = `{"themes":{"edges":[{"node":{"slug":"arts-culture"}},{"node":{"slug":"community-safety"}}]}}`
	t.Run("an unknown hash asks for the query", func(t *testing.T) {
		r := send(t, map[string]any{"extensions": ext(hash, 1)})
		if r.Status != 200 || len(r.Errors) != 1 || r.Errors[0].Message != "PersistedQueryNotFound" || r.code() != "PERSISTED_QUERY_NOT_FOUND" {
			t.Fatalf("status %d, errors %+v", r.Status, r.Errors)
		}
	})
	t.Run("the query with its hash is run and stored", func(t *testing.T) {
		r := send(t, map[string]any{"query": query, "extensions": ext(hash, 1)})
		if len(r.Errors) > 0 || string(r.Data) != want {
			t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
		}
	})
	t.Run("then the hash alone is enough", func(t *testing.T) {
		r := send(t, map[string]any{"extensions": ext(hash, 1)})
		if len(r.Errors) > 0 || string(r.Data) != want {
			t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
		}
		ex, _ := json.Marshal(ext(hash, 1))
		res := doHTTP(t, e.srv.URL, "GET", getQuery(url.Values{"extensions": {string(ex)}}), nil, "")
		if res.Status != 200 || string(res.Body) != `{"data":`+want+`}` {
			t.Fatalf("over GET: status %d, body %s", res.Status, res.Body)
		}
	})
	t.Run("a hash that does not match the query", func(t *testing.T) {
		other := strings.Repeat("ab", 32)
		r := send(t, map[string]any{"query": query, "extensions": ext(other, 1)})
		if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "hash") || r.Data != nil && string(r.Data) != "null" {
			t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
		}
		if r := send(t, map[string]any{"extensions": ext(other, 1)}); r.code() != "PERSISTED_QUERY_NOT_FOUND" {
			t.Fatalf("a mismatched query was stored: %+v", r.Errors)
		}
	})
	t.Run("an unsupported version", func(t *testing.T) {
		if r := send(t, map[string]any{"extensions": ext(hash, 2)}); len(r.Errors) == 0 || r.Data != nil && string(r.Data) != "null" {
			t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
		}
	})
}

func TestComplexityLimit(t *testing.T) {
	e := demoEnv(t)
	t.Run("the shared server refuses a huge request", func(t *testing.T) {
		r := mustFailWith(t, e, `{ organisations(first: 500) { edges { node { collaborations(first: 500) { edges { partner { name } } } } } } }`, nil, "COMPLEXITY_LIMIT_EXCEEDED")
		if !strings.Contains(r.Errors[0].Message, "exceeds the limit of 20000") || len(r.Data) > 0 && string(r.Data) != "null" {
			t.Errorf("error %q, data %s", r.Errors[0].Message, r.Data)
		}
	})
	t.Run("and serves a full page", func(t *testing.T) {
		e.must(t, `{ organisations(first: 500) { edges { node { id name } } } }`, nil, nil)
	})
	// organisations(first: n) { edges { node { id } } } costs 1 + n*3: the
	// list costs its page size times its children (edges 1 + node 1 + id 1).
	base := serveWith(t, e.store, server.Options{ComplexityLimit: 31})
	for _, tt := range []struct {
		name  string
		query string
		ok    bool
	}{
		{"at the limit", `{ organisations(first: 10) { edges { node { id } } } }`, true},
		{"one item over", `{ organisations(first: 11) { edges { node { id } } } }`, false},
		{"the default page of 20 is over", `{ organisations { edges { node { id } } } }`, false},
		{"last counts like first", `{ organisations(last: 11) { edges { node { id } } } }`, false},
		{"nested lists multiply", `{ organisations(first: 2) { edges { node { collaborations(first: 5) { edges { node { id } } } } } } }`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := postRaw(t, base, "", tt.query, nil).decode(t)
			if tt.ok && len(r.Errors) > 0 || !tt.ok && r.code() != "COMPLEXITY_LIMIT_EXCEEDED" {
				t.Errorf("errors %+v", r.Errors)
			}
		})
	}
}

func TestCORS(t *testing.T) {
	e := demoEnv(t)
	const dash, evil = "https://dash.example.org", "https://evil.example.com"
	allowed := serveWith(t, e.store, server.Options{CORSAllowedOrigins: []string{dash}})
	wildcard := serveWith(t, e.store, server.Options{CORSAllowedOrigins: []string{"*"}})
	preflight := func(origin string) http.Header {
		return hdr("Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	}
	tests := []struct {
		name        string
		base        string
		method      string
		header      http.Header
		allowOrigin string // "" for none
		credentials bool
	}{
		{"preflight from an allowed origin", allowed, "OPTIONS", preflight(dash), dash, true},
		{"preflight from another origin", allowed, "OPTIONS", preflight(evil), "", false},
		{"request from an allowed origin", allowed, "POST", hdr("Origin", dash, "Content-Type", jsonType), dash, true},
		{"request from another origin", allowed, "POST", hdr("Origin", evil, "Content-Type", jsonType), "", false},
		{"no origins configured: preflight", e.srv.URL, "OPTIONS", preflight(dash), "", false},
		{"no origins configured: request", e.srv.URL, "POST", hdr("Origin", dash, "Content-Type", jsonType), "", false},
		{"wildcard: no credentials", wildcard, "OPTIONS", preflight(evil), "*", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := ""
			if tt.method == "POST" {
				body = gqlBody(`{ themes { totalCount } }`, nil)
			}
			res := doHTTP(t, tt.base, tt.method, "/graphql", tt.header, body)
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.allowOrigin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.allowOrigin)
			}
			if got := res.Header.Get("Access-Control-Allow-Credentials"); (got == "true") != tt.credentials {
				t.Errorf("Access-Control-Allow-Credentials %q", got)
			}
			if tt.method == "POST" && (res.Status != 200 || string(res.Body) != `{"data":{"themes":{"totalCount":15}}}`) {
				t.Errorf("status %d, body %s", res.Status, res.Body)
			}
			if tt.method == "OPTIONS" && tt.allowOrigin != "" {
				if res.Status/100 != 2 || !strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "POST") ||
					!strings.EqualFold(res.Header.Get("Access-Control-Allow-Headers"), "content-type") || res.Header.Get("Access-Control-Max-Age") != "600" {
					t.Errorf("preflight: status %d, headers %v", res.Status, res.Header)
				}
			}
			if tt.allowOrigin == "" {
				for k := range res.Header {
					if strings.HasPrefix(k, "Access-Control-") {
						t.Errorf("CORS header %s: %q", k, res.Header.Get(k))
					}
				}
			}
		})
	}
}
