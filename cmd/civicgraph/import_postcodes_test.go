package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

// postcodes counts the postcodes stored.
func postcodes(t *testing.T, d bolt.DriverWithContext) int64 {
	t.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), d, "MATCH (p:Postcode) RETURN count(p)", nil, bolt.EagerResultTransformer,
		bolt.ExecuteQueryWithDatabase(neo4jtest.Database))
	if err != nil {
		t.Fatal(err)
	}
	return res.Records[0].Values[0].(int64)
}

// runCaptured runs the command line and returns its exit code and what it
// wrote to standard error.
func runCaptured(t *testing.T, args ...string) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	code := run(context.Background(), args)
	os.Stderr = stderr
	_ = w.Close()
	out, _ := io.ReadAll(r)
	return code, string(out)
}

func TestImportPostcodesCommand(t *testing.T) {
	d := neo4jtest.Driver(t)
	neo4jtest.Reset(t, d)
	dir := t.TempDir()
	good := filepath.Join(dir, "onspd.csv")
	bad := filepath.Join(dir, "bad.csv")
	must(t, os.WriteFile(good, []byte("pcd,pcds,lat,long\nB114BW,B11 4BW,52.4515,-1.8600\nB5 4BU,b5 4bu,52.4712,-1.8901\nZZ999ZZ,ZZ99 9ZZ,99.999999,0.000000\n"), 0o600))
	must(t, os.WriteFile(bad, []byte("pcds,lat,long\nB6 4AA,52.5,-1.9\nB6 4AB,fifty-two,-1.9\n"), 0o600))
	uri := "--neo4j-uri=" + neo4jtest.URI(t)

	if code, out := runCaptured(t, "import", "postcodes", good, uri); code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	if n := postcodes(t, d); n != 2 {
		t.Fatalf("stored %d postcodes, want 2", n)
	}
	code, out := runCaptured(t, "import", "postcodes", bad, uri, "--log-level=error")
	if code != 1 || !strings.Contains(out, `line 3: latitude "fifty-two" is not a number`) {
		t.Errorf("exit %d, %q; want 1 and the line of the bad row", code, out)
	}
	if n := postcodes(t, d); n != 2 {
		t.Errorf("a failed import changed the table: %d postcodes", n)
	}
	if code, _ := runCaptured(t, "import", "postcodes", uri); code == 0 {
		t.Error("no file given, yet the command succeeded")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
