package graph

import (
	"context"
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// partnersCollaborations looks ahead from an organisation's collaborations
// field for edges { partner { collaborations(...) } }, the partners' own
// collaborations. When the operation asks for them once and without a
// filter, it returns their page arguments, so that both levels can be read
// in one round trip instead of one per level.
func partnersCollaborations(ctx context.Context) (civic.PageArgs, bool) {
	oc := graphql.GetOperationContext(ctx)
	var found []graphql.CollectedField
	for _, edges := range graphql.CollectFieldsCtx(ctx, []string{"OrganisationCollaborationConnection"}) {
		if edges.Name != "edges" {
			continue
		}
		for _, partner := range graphql.CollectFields(oc, edges.Selections, []string{"OrganisationCollaborationEdge"}) {
			if partner.Name != "partner" {
				continue
			}
			for _, f := range graphql.CollectFields(oc, partner.Selections, []string{"Organisation", "Node"}) {
				if f.Name == "collaborations" {
					found = append(found, f)
				}
			}
		}
	}
	if len(found) != 1 {
		return civic.PageArgs{}, false
	}
	args := found[0].ArgumentMap(oc.Variables)
	if args["filter"] != nil {
		return civic.PageArgs{}, false
	}
	var p civic.PageArgs
	var ok1, ok2, ok3, ok4 bool
	p.First, ok1 = intArg(args["first"])
	p.Last, ok2 = intArg(args["last"])
	p.After, ok3 = stringArg(args["after"])
	p.Before, ok4 = stringArg(args["before"])
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return civic.PageArgs{}, false
	}
	// Arguments in error are left to the partners' own field to report.
	if _, err := p.Window(); err != nil {
		return civic.PageArgs{}, false
	}
	return p, true
}

// intArg reads an optional Int argument as the resolver would receive it.
func intArg(v any) (*int, bool) {
	var n int64
	switch x := v.(type) {
	case nil:
		return nil, true
	case int:
		n = int64(x)
	case int64:
		n = x
	case float64:
		n = int64(x)
		if float64(n) != x {
			return nil, false
		}
	case json.Number:
		var err error
		if n, err = x.Int64(); err != nil {
			return nil, false
		}
	default:
		return nil, false
	}
	i := int(n)
	return &i, true
}

// stringArg reads an optional String argument.
func stringArg(v any) (*string, bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case string:
		return &x, true
	}
	return nil, false
}
