// Package loadgen drives a civicgraph service with many concurrent
// clients sending a mixed set of realistic queries, and reports
// throughput, latency percentiles, errors, and the service's memory over
// time (read from its /metrics). bench/load runs it from the command line;
// its tests run a short version in CI.
package loadgen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config says how hard and how long to drive the service.
type Config struct {
	URL      string        // the service's base URL, such as http://127.0.0.1:8080
	Clients  int           // concurrent clients, each sending one request at a time
	Duration time.Duration // how long to send requests
	Header   http.Header   // sent with every request (credentials)
	// Sample is how often the service's memory is read; default 1s.
	Sample time.Duration
}

// Sample is the service's memory at one moment of the run.
type Sample struct {
	At        time.Duration
	RSS       float64 // process_resident_memory_bytes
	HeapInuse float64 // go_memstats_heap_inuse_bytes
	Routines  float64 // go_goroutines
}

// Result sums up a run.
type Result struct {
	Clients    int
	Duration   time.Duration
	Requests   int
	Errors     int
	FirstError string
	P50, P90   time.Duration
	P99, Max   time.Duration
	ByQuery    map[string]int
	Memory     []Sample
}

// Throughput is requests per second.
func (r Result) Throughput() float64 { return float64(r.Requests) / r.Duration.Seconds() }

// Run drives the service and returns what happened. It fails only if the
// service cannot be asked for the IDs the queries need.
func Run(ctx context.Context, c Config) (Result, error) {
	if c.Sample == 0 {
		c.Sample = time.Second
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.Clients, MaxConnsPerHost: c.Clients}}
	ids, err := collectIDs(ctx, client, c)
	if err != nil {
		return Result{}, err
	}
	// Each query once, so that the run measures a warm service (query
	// plans made, code paths exercised) rather than its first minutes.
	r0 := rand.New(rand.NewPCG(0, 0))
	for _, q := range mix {
		var vars map[string]any
		if q.vars != nil {
			vars = q.vars(r0, ids)
		}
		if msg := send(ctx, client, c, q.query, vars, nil); msg != "" {
			return Result{}, fmt.Errorf("loadgen: warming up with %s: %s", q.name, msg)
		}
	}
	res := Result{Clients: c.Clients, ByQuery: map[string]int{}}
	var mu sync.Mutex
	var latencies []time.Duration
	start := time.Now()
	runCtx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()

	var wg sync.WaitGroup
	for i := range c.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 42))
			var mine []time.Duration
			for runCtx.Err() == nil {
				q := mix[next(r)]
				var vars map[string]any
				if q.vars != nil {
					vars = q.vars(r, ids)
				}
				t0 := time.Now()
				errMsg := send(runCtx, client, c, q.query, vars, nil)
				took := time.Since(t0)
				if runCtx.Err() != nil {
					break // cut off by the end of the run, not by the service
				}
				mine = append(mine, took)
				mu.Lock()
				res.Requests++
				res.ByQuery[q.name]++
				if errMsg != "" {
					res.Errors++
					if res.FirstError == "" {
						res.FirstError = q.name + ": " + errMsg
					}
				}
				mu.Unlock()
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for runCtx.Err() == nil {
			if s, err := memory(runCtx, client, c.URL); err == nil {
				s.At = time.Since(start).Round(time.Second)
				mu.Lock()
				res.Memory = append(res.Memory, s)
				mu.Unlock()
			}
			select {
			case <-runCtx.Done():
			case <-time.After(c.Sample):
			}
		}
	}()
	wg.Wait()
	res.Duration = time.Since(start)
	slices.Sort(latencies)
	if n := len(latencies); n > 0 {
		res.P50, res.P90, res.P99, res.Max = latencies[n/2], latencies[n*90/100], latencies[n*99/100], latencies[n-1]
	}
	return res, nil
}

// send posts one query and returns "" or what went wrong with it.
func send(ctx context.Context, client *http.Client, c Config, query string, vars map[string]any, out any) string {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range c.Header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return fmt.Sprintf("status %d, body not JSON", resp.StatusCode)
	}
	if len(r.Errors) > 0 {
		return fmt.Sprintf("status %d, %s: %s", resp.StatusCode, r.Errors[0].Extensions.Code, r.Errors[0].Message)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("status %d", resp.StatusCode)
	}
	if out != nil {
		_ = json.Unmarshal(r.Data, out)
	}
	return ""
}

func collectIDs(ctx context.Context, client *http.Client, c Config) (IDs, error) {
	var d struct {
		Organisations, Areas struct {
			Edges []struct{ Node struct{ ID string } }
		}
		Themes struct {
			Edges []struct{ Node struct{ Slug string } }
		}
	}
	if msg := send(ctx, client, c, idsQuery, nil, &d); msg != "" {
		return IDs{}, fmt.Errorf("loadgen: collecting IDs: %s", msg)
	}
	var ids IDs
	for _, e := range d.Organisations.Edges {
		ids.Organisations = append(ids.Organisations, e.Node.ID)
	}
	for _, e := range d.Areas.Edges {
		ids.Areas = append(ids.Areas, e.Node.ID)
	}
	for _, e := range d.Themes.Edges {
		ids.Themes = append(ids.Themes, e.Node.Slug)
	}
	if len(ids.Organisations) == 0 || len(ids.Areas) == 0 || len(ids.Themes) == 0 {
		return ids, fmt.Errorf("loadgen: the service holds no city (load the demo city first)")
	}
	return ids, nil
}

// memory reads the service's memory from its /metrics.
func memory(ctx context.Context, client *http.Client, url string) (Sample, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/metrics", nil)
	resp, err := client.Do(req)
	if err != nil {
		return Sample{}, err
	}
	defer resp.Body.Close()
	var s Sample
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			s.RSS = v
		case "go_memstats_heap_inuse_bytes":
			s.HeapInuse = v
		case "go_goroutines":
			s.Routines = v
		}
	}
	return s, sc.Err()
}
