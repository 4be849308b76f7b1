package bench

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ProcMemory reads a field such as VmRSS or VmHWM (the peak RSS) of a
// process from /proc, in bytes.
func ProcMemory(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return parseStatus(f, field)
}

func parseStatus(f *os.File, field string) (int64, error) {
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			return parseKB(v)
		}
	}
	return 0, fmt.Errorf("bench: no %s in /proc status", field)
}

// parseKB parses a /proc status value such as "  12345 kB".
func parseKB(v string) (int64, error) {
	fields := strings.Fields(v)
	if len(fields) != 2 || fields[1] != "kB" {
		return 0, fmt.Errorf("bench: unexpected /proc status value %q", v)
	}
	n, err := strconv.ParseInt(fields[0], 10, 64)
	return n * 1024, err
}

// SampleRSS samples the resident memory of pid every interval until the
// returned function is called, which returns the highest sample. A pid of
// zero samples nothing.
func SampleRSS(pid int, interval time.Duration) func() int64 {
	if pid == 0 {
		return func() int64 { return 0 }
	}
	var (
		mu   sync.Mutex
		peak int64
	)
	sample := func() {
		if v, err := ProcMemory(pid, "VmRSS"); err == nil {
			mu.Lock()
			peak = max(peak, v)
			mu.Unlock()
		}
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			sample()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(stop)
		<-done
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
