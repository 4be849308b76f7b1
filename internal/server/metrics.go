package server

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the service's Prometheus metrics. It is also a gqlgen
// extension that counts and times GraphQL operations by name.
type Metrics struct {
	gatherer   prometheus.Gatherer
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	queries    *prometheus.HistogramVec
	httpStatus *prometheus.CounterVec
	neo4jUp    prometheus.Gauge

	mu    sync.Mutex
	names map[string]bool
}

// maxOperationNames bounds the label values clients can create.
const maxOperationNames = 200

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// NewMetrics registers the metrics, with Go runtime and process collectors, on reg.
func NewMetrics(reg *prometheus.Registry) *Metrics {
	m := &Metrics{
		gatherer: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "civicgraph_graphql_requests_total", Help: "GraphQL operations by operation name and outcome.",
		}, []string{"operation", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "civicgraph_graphql_request_duration_seconds", Help: "GraphQL operation latency by operation name.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}, []string{"operation"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "civicgraph_neo4j_query_duration_seconds", Help: "Neo4j query latency by query name and outcome.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"query", "outcome"}),
		httpStatus: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "civicgraph_http_responses_total", Help: "HTTP responses by path and status code.",
		}, []string{"path", "code"}),
		neo4jUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "civicgraph_neo4j_up", Help: "Whether Neo4j answers (1) or is unreachable (0), as the store's health probe last found.",
		}),
		names: map[string]bool{},
	}
	m.neo4jUp.Set(1)
	reg.MustRegister(m.requests, m.duration, m.queries, m.httpStatus, m.neo4jUp,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// SetNeo4jUp records whether Neo4j answers; pass it to the store's OnHealthChange.
func (m *Metrics) SetNeo4jUp(up bool) {
	if up {
		m.neo4jUp.Set(1)
	} else {
		m.neo4jUp.Set(0)
	}
}

// ObserveQuery records one Neo4j query; pass it to the store's SetQueryObserver.
func (m *Metrics) ObserveQuery(name string, took time.Duration, err error) {
	m.queries.WithLabelValues(name, outcome(err == nil)).Observe(took.Seconds())
}

// ExtensionName implements graphql.HandlerExtension.
func (m *Metrics) ExtensionName() string { return "Metrics" }

// Validate implements graphql.HandlerExtension.
func (m *Metrics) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor: it times each
// operation and counts it as ok or error.
func (m *Metrics) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	name := "anonymous"
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		op := oc.OperationName
		if oc.Operation != nil && oc.Operation.Name != "" {
			op = oc.Operation.Name
		}
		name = m.label(op)
	}
	ok := resp == nil || len(resp.Errors) == 0
	m.requests.WithLabelValues(name, outcome(ok)).Inc()
	m.duration.WithLabelValues(name).Observe(time.Since(start).Seconds())
	return resp
}

// label returns a bounded label for a client-chosen operation name.
func (m *Metrics) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.names[name] {
		if len(m.names) >= maxOperationNames {
			return "other"
		}
		m.names[name] = true
	}
	return name
}

// countStatus records a response's status for a known path.
func (m *Metrics) countStatus(path string, status int) {
	switch path {
	case "/graphql", "/graphiql", "/healthz", "/readyz", "/metrics":
	default:
		path = "other"
	}
	m.httpStatus.WithLabelValues(path, strconv.Itoa(status)).Inc()
}

func outcome(ok bool) string {
	if ok {
		return "ok"
	}
	return "error"
}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = (*Metrics)(nil)
