// Command civicgraph is the civicgraph service and its tools: serve the
// GraphQL API, migrate the database, load the demo city, run a managed local
// Neo4j. Run `civicgraph --help` for the commands and settings.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:]))
}
