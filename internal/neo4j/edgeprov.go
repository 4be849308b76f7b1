package neo4j

import "github.com/civicgraph/civicgraph/internal/civic"

// Provenance of the edges the registers create, as every node and edge
// carries it: newEdge for a mutation (with the parameter $source), and
// edgeOf for a loader's row (as row.edge).
const newEdge = "{source: $source, createdAt: datetime(), updatedAt: datetime()}"

func edgeOf(p civic.Provenance) map[string]any {
	return map[string]any{"source": p.Source, "createdAt": p.CreatedAt, "updatedAt": p.UpdatedAt}
}
