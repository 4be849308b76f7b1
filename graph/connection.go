package graph

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
)

func pageArgs(first *int, after *string, last *int, before *string) civic.PageArgs {
	return civic.PageArgs{First: first, After: after, Last: last, Before: before}
}

// edges maps a page's items to connection edges, and returns its PageInfo.
func edges[T, E any](p civic.Page[T], edge func(cursor string, item T) E) ([]E, *model.PageInfo) {
	out := make([]E, len(p.Items))
	for i, item := range p.Items {
		out[i] = edge(p.Cursor(i), item)
	}
	info := &model.PageInfo{HasNextPage: p.HasNext(), HasPreviousPage: p.HasPrevious()}
	if n := len(p.Items); n > 0 {
		start, end := p.Cursor(0), p.Cursor(n-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return out, info
}

func organisationConnection(ctx context.Context, p civic.Page[*civic.Organisation], err error) (*model.OrganisationConnection, error) {
	if err != nil {
		return nil, err
	}
	loader.Register(loader.For(ctx), p.Items)
	e, info := edges(p, func(c string, o *civic.Organisation) *model.OrganisationEdge {
		return &model.OrganisationEdge{Cursor: c, Node: o}
	})
	return &model.OrganisationConnection{Edges: e, PageInfo: info, TotalCount: p.Total}, nil
}

// deletion reports a soft delete.
func deletion(id string, deletedAt *time.Time) *model.Deletion {
	return &model.Deletion{ID: id, DeletedAt: value(deletedAt)}
}

// loadOptional loads by key, or returns nil for an empty key.
func loadOptional[T any](ctx context.Context, b *loader.Batch[*T], key string, siblings func() []string) (*T, error) {
	if key == "" {
		return nil, nil
	}
	return b.Load(ctx, key, siblings)
}

// loadRequired loads by key and fails if the node is missing, which only
// happens when it was deleted while the request ran.
func loadRequired[T any](ctx context.Context, b *loader.Batch[*T], kind civic.EntityKind, key string, siblings func() []string) (*T, error) {
	v, err := b.Load(ctx, key, siblings)
	if err == nil && v == nil {
		return nil, civic.NotFound(kind, key)
	}
	return v, err
}

// loadAll loads by keys, leaving out keys that are missing.
func loadAll[T any](ctx context.Context, b *loader.Batch[*T], keys []string, siblings func() []string) ([]*T, error) {
	if len(keys) == 0 {
		return []*T{}, nil
	}
	items, err := b.LoadAll(ctx, keys, siblings)
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(items))
	for _, it := range items {
		if it != nil {
			out = append(out, it)
		}
	}
	return out, nil
}

func value[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
