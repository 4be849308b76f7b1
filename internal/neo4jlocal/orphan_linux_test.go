//go:build linux

package neo4jlocal_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestOrphanedServerDies kills a process that holds a running server and
// checks that the JVM does not outlive it.
func TestOrphanedServerDies(t *testing.T) {
	data := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"=orphan", "ORPHAN_DATA="+data)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("helper gave no server: %v", err)
	}
	var (
		pid int
		uri string
	)
	if _, err := fmt.Sscan(line, &pid, &uri); err != nil {
		t.Fatalf("helper said %q: %v", line, err)
	}
	mustRun(t, uri, "RETURN 1", nil)

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	deadline := time.Now().Add(15 * time.Second)
	for syscall.Kill(pid, 0) == nil || len(processesMentioning(data)) > 0 {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("Neo4j (pid %d) outlived the process that started it", pid)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
