package neo4jtest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

// noMainEnv makes TestMain skip neo4jtest.Main, to check what happens to
// a package that forgot it.
const noMainEnv = "NEO4JTEST_TEST_NO_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(noMainEnv) != "" {
		os.Exit(m.Run())
	}
	neo4jtest.Main(m)
}

func query(t *testing.T, driver neo4j.DriverWithContext, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(neo4jtest.Database))
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return res.Records
}

func count(t *testing.T, driver neo4j.DriverWithContext, cypher string) int64 {
	t.Helper()
	recs := query(t, driver, cypher, nil)
	n, _, err := neo4j.GetRecordValue[int64](recs[0], "n")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDriver(t *testing.T) {
	driver := neo4jtest.Driver(t)
	if n := count(t, driver, "RETURN 1 AS n"); n != 1 {
		t.Fatalf("RETURN 1 gave %d", n)
	}
	if a, b := neo4jtest.URI(t), neo4jtest.URI(t); a != b {
		t.Fatalf("URI changed between calls: %s, %s", a, b)
	}
}

func TestReset(t *testing.T) {
	driver := neo4jtest.Driver(t)
	query(t, driver, "CREATE CONSTRAINT reset_probe_id IF NOT EXISTS FOR (p:ResetProbe) REQUIRE p.id IS UNIQUE", nil)
	query(t, driver, "CREATE INDEX reset_probe_name IF NOT EXISTS FOR (p:ResetProbe) ON (p.name)", nil)
	// More nodes than one batch, with relationships between them.
	query(t, driver, `
		UNWIND range(1, 25000) AS i
		CREATE (p:ResetProbe {id: i, name: 'p' + i})
		WITH p, i WHERE i > 1
		MATCH (q:ResetProbe {id: i - 1})
		CREATE (p)-[:NEXT]->(q)`, nil)
	if n := count(t, driver, "MATCH (n) RETURN count(n) AS n"); n < 25000 {
		t.Fatalf("set-up made %d nodes", n)
	}

	neo4jtest.Reset(t, driver)

	if n := count(t, driver, "MATCH (n) RETURN count(n) AS n"); n != 0 {
		t.Errorf("%d nodes left after Reset", n)
	}
	if n := count(t, driver, "MATCH ()-[r]->() RETURN count(r) AS n"); n != 0 {
		t.Errorf("%d relationships left after Reset", n)
	}
	if n := count(t, driver, "SHOW CONSTRAINTS YIELD name WHERE name = 'reset_probe_id' RETURN count(*) AS n"); n != 1 {
		t.Errorf("constraint gone after Reset")
	}
	if n := count(t, driver, "SHOW INDEXES YIELD name WHERE name = 'reset_probe_name' RETURN count(*) AS n"); n != 1 {
		t.Errorf("index gone after Reset")
	}
	// Resetting an empty graph is fine too.
	neo4jtest.Reset(t, driver)
}

func TestURIFromEnvironment(t *testing.T) {
	t.Setenv(neo4jtest.URIEnv, "bolt://db.invalid:7687")
	if got := neo4jtest.URI(t); got != "bolt://db.invalid:7687" {
		t.Fatalf("URI = %q", got)
	}
}

// runChild runs one test of this binary in a child process with extra
// environment, and returns its combined output. The child is expected to
// fail.
func runChild(t *testing.T, test string, env ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("%s passed in the child; want a failure:\n%s", test, out)
	}
	if strings.Contains(string(out), "--- SKIP") {
		t.Fatalf("%s skipped in the child; want a failure:\n%s", test, out)
	}
	return string(out)
}

// TestChildUnreachable and TestChildNoMain only do something when run by
// the tests below, in a child process.
func TestChildUnreachable(t *testing.T) {
	if os.Getenv("NEO4JTEST_TEST_CHILD") == "" {
		return
	}
	neo4jtest.Driver(t)
}

func TestChildNoMain(t *testing.T) {
	if os.Getenv("NEO4JTEST_TEST_CHILD") == "" {
		return
	}
	neo4jtest.URI(t)
}

func TestUnreachableServerFails(t *testing.T) {
	out := runChild(t, "TestChildUnreachable", "NEO4JTEST_TEST_CHILD=1",
		neo4jtest.URIEnv+"=bolt://127.0.0.1:1")
	if !strings.Contains(out, "cannot reach Neo4j at bolt://127.0.0.1:1") {
		t.Fatalf("child output lacks the reason:\n%s", out)
	}
}

func TestMissingMainFails(t *testing.T) {
	out := runChild(t, "TestChildNoMain", "NEO4JTEST_TEST_CHILD=1", noMainEnv+"=1", neo4jtest.URIEnv+"=")
	if !strings.Contains(out, "neo4jtest.Main(m)") {
		t.Fatalf("child output lacks the reason:\n%s", out)
	}
}
