package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
)

// These tests run the real `civicgraph serve` in this process against a
// managed Neo4j of their own, which they start late, kill and restart.

const (
	testSecret   = "a secret for the fault tests, long enough"
	testIssuer   = "https://id.example.org"
	testAudience = "civicgraph"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// service is a running `civicgraph serve`.
type service struct {
	url   string
	token string // an editor's
	done  chan int
	stop  context.CancelFunc
}

// serve starts `civicgraph serve` against Neo4j at boltPort, with the
// extra arguments, and waits until it answers /healthz.
func serve(t *testing.T, boltPort int, extra ...string) *service {
	t.Helper()
	port := freePort(t)
	args := append([]string{"serve",
		"--http-addr", "127.0.0.1:" + strconv.Itoa(port),
		"--neo4j-uri", "bolt://127.0.0.1:" + strconv.Itoa(boltPort),
		"--auth-jwt-secret", testSecret, "--auth-jwt-issuer", testIssuer, "--auth-jwt-audience", testAudience,
		"--ratelimit-ip-rps", "0", "--ratelimit-key-rps", "0",
		"--log-level", "warn",
	}, extra...)
	ctx, cancel := context.WithCancel(context.Background())
	s := &service{url: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan int, 1), stop: cancel}
	go func() { s.done <- run(ctx, args) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "fault-test", "role": "editor", "iss": testIssuer, "aud": testAudience,
		"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	s.token = tok
	waitFor(t, 30*time.Second, "serve to answer /healthz", func() bool { return s.status("/healthz") == http.StatusOK })
	return s
}

func (s *service) status(path string) int {
	resp, err := http.Get(s.url + path)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// outcome is what one GraphQL request came to.
type outcome struct {
	start, end time.Time
	code       string // "" for success, else the first error's code
	id         string // for writes: the ID the service acknowledged
}

// graphql sends a request (as an editor if write) and sums up the answer.
func (s *service) graphql(query string, vars map[string]any, write bool) outcome {
	o := outcome{start: time.Now()}
	defer func() { o.end = time.Now() }()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if write {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		o.code = "HTTP: " + err.Error()
		o.end = time.Now()
		return o
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r struct {
		Data   map[string]json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		o.code = fmt.Sprintf("status %d, not JSON", resp.StatusCode)
	} else if len(r.Errors) > 0 {
		o.code, _ = r.Errors[0].Extensions["code"].(string)
		if o.code == "" {
			o.code = "uncoded: " + r.Errors[0].Message
		}
	} else if write {
		var created struct{ ID string }
		_ = json.Unmarshal(r.Data["createOrganisation"], &created)
		o.id = created.ID
	}
	o.end = time.Now()
	return o
}

func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("waited %v for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}

func startNeo4j(t *testing.T, port int) *neo4jlocal.Server {
	t.Helper()
	srv, err := neo4jlocal.Start(context.Background(), neo4jlocal.Options{
		DataDir: t.TempDir(), BoltPort: port, HeapMax: "512m", PageCache: "64m",
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	return srv
}

const (
	readQuery  = `{ organisations(first: 5) { totalCount edges { node { name area { name } } } } }`
	writeQuery = `mutation($name: String!) { createOrganisation(input: {name: $name, kind: COMMUNITY_GROUP}) { id } }`
)

// load runs readers and writers against s until stop is closed and
// returns what every request came to.
func load(s *service, readers, writers int, stop <-chan struct{}, acked *atomicCount) []outcome {
	var mu sync.Mutex
	var all []outcome
	var wg sync.WaitGroup
	worker := func(w int, write bool) {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			var o outcome
			if write {
				o = s.graphql(writeQuery, map[string]any{"name": fmt.Sprintf("Fault test %d-%d", w, i)}, true)
			} else {
				o = s.graphql(readQuery, nil, false)
			}
			if o.id != "" {
				acked.add()
			}
			mu.Lock()
			all = append(all, o)
			mu.Unlock()
			if o.code != "" {
				time.Sleep(20 * time.Millisecond) // as a polite client would
			}
		}
	}
	for w := range readers + writers {
		wg.Add(1)
		go worker(w, w >= readers)
	}
	<-stop
	wg.Wait()
	return all
}

// TestServeSurvivesNeo4jFaults starts the service before Neo4j, then
// kills Neo4j under load and brings it back:
//   - without Neo4j the service starts, /readyz answers 503, requests fail
//     with UNAVAILABLE, and it gets ready by itself once Neo4j is up;
//   - while Neo4j is dead every request fails fast with UNAVAILABLE;
//   - within 10s of Neo4j answering again every request succeeds again;
//   - every write the service acknowledged is still there after the kill.
func TestServeSurvivesNeo4jFaults(t *testing.T) {
	boltPort := freePort(t)
	s := serve(t, boltPort, "--http-request-timeout", "10s")

	if got := s.status("/readyz"); got != http.StatusServiceUnavailable {
		t.Fatalf("/readyz without Neo4j: %d, want 503", got)
	}
	if o := s.graphql(readQuery, nil, false); o.code != "UNAVAILABLE" || o.end.Sub(o.start) > time.Second {
		t.Fatalf("a query without Neo4j: %q after %v", o.code, o.end.Sub(o.start))
	}

	db := startNeo4j(t, boltPort)
	ready := waitFor(t, 60*time.Second, "/readyz once Neo4j is up", func() bool { return s.status("/readyz") == http.StatusOK })
	t.Logf("ready %v after Neo4j came up", ready.Round(time.Millisecond))
	// A fresh JVM answers its first queries slowly; the test is about
	// faults, not about warming up.
	waitFor(t, 60*time.Second, "a first write", func() bool { return s.graphql(writeQuery, map[string]any{"name": "Warm-up"}, true).code == "" })

	stop := make(chan struct{})
	results := make(chan []outcome, 1)
	var acked atomicCount
	go func() { results <- load(s, 12, 4, stop, &acked) }()
	waitFor(t, 60*time.Second, "30 acknowledged writes", func() bool { return acked.get() >= 30 })
	killing := time.Now()
	if err := db.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	time.Sleep(4 * time.Second)
	restarting := time.Now()
	if err := db.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Neo4j is back when a fresh client can read and write as the service
	// does: after crash recovery a cold Neo4j takes a while to serve.
	waitFor(t, 90*time.Second, "Neo4j to serve reads and writes after the restart", func() bool { return answers(boltPort) })
	back := time.Now()
	t.Logf("Neo4j was down %v; it took %v to restart and answer", restarting.Sub(killed).Round(time.Millisecond), back.Sub(restarting).Round(time.Millisecond))
	time.Sleep(12 * time.Second)
	close(stop)
	all := <-results

	var before, down, coming, after []outcome
	for _, o := range all {
		switch {
		case o.end.Before(killing):
			before = append(before, o)
		case o.start.After(killed) && o.end.Before(restarting):
			down = append(down, o)
		case o.start.After(restarting) && o.end.Before(back):
			coming = append(coming, o)
		case o.start.After(back):
			after = append(after, o)
		}
	}
	checkHealthy(t, "before the kill", before)
	checkFailsFast(t, down, killed)
	for _, o := range coming {
		if o.code != "" && o.code != "UNAVAILABLE" {
			t.Errorf("while Neo4j restarted a request came to %q", o.code)
			break
		}
	}
	recovered := checkRecovers(t, after, back)
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("load average during the test: %s", bytes.TrimSpace(load))
	t.Logf("requests: %d before the kill (%s); %d while Neo4j was dead (%s); %d while it restarted (%s); %d after (%s); all succeed from %v after Neo4j answered",
		len(before), latencies(before), len(down), latencies(down), len(coming), latencies(coming), len(after), latencies(after), recovered.Round(time.Millisecond))
	checkDurable(t, boltPort, all)
}

// answers reports whether Neo4j at port serves the service's work: a
// fresh store, with nothing in its pool from before, reads a page of
// organisations and records one.
func answers(port int) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := neo4j.Open(ctx, neo4j.Config{URI: "bolt://127.0.0.1:" + strconv.Itoa(port)})
	if err != nil {
		return false
	}
	defer st.Close(context.Background())
	five := 5
	if _, err := st.FindOrganisations(ctx, civic.OrganisationFilter{}, nil, civic.PageArgs{First: &five}); err != nil {
		return false
	}
	name, kind := "Probe of the fault test", civic.OrgCommunityGroup
	_, err = st.CreateOrganisation(ctx, civic.OrganisationInput{Name: &name, Kind: &kind})
	return err == nil
}

// latencies sums up how long requests took: median and 99th percentile.
func latencies(os []outcome) string {
	if len(os) == 0 {
		return "none"
	}
	d := make([]time.Duration, len(os))
	for i, o := range os {
		d[i] = o.end.Sub(o.start)
	}
	slices.Sort(d)
	return fmt.Sprintf("p50 %v, p99 %v", d[len(d)/2].Round(time.Microsecond), d[len(d)*99/100].Round(time.Microsecond))
}

type atomicCount struct{ n atomic.Int64 }

func (a *atomicCount) add()       { a.n.Add(1) }
func (a *atomicCount) get() int64 { return a.n.Load() }

func checkHealthy(t *testing.T, when string, os []outcome) {
	t.Helper()
	if len(os) < 10 {
		t.Errorf("only %d requests %s", len(os), when)
	}
	for _, o := range os {
		if o.code != "" {
			t.Errorf("a request failed %s: %s", when, o.code)
			return
		}
	}
}

// checkFailsFast: while Neo4j is dead every request fails with
// UNAVAILABLE, and once the service has noticed (within a second), half
// of them within 20ms, 95% within failFast and all within a second. (The
// margins are for scheduling on a busy machine: the service itself answers
// in microseconds, and the median shows it.)
func checkFailsFast(t *testing.T, os []outcome, killed time.Time) {
	t.Helper()
	const noticeWithin, failFast = time.Second, 100 * time.Millisecond
	var late []outcome
	for _, o := range os {
		if o.code != "UNAVAILABLE" {
			t.Errorf("while Neo4j was down a request came to %q, want UNAVAILABLE", o.code)
			return
		}
		if o.start.After(killed.Add(noticeWithin)) {
			late = append(late, o)
		}
	}
	if len(late) < 20 {
		t.Errorf("only %d requests while Neo4j was down", len(late))
		return
	}
	took := make([]time.Duration, len(late))
	for i, o := range late {
		took[i] = o.end.Sub(o.start)
	}
	slices.Sort(took)
	median, p95, worst := took[len(took)/2], took[len(took)*95/100], took[len(took)-1]
	if median > 20*time.Millisecond || p95 > failFast || worst > time.Second {
		t.Errorf("requests made while Neo4j was down failed in: median %v, p95 %v, slowest %v", median, p95, worst)
	}
}

// checkRecovers returns how long after Neo4j's return the last failure
// ended, which must be within 10s.
func checkRecovers(t *testing.T, os []outcome, back time.Time) time.Duration {
	t.Helper()
	var lastFailure time.Time
	ok := 0
	for _, o := range os {
		if o.code != "" {
			if o.end.After(lastFailure) {
				lastFailure = o.end
			}
		} else {
			ok++
		}
	}
	recovered := time.Duration(0)
	if !lastFailure.IsZero() {
		recovered = max(lastFailure.Sub(back), 0)
	}
	if recovered > 10*time.Second || ok < 20 {
		t.Errorf("after Neo4j's return: last failure %v later, %d successes", recovered, ok)
	}
	return recovered
}

// checkDurable looks, directly in Neo4j, for every write the service
// acknowledged.
func checkDurable(t *testing.T, boltPort int, os []outcome) {
	t.Helper()
	var ids []string
	for _, o := range os {
		if o.id != "" {
			ids = append(ids, o.id)
		}
	}
	driver, err := bolt.NewDriverWithContext("bolt://127.0.0.1:"+strconv.Itoa(boltPort), bolt.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	res, err := bolt.ExecuteQuery(context.Background(), driver,
		"UNWIND $ids AS id OPTIONAL MATCH (o:Organisation {id: id}) WITH id, o WHERE o IS NULL RETURN collect(id) AS missing",
		map[string]any{"ids": ids}, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase("neo4j"))
	if err != nil {
		t.Fatal(err)
	}
	missing, _ := res.Records[0].Values[0].([]any)
	if len(ids) < 20 || len(missing) > 0 {
		t.Fatalf("%d acknowledged writes, %d missing after the kill: %v", len(ids), len(missing), missing)
	}
	t.Logf("all %d acknowledged writes survived kill -9", len(ids))
}
