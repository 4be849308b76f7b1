package neo4j_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// resetStore empties the database and migrates it again.
func resetStore(t *testing.T, s *neo4j.Store) {
	t.Helper()
	neo4jtest.Reset(t, s.Driver())
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// exec runs Cypher directly, for set-up the API does not offer.
func exec(t *testing.T, s *neo4j.Store, cypher string) {
	t.Helper()
	if _, err := bolt.ExecuteQuery(context.Background(), s.Driver(), cypher, nil, bolt.EagerResultTransformer,
		bolt.ExecuteQueryWithDatabase(s.Database())); err != nil {
		t.Fatal(err)
	}
}
