//go:build unix

package neo4jlocal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// supported reports whether this platform can run a managed server.
const supported = true

// lockPollInterval is how often a blocked lock is retried. flock cannot be
// interrupted by a context, so waiting is done by polling a non-blocking
// lock instead.
const lockPollInterval = 100 * time.Millisecond

// fileLock is an exclusive advisory lock (flock) on a file. The kernel
// drops it when the holding process dies, so a crashed holder never leaves
// a stale lock behind, unlike a lock implemented by creating a file.
type fileLock struct{ f *os.File }

// tryLock takes the lock on path without waiting. ok is false when another
// holder has it.
func tryLock(path string) (l *fileLock, ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("neo4jlocal: open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("neo4jlocal: lock %s: %w", path, err)
	}
	return &fileLock{f: f}, true, nil
}

// lock takes the lock on path, waiting until it is free or ctx is done.
// waiting is called once if the lock is held by someone else.
func lock(ctx context.Context, path string, waiting func()) (*fileLock, error) {
	for notified := false; ; {
		l, ok, err := tryLock(path)
		if err != nil || ok {
			return l, err
		}
		if !notified && waiting != nil {
			waiting()
			notified = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("neo4jlocal: waiting for lock %s: %w", path, ctx.Err())
		case <-time.After(lockPollInterval):
		}
	}
}

// unlock releases the lock. Closing the descriptor is what releases a
// flock, so there is no separate LOCK_UN.
func (l *fileLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// signalGroup sends sig to every process in the process group led by pid.
// The JVM is started as the leader of its own group, so this also reaches
// anything it may have spawned.
func signalGroup(pid int, sig syscall.Signal) error {
	err := syscall.Kill(-pid, sig)
	if errors.Is(err, syscall.ESRCH) {
		return nil
	}
	return err
}
