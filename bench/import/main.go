// Command import benchmarks the importer: it writes a generated file of
// organisations and collaborations in civicgraph's own CSV format (themes
// first, then organisations, then collaborations between them), imports it
// into an empty database and reports records per second and peak memory
// (Go heap, and the process's resident set) for each size and number of
// workers (batches written at once).
//
//	CIVICGRAPH_NEO4J_URI=bolt://127.0.0.1:7687 go run ./bench/import -rows 100000,400000
//	CIVICGRAPH_NEO4J_URI=... go run ./bench/import -rows 100000 -workers 1,2 -rounds 3
//
// It wipes the database it is given.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

var themes = []string{"food", "housing", "youth", "wellbeing", "employment", "environment"}

var kinds = []string{"charity", "community_group", "social_enterprise", "faith_group", "informal_group"}

// Generate writes rows records: 30% organisations, 70% collaborations, as
// in a council's register of groups and who works with whom.
func Generate(path string, rows int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	_ = w.Write([]string{"type", "slug", "name", "kind", "orgId", "postcode", "themes", "from", "to", "intensity", "since"})
	for _, t := range themes {
		_ = w.Write([]string{"theme", t, strings.ToUpper(t[:1]) + t[1:], "", "", "", "", "", "", "", ""})
	}
	orgs := rows * 3 / 10
	orgID := func(i int) string { return "GB-CHC-" + strconv.Itoa(2000000+i) }
	for i := 0; i < orgs; i++ {
		_ = w.Write([]string{"organisation", "", fmt.Sprintf("Group %d of Ward %d", i, i%69), kinds[i%len(kinds)], orgID(i),
			fmt.Sprintf("B%d %d%c%c", 1+i%40, i%10, 'A'+rune(i%26), 'A'+rune(i/26%26)), themes[i%len(themes)] + ";" + themes[(i/7)%len(themes)], "", "", "", ""})
	}
	intens := []string{"awareness", "cooperation", "coordination", "integration"}
	for i := 0; i < rows-orgs-len(themes); i++ {
		a := i % orgs
		b := (a + 1 + (i*7919)%(orgs-1)) % orgs
		_ = w.Write([]string{"collaboration", "", "", "", "", "", "", orgID(a), orgID(b), intens[i%4], fmt.Sprintf("20%02d-%02d-01", 10+i%15, 1+i%12)})
	}
	w.Flush()
	return w.Error()
}

// peak samples the live Go heap (what is left after a collection) while
// an import runs: memory the import holds, not garbage awaiting collection.
type peak struct{ heap atomic.Uint64 }

func (p *peak) watch(stop <-chan struct{}) {
	var m runtime.MemStats
	for {
		runtime.GC()
		runtime.ReadMemStats(&m)
		if m.HeapAlloc > p.heap.Load() {
			p.heap.Store(m.HeapAlloc)
		}
		select {
		case <-stop:
			return
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// rssPeak is the process's peak resident set (VmHWM), in bytes.
func rssPeak() uint64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			n, _ := strconv.ParseUint(strings.Fields(l)[1], 10, 64)
			return n * 1024
		}
	}
	return 0
}

func main() {
	sizes := flag.String("rows", "100000,400000", "file sizes to import, in rows")
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	batch := flag.Int("batch", importer.DefaultBatch, "records per transaction")
	workers := flag.String("workers", strconv.Itoa(importer.DefaultWorkers), "batches written at the same time; a list compares them side by side")
	rounds := flag.Int("rounds", 1, "how many times to import each file with each number of workers, taking turns")
	memprofile := flag.String("memprofile", "", "write a heap profile after the last import to this file")
	flag.Parse()
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	uri := os.Getenv("CIVICGRAPH_NEO4J_URI")
	if uri == "" {
		log.Fatal("set CIVICGRAPH_NEO4J_URI to a Neo4j that may be wiped")
	}
	ctx := context.Background()
	store, err := neo4j.Open(ctx, neo4j.Config{URI: uri, QueryTimeout: 5 * time.Minute})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close(ctx)
	var mu sync.Mutex
	spent := map[string]time.Duration{}
	counts := map[string]int{}
	store.SetQueryObserver(func(name string, took time.Duration, _ error) {
		mu.Lock()
		spent[name] += took
		counts[name]++
		mu.Unlock()
	})
	if os.Getenv("BENCH_PROFILE") != "" {
		defer func() {
			for k, v := range spent {
				fmt.Fprintf(os.Stderr, "%-30s %6d %v\n", k, counts[k], v.Round(time.Millisecond))
			}
		}()
	}
	dir, _ := os.MkdirTemp("", "civicgraph-bench-")
	defer os.RemoveAll(dir)
	fmt.Printf("baseline: %.0f bare node creates/s (one UNWIND CREATE of 20,000 nodes); load average %s\n", baseline(ctx, store), loadAverage())
	// A first import warms Neo4j's JIT and caches; it is not reported.
	warm := filepath.Join(dir, "warm-up.csv")
	if err := Generate(warm, 20000); err != nil {
		log.Fatal(err)
	}
	importOnce(ctx, store, warm, *batch, importer.DefaultWorkers)
	fmt.Printf("%-8s %7s %10s %9s %15s %12s %s\n", "rows", "workers", "records/s", "seconds", "peak live heap", "peak RSS", "outcome")
	for round := 0; round < *rounds; round++ {
		for _, s := range strings.Split(*sizes, ",") {
			rows, _ := strconv.Atoi(s)
			path := filepath.Join(dir, fmt.Sprintf("orgs-%d.csv", rows))
			if _, err := os.Stat(path); err != nil {
				if err := Generate(path, rows); err != nil {
					log.Fatal(err)
				}
			}
			for _, w := range strings.Split(*workers, ",") {
				n, _ := strconv.Atoi(w)
				sum, took, heap := importOnce(ctx, store, path, *batch, n)
				fmt.Printf("%-8d %7d %10.0f %9.1f %12.1f MB %9.1f MB %d created, %d rejected\n", rows, n, float64(sum.Total())/took.Seconds(), took.Seconds(),
					float64(heap)/1e6, float64(rssPeak())/1e6, sum.Created, sum.Rejected)
			}
		}
	}
	if *memprofile != "" {
		runtime.GC()
		if f, err := os.Create(*memprofile); err == nil {
			_ = pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
}

// importOnce imports a file into an emptied database and returns the
// summary, how long it took and the peak live heap meanwhile.
func importOnce(ctx context.Context, store *neo4j.Store, path string, batch, workers int) (civic.ImportSummary, time.Duration, uint64) {
	wipe(ctx, store)
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r, err := importer.OwnCSV(f)
	if err != nil {
		log.Fatal(err)
	}
	runtime.GC()
	var p peak
	stop := make(chan struct{})
	go p.watch(stop)
	start := time.Now()
	sum, err := importer.Run(civic.WithActor(ctx, "bench"), store, r, importer.Options{Dataset: "bench", Batch: batch, Workers: workers})
	took := time.Since(start)
	close(stop)
	if err != nil {
		log.Fatal(err)
	}
	return sum, took, p.heap.Load()
}

// wipe empties the database in batches: relationships first, so that no
// batch holds a node with a hundred thousand of them.
func wipe(ctx context.Context, s *neo4j.Store) {
	for _, q := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n",
		"MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n",
	} {
		for {
			res, err := bolt.ExecuteQuery(ctx, s.Driver(), q, nil, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database()))
			if err != nil {
				log.Fatal(err)
			}
			if n, _ := res.Records[0].Values[0].(int64); n == 0 {
				break
			}
		}
	}
}

// baseline measures how fast this Neo4j, on this machine now, creates bare
// nodes, so that the import's figures can be judged against the machine.
func baseline(ctx context.Context, s *neo4j.Store) float64 {
	rows := make([]map[string]any, 20000)
	for i := range rows {
		rows[i] = map[string]any{"id": fmt.Sprintf("calibration-%d", i), "name": "x"}
	}
	start := time.Now()
	if _, err := bolt.ExecuteQuery(ctx, s.Driver(), "UNWIND $rows AS row CREATE (n:BenchCalibration) SET n = row", map[string]any{"rows": rows},
		bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database())); err != nil {
		log.Fatal(err)
	}
	took := time.Since(start)
	if _, err := bolt.ExecuteQuery(ctx, s.Driver(), "MATCH (n:BenchCalibration) DELETE n", nil,
		bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database())); err != nil {
		log.Fatal(err)
	}
	return float64(len(rows)) / took.Seconds()
}

func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
