//go:build unix

package neo4jlocal_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/neo4jlocal"
)

// These tests install and run a real Neo4j. The install goes to the
// default cache root (or $CIVICGRAPH_NEO4J_HOME), so only the first run on
// a machine downloads it; every server gets a temporary data directory.

// helperEnv switches the test binary into a helper process for tests that
// need a second process: one run by Exec, or one that dies holding a
// server.
const helperEnv = "NEO4JLOCAL_TEST_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "exec-child":
		os.Exit(execChild())
	case "orphan":
		orphan()
	default:
		fmt.Fprintln(os.Stderr, "unknown helper", os.Getenv(helperEnv))
		os.Exit(2)
	}
}

// execChild is run by Exec: it checks that it was handed a working server
// and exits with a code the test can recognise.
func execChild() int {
	uri := os.Getenv(neo4jlocal.URIEnv)
	if uri == "" {
		fmt.Fprintln(os.Stderr, "no", neo4jlocal.URIEnv)
		return 3
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := run(ctx, uri, "RETURN 1 AS one", nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	return 7
}

// orphan starts a server, reports it on stdout and waits to be killed.
func orphan() {
	srv, err := neo4jlocal.Start(context.Background(), neo4jlocal.Options{DataDir: os.Getenv("ORPHAN_DATA")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d %s\n", srv.PID(), srv.URI())
	select {}
}

// options returns options for a server on a fresh data directory that
// logs into the test's output.
func options(t *testing.T) neo4jlocal.Options {
	return neo4jlocal.Options{
		DataDir: t.TempDir(),
		Logger:  slog.New(slog.NewTextHandler(t.Output(), nil)),
	}
}

// start starts a server that is stopped when the test ends.
func start(t *testing.T, o neo4jlocal.Options) *neo4jlocal.Server {
	t.Helper()
	srv, err := neo4jlocal.Start(t.Context(), o)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(context.Background()); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	return srv
}

// run runs one query on a fresh driver.
func run(ctx context.Context, uri, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return nil, err
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

func mustRun(t *testing.T, uri, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	recs, err := run(t.Context(), uri, cypher, params)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return recs
}

func countProbes(t *testing.T, uri, id string) int64 {
	t.Helper()
	recs := mustRun(t, uri, "MATCH (p:Probe {id: $id}) RETURN count(p) AS n", map[string]any{"id": id})
	n, _, err := neo4j.GetRecordValue[int64](recs[0], "n")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// assertGone checks that the server's JVM has exited and been reaped, that
// no process is left running from its data directory and that its port is
// free again.
func assertGone(t *testing.T, srv *neo4jlocal.Server) {
	t.Helper()
	if err := syscall.Kill(srv.PID(), 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("process %d still exists after stop (kill 0: %v)", srv.PID(), err)
	}
	if pids := processesMentioning(srv.DataDir()); len(pids) > 0 {
		t.Errorf("processes still running from %s: %v", srv.DataDir(), pids)
	}
	host := strings.TrimPrefix(srv.URI(), "bolt://")
	l, err := net.Listen("tcp", host)
	if err != nil {
		t.Errorf("port %s not free after stop: %v", host, err)
		return
	}
	_ = l.Close()
}

// processesMentioning lists processes whose command line contains s. It
// finds nothing where there is no /proc, which only weakens the check.
func processesMentioning(s string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && strings.Contains(string(cmdline), s) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func TestLifecycle(t *testing.T) {
	o := options(t)
	srv := start(t, o)

	if !strings.HasPrefix(srv.URI(), "bolt://127.0.0.1:") {
		t.Errorf("URI = %q", srv.URI())
	}
	recs := mustRun(t, srv.URI(), "RETURN 1 AS one", nil)
	if one, _, _ := neo4j.GetRecordValue[int64](recs[0], "one"); one != 1 {
		t.Fatalf("RETURN 1 gave %v", recs[0].Values)
	}
	mustRun(t, srv.URI(), "CREATE (:Probe {id: $id})", map[string]any{"id": "lifecycle"})

	firstPID := srv.PID()
	if err := srv.Stop(t.Context()); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	assertGone(t, srv)
	if err := srv.Stop(t.Context()); err != nil {
		t.Fatalf("second Stop: %v", err)
	}

	uri := srv.URI()
	if err := srv.Restart(t.Context()); err != nil {
		t.Fatalf("Restart: %v", err)
	}
	if srv.URI() != uri {
		t.Errorf("URI changed across restart: %s -> %s", uri, srv.URI())
	}
	if srv.PID() == firstPID {
		t.Errorf("PID unchanged across restart")
	}
	if n := countProbes(t, srv.URI(), "lifecycle"); n != 1 {
		t.Fatalf("after restart found %d probe nodes, want 1", n)
	}

	// A crash must not lose committed data either.
	mustRun(t, srv.URI(), "CREATE (:Probe {id: $id})", map[string]any{"id": "before-kill"})
	if err := srv.Kill(); err != nil {
		t.Fatalf("Kill: %v", err)
	}
	if err := syscall.Kill(srv.PID(), 0); !errors.Is(err, syscall.ESRCH) {
		t.Fatalf("process %d survived Kill", srv.PID())
	}
	if err := srv.Restart(t.Context()); err != nil {
		t.Fatalf("Restart after Kill: %v", err)
	}
	if n := countProbes(t, srv.URI(), "before-kill"); n != 1 {
		t.Fatalf("after kill and restart found %d probe nodes, want 1", n)
	}
	if err := srv.Stop(t.Context()); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	assertGone(t, srv)
}

func TestTwoServersAtOnce(t *testing.T) {
	var (
		wg   sync.WaitGroup
		srvs [2]*neo4jlocal.Server
		errs [2]error
		opts = [2]neo4jlocal.Options{options(t), options(t)}
	)
	for i := range srvs {
		wg.Go(func() { srvs[i], errs[i] = neo4jlocal.Start(t.Context(), opts[i]) })
	}
	wg.Wait()
	for i, srv := range srvs {
		if srv != nil {
			t.Cleanup(func() { _ = srv.Stop(context.Background()) })
		}
		if errs[i] != nil {
			t.Fatalf("Start %d: %v", i, errs[i])
		}
	}
	if srvs[0].URI() == srvs[1].URI() {
		t.Fatalf("both servers on %s", srvs[0].URI())
	}
	mustRun(t, srvs[0].URI(), "CREATE (:Probe {id: 'only-in-a'})", nil)
	if n := countProbes(t, srvs[0].URI(), "only-in-a"); n != 1 {
		t.Errorf("server a has %d probes, want 1", n)
	}
	if n := countProbes(t, srvs[1].URI(), "only-in-a"); n != 0 {
		t.Errorf("server b has %d probes, want 0", n)
	}

	// A third server on a data dir in use is refused at once.
	began := time.Now()
	_, err := neo4jlocal.Start(t.Context(), opts[0])
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("Start on a busy data dir: err = %v, want 'in use'", err)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("refusing a busy data dir took %s", d)
	}

	for i, srv := range srvs {
		if err := srv.Stop(t.Context()); err != nil {
			t.Errorf("Stop %d: %v", i, err)
		}
		assertGone(t, srv)
	}
}

// TestStartFailureQuotesLog makes Neo4j itself fail during start, by
// holding the lock on its store the way a second Neo4j process would, and
// checks that Start reports why.
func TestStartFailureQuotesLog(t *testing.T) {
	o := options(t)
	lockPath := filepath.Join(o.DataDir, "databases", "store_lock")
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Java's FileChannel.tryLock takes a POSIX record lock.
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &syscall.Flock_t{Type: syscall.F_WRLCK}); err != nil {
		t.Fatal(err)
	}

	srv, err := neo4jlocal.Start(t.Context(), o)
	if err == nil {
		_ = srv.Stop(context.Background())
		t.Fatal("Start succeeded on a locked store")
	}
	msg := err.Error()
	t.Logf("Start failed as expected:\n%s", msg)
	for _, want := range []string{"exited during start", "Lock file has been locked by another process", "neo4j.log"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if pids := processesMentioning(o.DataDir); len(pids) > 0 {
		t.Errorf("processes left running from %s: %v", o.DataDir, pids)
	}
}

func TestPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	o := options(t)
	o.BoltPort = l.Addr().(*net.TCPAddr).Port
	_, err = neo4jlocal.Start(t.Context(), o)
	if err == nil || !strings.Contains(err.Error(), "is already in use") {
		t.Fatalf("Start on a busy port: err = %v", err)
	}
}

func TestExec(t *testing.T) {
	t.Setenv(helperEnv, "exec-child")
	// A URI inherited from outside must not leak into the command.
	t.Setenv(neo4jlocal.URIEnv, "bolt://127.0.0.1:1")
	o := options(t)
	code, err := neo4jlocal.Exec(t.Context(), o, os.Args[0], "-test.run=^$")
	if err != nil {
		t.Fatalf("Exec: %v", err)
	}
	if code != 7 {
		t.Fatalf("exit code = %d, want 7 (3: no URI, 4: query failed)", code)
	}
	if pids := processesMentioning(o.DataDir); len(pids) > 0 {
		t.Errorf("processes left running from %s: %v", o.DataDir, pids)
	}

}

func TestExecCommandNotFound(t *testing.T) {
	began := time.Now()
	code, err := neo4jlocal.Exec(t.Context(), options(t), filepath.Join(t.TempDir(), "no-such-command"))
	if err == nil || code != -1 {
		t.Fatalf("Exec of a missing command: code %d, err %v", code, err)
	}
	if d := time.Since(began); d > 2*time.Second {
		t.Errorf("a missing command took %s to report; it should not start Neo4j", d)
	}
}

func TestInstallConcurrentAndResumes(t *testing.T) {
	dir := t.TempDir()
	// Leftovers of an interrupted install: files but no stamp.
	partial := filepath.Join(dir, "neo4j-"+neo4jlocal.DefaultVersion, "lib")
	if err := os.MkdirAll(partial, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(partial, "truncated.jar"), []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}

	o := neo4jlocal.Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(t.Output(), nil))}
	var (
		wg   sync.WaitGroup
		dirs [3]string
		errs [3]error
	)
	began := time.Now()
	for i := range dirs {
		wg.Go(func() { dirs[i], errs[i] = neo4jlocal.Install(t.Context(), o) })
	}
	wg.Wait()
	t.Logf("three concurrent installs took %s", time.Since(began))
	for i := range dirs {
		if errs[i] != nil {
			t.Fatalf("Install %d: %v", i, errs[i])
		}
		if dirs[i] != dirs[0] {
			t.Fatalf("Install returned %s and %s", dirs[0], dirs[i])
		}
	}
	if _, err := os.Stat(filepath.Join(partial, "truncated.jar")); !os.IsNotExist(err) {
		t.Errorf("leftover of the interrupted install survived (stat: %v)", err)
	}
	if _, err := os.Stat(filepath.Join(dirs[0], "lib", "neo4j-"+neo4jlocal.DefaultVersion+".jar")); err != nil {
		t.Errorf("neo4j jar missing: %v", err)
	}
	began = time.Now()
	if _, err := neo4jlocal.Install(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > time.Second {
		t.Errorf("Install of a complete install took %s", d)
	}
}

func TestMissingTools(t *testing.T) {
	// Make sure the shared install exists before hiding mvn.
	if _, err := neo4jlocal.Install(t.Context(), neo4jlocal.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("JAVA_HOME", "")

	_, err := neo4jlocal.Install(t.Context(), neo4jlocal.Options{Dir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "mvn not found") {
		t.Errorf("Install without mvn: err = %v", err)
	}
	_, err = neo4jlocal.Start(t.Context(), options(t))
	if err == nil || !strings.Contains(err.Error(), "java not found") {
		t.Errorf("Start without java: err = %v", err)
	}
}

func TestInvalidOptions(t *testing.T) {
	for _, o := range []neo4jlocal.Options{
		{Version: "../x"},
		{HeapMax: "lots"},
		{PageCache: "1 GB"},
		{BoltPort: 70000},
		{Settings: []string{"db.transaction.timeout"}},
		{Settings: []string{"not a key=1"}},
	} {
		if _, err := neo4jlocal.Start(t.Context(), o); err == nil || !strings.HasPrefix(err.Error(), "neo4jlocal: invalid") {
			t.Errorf("Start(%+v): err = %v", o, err)
		}
	}
}

// TestSettingsAndPlugins checks that extra settings reach Neo4j, overriding
// this package's own, and that the plugins directory is the one given.
func TestSettingsAndPlugins(t *testing.T) {
	o := options(t)
	o.PluginsDir = t.TempDir()
	o.Settings = []string{"db.transaction.timeout=10m", "dbms.usage_report.enabled=true"}
	srv := start(t, o)
	recs := mustRun(t, srv.URI(), `SHOW SETTINGS YIELD name, value
WHERE name IN ['db.transaction.timeout', 'dbms.usage_report.enabled', 'server.directories.plugins']
RETURN name, value`, nil)
	got := map[string]string{}
	for _, r := range recs {
		name, _ := r.Get("name")
		value, _ := r.Get("value")
		got[name.(string)] = value.(string)
	}
	want := map[string]string{
		"db.transaction.timeout":     "10m",
		"dbms.usage_report.enabled":  "true",
		"server.directories.plugins": o.PluginsDir,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}
