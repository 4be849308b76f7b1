package graph

import (
	"context"
	"strings"

	"github.com/civicgraph/civicgraph/graph/loader"
	"github.com/civicgraph/civicgraph/graph/model"
	"github.com/civicgraph/civicgraph/internal/civic"
)

// loadNode finds a node by global ID through the loader of its kind, which
// the ID's prefix names. It returns a nil interface (not a typed nil) when
// the node does not exist, so that the field is null.
func loadNode(ctx context.Context, id string) (model.Node, error) {
	kind, ok := civic.KindOfID(id)
	if !ok {
		return nil, civic.Errorf(civic.CodeBadUserInput, "%q is not a civicgraph ID", id)
	}
	l := loader.For(ctx)
	switch kind {
	case civic.KindOrganisation:
		return asNode(l.Organisation.Load(ctx, id))
	case civic.KindPerson:
		return asNode(l.Person.Load(ctx, id))
	case civic.KindAsset:
		return asNode(l.Asset.Load(ctx, id))
	case civic.KindPartnership:
		return asNode(l.Partnership.Load(ctx, id))
	case civic.KindArea:
		return asNode(l.Area.Load(ctx, id))
	case civic.KindTheme:
		return asNode(l.Theme.Load(ctx, strings.TrimPrefix(id, civic.ThemeID(""))))
	case civic.KindCollaboration:
		return asNode(l.Collaboration.Load(ctx, id))
	}
	return nil, nil
}

func asNode[T any](v *T, err error) (model.Node, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return v, nil
}
