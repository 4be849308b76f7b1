package graph

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/graph/generated"
	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
)

// Helpers of the registers' resolvers (recommendation, champion, listing,
// space, story and strengths .resolvers.go).

// fetched registers the items of a top-level page as siblings, so that
// their nested fields are fetched together. (Child pages are registered by
// their loaders, all parents' pages as one group.)
func fetched[T any](ctx context.Context, p civic.Page[*T]) civic.Page[*T] {
	loader.Register(loader.For(ctx), p.Items)
	return p
}

// connect builds the connection of a page.
func connect[T, E, C any](p civic.Page[*T], err error, edge func(cursor string, node *T) E, conn func(edges []E, info *model.PageInfo, total int) C) (C, error) {
	if err != nil {
		var zero C
		return zero, err
	}
	e, info := edges(p, edge)
	return conn(e, info, p.Total), nil
}

func recommendationConnection(p civic.Page[*civic.Recommendation], err error) (*model.RecommendationConnection, error) {
	return connect(p, err, func(c string, n *civic.Recommendation) *model.RecommendationEdge {
		return &model.RecommendationEdge{Cursor: c, Node: n}
	},
		func(e []*model.RecommendationEdge, info *model.PageInfo, total int) *model.RecommendationConnection {
			return &model.RecommendationConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

func contributionConnection(p civic.Page[*civic.Contribution], err error) (*model.ContributionConnection, error) {
	return connect(p, err, func(c string, n *civic.Contribution) *model.ContributionEdge {
		return &model.ContributionEdge{Cursor: c, Node: n}
	},
		func(e []*model.ContributionEdge, info *model.PageInfo, total int) *model.ContributionConnection {
			return &model.ContributionConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

func championConnection(p civic.Page[*civic.Champion], err error) (*model.ChampionConnection, error) {
	return connect(p, err, func(c string, n *civic.Champion) *model.ChampionEdge { return &model.ChampionEdge{Cursor: c, Node: n} },
		func(e []*model.ChampionEdge, info *model.PageInfo, total int) *model.ChampionConnection {
			return &model.ChampionConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

func introductionConnection(p civic.Page[*civic.Introduction], err error) (*model.IntroductionConnection, error) {
	return connect(p, err, func(c string, n *civic.Introduction) *model.IntroductionEdge {
		return &model.IntroductionEdge{Cursor: c, Node: n}
	},
		func(e []*model.IntroductionEdge, info *model.PageInfo, total int) *model.IntroductionConnection {
			return &model.IntroductionConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

func listingConnection(p civic.Page[*civic.Listing], err error) (*model.ListingConnection, error) {
	return connect(p, err, func(c string, n *civic.Listing) *model.ListingEdge { return &model.ListingEdge{Cursor: c, Node: n} },
		func(e []*model.ListingEdge, info *model.PageInfo, total int) *model.ListingConnection {
			return &model.ListingConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

func spaceNeedConnection(p civic.Page[*civic.SpaceNeed], err error) (*model.SpaceNeedConnection, error) {
	return connect(p, err, func(c string, n *civic.SpaceNeed) *model.SpaceNeedEdge {
		return &model.SpaceNeedEdge{Cursor: c, Node: n}
	},
		func(e []*model.SpaceNeedEdge, info *model.PageInfo, total int) *model.SpaceNeedConnection {
			return &model.SpaceNeedConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

func storyConnection(p civic.Page[*civic.Story], err error) (*model.StoryConnection, error) {
	return connect(p, err, func(c string, n *civic.Story) *model.StoryEdge { return &model.StoryEdge{Cursor: c, Node: n} },
		func(e []*model.StoryEdge, info *model.PageInfo, total int) *model.StoryConnection {
			return &model.StoryConnection{Edges: e, PageInfo: info, TotalCount: total}
		})
}

// preloadAreas fetches areas in one round trip, so that the area fields of
// per-area summaries, which have no IDs of their own to group siblings by,
// are answered from the cache.
func preloadAreas(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := loader.For(ctx).Area.LoadAll(ctx, ids, nil)
	return err
}

// ptrs returns pointers to the items of a slice.
func ptrs[T any](in []T) []*T {
	out := make([]*T, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func init() {
	complexities = append(complexities, func(cx *generated.ComplexityRoot) {
		cx.Query.Recommendations = func(child int, _ *civic.RecommendationFilter, _ *civic.RecommendationOrder, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.Contributions = func(child int, _ *civic.ContributionFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		// One row per area of the scope: the city's wards, or fewer.
		cx.Query.ContributionsByArea = func(child int, _ *string, _ *civic.AreaKind, _ []string) int { return 1 + 100*child }
		cx.Query.Champions = func(child int, _ *civic.ChampionFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.ChampionsNear = func(child int, _ civic.Place, _ *float64, _ []string, first *int) int {
			return listCost(child, first, nil)
		}
		cx.Query.Introductions = func(child int, _ *civic.IntroductionFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.Listings = func(child int, _ *civic.ListingFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.AvailableSpace = func(child int, _ civic.Place, _ *float64, _ *int, _ []civic.SpaceUse, _ []civic.Weekday, _ []civic.TimeOfDay, first *int) int {
			return listCost(child, first, nil)
		}
		cx.Query.SpaceNeeds = func(child int, _ *civic.SpaceNeedFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.SharedBuildings = func(child int, _ *civic.SharedBuildingFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.Stories = func(child int, _ *civic.StoryFilter, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.WhatWorked = func(child int, _ string, _ string, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Query.StoriesForReview = pagedCost
		cx.Query.Strengths = func(child int, _ *string, _ *civic.AreaKind, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.Recommendation.Contributions = pagedCost
		cx.Recommendation.Stories = pagedCost
		cx.Organisation.Contributions = pagedCost
		cx.Champion.Introductions = pagedCost
		cx.SpaceNeed.Matches = func(child int, first *int) int { return listCost(child, first, nil) }
		// A building has a handful of rooms.
		cx.Asset.Rooms = func(child int) int { return 1 + 10*child }
	})
}

// dayOr returns the day given, or today.
func dayOr(d *time.Time) time.Time {
	if d != nil {
		return *d
	}
	return time.Now()
}

// registerMatches registers the spaces found by a search as siblings.
func registerMatches(ctx context.Context, found []civic.SpaceMatch) []*civic.SpaceMatch {
	assets := make([]*civic.Asset, len(found))
	for i, m := range found {
		assets[i] = m.Asset
	}
	loader.Register(loader.For(ctx), assets)
	return ptrs(found)
}
