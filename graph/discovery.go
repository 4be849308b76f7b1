package graph

import (
	"context"

	"github.com/civicgraph/civicgraph/graph/generated"
	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
)

// WithSuggestionWeights sets the weights partner suggestions are scored with.
func WithSuggestionWeights(w discovery.Weights) Option {
	return func(r *Resolver) { r.PartnerWeights = w }
}

func init() {
	complexities = append(complexities, func(cx *generated.ComplexityRoot) {
		cx.Query.NearbyPartners = func(child int, _ civic.Near, _ float64, _ *civic.PartnerFilter, first *int, _ *string) int {
			return listCost(child, first, nil)
		}
		cx.Query.SuggestPartners = func(child int, _ string, first *int, _ *civic.SuggestionFilter, _ *discovery.WeightsInput) int {
			return sizedCost(child, first, civic.DefaultSuggestions)
		}
		cx.Query.MapFeatures = func(child int, _ model.MapWithinInput, _ *civic.PartnerFilter, first *int) int {
			return sizedCost(child, first, civic.DefaultMapFeatures)
		}
		cx.Query.Search = func(child int, _ string, _ []civic.ResultKind, _ *civic.SearchFilter, first *int) int {
			return sizedCost(child, first, civic.DefaultSearchHits)
		}
	})
}

// sizedCost is the cost of a list of up to first items (def when nil).
func sizedCost(child int, first *int, def int) int {
	n := def
	if first != nil {
		n = *first
	}
	return 1 + max(n, 1)*child
}

// placeNode returns the organisation or asset of a place.
func placeNode(p civic.Feature) model.Place {
	if p.Organisation != nil {
		return p.Organisation
	}
	return p.Asset
}

// registerPlaces records the organisations and the assets among places as
// two groups of siblings, so that their nested fields are batched.
func registerPlaces(ctx context.Context, places []civic.Feature) {
	var orgs []*civic.Organisation
	var assets []*civic.Asset
	for _, p := range places {
		if p.Organisation != nil {
			orgs = append(orgs, p.Organisation)
		} else {
			assets = append(assets, p.Asset)
		}
	}
	l := loader.For(ctx)
	loader.Register(l, orgs)
	loader.Register(l, assets)
}

// mapFeature describes a place on the map.
func mapFeature(p civic.Feature) *model.MapFeature {
	f := &model.MapFeature{Location: p.Location(), Node: placeNode(p)}
	if o := p.Organisation; o != nil {
		f.ID, f.Kind, f.Name = o.ID, civic.ResultOrganisation, o.Name
	} else {
		f.ID, f.Kind, f.Name = p.Asset.ID, civic.ResultAsset, p.Asset.Name
	}
	return f
}

// searchHit turns a store hit into its GraphQL form.
func searchHit(h civic.SearchHit) *model.SearchHit {
	out := &model.SearchHit{Score: h.Score}
	switch {
	case h.Organisation != nil:
		out.Kind, out.Node = civic.ResultOrganisation, h.Organisation
	case h.Asset != nil:
		out.Kind, out.Node = civic.ResultAsset, h.Asset
	case h.Partnership != nil:
		out.Kind, out.Node = civic.ResultPartnership, h.Partnership
	default:
		out.Kind, out.Node = civic.ResultPerson, h.Person
	}
	return out
}

// registerHits records the hits of each kind as siblings.
func registerHits(ctx context.Context, hits []civic.SearchHit) {
	var orgs []*civic.Organisation
	var assets []*civic.Asset
	var partnerships []*civic.Partnership
	var people []*civic.Person
	for _, h := range hits {
		switch {
		case h.Organisation != nil:
			orgs = append(orgs, h.Organisation)
		case h.Asset != nil:
			assets = append(assets, h.Asset)
		case h.Partnership != nil:
			partnerships = append(partnerships, h.Partnership)
		default:
			people = append(people, h.Person)
		}
	}
	l := loader.For(ctx)
	loader.Register(l, orgs)
	loader.Register(l, assets)
	loader.Register(l, partnerships)
	loader.Register(l, people)
}
