//go:build linux

package neo4jlocal

import "syscall"

// sysProcAttr puts the JVM in a process group of its own, so a terminal's
// Ctrl-C reaches us rather than the JVM (we decide the shutdown order) and
// Stop can signal the whole group. Pdeathsig makes the kernel kill the JVM
// when the thread that started it dies, which is how a crashed or killed
// Go process avoids leaving a stray Neo4j behind; launch keeps that thread
// alive while the JVM runs, so in practice this fires when our process
// dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
