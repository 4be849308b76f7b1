package bench

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// FloorRequest is what the floor's HTTP endpoint takes: a query of the
// benchmark by name, and its variables.
type FloorRequest struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
}

// Floor serves the benchmark's queries as hand-written Cypher through the
// Go driver: one round trip each, no GraphQL. It answers {"data": ...} as
// civicgraph does, so that it measures what Neo4j, the driver and an HTTP
// server cost on their own.
type Floor struct {
	driver  neo4j.DriverWithContext
	queries map[string]string
}

// NewFloor connects to Neo4j with the same pool as civicgraph's store.
func NewFloor(uri string) (*Floor, error) {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth(), func(c *config.Config) {
		c.MaxConnectionPoolSize = 100
		c.ConnectionAcquisitionTimeout = 5 * time.Second
	})
	if err != nil {
		return nil, err
	}
	f := &Floor{driver: d, queries: map[string]string{}}
	for _, q := range Queries {
		f.queries[q.Name] = q.Floor
	}
	return f, nil
}

// Close closes the driver.
func (f *Floor) Close() error { return f.driver.Close(context.Background()) }

// ServeHTTP answers one FloorRequest.
func (f *Floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req FloorRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	cypher, ok := f.queries[req.Query]
	if !ok {
		http.Error(w, "unknown query", http.StatusNotFound)
		return
	}
	res, err := neo4j.ExecuteQuery(r.Context(), f.driver, cypher, req.Variables, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase("neo4j"), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var data any
	if len(res.Records) > 0 {
		data, _ = res.Records[0].Get("data")
	} else {
		data = emptyAnswer(req.Query)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
}

// emptyAnswer is civicgraph's answer when the floor's query matched nothing
// (an organisation that does not exist).
func emptyAnswer(query string) any {
	if query == "organisation" {
		return map[string]any{"organisation": nil}
	}
	return nil
}
