package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// System is one server under test.
type System struct {
	Name string
	URL  string // where requests are POSTed
	// Body encodes one request of query q with its variables.
	Body func(q Query, vars map[string]any) ([]byte, error)
	PID  int // the server's process, for its memory and CPU
	// DBPID is Neo4j's process, whose CPU is counted too.
	DBPID int
}

// GraphQLBody encodes a GraphQL-over-HTTP request with the document doc
// picks from the query.
func GraphQLBody(doc func(Query) string) func(Query, map[string]any) ([]byte, error) {
	return func(q Query, vars map[string]any) ([]byte, error) {
		return json.Marshal(map[string]any{"query": doc(q), "variables": vars})
	}
}

// FloorBody encodes a request to the floor.
func FloorBody(q Query, vars map[string]any) ([]byte, error) {
	return json.Marshal(FloorRequest{Query: q.Name, Variables: vars})
}

// Workload picks the query and variables of each request.
type Workload struct {
	Name  string
	Pick  func(r *rand.Rand) (Query, map[string]any)
	Seeds uint64 // the same seed gives every system the same requests
}

// Single is the workload of one query.
func Single(q Query, p *Params) Workload {
	return Workload{Name: q.Name, Pick: func(r *rand.Rand) (Query, map[string]any) { return q, q.Vars(p, r) }}
}

// Mixed draws queries in proportion to their weights.
func Mixed(qs []Query, p *Params) Workload {
	total := 0
	for _, q := range qs {
		total += q.Weight
	}
	return Workload{Name: "mixed", Pick: func(r *rand.Rand) (Query, map[string]any) {
		n := r.IntN(total)
		for _, q := range qs {
			if n < q.Weight {
				return q, q.Vars(p, r)
			}
			n -= q.Weight
		}
		panic("unreachable")
	}}
}

// Result is what one load run measured.
type Result struct {
	System      string        `json:"system"`
	Workload    string        `json:"workload"`
	Concurrency int           `json:"concurrency"`
	Requests    int           `json:"requests"`
	Errors      int           `json:"errors"`
	Duration    time.Duration `json:"duration_ns"`
	RPS         float64       `json:"rps"`
	P50         time.Duration `json:"p50_ns"`
	P90         time.Duration `json:"p90_ns"`
	P99         time.Duration `json:"p99_ns"`
	PeakRSS     int64         `json:"peak_rss_bytes"` // the server's, sampled during the run
	// CPU time per request of the server and of Neo4j during the
	// measurement (the warm-up excluded).
	ServerCPU  time.Duration `json:"server_cpu_per_request_ns"`
	DBCPU      time.Duration `json:"neo4j_cpu_per_request_ns"`
	FirstError string        `json:"first_error,omitempty"`
}

// Load runs the workload against the system with conc concurrent clients,
// each sending its next request when the previous one is answered (a
// closed loop), for warmup (not measured) and then for dur.
func Load(ctx context.Context, client *http.Client, s System, w Workload, conc int, warmup, dur time.Duration) Result {
	rss := SampleRSS(s.PID, 50*time.Millisecond)
	start := time.Now()
	measureFrom, end := start.Add(warmup), start.Add(warmup+dur)
	type worker struct {
		lat    []time.Duration
		errors int
		first  string
	}
	var cpu0, db0 time.Duration
	cpuMark := time.AfterFunc(warmup, func() { cpu0, _ = ProcCPU(s.PID); db0, _ = ProcCPU(s.DBPID) })
	ws := make([]worker, conc)
	var wg sync.WaitGroup
	for i := range ws {
		wg.Add(1)
		go func(wk *worker, seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, w.Seeds))
			for ctx.Err() == nil {
				q, vars := w.Pick(r)
				t0 := time.Now()
				if t0.After(end) {
					return
				}
				err := send(ctx, client, s, q, vars)
				if t0.Before(measureFrom) {
					continue
				}
				wk.lat = append(wk.lat, time.Since(t0))
				if err != nil {
					wk.errors++
					if wk.first == "" {
						wk.first = err.Error()
					}
				}
			}
		}(&ws[i], uint64(i+1))
	}
	wg.Wait()
	cpuMark.Stop()
	cpu1, _ := ProcCPU(s.PID)
	db1, _ := ProcCPU(s.DBPID)
	res := Result{System: s.Name, Workload: w.Name, Concurrency: conc, Duration: dur, PeakRSS: rss()}
	var all []time.Duration
	for _, wk := range ws {
		all = append(all, wk.lat...)
		res.Errors += wk.errors
		if res.FirstError == "" {
			res.FirstError = wk.first
		}
	}
	res.Requests = len(all)
	if len(all) > 0 {
		res.ServerCPU = (cpu1 - cpu0) / time.Duration(len(all))
		res.DBCPU = (db1 - db0) / time.Duration(len(all))
	}
	res.RPS = float64(len(all)) / dur.Seconds()
	slices.Sort(all)
	res.P50, res.P90, res.P99 = quantile(all, 0.50), quantile(all, 0.90), quantile(all, 0.99)
	return res
}

// quantile returns the q-quantile of sorted latencies (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// send sends one request and checks its answer: HTTP 200 with no GraphQL
// errors.
func send(ctx context.Context, client *http.Client, s System, q Query, vars map[string]any) error {
	_, err := Ask(ctx, client, s, q, vars)
	return err
}

// Ask sends one request and returns the answer's data.
func Ask(ctx context.Context, client *http.Client, s System, q Query, vars map[string]any) (json.RawMessage, error) {
	body, err := s.Body(q, vars)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: HTTP %d: %.300s", s.Name, q.Name, resp.StatusCode, b)
	}
	var ans struct {
		Data   json.RawMessage `json:"data"`
		Errors json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(b, &ans); err != nil {
		return nil, fmt.Errorf("%s %s: %w", s.Name, q.Name, err)
	}
	if len(ans.Errors) > 0 && string(ans.Errors) != "null" {
		return nil, fmt.Errorf("%s %s: errors: %.300s", s.Name, q.Name, ans.Errors)
	}
	return ans.Data, nil
}
