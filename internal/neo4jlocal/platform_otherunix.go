//go:build unix && !linux

package neo4jlocal

import "syscall"

// sysProcAttr puts the JVM in a process group of its own, so a terminal's
// Ctrl-C reaches us rather than the JVM and Stop can signal the whole
// group. These systems have no parent-death signal: if our process is
// killed with SIGKILL the JVM outlives it, so callers should Stop servers.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
