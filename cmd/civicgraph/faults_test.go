package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

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
