package bench

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
)

// Config says what to run.
type Config struct {
	Size          string        // synthetic city: S, M or L
	Civicgraph    string        // the civicgraph binary
	Self          string        // this binary, run as the floor
	NodeDir       string        // bench/neo4j-graphql, with node_modules installed
	CacheDir      string        // APOC and the loaded databases live here, between runs
	Heap          string        // Neo4j's heap
	PageCache     string        // Neo4j's page cache
	Warmup        time.Duration // unmeasured load before each measurement
	Duration      time.Duration // each measurement
	Concurrencies []int
	CheckSamples  int      // requests per query whose answers are compared
	AllowMismatch bool     // time the queries even if their answers differ
	Hold          bool     // start everything, then wait to be interrupted (for profiling)
	Only          []string // time only these workloads (all when empty)
	Log           *slog.Logger
}

// Report is everything a run measured, for RESULTS.md.
type Report struct {
	Config    Config
	Started   time.Time
	Took      time.Duration
	Machine   Machine
	Versions  map[string]string
	Commands  map[string]string
	LoadTook  time.Duration // loading the city, zero if it was loaded before
	Counts    map[string]int64
	Checks    []Check
	Results   []Result
	PeakHWM   map[string]int64 // each server's VmHWM at the end
	Skipped   []Query
	LoadAvg   [2]string // before and after
	QueryDocs []Query
}

// Check is the comparison of one query's answers across the systems.
type Check struct {
	Query      string
	Samples    int
	Mismatches map[string]int    // system -> answers that differ from civicgraph's
	FirstDiff  map[string]string // system -> where the first one differs
}

// Run runs the whole benchmark: Neo4j with APOC, the city, the three
// servers, the answer check and the load, and stops everything it started.
func Run(ctx context.Context, c Config) (*Report, error) {
	rep := &Report{Config: c, Started: time.Now(), Versions: map[string]string{}, Commands: map[string]string{},
		PeakHWM: map[string]int64{}, Machine: ReadMachine(), QueryDocs: Queries}
	rep.LoadAvg[0] = loadAvg()
	log := c.Log

	plugins, err := InstallAPOC(ctx, filepath.Join(c.CacheDir, "apoc-"+APOCVersion))
	if err != nil {
		return nil, err
	}
	dataDir := filepath.Join(c.CacheDir, "city-"+c.Size)
	srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{
		DataDir: dataDir, HeapMax: c.Heap, PageCache: c.PageCache, PluginsDir: plugins,
		Settings: []string{"dbms.security.procedures.unrestricted=apoc.*"}, Logger: log,
		// A busy machine can take minutes to start a JVM.
		StartTimeout: 5 * time.Minute,
	})
	if err != nil {
		return nil, err
	}
	defer func() { _ = srv.Stop(context.WithoutCancel(ctx)) }()
	rep.Commands["neo4j"] = commandLine(srv.PID())
	uri := srv.URI()
	logs := filepath.Join(dataDir, "bench-logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return nil, err
	}

	if rep.LoadTook, err = loadCity(ctx, c, dataDir, uri, logs, rep); err != nil {
		return nil, err
	}
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return nil, err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	params, counts, err := ReadParams(ctx, driver)
	if err != nil {
		return nil, err
	}
	rep.Counts = counts
	neoVersions(ctx, driver, rep.Versions)
	toolVersions(c, rep.Versions)

	systems, stop, err := startSystems(ctx, c, uri, logs, rep)
	defer stop()
	if err != nil {
		return nil, err
	}
	for i := range systems {
		systems[i].DBPID = srv.PID()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 60 * time.Second}

	if c.Hold {
		for _, s := range systems {
			log.Info("serving", "system", s.Name, "url", s.URL, "pid", s.PID)
		}
		log.Info("holding until interrupted", "neo4j", uri)
		<-ctx.Done()
		return nil, ctx.Err()
	}

	queries := Enabled()
	for _, q := range Queries {
		if q.Pending != "" {
			rep.Skipped = append(rep.Skipped, q)
		}
	}
	log.Info("checking that the answers match", "queries", len(queries), "samples", c.CheckSamples)
	for _, q := range queries {
		// A run limited to some workloads checks only their queries.
		if len(c.Only) == 0 || slices.Contains(c.Only, q.Name) || slices.Contains(c.Only, "mixed") {
			rep.Checks = append(rep.Checks, CheckQuery(ctx, client, systems, q, params, c.CheckSamples))
		}
	}

	if n := mismatches(rep.Checks); n > 0 && !c.AllowMismatch {
		return nil, fmt.Errorf("bench: %d answers differ from civicgraph's; not timing them: %+v", n, rep.Checks)
	}

	var workloads []Workload
	for _, q := range queries {
		workloads = append(workloads, Single(q, params))
	}
	workloads = append(workloads, Mixed(queries, params))
	if len(c.Only) > 0 {
		workloads = slices.DeleteFunc(workloads, func(w Workload) bool { return !slices.Contains(c.Only, w.Name) })
	}
	for wi, w := range workloads {
		w.Seeds = uint64(wi + 1)
		for _, conc := range c.Concurrencies {
			// Systems take turns on each cell, so that noise from the
			// shared machine spreads over all of them.
			for _, s := range systems {
				r := Load(ctx, client, s, w, conc, c.Warmup, c.Duration)
				log.Info("measured", "system", s.Name, "workload", w.Name, "c", conc, "rps", fmt.Sprintf("%.1f", r.RPS),
					"p50", r.P50.Round(10*time.Microsecond), "p99", r.P99.Round(10*time.Microsecond), "errors", r.Errors,
					"rss_mb", r.PeakRSS>>20, "cpu_ms", ms(r.ServerCPU), "neo4j_cpu_ms", ms(r.DBCPU))
				rep.Results = append(rep.Results, r)
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				// Timings of failed requests compare nothing: a system that
				// fails more than 1% of a cell stops the run at once.
				if r.Errors*100 > r.Requests {
					return nil, fmt.Errorf("bench: %s failed %d of %d requests of %s at c=%d (first: %.300s)", s.Name, r.Errors, r.Requests, w.Name, conc, r.FirstError)
				}
			}
		}
	}
	for _, s := range systems {
		if v, err := ProcMemory(s.PID, "VmHWM"); err == nil {
			rep.PeakHWM[s.Name] = v
		}
	}
	rep.LoadAvg[1] = loadAvg()
	rep.Took = time.Since(rep.Started)
	return rep, nil
}

// loadCity loads the synthetic city through civicgraph's own import path
// (civicgraph seed --synth) unless this data directory already holds it.
func loadCity(ctx context.Context, c Config, dataDir, uri, logs string, rep *Report) (time.Duration, error) {
	stamp := filepath.Join(dataDir, "bench-loaded")
	args := []string{"seed", "--synth", c.Size}
	rep.Commands["load"] = c.Civicgraph + " " + strings.Join(args, " ")
	if _, err := os.Stat(stamp); err == nil {
		c.Log.Info("the city is already loaded", "size", c.Size, "data", dataDir)
		b, _ := os.ReadFile(stamp)
		d, _ := time.ParseDuration(strings.TrimSpace(string(b)))
		return d, nil
	}
	c.Log.Info("loading the synthetic city", "size", c.Size)
	start := time.Now()
	p, err := StartProc("seed", filepath.Join(logs, "seed.log"), []string{"CIVICGRAPH_NEO4J_URI=" + uri}, c.Civicgraph, args...)
	if err != nil {
		return 0, err
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		p.Stop()
		return 0, ctx.Err()
	}
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		return 0, fmt.Errorf("bench: civicgraph seed failed (exit %d); see %s", code, filepath.Join(logs, "seed.log"))
	}
	took := time.Since(start)
	if err := os.WriteFile(stamp, []byte(took.String()+"\n"), 0o644); err != nil {
		return 0, err
	}
	return took, nil
}

// startSystems starts civicgraph, the floor and @neo4j/graphql and waits
// until each answers. stop stops those that started.
func startSystems(ctx context.Context, c Config, uri, logs string, rep *Report) ([]System, func(), error) {
	var procs []*Proc
	stop := func() {
		for _, p := range procs {
			p.Stop()
		}
	}
	ports := make([]int, 3)
	for i := range ports {
		p, err := FreePort()
		if err != nil {
			return nil, stop, err
		}
		ports[i] = p
	}
	// The load comes from one address without credentials, which
	// civicgraph would hold to the anonymous rate (20/s); the others have
	// no limit, so neither does civicgraph here.
	civic, err := StartProc("civicgraph", filepath.Join(logs, "civicgraph.log"),
		[]string{"CIVICGRAPH_NEO4J_URI=" + uri, "CIVICGRAPH_HTTP_ADDR=" + Addr(ports[0]), "CIVICGRAPH_LOG_LEVEL=warn",
			"CIVICGRAPH_RATELIMIT_IP_RPS=0"},
		c.Civicgraph, "serve")
	if err != nil {
		return nil, stop, err
	}
	procs = append(procs, civic)
	floor, err := StartProc("floor", filepath.Join(logs, "floor.log"), nil, c.Self, "floor", "-addr", Addr(ports[1]), "-neo4j-uri", uri)
	if err != nil {
		return nil, stop, err
	}
	procs = append(procs, floor)
	neo, err := StartProc("neo4j-graphql", filepath.Join(logs, "neo4j-graphql.log"),
		[]string{"NEO4J_URI=" + uri, fmt.Sprintf("PORT=%d", ports[2])}, "node", filepath.Join(c.NodeDir, "server.mjs"))
	if err != nil {
		return nil, stop, err
	}
	procs = append(procs, neo)

	base := func(i int) string { return "http://" + Addr(ports[i]) }
	if err := civic.WaitHTTP(ctx, base(0)+"/readyz", "", 5*time.Minute); err != nil {
		return nil, stop, err
	}
	if err := neo.WaitHTTP(ctx, base(2)+"/", `{"query":"{ __typename }"}`, 2*time.Minute); err != nil {
		return nil, stop, err
	}
	if err := floor.WaitHTTP(ctx, base(1)+"/healthz", "", time.Minute); err != nil {
		return nil, stop, err
	}
	for _, p := range procs {
		rep.Commands[p.Name] = p.Command
	}
	systems := []System{
		{Name: "civicgraph", URL: base(0) + "/graphql", Body: GraphQLBody(func(q Query) string { return q.Civic }), PID: civic.PID()},
		{Name: "floor", URL: base(1) + "/query", Body: FloorBody, PID: floor.PID()},
		{Name: "neo4j-graphql", URL: base(2) + "/", Body: GraphQLBody(func(q Query) string { return q.Neo4jGraphQL }), PID: neo.PID()},
	}
	return systems, stop, nil
}

// CheckQuery asks every system the same requests and counts the answers
// that differ from civicgraph's.
func CheckQuery(ctx context.Context, client *http.Client, systems []System, q Query, p *Params, samples int) Check {
	ch := Check{Query: q.Name, Samples: samples, Mismatches: map[string]int{}, FirstDiff: map[string]string{}}
	r := rand.New(rand.NewPCG(99, 99))
	for range samples {
		vars := q.Vars(p, r)
		answers := map[string]any{}
		for _, s := range systems {
			raw, err := Ask(ctx, client, s, q, vars)
			if err != nil {
				answers[s.Name] = "error: " + err.Error()
				continue
			}
			data := decode(raw)
			if s.Name == "neo4j-graphql" {
				data = q.FromNeo4jGraphQL(data)
			}
			if q.Compared != nil {
				data = q.Compared(roundTrip(data))
			}
			answers[s.Name] = data
		}
		for _, s := range systems[1:] {
			if ok, diff := Same(answers["civicgraph"], answers[s.Name]); !ok {
				ch.Mismatches[s.Name]++
				if ch.FirstDiff[s.Name] == "" {
					ch.FirstDiff[s.Name] = fmt.Sprintf("vars %v: %s", vars, diff)
				}
			}
		}
	}
	return ch
}

func mismatches(checks []Check) int {
	n := 0
	for _, ch := range checks {
		for _, m := range ch.Mismatches {
			n += m
		}
	}
	return n
}
