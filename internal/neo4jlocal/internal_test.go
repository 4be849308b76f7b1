//go:build unix

package neo4jlocal

import (
	"errors"
	"net"
	"os/exec"
	"slices"
	"syscall"
	"testing"
)

func TestExitCodeOf(t *testing.T) {
	for _, tc := range []struct {
		script string
		want   int
	}{
		{"exit 0", 0},
		{"exit 3", 3},
		{"kill -TERM $$", 128 + int(syscall.SIGTERM)},
		{"kill -INT $$", 128 + int(syscall.SIGINT)},
	} {
		cmd := exec.Command("sh", "-c", tc.script)
		_ = cmd.Run()
		if got := exitCodeOf(cmd.ProcessState); got != tc.want {
			t.Errorf("%q: exit code %d, want %d", tc.script, got, tc.want)
		}
	}
}

func TestCommandEnv(t *testing.T) {
	env := commandEnv([]string{
		"PATH=/bin",
		URIEnv + "=bolt://elsewhere:7687",
		userEnv + "=someone",
		passwordEnv + "=secret",
	}, "bolt://127.0.0.1:1234")
	want := []string{"PATH=/bin", URIEnv + "=bolt://127.0.0.1:1234"}
	if !slices.Equal(env, want) {
		t.Errorf("commandEnv = %q, want %q", env, want)
	}
}

func TestRootCause(t *testing.T) {
	log := `2026-01-01 ERROR Failed to start Neo4j on localhost:7474.
java.lang.RuntimeException: Error starting
	at a.b(C.java:1)
Caused by: org.x.LifecycleException: outer
	at a.b(C.java:2)
Caused by: java.net.BindException: Address already in use
	... 7 more`
	if got := rootCause(log); got != "java.net.BindException: Address already in use" {
		t.Errorf("rootCause = %q", got)
	}
	if got := rootCause("Exception in thread \"main\" java.lang.IllegalArgumentException: Unrecognized setting"); got == "" {
		t.Error("rootCause missed an uncaught exception")
	}
}

func TestCheckPortFree(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := checkPortFree(port); !errors.Is(err, errPortInUse) {
		t.Errorf("busy port: err = %v, want errPortInUse", err)
	}
	_ = l.Close()
	if err := checkPortFree(port); err != nil {
		t.Errorf("free port: %v", err)
	}
}
