// Command bench runs civicgraph's side-by-side benchmark (bench run) and
// serves the benchmark's floor (bench floor). `make bench` runs it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/civicgraph/civicgraph/bench"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bench run [flags] | bench floor [flags]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch os.Args[1] {
	case "run":
		err = run(ctx, os.Args[2:])
	case "floor":
		err = floor(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	cache, _ := os.UserCacheDir()
	c := bench.Config{Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	fs.StringVar(&c.Size, "size", "M", "synthetic city: S, M or L")
	fs.StringVar(&c.Civicgraph, "civicgraph", "bin/civicgraph", "the civicgraph binary")
	fs.StringVar(&c.NodeDir, "node-dir", "bench/neo4j-graphql", "the @neo4j/graphql server, with node_modules installed")
	fs.StringVar(&c.CacheDir, "cache-dir", filepath.Join(cache, "civicgraph", "bench"), "where APOC and the loaded cities are kept between runs")
	fs.StringVar(&c.Heap, "heap", "2g", "Neo4j's heap")
	fs.StringVar(&c.PageCache, "pagecache", "2g", "Neo4j's page cache")
	fs.DurationVar(&c.Warmup, "warmup", 5*time.Second, "unmeasured load before each measurement")
	fs.DurationVar(&c.Duration, "duration", 20*time.Second, "each measurement")
	concs := fs.String("concurrency", "1,16,64", "concurrent clients, comma-separated")
	fs.IntVar(&c.CheckSamples, "check", 20, "requests per query whose answers are compared")
	fs.BoolVar(&c.AllowMismatch, "allow-mismatch", false, "time the queries even if the systems' answers differ")
	fs.BoolVar(&c.Hold, "hold", false, "start Neo4j and the three servers, then wait until interrupted, for profiling by hand")
	only := fs.String("only", "", "time only these workloads, comma-separated (default all)")
	out := fs.String("out", "", "the report (default bench/RESULTS.md for size M, bench/RESULTS-SIZE.md for others)")
	resultsDir := fs.String("results-dir", "bench/results", "where raw results are stored by size")
	_ = fs.Parse(args)
	for _, s := range strings.Split(*concs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("bad concurrency %q", s)
		}
		c.Concurrencies = append(c.Concurrencies, n)
	}
	if *out == "" {
		*out = "bench/RESULTS.md"
		if c.Size != "M" {
			*out = "bench/RESULTS-" + c.Size + ".md"
		}
	}
	if *only != "" {
		c.Only = strings.Split(*only, ",")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	c.Self = self
	if c.Civicgraph, err = filepath.Abs(c.Civicgraph); err != nil {
		return err
	}
	rep, err := bench.Run(ctx, c)
	if err != nil {
		return err
	}
	other := map[string][]bench.Result{}
	for _, size := range []string{"S", "M", "L"} {
		if size != c.Size {
			if rs := bench.LoadResults(filepath.Join(*resultsDir, size+".json")); rs != nil {
				other[size] = rs
			}
		}
	}
	if err := os.MkdirAll(*resultsDir, 0o755); err != nil {
		return err
	}
	if err := bench.SaveResults(filepath.Join(*resultsDir, c.Size+".json"), rep); err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	rep.WriteMarkdown(f, other, *resultsDir)
	if err := f.Close(); err != nil {
		return err
	}
	c.Log.Info("report written", "path", *out, "took", rep.Took.Round(time.Second))
	return nil
}

// floor serves the floor until interrupted.
func floor(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("floor", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:8090", "listen address")
	uri := fs.String("neo4j-uri", "bolt://127.0.0.1:7687", "Neo4j")
	_ = fs.Parse(args)
	f, err := bench.NewFloor(*uri)
	if err != nil {
		return err
	}
	defer f.Close()
	mux := http.NewServeMux()
	mux.Handle("POST /query", f)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
