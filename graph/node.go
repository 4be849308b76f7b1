package graph

import (
	"context"
	"strings"

	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
)

// loadNode finds a node by global ID through the loader of its kind, which
// the ID's prefix names, fetching it together with the other IDs of that
// kind in siblings. It returns a nil interface (not a typed nil) when the
// node does not exist, so that the field is null.
func loadNode(ctx context.Context, id string, siblings []string) (model.Node, error) {
	kind, ok := civic.KindOfID(id)
	if !ok {
		return nil, civic.Errorf(civic.CodeBadUserInput, "%q is not a civicgraph ID", id)
	}
	l := loader.For(ctx)
	same := func() []string { return sameKind(siblings, kind) }
	switch kind {
	case civic.KindOrganisation:
		return asNode(l.Organisation.Load(ctx, id, same))
	case civic.KindPerson:
		return asNode(l.Person.Load(ctx, id, same))
	case civic.KindAsset:
		return asNode(l.Asset.Load(ctx, id, same))
	case civic.KindPartnership:
		return asNode(l.Partnership.Load(ctx, id, same))
	case civic.KindArea:
		return asNode(l.Area.Load(ctx, id, same))
	case civic.KindTheme:
		slugs := func() []string {
			ids := same()
			for i, id := range ids {
				ids[i] = strings.TrimPrefix(id, civic.ThemeID(""))
			}
			return ids
		}
		return asNode(l.Theme.Load(ctx, strings.TrimPrefix(id, civic.ThemeID("")), slugs))
	case civic.KindCollaboration:
		return asNode(l.Collaboration.Load(ctx, id, same))
	}
	return loadRegisterNode(ctx, l.Registers, kind, id, same)
}

// loadRegisterNode finds a node of the registers. Stories that are not
// published are not found.
func loadRegisterNode(ctx context.Context, r *loader.Registers, kind civic.EntityKind, id string, same func() []string) (model.Node, error) {
	switch kind {
	case civic.KindRecommendation:
		return asNode(r.Recommendation.Load(ctx, id, same))
	case civic.KindContribution:
		return asNode(r.Contribution.Load(ctx, id, same))
	case civic.KindChampion:
		return asNode(r.Champion.Load(ctx, id, same))
	case civic.KindIntroduction:
		return asNode(r.Introduction.Load(ctx, id, same))
	case civic.KindListing:
		return asNode(r.Listing.Load(ctx, id, same))
	case civic.KindSpaceNeed:
		return asNode(r.SpaceNeed.Load(ctx, id, same))
	case civic.KindStory:
		return asNode(r.Story.Load(ctx, id, same))
	}
	return nil, nil
}

func asNode[T any](v *T, err error) (model.Node, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return v, nil
}

// sameKind returns the IDs of the given kind.
func sameKind(ids []string, kind civic.EntityKind) []string {
	var out []string
	for _, id := range ids {
		if k, ok := civic.KindOfID(id); ok && k == kind {
			out = append(out, id)
		}
	}
	return out
}
