package neo4j

import "github.com/civicgraph/civicgraph/internal/civic"

// The registers (recommendation.go, contribution.go, champion.go,
// introduction.go, listing.go, space.go, spaceneed.go, story.go,
// strengths.go) are implemented by the same Store.
var _ civic.Registers = (*Store)(nil)
