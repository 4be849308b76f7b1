package graph

import (
	"context"

	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/internal/civic"
)

// The store reads an organisation's area and themes along with it. The
// first time one organisation's area or themes are asked for, these hand
// the areas and themes of it and all its siblings to the loaders, as if
// fetched together: asking for them costs no round trip, and their own
// fields (an area's parent) are still batched across all of them.

func primeAreas(l *loader.Loaders, obj *civic.Organisation) {
	if obj.Area == nil || l.Area.Cached(obj.AreaID) {
		return
	}
	areas := map[string]*civic.Area{obj.AreaID: obj.Area}
	for _, o := range loader.SiblingsOf[civic.Organisation](l, obj.ID) {
		if o.Area != nil {
			areas[o.AreaID] = o.Area
		}
	}
	l.Area.Prime(areas)
}

func primeThemes(l *loader.Loaders, obj *civic.Organisation) {
	fresh := false
	for _, t := range obj.ThemeList {
		fresh = fresh || !l.Theme.Cached(t.Slug)
	}
	if !fresh {
		return
	}
	themes := map[string]*civic.Theme{}
	for _, o := range append(loader.SiblingsOf[civic.Organisation](l, obj.ID), obj) {
		for _, t := range o.ThemeList {
			themes[t.Slug] = t
		}
	}
	l.Theme.Prime(themes)
}

// whole returns the organisation itself, or, if the store read it slim
// (without area and themes, see civic.Organisation.Slim), the organisation
// read again by ID, with its slim siblings in the same round trip. It is
// nil if the organisation has been deleted since.
func whole(ctx context.Context, l *loader.Loaders, obj *civic.Organisation) (*civic.Organisation, error) {
	if !obj.Slim {
		return obj, nil
	}
	return l.Organisation.Load(ctx, obj.ID, loader.Siblings(l, obj.ID, func(o *civic.Organisation) []string {
		if o.Slim {
			return []string{o.ID}
		}
		return nil
	}))
}

// organisationWithNetwork reads an organisation with its collaborations
// and its partners' in one round trip, and hands the levels to the loaders
// that the collaborations fields will ask.
func (r *queryResolver) organisationWithNetwork(ctx context.Context, l *loader.Loaders, id string, p civic.PageArgs, next civic.NextLevel) (*civic.Organisation, error) {
	o, page, partners, err := r.Store.FindOrganisationWithCollaborations(ctx, id, civic.CollaborationFilter{}, p, next)
	if err != nil || o == nil {
		return nil, err
	}
	l.Organisation.Prime(map[string]*civic.Organisation{id: o})
	l.CollaborationsWithPartners.Prime(loader.WithPartners{Next: next}, p, map[string]civic.Page[civic.CollaborationWithPartner]{id: page})
	l.CollaborationsOfFor(next.SlimNextPartners).Prime(civic.CollaborationFilter{}, next.Page, partners)
	return o, nil
}
