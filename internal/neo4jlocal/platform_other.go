//go:build !unix

package neo4jlocal

import (
	"context"
	"syscall"
)

// supported reports whether this platform can run a managed server. The
// process-group and flock handling this package relies on is Unix-only.
const supported = false

type fileLock struct{}

func tryLock(string) (*fileLock, bool, error) { return nil, false, errUnsupportedPlatform }

func lock(context.Context, string, func()) (*fileLock, error) { return nil, errUnsupportedPlatform }

func (*fileLock) unlock() error { return nil }

func signalGroup(int, syscall.Signal) error { return errUnsupportedPlatform }

func sysProcAttr() *syscall.SysProcAttr { return nil }
