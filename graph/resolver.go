// Package graph is the GraphQL edge of civicgraph: thin resolvers that turn
// arguments into domain calls and domain results into connections. They hold
// no Cypher and no business rules; nested fields go through loaders so that
// they are batched.
package graph

//go:generate go tool gqlgen generate

import (
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/network"
)

// Resolver is the root resolver; its fields are the services resolvers use.
type Resolver struct {
	Store civic.Store
	// Network computes and caches network metrics over Store.
	NetworkService *network.Service
	// PartnerWeights score partner suggestions unless a request overrides them.
	PartnerWeights discovery.Weights
}
