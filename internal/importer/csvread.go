package importer

import (
	"bufio"

	"encoding/csv"
	"errors"
	"fmt"
	"github.com/civicgraph/civicgraph/internal/civic"
	"io"
	"strings"
)

// csvRows streams a CSV file with a header row: each row comes with its
// line number and is read by column name. A malformed row is reported with
// its line and reading goes on with the next.
type csvRows struct {
	r      *csv.Reader
	cols   map[string]int
	header []string
}

// row is one row of a CSV file, read by column name.
type row struct {
	line   int
	cols   map[string]int
	fields []string
}

// get returns the trimmed cell of the column (names are case-insensitive
// and ignore spaces, dots and underscores), "" if there is no such column.
func (r row) get(names ...string) string {
	for _, n := range names {
		if i, ok := r.cols[colKey(n)]; ok && i < len(r.fields) {
			return strings.TrimSpace(r.fields[i])
		}
	}
	return ""
}

func (r row) has(name string) bool { _, ok := r.cols[colKey(name)]; return ok }

// colKeys removes what column names differ by.
var colKeys = strings.NewReplacer(" ", "", "_", "", "-", "", ".", "", "/", "", ":", "")

func colKey(s string) string {
	return colKeys.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// newCSVRows reads the header. A file that starts with a UTF-8 byte order
// mark (as spreadsheets write them) is read without it.
func newCSVRows(in io.Reader) (*csvRows, error) {
	br := bufio.NewReaderSize(in, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		_, _ = br.Discard(3)
	}
	r := csv.NewReader(br)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the file is empty: a CSV file starts with a header row")
		}
		return nil, fmt.Errorf("line 1: the header row cannot be read: %v", unwrapCSV(err))
	}
	cols := map[string]int{}
	for i, h := range header {
		if k := colKey(h); k != "" {
			if _, dup := cols[k]; dup {
				return nil, fmt.Errorf("line 1: the column %q appears twice", h)
			}
			cols[k] = i
		}
	}
	return &csvRows{r: r, cols: cols, header: append([]string(nil), header...)}, nil
}

// next returns the next row, or an error for a row that is malformed (with
// its line), or io.EOF.
func (c *csvRows) next() (row, error) {
	fields, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				return row{line: pe.StartLine}, fmt.Errorf("line %d: has %d fields, the header has %d", pe.StartLine, len(fields), len(c.header))
			}
			return row{line: pe.StartLine}, fmt.Errorf("line %d: %v", pe.StartLine, pe.Err)
		}
		return row{}, err
	}
	line, _ := c.r.FieldPos(0)
	return row{line: line, cols: c.cols, fields: fields}, nil
}

func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// lined marks a record read from a CSV file as numbered by line.
func lined(rec civic.ImportRecord, err error) (civic.ImportRecord, error) {
	rec.Line = true
	return rec, err
}

// csvReader reads each row of a CSV file as a record with fn; a malformed
// row is rejected with its line.
func csvReader(rows *csvRows, fn func(r row) civic.ImportRecord) Reader {
	return csvLines(func() (civic.ImportRecord, error) {
		r, err := rows.next()
		if err == io.EOF {
			return civic.ImportRecord{}, io.EOF
		}
		if err != nil {
			if r.line == 0 {
				return civic.ImportRecord{}, err
			}
			return badRecord(r.line, "%s", strings.TrimPrefix(err.Error(), fmt.Sprintf("line %d: ", r.line))), nil
		}
		return fn(r), nil
	})
}
