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
// in one round trip instead of one per level, and which levels' partners
// may be read without their area and themes.
func partnersCollaborations(ctx context.Context) (civic.NextLevel, bool) {
	oc := graphql.GetOperationContext(ctx)
	partners := partnersOf(oc, graphql.CollectFieldsCtx(ctx, []string{"OrganisationCollaborationConnection"}))
	if len(partners) != 1 {
		return civic.NextLevel{}, false
	}
	return nextLevel(oc, partners[0])
}

// slimPartners looks ahead from an organisation's collaborations field and
// reports whether the partners may be read without their area and themes.
func slimPartners(ctx context.Context) bool {
	oc := graphql.GetOperationContext(ctx)
	return slim(oc, partnersOf(oc, graphql.CollectFieldsCtx(ctx, []string{"OrganisationCollaborationConnection"})))
}

// organisationCollaborations looks ahead from the organisation field for
// collaborations { edges { partner { collaborations } } }, both unfiltered
// and asked once, and returns the page arguments of both levels: the
// organisation and two levels of its network can then be read at once.
func organisationCollaborations(ctx context.Context) (p civic.PageArgs, next civic.NextLevel, ok bool) {
	oc := graphql.GetOperationContext(ctx)
	cols := fieldsNamed(graphql.CollectFieldsCtx(ctx, []string{"Organisation", "Node"}), "collaborations")
	if len(cols) != 1 {
		return p, next, false
	}
	if p, ok = pageArgsOf(cols[0].ArgumentMap(oc.Variables)); !ok {
		return p, next, false
	}
	partners := partnersOf(oc, graphql.CollectFields(oc, cols[0].Selections, []string{"OrganisationCollaborationConnection"}))
	if len(partners) != 1 {
		return p, next, false
	}
	next, ok = nextLevel(oc, partners[0])
	return p, next, ok
}

// nextLevel reads, from the partner field of the first level, the page
// arguments of the partners' own collaborations, and whether either
// level's partners are asked for their area or themes.
func nextLevel(oc *graphql.OperationContext, partner graphql.CollectedField) (civic.NextLevel, bool) {
	found := fieldsNamed(graphql.CollectFields(oc, partner.Selections, organisationTypes), "collaborations")
	if len(found) != 1 {
		return civic.NextLevel{}, false
	}
	page, ok := pageArgsOf(found[0].ArgumentMap(oc.Variables))
	if !ok {
		return civic.NextLevel{}, false
	}
	next := partnersOf(oc, graphql.CollectFields(oc, found[0].Selections, []string{"OrganisationCollaborationConnection"}))
	return civic.NextLevel{Page: page, SlimPartners: slim(oc, []graphql.CollectedField{partner}), SlimNextPartners: slim(oc, next)}, true
}

// organisationTypes are the types whose fragments apply to an organisation.
var organisationTypes = []string{"Organisation", "Node"}

// partnersOf returns the partner fields under a collaboration connection's
// edges.
func partnersOf(oc *graphql.OperationContext, connection []graphql.CollectedField) []graphql.CollectedField {
	var partners []graphql.CollectedField
	for _, edges := range fieldsNamed(connection, "edges") {
		partners = append(partners, fieldsNamed(graphql.CollectFields(oc, edges.Selections, []string{"OrganisationCollaborationEdge"}), "partner")...)
	}
	return partners
}

// fieldsNamed returns the fields of the given name.
func fieldsNamed(fields []graphql.CollectedField, name string) []graphql.CollectedField {
	var out []graphql.CollectedField
	for _, f := range fields {
		if f.Name == name {
			out = append(out, f)
		}
	}
	return out
}

// slim reports whether none of the partner fields asks for an
// organisation's area or themes, which can then be left unread (a slim
// organisation still answers them, at the cost of a round trip).
func slim(oc *graphql.OperationContext, partners []graphql.CollectedField) bool {
	for _, p := range partners {
		for _, f := range graphql.CollectFields(oc, p.Selections, organisationTypes) {
			if f.Name == "area" || f.Name == "themes" {
				return false
			}
		}
	}
	return true
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
