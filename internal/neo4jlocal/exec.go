package neo4jlocal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// Environment variables that describe an external server. Exec drops them
// from the command's environment because they do not apply to its server.
const (
	userEnv     = "CIVICGRAPH_NEO4J_USER"
	passwordEnv = "CIVICGRAPH_NEO4J_PASSWORD"
)

// Exec starts a server, runs the command name with args against it, stops
// the server and returns the command's exit code. The command inherits
// stdin, stdout, stderr and the environment, with CIVICGRAPH_NEO4J_URI set
// to the server's Bolt URI; this is how one Neo4j is shared by every test
// binary of `go test ./...`.
//
// SIGINT and SIGTERM received while the command runs are passed on to it
// (a second one kills it), and Neo4j is stopped once it has exited, so
// Ctrl-C never leaves a server behind. The command stays in our process
// group so that it can still read from a terminal; a terminal's Ctrl-C
// therefore reaches it directly as well as through us. A command killed
// by a signal yields 128 plus the signal number, as in a shell.
//
// err is non-nil when the server could not be started or stopped, or the
// command could not be run; the exit code is then -1, unless the command
// did run or a signal interrupted the start (128 plus the signal).
func Exec(ctx context.Context, o Options, name string, args ...string) (exitCode int, err error) {
	// Listen before starting anything, so that a signal in any phase is
	// ours to handle rather than fatal to this process.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	// Resolve the command first: a typo should not cost a server start.
	if _, err := exec.LookPath(name); err != nil {
		return -1, fmt.Errorf("neo4jlocal: run %s: %w", name, err)
	}
	cmd := exec.Command(name, args...)

	srv, sig, err := startInterruptibly(ctx, o, sigs)
	if sig != nil {
		return signalExitCode(sig), err
	}
	if err != nil {
		return -1, err
	}
	defer func() {
		// Stop even when ctx is done: that is when it matters most.
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), StopTimeout+10*time.Second)
		defer cancel()
		if serr := srv.Stop(stopCtx); serr != nil {
			err = errors.Join(err, serr)
		}
	}()

	cmd.Stdin = os.Stdin
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = commandEnv(os.Environ(), srv.URI())
	if err := cmd.Start(); err != nil {
		return -1, fmt.Errorf("neo4jlocal: run %s: %w", name, err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()

	var werr error
	forwarded := false
	ctxDone := ctx.Done()
wait:
	for {
		select {
		case werr = <-waited:
			break wait
		case sig := <-sigs:
			if forwarded {
				_ = cmd.Process.Kill()
				continue
			}
			forwarded = true
			_ = cmd.Process.Signal(sig)
		case <-ctxDone:
			ctxDone = nil
			forwarded = true
			_ = cmd.Process.Signal(syscall.SIGTERM)
		}
	}
	if werr != nil {
		var exitErr *exec.ExitError
		if !errors.As(werr, &exitErr) {
			return -1, fmt.Errorf("neo4jlocal: run %s: %w", name, werr)
		}
	}
	return exitCodeOf(cmd.ProcessState), nil
}

// startInterruptibly is Start, abandoned (and the JVM killed) when a signal
// arrives on sigs, which matters because a cold install takes a while. sig
// is the signal that interrupted it, if any.
func startInterruptibly(ctx context.Context, o Options, sigs <-chan os.Signal) (srv *Server, sig os.Signal, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		srv *Server
		err error
	}
	started := make(chan result, 1)
	go func() {
		srv, err := Start(ctx, o)
		started <- result{srv, err}
	}()
	select {
	case r := <-started:
		return r.srv, nil, r.err
	case sig := <-sigs:
		cancel()
		r := <-started
		if r.err == nil {
			_ = r.srv.Stop(context.WithoutCancel(ctx))
		}
		return nil, sig, fmt.Errorf("neo4jlocal: interrupted by %v while starting Neo4j", sig)
	}
}

// signalExitCode is the exit code a shell reports for death by sig.
func signalExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// commandEnv returns env with the server's URI set and any description of
// another server removed.
func commandEnv(env []string, uri string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case URIEnv, userEnv, passwordEnv:
			continue
		}
		out = append(out, kv)
	}
	return append(out, URIEnv+"="+uri)
}

// exitCodeOf returns a process's exit code, mapping death by signal to
// 128+signal as shells do, so that callers can pass it on to os.Exit.
func exitCodeOf(ps *os.ProcessState) int {
	if code := ps.ExitCode(); code >= 0 {
		return code
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return signalExitCode(ws.Signal())
	}
	return 1
}
