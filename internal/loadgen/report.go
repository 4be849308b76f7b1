package loadgen

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Growth compares the service's memory over the last third of the run with
// the middle third (the first third being warm-up): the ratio of the
// highest RSS and the highest heap in use. Memory that does not grow keeps
// both near 1.
func (r Result) Growth() (rss, heap float64) {
	n := len(r.Memory)
	if n < 6 {
		return 0, 0
	}
	peak := func(s []Sample, f func(Sample) float64) float64 {
		m := 0.0
		for _, x := range s {
			m = max(m, f(x))
		}
		return m
	}
	mid, last := r.Memory[n/3:2*n/3], r.Memory[2*n/3:]
	getRSS := func(s Sample) float64 { return s.RSS }
	getHeap := func(s Sample) float64 { return s.HeapInuse }
	return peak(last, getRSS) / peak(mid, getRSS), peak(last, getHeap) / peak(mid, getHeap)
}

// Report writes the result for people.
func (r Result) Report(w io.Writer) {
	fmt.Fprintf(w, "clients %d, duration %v\n", r.Clients, r.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "requests %d, errors %d, throughput %.1f req/s\n", r.Requests, r.Errors, r.Throughput())
	fmt.Fprintf(w, "latency p50 %v, p90 %v, p99 %v, max %v\n", ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max))
	if r.FirstError != "" {
		fmt.Fprintf(w, "first error: %s\n", r.FirstError)
	}
	var names []string
	for n := range r.ByQuery {
		names = append(names, n)
	}
	slices.Sort(names)
	fmt.Fprint(w, "mix:")
	for _, n := range names {
		fmt.Fprintf(w, " %s=%d", n, r.ByQuery[n])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "service memory over time (from /metrics):")
	fmt.Fprintln(w, "  t       RSS MiB   heap in use MiB   goroutines")
	for _, s := range r.Memory {
		fmt.Fprintf(w, "  %-6v  %7.1f   %15.1f   %10.0f\n", s.At, s.RSS/(1<<20), s.HeapInuse/(1<<20), s.Routines)
	}
	if rss, heap := r.Growth(); rss > 0 {
		fmt.Fprintf(w, "growth, last third over middle third (peaks): RSS x%.2f, heap x%.2f\n", rss, heap)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
