package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// themeRow projects a theme n.
const themeRow = "n {.*}"

var themes = entity[civic.Theme]{
	kind: civic.KindTheme, label: "Theme", row: themeRow, mapRow: mapTheme,
	tail: "RETURN " + themeRow + " AS row",
}

func mapTheme(p props) *civic.Theme {
	return &civic.Theme{
		ID:          p.str("id"),
		Slug:        p.str("slug"),
		Name:        p.str("name"),
		Description: p.str("description"),
		DeletedAt:   p.time("deletedAt"),
		Provenance:  p.provenance(),
	}
}

// FindThemeByID returns the theme, or nil if there is none.
func (s *Store) FindThemeByID(ctx context.Context, id string) (*civic.Theme, error) {
	return themes.byID(ctx, s, id)
}

// FindThemesBySlugs returns themes in the order of slugs, nil for unknown slugs.
// A theme's ID is derived from its slug, so this is a lookup by ID.
func (s *Store) FindThemesBySlugs(ctx context.Context, slugs []string) ([]*civic.Theme, error) {
	ids := make([]string, len(slugs))
	for i, slug := range slugs {
		ids[i] = civic.ThemeID(slug)
	}
	return themes.byIDs(ctx, s, ids)
}

// FindThemes returns a page of themes.
func (s *Store) FindThemes(ctx context.Context, f civic.ThemeFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Theme], error) {
	q := newFilter("n.deletedAt IS NULL")
	q.nameContains(f.NameContains)
	ord, rev := nameOrder(o)
	return listPage(ctx, s, listQuery{name: "themes", match: "MATCH (n:Theme)", filter: q, order: ord, reverse: rev, project: themeRow}, p, mapTheme)
}

func themeProps(in civic.ThemeInput) setter {
	p := setter{}
	p.text("name", in.Name)
	p.text("description", in.Description)
	p.text("source", in.Source)
	return p
}

// CreateTheme validates the input and creates a theme. A slug in use, even
// by a deleted theme, is a CONFLICT.
func (s *Store) CreateTheme(ctx context.Context, in civic.ThemeInput) (*civic.Theme, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := themeProps(in)
	props["id"], props["slug"], props["source"] = civic.ThemeID(*in.Slug), *in.Slug, civic.SourceOr(in.Source)
	return themes.create(ctx, s, newRefs(), props, map[string]any{})
}

// UpdateTheme validates the input and changes the given fields.
func (s *Store) UpdateTheme(ctx context.Context, id string, in civic.ThemeInput) (*civic.Theme, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	return themes.update(ctx, s, id, newRefs(), themeProps(in), map[string]any{})
}

// DeleteTheme marks a theme deleted; it disappears from the themes of everything.
func (s *Store) DeleteTheme(ctx context.Context, id string) (*civic.Theme, error) {
	return themes.softDelete(ctx, s, id)
}

// UpsertThemes writes themes as given, with IDs and provenance.
func (s *Store) UpsertThemes(ctx context.Context, in []civic.Theme) error {
	rows := make([]map[string]any, len(in))
	for i, t := range in {
		rows[i] = map[string]any{
			"id": t.ID,
			"props": map[string]any{
				"id": t.ID, "slug": t.Slug, "name": t.Name, "description": emptyToNil(t.Description),
				"source": t.Source, "createdAt": t.CreatedAt, "updatedAt": t.UpdatedAt, "deletedAt": timeValue(t.DeletedAt),
			},
		}
	}
	return themes.upsert(ctx, s, rows, "")
}
