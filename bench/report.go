package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// Targets of the benchmark (at size M).
const (
	TargetP50VsFloor = 1.2     // civicgraph p50 at most this times the floor's
	TargetRPSVsNeo   = 3.0     // civicgraph throughput at least this times @neo4j/graphql's
	TargetP99VsNeo   = 1 / 3.0 // civicgraph p99 at most this share of @neo4j/graphql's
	TargetRSSBytes   = 80 << 20
	TargetGrowthMtoL = 2.0 // key-query latency from M to L
)

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }
func mb(b int64) string         { return fmt.Sprintf("%.0f", float64(b)/(1<<20)) }

// find returns the result of one cell.
func (r *Report) find(system, workload string, conc int) (Result, bool) {
	for _, x := range r.Results {
		if x.System == system && x.Workload == workload && x.Concurrency == conc {
			return x, true
		}
	}
	return Result{}, false
}

func (r *Report) workloads() []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range r.Results {
		if !seen[x.Workload] {
			seen[x.Workload] = true
			out = append(out, x.Workload)
		}
	}
	return out
}

// peakRSS is the highest RSS sampled for a system over every run.
func (r *Report) peakRSS(system string) int64 {
	var peak int64
	for _, x := range r.Results {
		if x.System == system {
			peak = max(peak, x.PeakRSS)
		}
	}
	return peak
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

// WriteMarkdown writes the report as RESULTS.md. other holds the key-query
// results of other sizes from earlier runs, for the growth from M to L,
// read from the directory otherDir.
func (r *Report) WriteMarkdown(w io.Writer, other map[string][]Result, otherDir string) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format+"\n", a...) }
	c := r.Config
	p("# civicgraph benchmark: size %s", c.Size)
	p("")
	p("Written by `make bench` (`SIZE=%s`) on %s; the run took %s. Every figure below comes from this one run,",
		c.Size, r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Took.Round(time.Second))
	p("except the M-to-L growth, which compares with the stored results (`%s`) of the other size's latest run.", otherDir)
	p("")
	p("Three systems answer the same queries on the same Neo4j and the same data, one after the other:")
	p("")
	p("- **civicgraph**: this repository's server (`civicgraph serve`).")
	p("- **floor**: the same answers from hand-written Cypher through the Go driver, one query per request, behind a")
	p("  minimal Go HTTP handler and no GraphQL (`bench floor`). It is the best a server in front of this Neo4j can do.")
	p("- **neo4j-graphql**: `@neo4j/graphql` with Apollo Server and type definitions equivalent to civicgraph's")
	p("  (`bench/neo4j-graphql/`).")
	p("")
	r.writeTargets(p, other)
	p("## Machine and versions")
	p("")
	m := r.Machine
	p("- Machine: %s, %d cores, %s memory, Linux %s. The cores are shared with other work, so figures are noisy;", m.CPU, m.Cores, m.Memory, m.Kernel)
	p("  the load average was %s before the run and %s after. The load generator runs on the same cores.", r.LoadAvg[0], r.LoadAvg[1])
	keys := make([]string, 0, len(r.Versions))
	for k := range r.Versions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p("- %s: %s", k, r.Versions[k])
	}
	p("")
	p("## Data")
	p("")
	p("The synthetic city %s (`internal/synth`), loaded through civicgraph's import path (`civicgraph seed --synth %s`).", c.Size, c.Size)
	if r.LoadTook > 0 {
		p("Loading it took %s.", r.LoadTook.Round(time.Second))
	}
	p("")
	p("| organisations | people | assets | collaborations | most collaborations of one organisation |")
	p("| ---: | ---: | ---: | ---: | ---: |")
	p("| %d | %d | %d | %d | %d |", r.Counts["organisations"], r.Counts["people"], r.Counts["assets"], r.Counts["collaborations"], r.Counts["maxDegree"])
	p("")
	p("## Commands")
	p("")
	for _, k := range []string{"neo4j", "load", "civicgraph", "floor", "neo4j-graphql"} {
		p("- %s: `%s`", k, r.anonymise(r.Commands[k]))
	}
	p("- load: closed loop (each client sends its next request when the last is answered) by `bench run`, with %s of", c.Warmup)
	p("  warm-up then %s measured per cell, at concurrency %v; latency is per request, RSS is sampled every 50 ms", c.Duration, c.Concurrencies)
	p("  from `/proc/PID/status` while the cell runs.")
	p("")
	r.writeChecks(p)
	r.writeRaw(p)
	r.writeQueries(p)
}

func (r *Report) writeTargets(p func(string, ...any), other map[string][]Result) {
	p("## Targets")
	p("")
	p("Latency targets are read at concurrency 1 (no queueing); throughput and p99 at the highest concurrency. The")
	p("targets are set for size M.")
	p("")
	p("| target | workload | civicgraph | other | ratio | verdict |")
	p("| --- | --- | ---: | ---: | ---: | --- |")
	top := r.Config.Concurrencies[len(r.Config.Concurrencies)-1]
	for _, w := range r.workloads() {
		cv, ok1 := r.find("civicgraph", w, 1)
		fl, ok2 := r.find("floor", w, 1)
		if ok1 && ok2 {
			x := float64(cv.P50) / float64(fl.P50)
			p("| p50 ≤ %.1f× floor | %s | %s ms | %s ms | %.2f | %s |", TargetP50VsFloor, w, ms(cv.P50), ms(fl.P50), x, verdict(x <= TargetP50VsFloor))
		}
	}
	for _, w := range r.workloads() {
		cv, ok1 := r.find("civicgraph", w, top)
		ng, ok2 := r.find("neo4j-graphql", w, top)
		if ok1 && ok2 && ng.Requests == 0 {
			p("| throughput and p99 vs @neo4j/graphql (c=%d) | %s | %.1f/s, p99 %s ms | no request finished within the measurement | | met |", top, w, cv.RPS, ms(cv.P99))
			continue
		}
		if ok1 && ok2 {
			x := cv.RPS / ng.RPS
			p("| throughput ≥ %.0f× @neo4j/graphql (c=%d) | %s | %.1f/s | %.1f/s | %.2f | %s |", TargetRPSVsNeo, top, w, cv.RPS, ng.RPS, x, verdict(x >= TargetRPSVsNeo))
			y := float64(cv.P99) / float64(ng.P99)
			p("| p99 ≤ 1/3 of @neo4j/graphql (c=%d) | %s | %s ms | %s ms | %.2f | %s |", top, w, ms(cv.P99), ms(ng.P99), y, verdict(y <= TargetP99VsNeo))
		}
	}
	rss := r.peakRSS("civicgraph")
	p("| RSS ≤ 80 MB under load | all | %s MB | | | %s |", mb(rss), verdict(rss <= TargetRSSBytes))
	for _, g := range r.growth(other) {
		p("| p50 grows ≤ 2× from M to L (c=1) | %s | %s ms (L) | %s ms (M) | %.2f | %s |", g.workload, ms(g.l), ms(g.m), float64(g.l)/float64(g.m),
			verdict(float64(g.l)/float64(g.m) <= TargetGrowthMtoL))
	}
	p("")
	p("Peak RSS of each server over the whole run (highest sample under load / the kernel's VmHWM):")
	p("")
	for _, s := range []string{"civicgraph", "floor", "neo4j-graphql"} {
		p("- %s: %s MB / %s MB", s, mb(r.peakRSS(s)), mb(r.PeakHWM[s]))
	}
	p("")
}

func (r *Report) writeChecks(p func(string, ...any)) {
	p("## Answers")
	p("")
	p("Before timing, each query was asked of every system with the same variables and the answers compared with")
	p("civicgraph's (themes sorted, enum case and connection shapes mapped; see `bench/normalise.go`).")
	p("")
	p("| query | requests compared | floor differs | @neo4j/graphql differs |")
	p("| --- | ---: | ---: | ---: |")
	for _, ch := range r.Checks {
		p("| %s | %d | %d | %d |", ch.Query, ch.Samples, ch.Mismatches["floor"], ch.Mismatches["neo4j-graphql"])
	}
	for _, ch := range r.Checks {
		for s, d := range ch.FirstDiff {
			p("")
			p("First difference, %s, %s: `%s`", ch.Query, s, strings.ReplaceAll(d, "`", "'"))
		}
	}
	if len(r.Skipped) > 0 {
		p("")
		p("Not run yet:")
		for _, q := range r.Skipped {
			p("- %s (%s): %s.", q.Name, q.Description, q.Pending)
		}
	}
	p("")
}

func (r *Report) writeRaw(p func(string, ...any)) {
	p("## Raw figures")
	p("")
	p("Ratios are civicgraph's figure divided by the other system's: for latency lower is better for civicgraph, for")
	p("throughput higher is.")
	p("")
	for _, w := range r.workloads() {
		p("### %s", w)
		p("")
		p("| c | system | req/s | p50 ms | p90 ms | p99 ms | requests | errors | peak RSS MB | CPU ms/req server | CPU ms/req Neo4j |")
		p("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
		for _, conc := range r.Config.Concurrencies {
			for _, s := range []string{"civicgraph", "floor", "neo4j-graphql"} {
				if x, ok := r.find(s, w, conc); ok {
					p("| %d | %s | %.1f | %s | %s | %s | %d | %d | %s | %s | %s |", conc, s, x.RPS, ms(x.P50), ms(x.P90), ms(x.P99), x.Requests, x.Errors, mb(x.PeakRSS), ms(x.ServerCPU), ms(x.DBCPU))
				}
			}
		}
		p("")
		p("| c | p50 civicgraph/floor | req/s civicgraph/floor | req/s civicgraph/@neo4j/graphql | p50 civicgraph/@neo4j/graphql | p99 civicgraph/@neo4j/graphql |")
		p("| ---: | ---: | ---: | ---: | ---: | ---: |")
		for _, conc := range r.Config.Concurrencies {
			cv, _ := r.find("civicgraph", w, conc)
			fl, _ := r.find("floor", w, conc)
			ng, _ := r.find("neo4j-graphql", w, conc)
			p("| %d | %s | %s | %s | %s | %s |", conc, ratio(float64(cv.P50), float64(fl.P50)), ratio(cv.RPS, fl.RPS),
				ratio(cv.RPS, ng.RPS), ratio(float64(cv.P50), float64(ng.P50)), ratio(float64(cv.P99), float64(ng.P99)))
		}
		for _, s := range []string{"civicgraph", "floor", "neo4j-graphql"} {
			for _, conc := range r.Config.Concurrencies {
				if x, ok := r.find(s, w, conc); ok && x.FirstError != "" {
					p("")
					p("First error, %s at c=%d: `%.300s`", s, conc, strings.ReplaceAll(x.FirstError, "`", "'"))
				}
			}
		}
		p("")
	}
}

func (r *Report) writeQueries(p func(string, ...any)) {
	p("## The queries")
	p("")
	p("Each is one entry in `bench/query.go`. The mixed workload draws them in proportion to their weights.")
	p("")
	for _, q := range r.QueryDocs {
		state := fmt.Sprintf("weight %d", q.Weight)
		if q.Pending != "" {
			state = "pending"
		}
		p("- **%s** (%s): %s.", q.Name, state, q.Description)
	}
	p("")
}

type growth struct {
	workload string
	m, l     time.Duration
}

// growth compares civicgraph's p50 at concurrency 1 between sizes M and L,
// one of which is this run and the other a stored run.
func (r *Report) growth(other map[string][]Result) []growth {
	var m, l []Result
	switch r.Config.Size {
	case "M":
		m, l = r.Results, other["L"]
	case "L":
		m, l = other["M"], r.Results
	default:
		return nil
	}
	var out []growth
	for _, x := range m {
		if x.System != "civicgraph" || x.Concurrency != 1 {
			continue
		}
		for _, y := range l {
			if y.System == x.System && y.Workload == x.Workload && y.Concurrency == 1 {
				out = append(out, growth{x.Workload, x.P50, y.P50})
			}
		}
	}
	return out
}

// anonymise replaces the machine's own directories in a command line with
// names that mean the same on any machine: the report is committed.
func (r *Report) anonymise(s string) string {
	if r.Config.CacheDir != "" {
		s = strings.ReplaceAll(s, r.Config.CacheDir, "$CACHE/civicgraph/bench")
	}
	if wd, err := os.Getwd(); err == nil {
		s = strings.ReplaceAll(s, wd+string(os.PathSeparator), "")
	}
	if cache, err := os.UserCacheDir(); err == nil {
		s = strings.ReplaceAll(s, cache, "$CACHE")
	}
	return s
}

// SaveResults stores a run's results as JSON, for later comparisons
// between sizes.
func SaveResults(path string, r *Report) error {
	b, err := json.MarshalIndent(r.Results, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// LoadResults reads results stored by SaveResults; a missing file gives none.
func LoadResults(path string) []Result {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []Result
	_ = json.Unmarshal(b, &out)
	return out
}
