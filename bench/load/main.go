// Command load drives a running civicgraph service with many concurrent
// clients on a mixed query set and prints throughput, latency percentiles,
// errors and the service's memory over time. It exits 1 if any request
// failed or the service's memory kept growing. run.sh starts a service on
// the demo city and runs it; see the README.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/civicgraph/civicgraph/internal/loadgen"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8080", "the service's base URL")
	clients := flag.Int("clients", 200, "concurrent clients")
	duration := flag.Duration("duration", time.Minute, "how long to send requests")
	key := flag.String("key", "", "API key or token to send (optional)")
	maxGrowth := flag.Float64("max-growth", 1.5, "fail if the peak RSS or heap of the last third exceeds the middle third's by this factor")
	flag.Parse()

	c := loadgen.Config{URL: *url, Clients: *clients, Duration: *duration}
	if *key != "" {
		c.Header = http.Header{"Authorization": {"Bearer " + *key}}
	}
	res, err := loadgen.Run(context.Background(), c)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	res.Report(os.Stdout)
	rss, heap := res.Growth()
	switch {
	case res.Errors > 0:
		fmt.Println("FAIL: some requests failed")
		os.Exit(1)
	case rss > *maxGrowth || heap > *maxGrowth:
		fmt.Println("FAIL: the service's memory kept growing")
		os.Exit(1)
	}
	fmt.Println("OK: no errors, memory steady")
}
