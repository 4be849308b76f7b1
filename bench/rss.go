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

// ProcCPU returns the CPU time a process has used so far (user and
// system), from /proc/PID/stat.
func ProcCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(string(b))
}

// clockTick is the kernel's USER_HZ, which is 100 on every Linux we run on.
const clockTick = 10 * time.Millisecond

// parseStatCPU reads utime and stime (fields 14 and 15) from a stat line.
// The command name (field 2) may contain spaces, so fields are counted
// from its closing parenthesis.
func parseStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("bench: bad /proc stat %q", stat)
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("bench: short /proc stat %q", stat)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bench: bad /proc stat times %q %q", f[11], f[12])
	}
	return time.Duration(ut+st) * clockTick, nil
}
