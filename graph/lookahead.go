package graph

import (
	"context"
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// partnersCollaborations looks ahead from an organisation's collaborations
// field for edges { partner { collaborations(...) } }, the partners' own
// collaborations. When the operation asks for them once and without a
// filter, it returns their page arguments, so that both levels can be read
// in one round trip instead of one per level.
func partnersCollaborations(ctx context.Context) (civic.PageArgs, bool) {
	oc := graphql.GetOperationContext(ctx)
	var partners []graphql.CollectedField
	for _, edges := range graphql.CollectFieldsCtx(ctx, []string{"OrganisationCollaborationConnection"}) {
		if edges.Name == "edges" {
			for _, f := range graphql.CollectFields(oc, edges.Selections, []string{"OrganisationCollaborationEdge"}) {
				if f.Name == "partner" {
					partners = append(partners, f)
				}
			}
		}
	}
	if len(partners) != 1 {
		return civic.PageArgs{}, false
	}
	return unfilteredCollaborations(oc, partners[0].Selections)
}

// organisationCollaborations looks ahead from the organisation field for
// collaborations { edges { partner { collaborations } } }, both unfiltered
// and asked once, and returns the page arguments of both levels: the
// organisation and two levels of its network can then be read at once.
func organisationCollaborations(ctx context.Context) (p, next civic.PageArgs, ok bool) {
	oc := graphql.GetOperationContext(ctx)
	var cols []graphql.CollectedField
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Organisation", "Node"}) {
		if f.Name == "collaborations" {
			cols = append(cols, f)
		}
	}
	if len(cols) != 1 {
		return p, next, false
	}
	if p, ok = pageArgsOf(cols[0].ArgumentMap(oc.Variables)); !ok {
		return p, next, false
	}
	var partners []graphql.CollectedField
	for _, edges := range graphql.CollectFields(oc, cols[0].Selections, []string{"OrganisationCollaborationConnection"}) {
		if edges.Name == "edges" {
			for _, f := range graphql.CollectFields(oc, edges.Selections, []string{"OrganisationCollaborationEdge"}) {
				if f.Name == "partner" {
					partners = append(partners, f)
				}
			}
		}
	}
	if len(partners) != 1 {
		return p, next, false
	}
	next, ok = unfilteredCollaborations(oc, partners[0].Selections)
	return p, next, ok
}

// unfilteredCollaborations finds the one collaborations field among an
// organisation's selections and returns its page arguments, unless it is
// asked more than once or with a filter.
func unfilteredCollaborations(oc *graphql.OperationContext, sel ast.SelectionSet) (civic.PageArgs, bool) {
	var found []graphql.CollectedField
	for _, f := range graphql.CollectFields(oc, sel, []string{"Organisation", "Node"}) {
		if f.Name == "collaborations" {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		return civic.PageArgs{}, false
	}
	return pageArgsOf(found[0].ArgumentMap(oc.Variables))
}

// pageArgsOf reads the page arguments of a list field with no filter.
func pageArgsOf(args map[string]any) (civic.PageArgs, bool) {
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
	// Arguments in error are left to the field itself to report.
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
