package graph

import (
	"context"

	"github.com/civicgraph/civicgraph/graph/generated"
	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/network"
)

func init() {
	complexities = append(complexities, func(cx *generated.ComplexityRoot) {
		cx.Subnetwork.Nodes = pagedCost
		cx.Subnetwork.Edges = pagedCost
		cx.NetworkMetrics.Organisations = func(child int, _ *model.MetricOrder, first *int, _ *string, last *int, _ *string) int {
			return listCost(child, first, last)
		}
		cx.NetworkMetrics.ArticulationPoints = pagedCost
		cx.NetworkMetrics.IsolatedOrganisations = pagedCost
		cx.NetworkMetrics.Communities = pagedCost
		cx.Community.Members = pagedCost
		cx.NetworkMetrics.TopBrokers = func(child int, first *int) int { return listCost(child, first, nil) }
		cx.Query.Paths = func(child int, _, _ string, k *int, _ *int, _ *civic.EdgeFilter) int { return listCost(child, k, nil) }
		// An ego network holds up to maxNodes nodes and their edges.
		cx.Query.Network = func(child int, _ string, _ *int, maxNodes *int, _ *civic.EdgeFilter) int {
			n := civic.DefaultEgoNodes
			if maxNodes != nil {
				n = *maxNodes
			}
			return 1 + child*max(1, n/10)
		}
	})
}

// registerPaths makes the nodes and edges of paths siblings, so that their
// nested fields (area, themes, entity, collaboration) are fetched together.
func registerPaths(ctx context.Context, paths []civic.Path) {
	var nodes []*civic.NetworkNode
	var edges []*civic.NetworkEdge
	for p := range paths {
		for i := range paths[p].Nodes {
			nodes = append(nodes, &paths[p].Nodes[i])
		}
		for i := range paths[p].Edges {
			edges = append(edges, &paths[p].Edges[i])
		}
	}
	loader.RegisterNetwork(loader.For(ctx), nodes, edges)
}

// pageOf slices an in-memory list as a connection page.
func pageOf[T any](all []T, a civic.PageArgs) (civic.Page[T], error) {
	w, err := a.Window()
	if err != nil {
		return civic.Page[T]{}, err
	}
	total := len(all)
	start, end := w.Skip, w.Skip+w.Limit
	if w.FromEnd {
		start, end = max(w.Skip, total-w.Limit), total
	}
	start, end = min(start, total), min(end, total)
	return civic.Page[T]{Items: all[start:end], Offset: start, Total: total}, nil
}

// metricsConnection pages through node indices as organisation metrics.
func metricsConnection(m *network.Metrics, indices []int, a civic.PageArgs) (*model.OrganisationMetricsConnection, error) {
	p, err := pageOf(indices, a)
	if err != nil {
		return nil, err
	}
	rows := model.MetricsRows(m, p.Items)
	e, info := edges(civic.Page[*model.OrganisationMetrics]{Items: rows, Offset: p.Offset, Total: p.Total}, func(c string, row *model.OrganisationMetrics) *model.OrganisationMetricsEdge {
		return &model.OrganisationMetricsEdge{Cursor: c, Node: row}
	})
	return &model.OrganisationMetricsConnection{Edges: e, PageInfo: info, TotalCount: p.Total}, nil
}

// organisationsOf pages through node indices as organisations, loaded in one batch.
func organisationsOf(ctx context.Context, m *network.Metrics, indices []int, a civic.PageArgs) (*model.OrganisationConnection, error) {
	p, err := pageOf(indices, a)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(p.Items))
	for i, n := range p.Items {
		ids[i] = m.Graph.Nodes[n].ID
	}
	orgs, err := loadAll(ctx, loader.For(ctx).Organisation, ids, nil)
	if err != nil {
		return nil, err
	}
	return organisationConnection(ctx, civic.Page[*civic.Organisation]{Items: orgs, Offset: p.Offset, Total: p.Total}, nil)
}

// metricsOrganisation loads the organisation of a metrics row together with
// the other rows of the same metrics that are being resolved.
func metricsOrganisation(ctx context.Context, obj *model.OrganisationMetrics) (*civic.Organisation, error) {
	l := loader.For(ctx)
	return loadRequired(ctx, l.Organisation, civic.KindOrganisation, obj.Metrics.Graph.Nodes[obj.Index].ID, func() []string { return obj.Siblings })
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func pointers[T any](in []T) []*T {
	out := make([]*T, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}

func bucketsOf(b []civic.CountBucket, err error) ([]*civic.CountBucket, error) {
	return pointers(b), err
}
