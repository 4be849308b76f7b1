package neo4jlocal

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// StopTimeout is how long Stop waits for Neo4j to shut down cleanly after
// SIGTERM before it kills the process. A clean shutdown of a small store
// takes well under a second; the margin is for a checkpoint of a large one.
const StopTimeout = 60 * time.Second

// Files and directories a server keeps under its data directory.
const (
	dataLockFile = "civicgraph-neo4j.lock"
	logsDir      = "logs"
	neo4jLog     = "neo4j.log"
	// consoleLog receives the JVM's stdout and stderr. Neo4j itself logs
	// to neo4j.log, but errors that stop it before its logging is set up
	// (bad settings, bad JVM flags) only appear here.
	consoleLog = "console.log"
)

// portAttempts bounds how often Start picks a new free port when the one
// it picked was taken before Neo4j could bind it.
const portAttempts = 3

// errPortInUse marks a start that failed because the Bolt port was taken.
var errPortInUse = errors.New("neo4jlocal: bolt port already in use")

// portError marks err as caused by a taken port (errors.Is(e,
// errPortInUse)) without changing its message.
type portError struct{ err error }

func (e *portError) Error() string   { return e.err.Error() }
func (e *portError) Unwrap() []error { return []error{e.err, errPortInUse} }

// Server is a Neo4j server running as a child process of this one. Its
// methods are safe for concurrent use; Stop, Restart and Kill are
// serialised.
type Server struct {
	o          Options
	installDir string
	java       string
	port       int

	mu      sync.Mutex
	proc    *process
	dirLock *fileLock
	pid     atomic.Int64
}

// process is one run of the JVM.
type process struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited and been reaped
	err  error         // from Wait; read only after done is closed
	mark logMark       // where this run's output starts in the log files
	// expected is set once the exit was asked for (Stop, Kill) or
	// reported, so that Stop warns only about an unexpected exit and only
	// once.
	expected bool
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Start installs Neo4j if needed, starts it on o.DataDir and waits until
// it answers on Bolt. The caller must Stop the server; should this process
// die first, the kernel kills the JVM (on Linux).
//
// If Neo4j exits during start, the error quotes the end of its logs. A
// data directory that another server is using is refused at once.
func Start(ctx context.Context, o Options) (*Server, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if !supported {
		return nil, errUnsupportedPlatform
	}
	dir, err := install(ctx, o)
	if err != nil {
		return nil, err
	}
	java, err := findJava()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(o.DataDir, logsDir), 0o755); err != nil {
		return nil, fmt.Errorf("neo4jlocal: create data dir: %w", err)
	}
	// Neo4j locks its store too, but only after several seconds of
	// start-up, and by then the second JVM has already appended to the
	// first one's logs and overwritten its pid file. Our own lock fails
	// fast and says what is wrong.
	lk, ok, err := tryLock(filepath.Join(o.DataDir, dataLockFile))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("neo4jlocal: data dir %s is in use by another Neo4j server", o.DataDir)
	}
	s := &Server{o: o, installDir: dir, java: java, dirLock: lk}
	for attempt := 1; ; attempt++ {
		s.port = o.BoltPort
		if s.port == 0 {
			if s.port, err = freePort(); err != nil {
				_ = lk.unlock()
				return nil, err
			}
		}
		err = s.launch(ctx)
		if err == nil {
			return s, nil
		}
		// A port picked by us can be taken by someone else before the
		// JVM gets round to binding it; pick another one.
		if o.BoltPort == 0 && errors.Is(err, errPortInUse) && attempt < portAttempts {
			o.Logger.Warn("bolt port was taken during start; retrying on another port", "port", s.port)
			continue
		}
		_ = lk.unlock()
		return nil, err
	}
}

// URI returns the server's Bolt URI, bolt://127.0.0.1:PORT. It does not
// change across Restart.
func (s *Server) URI() string {
	return "bolt://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// PID returns the process id of the most recently started JVM, including
// one that has since exited.
func (s *Server) PID() int {
	return int(s.pid.Load())
}

// DataDir returns the server's data directory. Neo4j's own logs are in its
// logs subdirectory.
func (s *Server) DataDir() string {
	return s.o.DataDir
}

// Stop shuts Neo4j down cleanly (SIGTERM) and waits for it to exit. If it
// has not exited after StopTimeout, or when ctx is done, its process group
// is killed and an error is returned. Stop also releases the data
// directory. Stopping a stopped server does nothing.
func (s *Server) Stop(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.stop(ctx)
	if uerr := s.dirLock.unlock(); uerr != nil && err == nil {
		err = fmt.Errorf("neo4jlocal: release data dir lock: %w", uerr)
	}
	s.dirLock = nil
	return err
}

// Kill kills Neo4j with SIGKILL and waits until it is gone, leaving its
// store as a crash would. The data directory stays reserved for a later
// Restart; call Stop to release it. Killing a stopped server does nothing.
func (s *Server) Kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.proc
	if p == nil || p.exited() {
		return nil
	}
	p.expected = true
	if err := signalGroup(p.cmd.Process.Pid, syscall.SIGKILL); err != nil {
		return fmt.Errorf("neo4jlocal: kill: %w", err)
	}
	<-p.done
	s.o.Logger.Info("killed Neo4j", "pid", p.cmd.Process.Pid)
	return nil
}

// Restart starts Neo4j again on the same port and data directory, stopping
// it first if it is running. It is how a test brings a server back after
// Stop or Kill.
func (s *Server) Restart(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.stop(ctx); err != nil {
		return err
	}
	if s.dirLock == nil {
		lk, ok, err := tryLock(filepath.Join(s.o.DataDir, dataLockFile))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("neo4jlocal: data dir %s is in use by another Neo4j server", s.o.DataDir)
		}
		s.dirLock = lk
	}
	return s.launch(ctx)
}

// stop is Stop without releasing the data directory. s.mu must be held.
func (s *Server) stop(ctx context.Context) error {
	p := s.proc
	if p == nil {
		return nil
	}
	pid := p.cmd.Process.Pid
	if p.exited() {
		if !p.expected {
			p.expected = true
			s.o.Logger.Warn("Neo4j had exited unexpectedly", "pid", pid, "status", exitStatus(p.err))
		}
		return nil
	}
	p.expected = true
	start := time.Now()
	if err := signalGroup(pid, syscall.SIGTERM); err != nil {
		return fmt.Errorf("neo4jlocal: stop: %w", err)
	}
	timer := time.NewTimer(StopTimeout)
	defer timer.Stop()
	var forced error
	select {
	case <-p.done:
	case <-timer.C:
		forced = fmt.Errorf("neo4jlocal: Neo4j did not stop within %s; killed it", StopTimeout)
	case <-ctx.Done():
		forced = fmt.Errorf("neo4jlocal: stop interrupted; killed Neo4j: %w", ctx.Err())
	}
	if forced != nil {
		_ = signalGroup(pid, syscall.SIGKILL)
		<-p.done
		return forced
	}
	// Sweep up anything the JVM may have left in its group.
	_ = signalGroup(pid, syscall.SIGKILL)
	s.o.Logger.Info("stopped Neo4j", "pid", pid, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// launch starts the JVM and waits for Bolt. On failure the JVM is gone when
// launch returns. s.mu must be held (or s not yet shared).
func (s *Server) launch(ctx context.Context) error {
	if err := checkPortFree(s.port); err != nil {
		return err
	}
	logs := filepath.Join(s.o.DataDir, logsDir)
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return fmt.Errorf("neo4jlocal: create log dir: %w", err)
	}
	mark := markLogs(logs)
	console, err := os.OpenFile(filepath.Join(logs, consoleLog), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("neo4jlocal: open console log: %w", err)
	}
	cmd := exec.Command(s.java, s.args()...)
	cmd.Dir = s.o.DataDir // where the JVM drops crash dumps
	cmd.Stdout = console
	cmd.Stderr = console
	cmd.SysProcAttr = sysProcAttr()
	p := &process{cmd: cmd, done: make(chan struct{}), mark: mark}
	start := time.Now()
	started := make(chan error, 1)
	go func() {
		// The parent-death signal fires when the thread that forked the
		// JVM exits, not the process. Go may end an idle thread that a
		// goroutine locked and abandoned, so the forking goroutine keeps
		// its thread to itself for as long as the JVM runs.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := cmd.Start()
		// The child has its own copy of the descriptor.
		_ = console.Close()
		started <- err
		if err != nil {
			return
		}
		p.err = cmd.Wait()
		close(p.done)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("neo4jlocal: start java: %w", err)
	}
	s.proc = p
	s.pid.Store(int64(cmd.Process.Pid))
	s.o.Logger.Info("starting Neo4j", "version", s.o.Version, "pid", cmd.Process.Pid,
		"uri", s.URI(), "data", s.o.DataDir)

	if err := s.waitReady(ctx, p); err != nil {
		p.expected = true
		if !p.exited() {
			_ = signalGroup(cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
		return err
	}
	s.o.Logger.Info("Neo4j is ready", "pid", cmd.Process.Pid, "uri", s.URI(),
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}

// waitReady polls Bolt until the server answers, the process exits, or the
// start timeout passes. VerifyConnectivity completes a Bolt handshake and
// HELLO, which shows that Neo4j is serving, not merely that something has
// the port open.
func (s *Server) waitReady(parent context.Context, p *process) error {
	ctx, cancel := context.WithTimeout(parent, s.o.StartTimeout)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(s.URI(), neo4j.NoAuth(), func(c *config.Config) {
		c.SocketConnectTimeout = 2 * time.Second
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.MaxConnectionPoolSize = 1
		c.TelemetryDisabled = true
	})
	if err != nil {
		return fmt.Errorf("neo4jlocal: create driver: %w", err)
	}
	defer func() { _ = driver.Close(context.WithoutCancel(ctx)) }()

	poll := time.NewTicker(200 * time.Millisecond)
	defer poll.Stop()
	var lastErr error
	for {
		select {
		case <-p.done:
			return s.exitedError(p)
		default:
		}
		vctx, vcancel := context.WithTimeout(ctx, 5*time.Second)
		lastErr = driver.VerifyConnectivity(vctx)
		vcancel()
		if lastErr == nil {
			return nil
		}
		select {
		case <-p.done:
			return s.exitedError(p)
		case <-ctx.Done():
			if err := parent.Err(); err != nil {
				return fmt.Errorf("neo4jlocal: start interrupted: %w", err)
			}
			return fmt.Errorf("neo4jlocal: Neo4j did not answer on %s within %s (last error: %v); log tail:\n%s",
				s.URI(), s.o.StartTimeout, lastErr, p.mark.since(30))
		case <-poll.C:
		}
	}
}

// exitedError describes a JVM that exited during start, quoting its logs.
func (s *Server) exitedError(p *process) error {
	logText := p.mark.since(40)
	cause := rootCause(logText)
	msg := fmt.Sprintf("neo4jlocal: Neo4j exited during start (%s)", exitStatus(p.err))
	if cause != "" {
		msg += ": " + cause
	}
	err := errors.New(msg + "\n" + logText)
	if strings.Contains(logText, "Address already in use") {
		return &portError{err}
	}
	return err
}

// args returns the JVM's command line.
func (s *Server) args() []string {
	o := s.o
	logs := filepath.Join(o.DataDir, logsDir)
	setting := func(kv string) []string { return []string{"-c", kv} }
	args := []string{
		// Neo4j recommends equal initial and maximum heap so that the heap
		// never has to grow under load; the memory is only committed as
		// it is touched, since we do not pre-touch it.
		"-Xms" + o.HeapMax,
		"-Xmx" + o.HeapMax,
		// The rest mirrors what Neo4j's own launcher passes. G1 is what
		// Neo4j is tuned for; the JVM would pick Serial on a small CI box.
		"-XX:+UseG1GC",
		"-XX:-OmitStackTraceInFastThrow",
		"-XX:+UnlockExperimentalVMOptions",
		"-XX:+TrustFinalNonStaticFields",
		"-XX:+DisableExplicitGC",
		// A JVM that has run out of heap keeps its port open but fails
		// every query; dying lets tests and the CLI see what happened.
		"-XX:+ExitOnOutOfMemoryError",
		// Caps per-thread cached NIO buffers, which otherwise grow with
		// the largest message ever sent.
		"-Djdk.nio.maxCachedBufferSize=1024",
		// Netty (Bolt) and the page cache need these to use direct
		// memory efficiently on Java 17's closed module system.
		"-Dio.netty.tryReflectionSetAccessible=true",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-Dlog4j2.disable.jmx=true",
		"-Dfile.encoding=UTF-8",
		"-cp", s.classpath(),
		"org.neo4j.server.CommunityEntryPoint",
		"--home-dir=" + s.installDir,
		"--config-dir=" + filepath.Join(s.installDir, "conf"),
	}
	for _, kv := range []string{
		// Loopback only: this server has no authentication.
		"server.bolt.listen_address=" + net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		// Routing tables (neo4j:// URIs) hand out the advertised address;
		// the default, localhost, may resolve to ::1, where nothing listens.
		"server.default_advertised_address=127.0.0.1",
		"dbms.security.auth_enabled=false",
		// Bolt is all we use; HTTP would need a second free port.
		"server.http.enabled=false",
		"server.https.enabled=false",
		"server.memory.pagecache.size=" + o.PageCache,
		"dbms.usage_report.enabled=false",
		// Everything a server writes goes under its data directory, so
		// the install stays read-only and shareable between servers.
		"server.directories.data=" + o.DataDir,
		"server.directories.logs=" + logs,
		"server.directories.run=" + filepath.Join(o.DataDir, "run"),
		// LOAD CSV reads from here; the default would be the install.
		"server.directories.import=" + filepath.Join(o.DataDir, "import"),
		// Neo4j preallocates 256 MiB of transaction log per database
		// (512 MiB for a fresh data directory), which would make every
		// temporary test server cost half a gigabyte of disk.
		"db.tx_log.preallocate=false",
		// Old transaction logs only serve backups and clustering, which
		// this server has neither of; crash recovery still has what it
		// needs. Without this a long-lived data directory keeps two days
		// of logs.
		"db.tx_log.rotation.retention_policy=keep_none",
		// Bolt waits this long (default 5s) for quiet on each of its two
		// event loops before shutting down, which made every Stop take
		// ten seconds. Connections are already closed by then.
		"internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
	} {
		args = append(args, setting(kv)...)
	}
	if o.PluginsDir != "" {
		args = append(args, setting("server.directories.plugins="+o.PluginsDir)...)
	}
	for _, kv := range o.Settings {
		args = append(args, setting(kv)...)
	}
	return args
}

// classpath is Neo4j's jars, then the plugins' jars: Neo4j's own launcher
// puts plugins on the classpath too, and plugins such as APOC register
// extensions that are only found there.
func (s *Server) classpath() string {
	cp := filepath.Join(s.installDir, "lib", "*")
	if s.o.PluginsDir != "" {
		cp += string(os.PathListSeparator) + filepath.Join(s.o.PluginsDir, "*")
	}
	return cp
}

// findJava returns the java binary: $JAVA_HOME/bin/java if set, as Maven
// does, else java from PATH.
func findJava() (string, error) {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java := filepath.Join(home, "bin", "java")
		if _, err := os.Stat(java); err == nil {
			return java, nil
		}
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return "", errors.New("neo4jlocal: java not found on PATH; install a JDK 17+ to run Neo4j")
	}
	return java, nil
}

// freePort asks the kernel for a port that is free on 127.0.0.1 right now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("neo4jlocal: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// checkPortFree fails if something listens on port. Without this check a
// server already on that port (another Neo4j, say) would answer our
// readiness probe, and Start would report success for a JVM about to die.
func checkPortFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return &portError{fmt.Errorf("neo4jlocal: bolt port 127.0.0.1:%d is already in use: %w", port, err)}
	}
	return l.Close()
}

// exitStatus describes a Wait error for humans.
func exitStatus(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// logMark remembers the sizes of a server's log files before a run, so
// that error messages quote only what that run wrote.
type logMark struct {
	dir     string
	offsets map[string]int64
}

func markLogs(dir string) logMark {
	m := logMark{dir: dir, offsets: map[string]int64{}}
	for _, name := range []string{neo4jLog, consoleLog} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
			m.offsets[name] = fi.Size()
		}
	}
	return m
}

// since returns up to n of the last lines each log file gained since the
// mark, labelled by file.
func (m logMark) since(n int) string {
	var b strings.Builder
	for _, name := range []string{neo4jLog, consoleLog} {
		text := readFrom(filepath.Join(m.dir, name), m.offsets[name])
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&b, "--- %s ---\n%s\n", filepath.Join(m.dir, name), tail(text, n))
	}
	if b.Len() == 0 {
		return "(no log output)"
	}
	return strings.TrimRight(b.String(), "\n")
}

// maxLogRead bounds how much of a log file is read for an error message.
const maxLogRead = 1 << 20

// readFrom returns the content of path from offset on, or its last
// maxLogRead bytes if more was written since.
func readFrom(path string, offset int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ""
	}
	if fi.Size() < offset {
		offset = 0 // the file was truncated or replaced
	}
	if fi.Size()-offset > maxLogRead {
		offset = fi.Size() - maxLogRead
	}
	buf := make([]byte, fi.Size()-offset)
	k, _ := f.ReadAt(buf, offset)
	return string(buf[:k])
}

// rootCause picks the most telling line out of a Java failure: the last
// "Caused by:" of a stack trace, else the first uncaught exception or
// ERROR line.
func rootCause(logText string) string {
	var cause, first string
	for _, line := range strings.Split(logText, "\n") {
		line = strings.TrimSpace(line)
		if c, ok := strings.CutPrefix(line, "Caused by: "); ok {
			cause = c
		} else if first == "" && (strings.HasPrefix(line, "Exception in thread") ||
			strings.HasPrefix(line, "Error: ") || strings.Contains(line, " ERROR ")) {
			first = line
		}
	}
	if cause != "" {
		return cause
	}
	return first
}
