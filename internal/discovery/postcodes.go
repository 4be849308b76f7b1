package discovery

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A postcode table is a CSV file in the layout of the ONS Postcode
// Directory (ONSPD): a header row naming the columns, then one row per
// postcode. Only three columns are read, found by name: the postcode
// (pcds, pcd, pcd2, pcd7, pcd8 or postcode), its latitude (lat or latitude)
// and its longitude (long, longitude, lon or lng). Other columns are
// ignored, so the full ONSPD and a three-column extract both work.
//
// ONSPD gives postcodes that have no grid reference the latitude 99.999999;
// such rows, and rows with empty coordinates, are skipped and counted.

var (
	postcodeColumns  = []string{"pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode"}
	latitudeColumns  = []string{"lat", "latitude"}
	longitudeColumns = []string{"long", "longitude", "lon", "lng"}
)

// noGridLatitude is ONSPD's latitude for a postcode without coordinates.
const noGridLatitude = 99.999999

// PostcodeTable reads a postcode table. Its rows can be read more than
// once, each time from the start, so that an import can be retried.
type PostcodeTable struct {
	open func() (io.ReadCloser, error)
	// Skipped is how many rows without coordinates the last complete
	// reading skipped.
	Skipped int
}

// PostcodeFile returns the table in the file at path.
func PostcodeFile(path string) *PostcodeTable {
	return &PostcodeTable{open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// PostcodeText returns the table held in a string, for tests and small tables.
func PostcodeText(s string) *PostcodeTable {
	return &PostcodeTable{open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(s)), nil }}
}

// Rows yields the table's postcodes, normalised, streaming the file. The
// first malformed row ends the rows with a BAD_USER_INPUT error naming its
// line.
func (t *PostcodeTable) Rows() iter.Seq2[civic.Postcode, error] {
	return func(yield func(civic.Postcode, error) bool) {
		f, err := t.open()
		if err != nil {
			yield(civic.Postcode{}, err)
			return
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.ReuseRecord = true
		header, err := r.Read()
		if err != nil {
			yield(civic.Postcode{}, lineError(err))
			return
		}
		cols, err := columns(header)
		if err != nil {
			yield(civic.Postcode{}, err)
			return
		}
		skipped := 0
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				t.Skipped = skipped
				return
			}
			if err != nil {
				yield(civic.Postcode{}, lineError(err))
				return
			}
			line, _ := r.FieldPos(0)
			pc, ok, err := parseRow(rec, cols, line)
			if err != nil {
				yield(civic.Postcode{}, err)
				return
			}
			if !ok {
				skipped++
				continue
			}
			if !yield(pc, nil) {
				return
			}
		}
	}
}

// columnIndexes are the positions of the columns read.
type columnIndexes struct{ postcode, lat, lon int }

func columns(header []string) (columnIndexes, error) {
	find := func(names []string) int {
		for _, name := range names {
			for i, h := range header {
				h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
				if h == name {
					return i
				}
			}
		}
		return -1
	}
	c := columnIndexes{find(postcodeColumns), find(latitudeColumns), find(longitudeColumns)}
	var missing []string
	for _, m := range []struct {
		i     int
		names []string
	}{{c.postcode, postcodeColumns}, {c.lat, latitudeColumns}, {c.lon, longitudeColumns}} {
		if m.i < 0 {
			missing = append(missing, strings.Join(m.names, " or "))
		}
	}
	if len(missing) > 0 {
		return c, civic.Errorf(civic.CodeBadUserInput, "line 1: the header has no column %s", strings.Join(missing, ", nor "))
	}
	return c, nil
}

// parseRow reads one row; ok is false for a row without coordinates.
func parseRow(rec []string, c columnIndexes, line int) (pc civic.Postcode, ok bool, err error) {
	bad := func(format string, args ...any) error {
		return civic.Errorf(civic.CodeBadUserInput, "line %d: %s", line, fmt.Sprintf(format, args...))
	}
	code, valid := civic.NormalisePostcode(rec[c.postcode])
	if !valid {
		return pc, false, bad("%q is not a UK postcode", rec[c.postcode])
	}
	latText, lonText := strings.TrimSpace(rec[c.lat]), strings.TrimSpace(rec[c.lon])
	if latText == "" || lonText == "" {
		return pc, false, nil
	}
	lat, err := strconv.ParseFloat(latText, 64)
	if err != nil {
		return pc, false, bad("latitude %q is not a number", latText)
	}
	lon, err := strconv.ParseFloat(lonText, 64)
	if err != nil {
		return pc, false, bad("longitude %q is not a number", lonText)
	}
	if lat == noGridLatitude {
		return pc, false, nil
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return pc, false, bad("coordinates %s, %s are out of range", latText, lonText)
	}
	return civic.Postcode{Postcode: code, Location: civic.GeoPoint{Latitude: lat, Longitude: lon}}, true, nil
}

// lineError reports a CSV error with its line.
func lineError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return civic.Errorf(civic.CodeBadUserInput, "line %d: %s", pe.Line, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return civic.Errorf(civic.CodeBadUserInput, "the file is empty: want a header row naming the postcode, lat and long columns")
	}
	return fmt.Errorf("reading the postcode table: %w", err)
}
