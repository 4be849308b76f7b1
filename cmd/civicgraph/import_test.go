package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/config"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

// runCommand runs the command line in-process against the test Neo4j and
// returns what it printed and its error.
func runCommand(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	a := &app{v: config.New()}
	root := a.rootCommand()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(append(args, "--neo4j-uri", neo4jtest.URI(t), "--log-level", "error"))
	err = root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

// emptyDatabase clears the test database.
func emptyDatabase(t *testing.T) bolt.DriverWithContext {
	t.Helper()
	d := neo4jtest.Driver(t)
	neo4jtest.Reset(t, d)
	return d
}

func countOf(t *testing.T, d bolt.DriverWithContext, cypher string) int64 {
	t.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), d, cypher, nil, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(neo4jtest.Database))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

func TestImportCommands(t *testing.T) {
	d := emptyDatabase(t)
	out, _, err := runCommand(t, "import", "csv", "../../examples/organisations.csv", "--source", "council-register", "--actor", "tester")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "7 created, 0 updated, 0 unchanged, 0 rejected") {
		t.Fatalf("summary %q", out)
	}
	out, _, err = runCommand(t, "import", "csv", "../../examples/organisations.csv", "--source", "council-register")
	if err != nil || !strings.Contains(out, "0 created, 0 updated, 7 unchanged, 0 rejected") {
		t.Fatalf("second run: %q %v", out, err)
	}
	if n := countOf(t, d, "MATCH (o:Organisation {source: 'council-register', createdBy: 'tester'}) RETURN count(o)"); n != 3 {
		t.Fatalf("%d organisations from the register", n)
	}

	// Bad rows are reported with their line and reason; the good one lands.
	out, errOut, err := runCommand(t, "import", "csv", "../../internal/importer/testdata/malformed/bad-values.csv")
	if err == nil || !strings.Contains(err.Error(), "10 records were rejected") {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(out, "1 created, 0 updated, 0 unchanged, 10 rejected") ||
		!strings.Contains(errOut, `bad-values.csv: line 2: invalid input: kind: "guild" is not an organisation kind`) {
		t.Fatalf("output %q\n%q", out, errOut)
	}

	// --strict stops at the first bad row.
	_, _, err = runCommand(t, "import", "csv", "--strict", "../../internal/importer/testdata/malformed/bad-values.csv")
	if err == nil {
		t.Fatal("a strict import of a bad file succeeded")
	}

	// 360Giving, JSON and CSV.
	out, errOut, _ = runCommand(t, "import", "360giving", "../../internal/importer/testdata/360giving/grants.json", "../../internal/importer/testdata/360giving/grants.csv")
	if !strings.Contains(out, "grants.json: 3 created, 0 updated, 0 unchanged, 2 rejected") || !strings.Contains(out, "grants.csv: 2 created") {
		t.Fatalf("360giving: %q %q", out, errOut)
	}
	if n := countOf(t, d, "MATCH ()-[f:FUNDED]->() RETURN count(f)"); n != 5 {
		t.Fatalf("%d grants", n)
	}
	// Open Referral UK, a data package directory and a JSON file.
	out, errOut, _ = runCommand(t, "import", "hsds", "../../internal/importer/testdata/hsds/package", "../../internal/importer/testdata/hsds/services.json")
	if !strings.Contains(out, "package: 3 created, 3 updated, 0 unchanged, 4 rejected") || !strings.Contains(errOut, "package: locations.csv: line 5: \"north\" is not a number") ||
		!strings.Contains(out, "services.json: 2 created, 0 updated, 0 unchanged, 1 rejected") || !strings.Contains(errOut, "services.json: record 3: service \"svc-3\" has no organization") {
		t.Fatalf("hsds: %q %q", out, errOut)
	}
	// Both registers again: nothing changes.
	out, _, _ = runCommand(t, "import", "360giving", "../../internal/importer/testdata/360giving/grants.json")
	if !strings.Contains(out, "0 created, 0 updated, 3 unchanged, 2 rejected") {
		t.Fatalf("360giving again: %q", out)
	}
	out, _, _ = runCommand(t, "import", "hsds", "../../internal/importer/testdata/hsds/package", "../../internal/importer/testdata/hsds/services.json")
	if !strings.Contains(out, "package: 0 created, 0 updated, 6 unchanged, 4 rejected") || !strings.Contains(out, "services.json: 0 created, 0 updated, 2 unchanged, 1 rejected") {
		t.Fatalf("hsds again: %q", out)
	}
	// The food bank came from three registers and is still one.
	if n := countOf(t, d, "MATCH (o:Organisation) WHERE o.orgId = 'GB-CHC-1164883' RETURN count(o)"); n != 1 {
		t.Fatalf("%d food banks", n)
	}
}

func TestExportCommand(t *testing.T) {
	emptyDatabase(t)
	if _, _, err := runCommand(t, "import", "json", "../../examples/records.json"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	first := filepath.Join(dir, "first.json")
	if _, errOut, err := runCommand(t, "export", "data", "--format", "json", "--output", first); err != nil || !strings.Contains(errOut, "exported 11 records") {
		t.Fatalf("%v %q", err, errOut)
	}
	csvDir := filepath.Join(dir, "csv")
	if _, _, err := runCommand(t, "export", "data", "--format", "csv", "--output", csvDir); err != nil {
		t.Fatal(err)
	}
	orgs, err := os.ReadFile(filepath.Join(csvDir, "organisations.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(orgs)), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], "type,id,name,kind,orgId,identifiers") {
		t.Fatalf("organisations.csv:\n%s", orgs)
	}
	// The CSV files import back into an empty database as they were.
	emptyDatabase(t)
	var files []string
	for _, k := range []string{"themes", "areas", "organisations", "people", "assets", "partnerships", "collaborations", "fundings", "memberships", "stewardships", "affiliations"} {
		files = append(files, filepath.Join(csvDir, k+".csv"))
	}
	if out, errOut, err := runCommand(t, append([]string{"import", "csv"}, files...)...); err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, errOut)
	}
	second := filepath.Join(dir, "second.json")
	if _, _, err := runCommand(t, "export", "data", "--output", second); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if !bytes.Equal(a, b) {
		t.Fatalf("JSON export, CSV export, CSV import, JSON export: not the same\n%s\n%s", a, b)
	}
	if _, _, err := runCommand(t, "export", "data", "--format", "xml"); err == nil {
		t.Fatal("an unknown format was accepted")
	}
}
