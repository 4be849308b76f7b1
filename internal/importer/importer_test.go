package importer_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
)

// readAll reads every record of a file with the reader open makes.
func readAll(t *testing.T, path string, open func(io.Reader) (importer.Reader, error)) ([]civic.ImportRecord, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := open(f)
	if err != nil {
		return nil, err
	}
	return drain(r)
}

func drain(r importer.Reader) ([]civic.ImportRecord, error) {
	var out []civic.ImportRecord
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

func errText(r civic.ImportRecord) string {
	if r.Err == nil {
		return ""
	}
	return r.Err.Error()
}

func TestGiving360JSON(t *testing.T) {
	recs, err := readAll(t, "testdata/360giving/grants.json", func(in io.Reader) (importer.Reader, error) { return importer.Giving360JSON(in, "grants") })
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("%d records, want 5", len(recs))
	}
	first := recs[0]
	if first.Err != nil || first.Num != 1 || !first.Partial {
		t.Fatalf("first grant: num %d, err %v", first.Num, first.Err)
	}
	f := first.Fundings[0]
	if f.GrantID != "360G-examplefund-2024-001" || f.Amount != 12500 || f.Currency != "GBP" || f.Programme != "Holiday Hunger" ||
		f.AwardDate.Format("2006-01-02") != "2024-03-31" || f.Funder.Identifiers[0] != "GB-CHC-1000147" || f.Recipient.Identifiers[0] != "GB-CHC-1164883" {
		t.Fatalf("first grant mapped to %+v", f)
	}
	if o := first.Organisations[1]; !o.IfNew || o.Kind != civic.OrgCharity || o.Postcode != "B11 4BW" {
		t.Fatalf("recipient mapped to %+v", o)
	}
	// The quirks: an amount written as text with a pound sign and a
	// comma, a day-first date, a company number without its leading zero.
	second := recs[1]
	if second.Err != nil {
		t.Fatal(second.Err)
	}
	if g := second.Fundings[0]; g.Amount != 4999.5 || g.AwardDate.Format("2006-01-02") != "2024-06-15" {
		t.Fatalf("second grant: amount %v, date %v", g.Amount, g.AwardDate)
	}
	if o := second.Organisations[1]; o.OrgID != "GB-COH-01234567" || o.Kind != civic.OrgSocialEnterprise {
		t.Fatalf("company recipient: orgId %q kind %q, want GB-COH-01234567", o.OrgID, o.Kind)
	}
	if got := recs[2].Organisations[1].Identifiers; len(got) != 1 || got[0] != "src:360G-examplefund-org-77" {
		t.Fatalf("a 360Giving-only recipient ID became %v", got)
	}
	if !strings.Contains(errText(recs[3]), "individuals") {
		t.Fatalf("a grant to an individual: %v", recs[3].Err)
	}
	if !strings.Contains(errText(recs[4]), "amountAwarded") {
		t.Fatalf("a grant with no amount: %v", recs[4].Err)
	}
}

func TestGiving360CSV(t *testing.T) {
	recs, err := readAll(t, "testdata/360giving/grants.csv", func(in io.Reader) (importer.Reader, error) { return importer.Giving360CSV(in, "grants") })
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	if recs[0].Err != nil || recs[0].Num != 2 {
		t.Fatalf("line 2: %v (num %d)", recs[0].Err, recs[0].Num)
	}
	if g := recs[0].Fundings[0]; g.Amount != 2500 || g.AwardDate.Format("2006-01-02") != "2024-04-01" || g.Programme != "Small Grants" {
		t.Fatalf("line 2 mapped to %+v", g)
	}
	if o := recs[0].Organisations[1]; o.Postcode != "B11 4BW" || o.OrgID != "GB-CHC-1164883" {
		t.Fatalf("line 2 recipient %+v", o)
	}
	// A recipient known only by a company number with its zeros intact.
	if o := recs[1].Organisations[1]; recs[1].Err != nil || o.OrgID != "GB-COH-00456789" {
		t.Fatalf("line 3 recipient %+v (%v)", o, recs[1].Err)
	}
	if recs[2].Num != 4 || !strings.Contains(errText(recs[2]), "31/13/2023") {
		t.Fatalf("line 4: %v", recs[2].Err)
	}
	if !strings.Contains(errText(recs[3]), "identifier") {
		t.Fatalf("line 5: %v", recs[3].Err)
	}
}

func TestHSDSJSON(t *testing.T) {
	recs, err := readAll(t, "testdata/hsds/services.json", func(in io.Reader) (importer.Reader, error) { return importer.HSDSJSON(in, "dir") })
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	r := recs[0]
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	o := r.Organisations[0]
	if o.Name != "Sparkhill Food Bank" || o.OrgID != "GB-CHC-1164883" || o.Identifiers[0] != "src:dir:org-1" || o.AreaID != "E05011118" {
		t.Fatalf("organisation %+v", o)
	}
	if strings.Join(o.Themes, ",") != "food,poverty-hardship" || len(r.Themes) != 2 {
		t.Fatalf("themes %v", o.Themes)
	}
	// Two locations: one with an address, one without (a quirk of real
	// directories): both are kept, the second with no postcode.
	if len(r.Assets) != 2 || r.Assets[0].Postcode != "B11 4BW" || r.Assets[0].Location == nil || r.Assets[1].Postcode != "" || r.Assets[1].Location != nil {
		t.Fatalf("assets %+v", r.Assets)
	}
	if len(r.Links) != 2 || r.Links[0].Rel != civic.RelStewardship || r.Links[0].To.ID != r.Assets[0].ID {
		t.Fatalf("links %+v", r.Links)
	}
	if o := recs[1].Organisations[0]; o.OrgID != "" || o.Kind != civic.OrgCommunityGroup {
		t.Fatalf("an organisation with no registration number: %+v", o)
	}
	if !strings.Contains(errText(recs[2]), "no organization") {
		t.Fatalf("a service without organisation: %v", recs[2].Err)
	}
}

func TestHSDSDir(t *testing.T) {
	r, err := importer.HSDSDir("testdata/hsds/package", "dir")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := drain(r)
	if err != nil {
		t.Fatal(err)
	}
	// 3 terms, 3 organisations, 4 locations.
	if len(recs) != 10 {
		t.Fatalf("%d records, want 10", len(recs))
	}
	if recs[0].Themes[0].Slug != "food" || recs[1].Themes[0].Slug != "digital-inclusion" || !strings.Contains(errText(recs[2]), "no name") {
		t.Fatalf("terms: %+v %+v %v", recs[0].Themes, recs[1].Themes, recs[2].Err)
	}
	org2 := recs[4].Organisations[0]
	if org2.OrgID != "GB-COH-01234567" || strings.Join(org2.Themes, ",") != "digital-inclusion" {
		t.Fatalf("org-2: %+v", org2)
	}
	if err := recs[5].Organisations[0].Validate(); recs[5].Num != 4 || err == nil || !strings.Contains(err.Error(), "name") {
		t.Fatalf("org-3 (no name): num %d, %v", recs[5].Num, err)
	}
	loc2 := recs[7]
	if loc2.Err != nil || loc2.Assets[0].Postcode != "" || loc2.Links[0].From.Identifiers[0] != "src:dir:org-2" {
		t.Fatalf("loc-2 (owner through its service, bad postcode dropped): %+v %v", loc2.Assets, loc2.Err)
	}
	if !strings.Contains(errText(recs[9]), "north") {
		t.Fatalf("loc-4: %v", recs[9].Err)
	}
}

func TestOwnFormatExamples(t *testing.T) {
	recs, err := readAll(t, filepath.Join("..", "..", "examples", "organisations.csv"), importer.OwnCSV)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Err != nil {
			t.Fatalf("line %d: %v", r.Num, r.Err)
		}
	}
	if len(recs) != 7 || recs[2].Num != 4 {
		t.Fatalf("%d records", len(recs))
	}
	o := recs[2].Organisations[0]
	if o.Postcode != "b11 4bw" || o.Location == nil || o.LastVerified.Format("2006-01-02") != "2025-11-01" || o.Identifiers[0] != "GB-COH-9876543" {
		t.Fatalf("organisation %+v", o)
	}
	c := recs[5].Collaborations[0]
	if c.Since.Format("2006-01-02") != "2024-06-01" || c.To.Identifiers[0] != "GB-COH-01234567" || c.Intensity != civic.IntensityCoordination {
		t.Fatalf("collaboration %+v", c)
	}
	recs, err = readAll(t, filepath.Join("..", "..", "examples", "records.json"), importer.OwnJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 11 {
		t.Fatalf("%d JSON records", len(recs))
	}
	for _, r := range recs {
		if r.Err != nil {
			t.Fatalf("record %d: %v", r.Num, r.Err)
		}
	}
	if l := recs[6].Links[0]; l.Rel != civic.RelMembership || l.To.ID != "prt_example-food-network" || l.Role != "lead" {
		t.Fatalf("membership %+v", l)
	}
}

func TestMalformedFiles(t *testing.T) {
	own := map[string]func(io.Reader) (importer.Reader, error){".csv": importer.OwnCSV, ".json": importer.OwnJSON}
	tests := []struct {
		file     string
		openErr  string         // the file cannot be read at all
		readErr  string         // reading stops part-way
		rejected map[int]string // record number -> part of the reason
		good     int            // records read without error
	}{
		{file: "empty.csv", openErr: "empty"},
		{file: "duplicate-header.csv", openErr: "appears twice"},
		{file: "bad-quote.csv", rejected: map[int]string{2: "quote"}, good: 1},
		{file: "field-count.csv", rejected: map[int]string{2: "fields"}, good: 1},
		{file: "bom.csv", good: 1},
		{file: "bad-values.csv", rejected: map[int]string{
			5: "latitude", 8: "widget", 9: "31/02/2024", 4: "both latitude and longitude",
		}, good: 7},
		{file: "truncated.json", readErr: "record 3", good: 2},
		{file: "not-a-list.json", openErr: "list of records"},
		{file: "scalar.json", openErr: "list of records"},
		{file: "bad-records.json", rejected: map[int]string{1: "colour", 2: "themes", 3: "number"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, err := readAll(t, filepath.Join("testdata", "malformed", tt.file), own[filepath.Ext(tt.file)])
			if tt.openErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.openErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.openErr)
				}
				return
			}
			if tt.readErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.readErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.readErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			good := 0
			for _, r := range recs {
				want, bad := tt.rejected[r.Num]
				switch {
				case bad && (r.Err == nil || !strings.Contains(r.Err.Error(), want)):
					t.Errorf("record %d: error %v, want one saying %q", r.Num, r.Err, want)
				case !bad && r.Err == nil:
					good++
				}
			}
			if good != tt.good {
				t.Errorf("%d good records, want %d", good, tt.good)
			}
		})
	}
}
