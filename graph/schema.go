package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/civicgraph/civicgraph/graph/generated"
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
)

// NewSchema returns the executable schema over the store, with query
// complexity that grows with page sizes: a list field costs its children's
// complexity times the number of items it may return.
func NewSchema(store civic.Store, opts ...Option) graphql.ExecutableSchema {
	r := &Resolver{Store: store, PartnerWeights: discovery.DefaultWeights()}
	for _, o := range opts {
		o(r)
	}
	c := generated.Config{Resolvers: r}
	cx := &c.Complexity

	cx.Query.Organisations = func(child int, _ *civic.OrganisationFilter, _ *civic.Order, first *int, _ *string, last *int, _ *string) int {
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
	cx.Query.Collaborations = func(child int, _ *civic.CollaborationFilter, first *int, _ *string, last *int, _ *string) int {
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
	return generated.NewExecutableSchema(c)
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
// items, each costing child.
func listCost(child int, first, last *int) int {
	n := civic.DefaultPageSize
	switch {
	case first != nil:
		n = *first
	case last != nil:
		n = *last
	}
	return 1 + max(n, 1)*child
}
