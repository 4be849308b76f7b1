package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// partnershipRow projects a partnership n with its area and themes.
const partnershipRow = "n {.*, areaId: " + areaIDOf + ", themes: " + themesOf + "}"

var partnerships = entity[civic.Partnership]{
	kind: civic.KindPartnership, label: "Partnership", row: partnershipRow, mapRow: mapPartnership,
	tail: linkArea("$setArea", "$areaId", "$source") + linkThemes("$setThemes", "$themes", "$source") + "\nRETURN " + partnershipRow + " AS row",
}

func mapPartnership(p props) *civic.Partnership {
	return &civic.Partnership{
		ID:          p.str("id"),
		Name:        p.str("name"),
		Kind:        civic.PartnershipKind(p.str("kind")),
		Description: p.str("description"),
		Since:       p.time("since"),
		AreaID:      p.str("areaId"),
		Themes:      p.strs("themes"),
		DeletedAt:   p.time("deletedAt"),
		Provenance:  p.provenance(),
	}
}

// FindPartnershipByID returns the partnership, or nil if there is none.
func (s *Store) FindPartnershipByID(ctx context.Context, id string) (*civic.Partnership, error) {
	return partnerships.byID(ctx, s, id)
}

// FindPartnershipsByIDs returns partnerships in the order of ids, nil for unknown IDs.
func (s *Store) FindPartnershipsByIDs(ctx context.Context, ids []string) ([]*civic.Partnership, error) {
	return partnerships.byIDs(ctx, s, ids)
}

// FindPartnerships returns a page of partnerships.
func (s *Store) FindPartnerships(ctx context.Context, f civic.PartnershipFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Partnership], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Partnership]{}, err
	}
	q := newFilter("n.deletedAt IS NULL")
	q.nameContains(f.NameContains)
	if len(f.Kinds) > 0 {
		q.add("n.kind IN $kinds", "kinds", f.Kinds)
	}
	q.themes(f.Themes)
	q.areas(f.AreaIDs)
	ord, rev := nameOrder(o)
	return listPage(ctx, s, listQuery{name: "partnerships", match: "MATCH (n:Partnership)", filter: q, order: ord, reverse: rev, project: partnershipRow}, p, mapPartnership)
}

func partnershipProps(in civic.PartnershipInput) setter {
	p := setter{}
	p.text("name", in.Name)
	enum(p, "kind", in.Kind)
	p.text("description", in.Description)
	p.value("since", dateValue(in.Since), in.Since != nil)
	p.text("source", in.Source)
	return p
}

// CreatePartnership validates the input and creates a partnership.
func (s *Store) CreatePartnership(ctx context.Context, in civic.PartnershipInput) (*civic.Partnership, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := partnershipProps(in)
	props["source"] = civic.SourceOr(in.Source)
	return partnerships.create(ctx, s, areaThemeRefs(in.AreaID, in.Themes), props, withLinks(map[string]any{}, in.AreaID, in.Themes, props["source"]))
}

// UpdatePartnership validates the input and changes the given fields.
func (s *Store) UpdatePartnership(ctx context.Context, id string, in civic.PartnershipInput) (*civic.Partnership, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	return partnerships.update(ctx, s, id, areaThemeRefs(in.AreaID, in.Themes), partnershipProps(in), withLinks(map[string]any{}, in.AreaID, in.Themes, civic.SourceOr(in.Source)))
}

// DeletePartnership marks a partnership deleted.
func (s *Store) DeletePartnership(ctx context.Context, id string) (*civic.Partnership, error) {
	return partnerships.softDelete(ctx, s, id)
}

// UpsertPartnerships writes partnerships as given, with IDs and provenance; see UpsertOrganisations.
func (s *Store) UpsertPartnerships(ctx context.Context, ps []civic.Partnership) error {
	rows := make([]map[string]any, len(ps))
	for i, p := range ps {
		rows[i] = map[string]any{
			"id": p.ID, "areaId": p.AreaID, "themes": nonNil(p.Themes), "source": p.Source,
			"props": map[string]any{
				"id": p.ID, "name": p.Name, "kind": string(p.Kind), "description": emptyToNil(p.Description),
				"since": dateValue(p.Since), "source": p.Source,
				"createdAt": p.CreatedAt, "updatedAt": p.UpdatedAt, "deletedAt": timeValue(p.DeletedAt),
			},
		}
	}
	return partnerships.upsert(ctx, s, rows, linkArea("true", "row.areaId", "row.source")+linkThemes("true", "row.themes", "row.source"))
}
