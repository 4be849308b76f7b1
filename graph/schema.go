package graph

import (
	"math"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/civicgraph/civicgraph/graph/generated"
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/network"
)

// NewSchema returns the executable schema over the store, with query
// complexity that grows with page sizes (a list field costs its children's
// complexity times the number of items it may return) and the access
// policy (policy.go) enforced on every field.
func NewSchema(store civic.Store, opts ...Option) graphql.ExecutableSchema {
	r := &Resolver{Store: store, PartnerWeights: discovery.DefaultWeights(),
		NetworkService: network.NewService(store, 0, network.Options{})}
	for _, o := range opts {
		o(r)
	}
	c := generated.Config{Resolvers: r}
	cx := &c.Complexity

	cx.Query.Nodes = func(child int, ids []string) int {
		n := len(ids)
		return listCost(child, &n, nil)
	}
	cx.Query.Organisations = func(child int, _ *civic.OrganisationFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string, _ *time.Time) int {
		return listCost(child, first, last)
	}
	cx.Query.People = func(child int, _ *civic.PersonFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Query.Assets = func(child int, _ *civic.AssetFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Query.Partnerships = func(child int, _ *civic.PartnershipFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Query.Areas = func(child int, _ *civic.AreaFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Query.Themes = func(child int, _ *civic.ThemeFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Query.Collaborations = func(child int, _ *civic.CollaborationFilter, first *int, _ *string, last *int, _ *string, _ *time.Time) int {
		return listCost(child, first, last)
	}
	cx.Organisation.Collaborations = func(child int, _ *civic.CollaborationFilter, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Organisation.Partnerships = pagedCost
	cx.Organisation.Assets = pagedCost
	cx.Organisation.People = pagedCost
	cx.Person.Organisations = pagedCost
	cx.Asset.Stewards = pagedCost
	cx.Partnership.Members = pagedCost
	cx.Area.Organisations = func(child int, _ *civic.OrganisationFilter, first *int, _ *string, last *int, _ *string) int {
		return listCost(child, first, last)
	}
	cx.Theme.Organisations = cx.Area.Organisations
	for _, set := range complexities {
		set(cx)
	}
	return guarded{generated.NewExecutableSchema(c)}
}

// Option configures the resolvers.
type Option func(*Resolver)

// complexities holds the complexity functions of each capability's list
// fields, registered from the file that resolves them.
var complexities []func(*generated.ComplexityRoot)

func pagedCost(child int, first *int, _ *string, last *int, _ *string) int {
	return listCost(child, first, last)
}

// listCost is the cost of a connection that returns up to first (or last)
// items, each costing child. It saturates instead of overflowing: a huge
// first must make a query too complex, never wrap round to a cheap one.
func listCost(child int, first, last *int) int {
	n := civic.DefaultPageSize
	switch {
	case first != nil:
		n = *first
	case last != nil:
		n = *last
	}
	n, child = max(n, 1), max(child, 1)
	if n > (maxCost-1)/child {
		return maxCost
	}
	return 1 + n*child
}

// maxCost is the cost of anything too expensive to count.
const maxCost = math.MaxInt32
