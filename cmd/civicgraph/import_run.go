package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
)

// importFlags are the flags every importer takes.
type importFlags struct {
	source  string
	strict  bool
	batch   int
	workers int
	actor   string
	quiet   bool
}

func (f *importFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.source, "source", "", "the dataset name recorded as every record's source (default: the file's name)")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "stop at the first bad record (the records before it are written)")
	cmd.Flags().IntVar(&f.batch, "batch", importer.DefaultBatch, "records per transaction")
	cmd.Flags().IntVar(&f.workers, "workers", importer.DefaultWorkers, "batches written at the same time (1 with --strict); batches that touch the same things never overlap")
	cmd.Flags().StringVar(&f.actor, "actor", "", "who the changes are recorded as made by (default: import:<user>)")
	cmd.Flags().BoolVar(&f.quiet, "quiet", false, "print no progress bar")
}

// openReader makes the reader of one file (in) or directory (in is nil)
// given on the command line.
type openReader func(path string, in io.Reader, dataset string) (importer.Reader, error)

// runImport imports each file with the reader that open makes, printing
// a progress bar on a terminal, every rejected record, and a summary.
func (a *app) runImport(cmd *cobra.Command, f importFlags, files []string, open openReader) error {
	ctx := cmd.Context()
	store, err := a.migratedStore(ctx)
	defer a.close(ctx, store)
	if err != nil {
		return err
	}
	actor := f.actor
	if actor == "" {
		actor = "import:" + os.Getenv("USER")
		if os.Getenv("USER") == "" {
			actor = "import"
		}
	}
	ctx = civic.WithActor(ctx, actor)
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	var failed error
	for _, file := range files {
		dataset := f.source
		if dataset == "" {
			dataset = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		}
		in, size, err := openFile(cmd, file)
		if err != nil {
			return err
		}
		var src io.Reader = in
		if in.dir {
			src = nil
		}
		r, err := open(file, src, dataset)
		if err != nil {
			_ = in.Close()
			return fmt.Errorf("%s: %w", file, err)
		}
		bar := newProgress(errOut, file, size, in, f.quiet)
		start := time.Now()
		sum, err := importer.Run(ctx, store, r, importer.Options{Dataset: dataset, Strict: f.strict, Batch: f.batch, Workers: f.workers, Progress: bar.update})
		_ = in.Close()
		bar.done()
		for _, rej := range sum.Rejections {
			fmt.Fprintf(errOut, "%s: %s\n", file, rej)
		}
		took := time.Since(start)
		fmt.Fprintf(out, "%s: %d created, %d updated, %d unchanged, %d rejected (%d records in %s, %.0f records/s)\n",
			file, sum.Created, sum.Updated, sum.Unchanged, sum.Rejected, sum.Total(), took.Round(time.Millisecond), float64(sum.Total())/took.Seconds())
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if sum.Rejected > 0 && failed == nil {
			failed = fmt.Errorf("%d records were rejected", sum.Rejected)
			if f.strict {
				return failed
			}
		}
	}
	return failed
}

// importCommand is an import subcommand that reads its arguments with open.
func (a *app) importCommand(use, short, long string, open openReader) *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runImport(cmd, f, args, open)
		},
	}
	f.add(cmd)
	return cmd
}
