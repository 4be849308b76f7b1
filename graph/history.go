package graph

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/graph/generated"
	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
)

func init() {
	complexities = append(complexities, func(cx *generated.ComplexityRoot) {
		cx.Query.History = func(child int, _ string, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.StaleRecords = func(child int, _ time.Time, _ []civic.EntityKind, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.DuplicateCandidates = func(child int, _ *float64, first *int) int { return listCost(child, first, nil) }
		cx.Organisation.History = pagedCost
		cx.Person.History = pagedCost
		cx.Asset.History = pagedCost
		cx.Partnership.History = pagedCost
		cx.Area.History = pagedCost
		cx.Theme.History = pagedCost
		cx.Collaboration.History = pagedCost
	})
}

// historyOf resolves the history field of an object, batched over its siblings.
func historyOf[P any](ctx context.Context, obj *P, id string, first *int, after *string, last *int, before *string) (*model.ChangeConnection, error) {
	p, err := loader.Children(ctx, loader.For(ctx).Memory.History, obj, id, loader.ID[P], struct{}{}, pageArgs(first, after, last, before))
	return changeConnection(p, err)
}

func changeConnection(p civic.Page[*civic.Change], err error) (*model.ChangeConnection, error) {
	if err != nil {
		return nil, err
	}
	e, info := edges(p, func(c string, ch *civic.Change) *model.ChangeEdge { return &model.ChangeEdge{Cursor: c, Node: ch} })
	return &model.ChangeConnection{Edges: e, PageInfo: info, TotalCount: p.Total}, nil
}

// organisationAsOf fetches an organisation as it was, registering it so
// that its nested fields are batched like any other.
func organisationAsOf(ctx context.Context, s civic.Store, id string, at time.Time) (*civic.Organisation, error) {
	o, err := s.FindOrganisationAsOf(ctx, id, at)
	if err != nil || o == nil {
		return nil, err
	}
	loader.Register(loader.For(ctx), []*civic.Organisation{o})
	return o, nil
}

// preloadNodes fetches the nodes with the given IDs, one round trip per
// kind, so that resolving each afterwards hits the loaders' caches.
func preloadNodes(ctx context.Context, ids []string) error {
	done := map[civic.EntityKind]bool{}
	for _, id := range ids {
		k, _ := civic.KindOfID(id)
		if !done[k] {
			done[k] = true
			if _, err := loadNode(ctx, id, ids); err != nil {
				return err
			}
		}
	}
	return nil
}
