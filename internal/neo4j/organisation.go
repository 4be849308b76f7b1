package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// organisationRow projects an organisation n with the IDs of its area and
// themes: the row that writes, history and imports compare.
const organisationRow = "n {.*, areaId: " + areaIDOf + ", themes: " + themesOf + "}"

// organisationReadRow projects an organisation n with its area and themes
// themselves, for the lists and lookups that the API reads: asking for an
// organisation's area or themes then costs no further round trip.
const organisationReadRow = "n {.*, area: " + areaOf + ", themeRows: " + themeRowsOf + "}"

var organisations = entity[civic.Organisation]{
	kind: civic.KindOrganisation, label: "Organisation", row: organisationRow, mapRow: mapOrganisation,
	tail: linkArea("$setArea", "$areaId", "$source") + linkThemes("$setThemes", "$themes", "$source") + keepThemeSlugs + linkOrgIdentifier + "\nRETURN " + organisationRow + " AS row",
}

func mapOrganisation(p props) *civic.Organisation {
	o := &civic.Organisation{
		ID:          p.str("id"),
		Name:        p.str("name"),
		Kind:        civic.OrganisationKind(p.str("kind")),
		OrgID:       p.str("orgId"),
		Description: p.str("description"),
		Website:     p.str("website"),
		Postcode:    p.str("postcode"),
		Address:     p.str("address"),
		Location:    p.point("location"),
		AreaID:      p.str("areaId"),
		Themes:      p.strs("themes"),
		Needs:       civic.Needs{AssetKinds: civic.AssetKindsOf(p.strs("needsAssetKinds")), Skills: p.strs("needsSkills")},
		DeletedAt:   p.time("deletedAt"),
		MergedInto:  p.str("mergedInto"),
		Provenance:  p.provenance(),
	}
	o.Slim, _ = p["slim"].(bool)
	// A read row holds the area and themes themselves (organisationReadRow).
	if a, ok := p["area"].(map[string]any); ok {
		o.Area = mapArea(a)
		o.AreaID = o.Area.ID
	}
	for _, t := range list(p["themeRows"]) {
		th := mapTheme(asProps(t))
		o.ThemeList = append(o.ThemeList, th)
		o.Themes = append(o.Themes, th.Slug)
	}
	return o
}

// FindOrganisationByID returns the organisation with its area and themes
// (organisationReadRow), or nil if there is none.
func (s *Store) FindOrganisationByID(ctx context.Context, id string) (*civic.Organisation, error) {
	return one(ctx, s, "OrganisationByID", "Organisation", organisationReadRow, id, mapOrganisation)
}

// FindOrganisationsByIDs returns organisations in the order of ids, nil for unknown IDs.
func (s *Store) FindOrganisationsByIDs(ctx context.Context, ids []string) ([]*civic.Organisation, error) {
	return byIDs(ctx, s, "OrganisationByIDs", "Organisation", organisationReadRow, ids, mapOrganisation)
}

// organisationMatch starts a list of organisations from the most selective
// part of its filter, the areas or else the themes, and returns the filter
// for the rest. Matching every organisation and testing each one would cost
// a scan of the whole city per request.
func organisationMatch(f civic.OrganisationFilter) (match string, params map[string]any, rest civic.OrganisationFilter) {
	switch {
	case len(f.AreaIDs) > 0:
		ids := f.AreaIDs
		f.AreaIDs = nil
		return "MATCH path_ = (start:Area)<-[:PART_OF*0..]-(:Area)<-[:LOCATED_IN]-(n:Organisation) " +
				"WHERE start.id IN $startAreaIds AND all(x_ IN nodes(path_)[..-1] WHERE x_.deletedAt IS NULL) WITH DISTINCT n",
			map[string]any{"startAreaIds": ids}, f
	case len(f.Themes) > 0:
		slugs := f.Themes
		f.Themes = nil
		return "MATCH (start:Theme)<-[:HAS_THEME]-(n:Organisation) WHERE start.slug IN $startThemes AND start.deletedAt IS NULL WITH DISTINCT n",
			map[string]any{"startThemes": slugs}, f
	}
	return "MATCH (n:Organisation)", nil, f
}

func organisationFilter(f civic.OrganisationFilter) *filter {
	q := newFilter("n.deletedAt IS NULL")
	q.nameContains(f.NameContains)
	if len(f.Kinds) > 0 {
		q.add("n.kind IN $kinds", "kinds", f.Kinds)
	}
	q.themes(f.Themes)
	q.areas(f.AreaIDs)
	if f.OrgID != nil && *f.OrgID != "" {
		q.add("n.orgId = $orgId", "orgId", civic.NormaliseOrgID(*f.OrgID))
	}
	return q
}

// FindOrganisations returns a page of organisations.
func (s *Store) FindOrganisations(ctx context.Context, f civic.OrganisationFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Organisation], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Organisation]{}, err
	}
	if f.AsOf != nil {
		return s.organisationsAsOf(ctx, f, o, p)
	}
	ord, rev := nameOrder(o)
	match, params, rest := organisationMatch(f)
	q := organisationFilter(rest)
	for k, v := range params {
		q.params[k] = v
	}
	return listPage(ctx, s, listQuery{
		name: "organisations", match: match, filter: q, order: ord, reverse: rev, project: organisationReadRow,
	}, p, mapOrganisation)
}

// organisationsOf wraps a match of a parent's organisations n in a
// subquery, so that Neo4j keeps only organisations before it tests the
// filter. People and assets are located in areas and have themes too, and
// Neo4j's planner would otherwise test the filter on all of them first.
func organisationsOf(match string) string {
	return "CALL (pid) { " + match + " RETURN n } WITH *"
}

// OrganisationsInAreas pages through the organisations located in each area
// or in the areas within it.
func (s *Store) OrganisationsInAreas(ctx context.Context, areaIDs []string, f civic.OrganisationFilter, p civic.PageArgs) ([]civic.Page[*civic.Organisation], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return childPages(ctx, s, childQuery{
		name: "organisationsInAreas",
		match: organisationsOf("MATCH path_ = (p:Area {id: pid})<-[:PART_OF*0..]-(:Area)<-[:LOCATED_IN]-(n:Organisation) " +
			"WHERE all(x_ IN nodes(path_)[..-1] WHERE x_.deletedAt IS NULL)"),
		filter: organisationFilter(f), order: "n.name ASC, n.id ASC", reverse: "n.name DESC, n.id DESC",
		project: organisationReadRow,
	}, areaIDs, p, mapOrganisation)
}

// OrganisationsWithThemes pages through the organisations working on each theme.
func (s *Store) OrganisationsWithThemes(ctx context.Context, slugs []string, f civic.OrganisationFilter, p civic.PageArgs) ([]civic.Page[*civic.Organisation], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return childPages(ctx, s, childQuery{
		name:   "organisationsWithThemes",
		match:  organisationsOf("MATCH (p:Theme {slug: pid})<-[:HAS_THEME]-(n:Organisation) WHERE p.deletedAt IS NULL"),
		filter: organisationFilter(f), order: "n.name ASC, n.id ASC", reverse: "n.name DESC, n.id DESC",
		project: organisationReadRow,
	}, slugs, p, mapOrganisation)
}

// organisationProps returns the properties an input sets.
func organisationProps(in civic.OrganisationInput) setter {
	p := setter{}
	p.text("name", in.Name)
	enum(p, "kind", in.Kind)
	p.text("orgId", in.OrgID)
	p.text("description", in.Description)
	p.text("website", in.Website)
	p.text("postcode", in.Postcode)
	p.text("address", in.Address)
	p.value("location", pointValue(in.Location), in.Location != nil)
	p.text("source", in.Source)
	if in.Needs != nil {
		p["needsAssetKinds"], p["needsSkills"] = listValue(in.Needs.AssetKinds), listValue(in.Needs.Skills)
	}
	return p
}

// CreateOrganisation validates the input and creates an organisation.
func (s *Store) CreateOrganisation(ctx context.Context, in civic.OrganisationInput) (*civic.Organisation, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := organisationProps(in)
	props["source"] = civic.SourceOr(in.Source)
	props["id"] = civic.NewID(civic.KindOrganisation)
	r := areaThemeRefs(in.AreaID, in.Themes)
	if in.OrgID != nil && *in.OrgID != "" {
		r.also(identifierOwner(*in.OrgID, props["id"].(string)))
	}
	return organisations.create(ctx, s, r, props, withLinks(map[string]any{}, in.AreaID, in.Themes, props["source"]))
}

// UpdateOrganisation validates the input and changes the given fields.
func (s *Store) UpdateOrganisation(ctx context.Context, id string, in civic.OrganisationInput) (*civic.Organisation, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	r := areaThemeRefs(in.AreaID, in.Themes)
	if in.OrgID != nil && *in.OrgID != "" {
		r.also(identifierOwner(*in.OrgID, id))
	}
	return organisations.update(ctx, s, id, r, organisationProps(in), withLinks(map[string]any{}, in.AreaID, in.Themes, civic.SourceOr(in.Source)))
}

// DeleteOrganisation marks an organisation deleted; see civic.OrganisationService.
func (s *Store) DeleteOrganisation(ctx context.Context, id string) (*civic.Organisation, error) {
	return organisations.softDelete(ctx, s, id)
}

// UpsertOrganisations writes organisations as given, with their IDs and
// provenance, creating or replacing each. Loading the same data twice
// leaves the graph as it was. Areas and themes must already exist.
func (s *Store) UpsertOrganisations(ctx context.Context, orgs []civic.Organisation) error {
	rows := make([]map[string]any, len(orgs))
	for i, o := range orgs {
		rows[i] = map[string]any{
			"id": o.ID, "areaId": o.AreaID, "themes": nonNil(o.Themes), "source": o.Source,
			"props": map[string]any{
				"id": o.ID, "name": o.Name, "kind": string(o.Kind), "orgId": emptyToNil(o.OrgID),
				"description": emptyToNil(o.Description), "website": emptyToNil(o.Website),
				"postcode": emptyToNil(o.Postcode), "address": emptyToNil(o.Address),
				"location": pointValue(o.Location), "source": o.Source,
				"createdAt": o.CreatedAt, "updatedAt": o.UpdatedAt, "deletedAt": timeValue(o.DeletedAt),
				"needsAssetKinds": listValue(o.Needs.AssetKinds), "needsSkills": listValue(o.Needs.Skills),
			},
		}
	}
	return organisations.upsert(ctx, s, rows, linkArea("true", "row.areaId", "row.source")+linkThemes("true", "row.themes", "row.source")+keepThemeSlugs)
}
