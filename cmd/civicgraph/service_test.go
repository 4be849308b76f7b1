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

	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
)

// A running `civicgraph serve` in this process, and clients for it, for
// the fault tests: they run it against a managed Neo4j of their own, which
// they start late, kill and restart.

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
