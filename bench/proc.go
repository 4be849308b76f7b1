package bench

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Proc is a server the benchmark started as a child process.
type Proc struct {
	Name    string
	Command string // the command line, for the report
	cmd     *exec.Cmd
	done    chan struct{}
}

// StartProc starts name with args and the extra environment env, logging
// its output to logPath. The child dies with the benchmark (Linux's
// parent-death signal), so an interrupted run leaves nothing behind.
func StartProc(name, logPath string, env []string, bin string, args ...string) (*Proc, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("bench: start %s: %w", name, err)
	}
	logf.Close()
	p := &Proc{Name: name, Command: strings.TrimSpace(strings.Join(env, " ") + " " + bin + " " + strings.Join(args, " ")), cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(p.done) }()
	return p, nil
}

// PID is the child's process id.
func (p *Proc) PID() int { return p.cmd.Process.Pid }

// Exited reports whether the child has exited.
func (p *Proc) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop asks the child to stop (SIGTERM) and kills it after a grace period.
func (p *Proc) Stop() {
	if p.Exited() {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// WaitHTTP polls url until it answers ready(status) or timeout passes, or
// the child exits.
func (p *Proc) WaitHTTP(ctx context.Context, url string, body string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		var resp *http.Response
		var err error
		if body == "" {
			resp, err = http.Get(url)
		} else {
			resp, err = http.Post(url, "application/json", strings.NewReader(body))
		}
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if p.Exited() {
			return fmt.Errorf("bench: %s exited during start; see its log", p.Name)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: %s did not answer on %s within %s (last: %v)", p.Name, url, timeout, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// FreePort returns a port that is free on 127.0.0.1 now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Addr is 127.0.0.1:port.
func Addr(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }
