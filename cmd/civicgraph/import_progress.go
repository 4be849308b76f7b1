package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
)

// countingFile counts the bytes read from a file, for the progress bar.
type countingFile struct {
	io.ReadCloser
	n   atomic.Int64
	dir bool // a directory, which its reader opens itself
}

func (c *countingFile) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// openFile opens a file (or standard input for "-") and returns its size,
// 0 when unknown.
func openFile(cmd *cobra.Command, name string) (*countingFile, int64, error) {
	if name == "-" {
		return &countingFile{ReadCloser: io.NopCloser(cmd.InOrStdin())}, 0, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	var size int64
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		return &countingFile{ReadCloser: f, dir: true}, 0, nil
	}
	if err == nil {
		size = st.Size()
	}
	return &countingFile{ReadCloser: f}, size, nil
}

// progress draws a bar on a terminal: how much of the file has been read,
// how many records, how fast. Anywhere else it draws nothing.
type progress struct {
	w     io.Writer
	name  string
	size  int64
	in    *countingFile
	start time.Time
	on    bool
	last  time.Time
}

func newProgress(w io.Writer, name string, size int64, in *countingFile, quiet bool) *progress {
	on := false
	if f, ok := w.(*os.File); ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, name: name, size: size, in: in, start: time.Now(), on: on}
}

func (p *progress) update(records int) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	rate := float64(records) / time.Since(p.start).Seconds()
	if p.size > 0 {
		frac := float64(p.in.n.Load()) / float64(p.size)
		const width = 30
		filled := min(width, int(frac*width))
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = ' '
			if i < filled {
				bar[i] = '='
			}
		}
		fmt.Fprintf(p.w, "\r%s [%s] %3.0f%% %d records %.0f/s ", p.name, bar, frac*100, records, rate)
		return
	}
	fmt.Fprintf(p.w, "\r%s %d records %.0f/s ", p.name, records, rate)
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
