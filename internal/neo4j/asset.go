package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// assetRow projects an asset n with its area and themes.
const assetRow = "n {.*, areaId: " + areaIDOf + ", themes: " + themesOf + "}"

var assets = entity[civic.Asset]{
	kind: civic.KindAsset, label: "Asset", row: assetRow, mapRow: mapAsset,
	tail: linkArea("$setArea", "$areaId", "$source") + linkThemes("$setThemes", "$themes", "$source") + "\nRETURN " + assetRow + " AS row",
}

func mapAsset(p props) *civic.Asset {
	return &civic.Asset{
		ID:          p.str("id"),
		Name:        p.str("name"),
		Kind:        civic.AssetKind(p.str("kind")),
		Description: p.str("description"),
		Shareable:   p.boolean("shareable"),
		Capacity:    p.intPtr("capacity"),
		Postcode:    p.str("postcode"),
		Location:    p.point("location"),
		AreaID:      p.str("areaId"),
		Themes:      p.strs("themes"),
		DeletedAt:   p.time("deletedAt"),
		Provenance:  p.provenance(),
	}
}

// FindAssetByID returns the asset, or nil if there is none.
func (s *Store) FindAssetByID(ctx context.Context, id string) (*civic.Asset, error) {
	return assets.byID(ctx, s, id)
}

// FindAssetsByIDs returns assets in the order of ids, nil for unknown IDs.
func (s *Store) FindAssetsByIDs(ctx context.Context, ids []string) ([]*civic.Asset, error) {
	return assets.byIDs(ctx, s, ids)
}

// FindAssets returns a page of assets.
func (s *Store) FindAssets(ctx context.Context, f civic.AssetFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Asset], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Asset]{}, err
	}
	q := newFilter("n.deletedAt IS NULL")
	q.nameContains(f.NameContains)
	if kinds := f.KindsToMatch(); kinds != nil {
		q.add("n.kind IN $kinds", "kinds", kinds)
	}
	q.themes(f.Themes)
	q.areas(f.AreaIDs)
	if f.Shareable != nil {
		q.add("coalesce(n.shareable, false) = $shareable", "shareable", *f.Shareable)
	}
	ord, rev := nameOrder(o)
	return listPage(ctx, s, listQuery{name: "assets", match: "MATCH (n:Asset)", filter: q, order: ord, reverse: rev, project: assetRow}, p, mapAsset)
}

func assetProps(in civic.AssetInput) setter {
	p := setter{}
	p.text("name", in.Name)
	enum(p, "kind", in.Kind)
	p.text("description", in.Description)
	p.value("shareable", deref(in.Shareable), in.Shareable != nil)
	p.value("capacity", deref(in.Capacity), in.Capacity != nil)
	p.text("postcode", in.Postcode)
	p.value("location", pointValue(in.Location), in.Location != nil)
	p.text("source", in.Source)
	return p
}

// CreateAsset validates the input and creates a asset.
func (s *Store) CreateAsset(ctx context.Context, in civic.AssetInput) (*civic.Asset, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := assetProps(in)
	props["source"] = civic.SourceOr(in.Source)
	return assets.create(ctx, s, areaThemeRefs(in.AreaID, in.Themes), props, withLinks(map[string]any{}, in.AreaID, in.Themes, props["source"]))
}

// UpdateAsset validates the input and changes the given fields.
func (s *Store) UpdateAsset(ctx context.Context, id string, in civic.AssetInput) (*civic.Asset, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	return assets.update(ctx, s, id, areaThemeRefs(in.AreaID, in.Themes), assetProps(in), withLinks(map[string]any{}, in.AreaID, in.Themes, civic.SourceOr(in.Source)))
}

// DeleteAsset marks an asset deleted.
func (s *Store) DeleteAsset(ctx context.Context, id string) (*civic.Asset, error) {
	return assets.softDelete(ctx, s, id)
}

// UpsertAssets writes assets as given, with IDs and provenance; see UpsertOrganisations.
func (s *Store) UpsertAssets(ctx context.Context, in []civic.Asset) error {
	rows := make([]map[string]any, len(in))
	for i, a := range in {
		rows[i] = map[string]any{
			"id": a.ID, "areaId": a.AreaID, "themes": nonNil(a.Themes), "source": a.Source,
			"props": map[string]any{
				"id": a.ID, "name": a.Name, "kind": string(a.Kind), "description": emptyToNil(a.Description),
				"shareable": a.Shareable, "capacity": deref(a.Capacity), "postcode": emptyToNil(a.Postcode),
				"location": pointValue(a.Location), "source": a.Source,
				"createdAt": a.CreatedAt, "updatedAt": a.UpdatedAt, "deletedAt": timeValue(a.DeletedAt),
			},
		}
	}
	return assets.upsert(ctx, s, rows, linkArea("true", "row.areaId", "row.source")+linkThemes("true", "row.themes", "row.source"))
}
