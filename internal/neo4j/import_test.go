package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

// importFile imports a fixture with the reader open makes and returns the summary.
func importFile(t *testing.T, s *neo4j.Store, path, dataset string, strict bool, open func(*os.File) (importer.Reader, error)) civic.ImportSummary {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := open(f)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := importer.Run(civic.WithActor(context.Background(), "tester"), s, r, importer.Options{Dataset: dataset, Strict: strict, Batch: 3})
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return sum
}

func ownCSV(f *os.File) (importer.Reader, error) { return importer.OwnCSV(f) }

func rejectedNums(sum civic.ImportSummary) map[int]string {
	out := map[int]string{}
	for _, r := range sum.Rejections {
		out[r.Num] = r.Reason
	}
	return out
}

func TestImportIsIdempotent(t *testing.T) {
	s := openStore(t)
	sum := importFile(t, s, "../../examples/organisations.csv", "council", false, ownCSV)
	if sum.Created != 7 || sum.Rejected != 0 {
		t.Fatalf("first import: %+v", sum)
	}
	// The example's collaboration names GB-COH-01234567 while the
	// organisation was given as GB-COH-1234567: one identifier.
	if n := count(t, s, "MATCH (:Organisation {orgId: 'GB-COH-01234567'})-[:COLLABORATES_WITH]-(:Organisation {orgId: 'GB-CHC-1164883'}) RETURN count(*)"); n != 1 {
		t.Fatalf("%d collaborations through the padded company number", n)
	}
	before := graphSize(t, s)
	sum = importFile(t, s, "../../examples/organisations.csv", "council", false, ownCSV)
	if sum.Unchanged != 7 || sum.Created+sum.Updated+sum.Rejected != 0 {
		t.Fatalf("second import: %+v", sum)
	}
	if after := graphSize(t, s); after != before {
		t.Fatalf("re-importing changed the graph: %v -> %v", before, after)
	}
	if n := count(t, s, "MATCH (o:Organisation) RETURN count(o)"); n != 3 {
		t.Fatalf("%d organisations, want 3", n)
	}
	// Every node and edge the import wrote says where it came from, when and by whom.
	if n := count(t, s, `MATCH (o:Organisation) WHERE o.source <> 'council' OR o.createdBy <> 'tester' OR o.updatedAt IS NULL RETURN count(o)`); n != 0 {
		t.Fatalf("%d organisations without provenance", n)
	}
	if n := count(t, s, `MATCH ()-[c:COLLABORATES_WITH]->() WHERE c.source <> 'council' OR c.updatedBy <> 'tester' RETURN count(c)`); n != 0 {
		t.Fatalf("%d collaborations without provenance", n)
	}
}

func TestImportUpdatesAndRecordsChanges(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	importFile(t, s, "../../examples/organisations.csv", "council", false, ownCSV)
	changed := strings.NewReplacer("A food bank run by volunteers", "A food bank and advice centre").Replace(readFile(t, "../../examples/organisations.csv"))
	path := writeTemp(t, "changed.csv", changed)
	sum := importFile(t, s, path, "council-2026", false, ownCSV)
	if sum.Updated != 1 || sum.Unchanged != 6 {
		t.Fatalf("re-import with one change: %+v", sum)
	}
	page, err := s.FindOrganisations(ctx, civic.OrganisationFilter{OrgID: ptr("GB-CHC-1164883")}, nil, civic.PageArgs{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("%v %v", page, err)
	}
	o := page.Items[0]
	if o.Description != "A food bank and advice centre" || o.Source != "council-2026" {
		t.Fatalf("after the update: %q from %q", o.Description, o.Source)
	}
	hist, err := s.HistoryOf(ctx, []string{o.ID}, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	h := hist[0]
	if h.Total != 2 || h.Items[0].Op != civic.OpUpdate || h.Items[1].Op != civic.OpCreate {
		t.Fatalf("history %+v", h)
	}
	upd := h.Items[0]
	if upd.Source != "council-2026" || upd.Actor != "tester" || len(upd.Fields) != 1 || upd.Fields[0].Field != "description" ||
		*upd.Fields[0].Old != `"A food bank run by volunteers"` || *upd.Fields[0].New != `"A food bank and advice centre"` {
		t.Fatalf("the update recorded %+v", upd)
	}
}

func TestImportMatchesByIdentifier(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// Known to the city with its company number in full.
	known := createOrg(t, s, "Balsall Heath Tech", civic.OrgSocialEnterprise, "")
	if _, err := s.UpdateOrganisation(ctx, known.ID, civic.OrganisationInput{OrgID: ptr("GB-COH-1234567")}); err != nil {
		t.Fatal(err)
	}
	sum := importFile(t, s, "../importer/testdata/360giving/grants.json", "grants", false, func(f *os.File) (importer.Reader, error) {
		return importer.Giving360JSON(f, "grants")
	})
	if sum.Created != 3 || sum.Rejected != 2 {
		t.Fatalf("summary %+v", sum)
	}
	rej := rejectedNums(sum)
	if !strings.Contains(rej[4], "individuals") || !strings.Contains(rej[5], "amountAwarded") {
		t.Fatalf("rejections %v", rej)
	}
	// The grant to GB-COH-1234567 went to the known organisation, which
	// kept its name: a grant names its recipient, it does not describe it.
	if n := count(t, s, "MATCH (o:Organisation) WHERE o.orgId = 'GB-COH-01234567' RETURN count(o)"); n != 1 {
		t.Fatalf("%d organisations with the company number", n)
	}
	got, _ := s.FindOrganisationByID(ctx, known.ID)
	if got.Name != "Balsall Heath Tech" {
		t.Fatalf("a grant renamed the recipient to %q", got.Name)
	}
	if n := count(t, s, "MATCH (:Organisation {orgId: 'GB-CHC-1000147'})-[f:FUNDED {grantId: '360G-examplefund-2024-002'}]->(o:Organisation {orgId: 'GB-COH-01234567'}) WHERE f.amount = 4999.5 AND f.awardDate = date('2024-06-15') RETURN count(f)"); n != 1 {
		t.Fatalf("%d FUNDED edges to the known organisation", n)
	}
	// Funder created once for three grants; four organisations in all.
	if n := count(t, s, "MATCH (o:Organisation) RETURN count(o)"); n != 4 {
		t.Fatalf("%d organisations, want 4", n)
	}
	ids, err := s.IdentifiersOf(ctx, []string{known.ID})
	if err != nil || len(ids[0]) != 1 || ids[0][0].ID != "GB-COH-01234567" {
		t.Fatalf("identifiers %v %v", ids, err)
	}
}

func TestImportRejectsBadRecordsWhole(t *testing.T) {
	s := openStore(t)
	sum := importFile(t, s, "../importer/testdata/hsds/package", "dir", false, func(*os.File) (importer.Reader, error) {
		return importer.HSDSDir("../importer/testdata/hsds/package", "dir")
	})
	// The nameless term, the nameless organisation, the location of an
	// unknown organisation and the location with a bad latitude, each
	// named by its file and line.
	want := []string{
		"taxonomy_terms.csv: line 4: term \"t-empty\" has no name",
		"organizations.csv: line 4: invalid input: name: must not be blank",
		"locations.csv: line 4: organisation src:dir:org-9 is not known",
		"locations.csv: line 5: \"north\" is not a number",
	}
	var got []string
	for _, r := range sum.Rejections {
		got = append(got, r.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || sum.Created != 6 {
		t.Fatalf("rejections\n%s\nwant\n%s\n(summary %+v)", strings.Join(got, "\n"), strings.Join(want, "\n"), sum)
	}
	if n := count(t, s, "MATCH (a:Asset) RETURN count(a)"); n != 2 {
		t.Fatalf("%d assets, want 2 (loc-1, loc-2)", n)
	}
	if n := count(t, s, "MATCH (:Organisation {orgId: 'GB-CHC-1164883'})-[:STEWARDS {role: 'uses'}]->(a:Asset {postcode: 'B11 4BW'}) RETURN count(a)"); n != 1 {
		t.Fatalf("the food bank's hall: %d", n)
	}
	if n := count(t, s, "MATCH (:Organisation {orgId: 'GB-CHC-1164883'})-[:HAS_THEME]->(:Theme {slug: 'food'}) RETURN count(*)"); n != 1 {
		t.Fatalf("the food bank's theme from its service: %d", n)
	}
}

func TestImportNeverHalfWrites(t *testing.T) {
	s := openStore(t)
	// A service whose second location has half a location: the whole
	// record (organisation, theme, assets) is rejected.
	path := writeTemp(t, "services.json", `[{"id": "svc", "organization": {"id": "o1", "name": "Half Written Group"},
  "service_taxonomys": [{"taxonomy": {"id": "t", "name": "Gardening"}}],
  "service_at_locations": [{"location": {"id": "l1", "name": "Good", "latitude": 52.1, "longitude": -1.9}},
                           {"location": {"id": "l2", "name": "Bad", "latitude": 52.1}}]}]`)
	before := graphSize(t, s)
	sum := importFile(t, s, path, "dir", false, func(f *os.File) (importer.Reader, error) { return importer.HSDSJSON(f, "dir") })
	if sum.Rejected != 1 || !strings.Contains(sum.Rejections[0].Reason, "latitude and longitude") {
		t.Fatalf("summary %+v", sum)
	}
	if after := graphSize(t, s); after != before {
		t.Fatalf("a rejected record wrote something: %v -> %v", before, after)
	}
}

func TestImportRetriesToFindTheCulprit(t *testing.T) {
	s := openStore(t)
	// A rule only the database knows (no two websites alike) makes it
	// refuse a batch: its records are retried alone, and only the culprit
	// is rejected.
	exec(t, s, "CREATE CONSTRAINT test_unique_website IF NOT EXISTS FOR (n:Organisation) REQUIRE n.website IS UNIQUE")
	t.Cleanup(func() { exec(t, s, "DROP CONSTRAINT test_unique_website IF EXISTS") })
	path := writeTemp(t, "orgs.csv", `name,kind,orgId,website
First,charity,GB-CHC-1500001,https://same.example.org
Second,charity,GB-CHC-1500002,https://other.example.org
Third,charity,GB-CHC-1500003,https://same.example.org
`)
	sum := importFile(t, s, path, "t", false, ownCSV)
	if sum.Created != 2 || sum.Rejected != 1 || sum.Rejections[0].Num != 4 || !strings.Contains(sum.Rejections[0].Reason, "database refused") {
		t.Fatalf("summary %+v", sum)
	}
	if n := count(t, s, "MATCH (o:Organisation) WHERE o.name IN ['First', 'Second'] RETURN count(o)"); n != 2 {
		t.Fatalf("%d good records landed", n)
	}
}

func TestImportStrictStopsAtFirstError(t *testing.T) {
	s := openStore(t)
	path := writeTemp(t, "orgs.csv", `name,kind,orgId
First,charity,GB-CHC-1600001
Second,guild,GB-CHC-1600002
Third,charity,GB-CHC-1600003
`)
	sum := importFile(t, s, path, "t", true, ownCSV)
	if sum.Created != 1 || sum.Rejected != 1 || sum.Rejections[0].Num != 3 {
		t.Fatalf("summary %+v", sum)
	}
	if n := count(t, s, "MATCH (o:Organisation) RETURN count(o)"); n != 1 {
		t.Fatalf("%d organisations written, want only the one before the error", n)
	}
}

func TestImportMalformedValues(t *testing.T) {
	s := openStore(t)
	sum := importFile(t, s, "../importer/testdata/malformed/bad-values.csv", "t", false, ownCSV)
	rej := rejectedNums(sum)
	want := map[int]string{2: "guild", 3: "postcode", 4: "latitude and longitude", 5: "latitude", 6: "org-id", 7: "no-such-theme",
		8: "widget", 9: "31/02/2024", 10: "itself", 11: "friendship"}
	for num, reason := range want {
		if !strings.Contains(rej[num], reason) {
			t.Errorf("line %d: rejected for %q, want a reason saying %q", num, rej[num], reason)
		}
	}
	if sum.Created != 1 || sum.Rejected != len(want) {
		t.Fatalf("summary %+v", sum)
	}
}

// importRows imports CSV rows of civicgraph's own format with the given
// batch size and number of workers.
func importRows(t *testing.T, s *neo4j.Store, rows []string, batch, workers int) civic.ImportSummary {
	t.Helper()
	header := "type,slug,name,kind,orgId,postcode,themes,from,to,intensity,since\n"
	r, err := importer.OwnCSV(strings.NewReader(header + strings.Join(rows, "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := importer.Run(civic.WithActor(context.Background(), "tester"), s, r, importer.Options{Dataset: "register", Batch: batch, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// collaborationPairs lists every collaboration by its organisations' org-ids.
func collaborationPairs(t *testing.T, s *neo4j.Store) []string {
	t.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), s.Driver(), `MATCH (a:Organisation)-[r:COLLABORATES_WITH]->(b:Organisation)
RETURN a.orgId + ' ' + b.orgId + ' ' + r.intensity + ' ' + toString(r.since) AS pair ORDER BY pair`, nil,
		bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rec := range res.Records {
		out = append(out, rec.Values[0].(string))
	}
	return out
}

func TestImportWritesBatchesAtOnceAsIfOneAfterAnother(t *testing.T) {
	// Organisations, each round followed at once by collaborations between
	// them and the earlier rounds' organisations, some named the other way
	// round again a few lines later: batches of three written four at a
	// time must give what one transaction gives.
	rows := []string{"theme,food,Food,,,,,,,,", "theme,youth,Youth,,,,,,,,"}
	orgID := func(i int) string { return fmt.Sprintf("GB-CHC-%d", 3000000+i) }
	n := 0
	for round := 0; round < 6; round++ {
		first := n
		for i := 0; i < 7; i++ {
			rows = append(rows, fmt.Sprintf("organisation,,Group %d,charity,%s,B%d 1AA,food;youth,,,,", n, orgID(n), 1+n%9))
			n++
		}
		for i := 0; i < 9; i++ {
			a, b := first+i%7, (first+i*5+3)%n
			if a == b {
				b = (b + 1) % n
			}
			rows = append(rows, fmt.Sprintf("collaboration,,,,,,,%s,%s,cooperation,2021-0%d-01", orgID(a), orgID(b), 1+i%3))
			if i%3 == 0 {
				rows = append(rows, fmt.Sprintf("collaboration,,,,,,,%s,%s,coordination,2021-0%d-01", orgID(b), orgID(a), 1+i%3))
			}
		}
	}
	s := openStore(t)
	one := importRows(t, s, rows, len(rows), 1)
	wantPairs, wantSize := collaborationPairs(t, s), graphSize(t, s)
	if one.Rejected != 0 || len(wantPairs) == 0 {
		t.Fatalf("in one transaction: %+v, %d collaborations", one, len(wantPairs))
	}

	s = openStore(t)
	sum := importRows(t, s, rows, 3, 4)
	if sum.Rejected != 0 || sum.Created != one.Created || sum.Updated != one.Updated {
		t.Fatalf("four batches at once: %+v, one transaction: %+v", sum, one)
	}
	if got := collaborationPairs(t, s); !slices.Equal(got, wantPairs) {
		t.Fatalf("collaborations differ:\n%v\nwant\n%v", got, wantPairs)
	}
	if got := graphSize(t, s); got[0] != wantSize[0] || got[1] != wantSize[1] {
		t.Fatalf("graph size %v, want %v", got, wantSize)
	}
}
