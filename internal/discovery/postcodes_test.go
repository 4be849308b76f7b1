package discovery_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
)

// read returns every row of a table, or the error that ended it.
func read(t *testing.T, table *discovery.PostcodeTable) ([]civic.Postcode, error) {
	t.Helper()
	var out []civic.Postcode
	for pc, err := range table.Rows() {
		if err != nil {
			return out, err
		}
		out = append(out, pc)
	}
	return out, nil
}

func TestPostcodeTableInONSPDLayout(t *testing.T) {
	// The first columns of the ONS Postcode Directory, with its marker for
	// a postcode without a grid reference (lat 99.999999).
	csv := "\ufeffpcd,pcd2,pcds,dointr,doterm,lat,long\n" +
		"B1  1AA,B1   1AA,B1 1AA,198001,,52.478,-1.9032\n" +
		"B111AA,B11  1AA,b11 1aa,198001,200012,52.4521,-1.8612\n" +
		"B99 9ZZ,B99  9ZZ,B99 9ZZ,198001,,99.999999,0.000000\n"
	table := discovery.PostcodeText(csv)
	rows, err := read(t, table)
	if err != nil {
		t.Fatal(err)
	}
	want := []civic.Postcode{
		{Postcode: "B1 1AA", Location: civic.GeoPoint{Latitude: 52.478, Longitude: -1.9032}},
		{Postcode: "B11 1AA", Location: civic.GeoPoint{Latitude: 52.4521, Longitude: -1.8612}},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows = %+v, want %+v", rows, want)
	}
	if table.Skipped != 1 {
		t.Errorf("skipped %d, want 1", table.Skipped)
	}
	// The rows can be read again, from the start.
	again, err := read(t, table)
	if err != nil || len(again) != 2 {
		t.Errorf("second reading = %v, %v", again, err)
	}
}

func TestPostcodeTableColumnNames(t *testing.T) {
	for _, header := range []string{"postcode,latitude,longitude", "Postcode,Lat,Lng", "x,pcd8,y,lon,lat"} {
		t.Run(header, func(t *testing.T) {
			cols := strings.Split(header, ",")
			row := make([]string, len(cols))
			for i, c := range cols {
				switch strings.ToLower(c) {
				case "postcode", "pcd8":
					row[i] = "b5  4bu"
				case "latitude", "lat":
					row[i] = "52.47"
				case "longitude", "lng", "lon":
					row[i] = "-1.89"
				default:
					row[i] = "ignored"
				}
			}
			rows, err := read(t, discovery.PostcodeText(header+"\n"+strings.Join(row, ",")+"\n"))
			if err != nil || len(rows) != 1 || rows[0].Postcode != "B5 4BU" || rows[0].Location.Latitude != 52.47 || rows[0].Location.Longitude != -1.89 {
				t.Errorf("rows = %+v, %v", rows, err)
			}
		})
	}
}

func TestPostcodeTableMalformedRows(t *testing.T) {
	const header = "pcds,lat,long\n"
	tests := []struct {
		name, csv, want string
	}{
		{"not a postcode", header + "B1 1AA,52.4,-1.9\nNOT A CODE,52.4,-1.9\n", `line 3: "NOT A CODE" is not a UK postcode`},
		{"latitude", header + "B1 1AA,north,-1.9\n", `line 2: latitude "north" is not a number`},
		{"longitude", header + "B1 1AA,52.4,west\n", `line 2: longitude "west" is not a number`},
		{"out of range", header + "B1 1AA,52.4,-1.9\nB1 1AB,52.4,-1.9\nB1 1AD,95,-1.9\n", "line 4: coordinates 95, -1.9 are out of range"},
		{"missing field", header + "B1 1AA,52.4,-1.9\nB1 1AB,52.4\n", "line 3: wrong number of fields"},
		{"bad quoting", header + "\"B1 1AA,52.4,-1.9\n", "line 2"},
		{"no postcode column", "code,lat,long\nB1 1AA,52.4,-1.9\n", "line 1: the header has no column pcds or pcd or pcd2 or pcd7 or pcd8 or postcode"},
		{"no coordinates", "pcds\nB1 1AA\n", "nor long or longitude or lon or lng"},
		{"empty", "", "the file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := read(t, discovery.PostcodeText(tt.csv))
			if civic.ErrorCode(err) != civic.CodeBadUserInput || !strings.Contains(civic.ErrorMessage(err), tt.want) {
				t.Errorf("err = %v, want BAD_USER_INPUT containing %q", err, tt.want)
			}
		})
	}
}

func TestPostcodeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "onspd.csv")
	if err := os.WriteFile(path, []byte("pcds,lat,long\nB5 4BU,52.47,-1.89\nB6 4AA,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	table := discovery.PostcodeFile(path)
	rows, err := read(t, table)
	if err != nil || len(rows) != 1 || table.Skipped != 1 {
		t.Errorf("rows = %+v, skipped %d, %v", rows, table.Skipped, err)
	}
	if _, err := read(t, discovery.PostcodeFile(filepath.Join(t.TempDir(), "missing.csv"))); err == nil {
		t.Error("a missing file gave no error")
	}
}
