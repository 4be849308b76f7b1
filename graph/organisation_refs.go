package graph

import (
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
