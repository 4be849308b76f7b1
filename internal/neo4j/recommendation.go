package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// contributorsOf counts the visible contributions to recommendation n.
const contributorsOf = "COUNT { (n)<-[c_:CONTRIBUTES_TO]-(o_:Organisation) WHERE c_.deletedAt IS NULL AND o_.deletedAt IS NULL }"

// recommendationRow projects a recommendation n with its theme and how many
// organisations contribute to it.
const recommendationRow = "n {.*, theme: " + themesOf + "[0], contributors: " + contributorsOf + "}"

var recommendations = entity[civic.Recommendation]{
	kind: civic.KindRecommendation, label: "Recommendation", row: recommendationRow, mapRow: mapRecommendation,
	tail: linkThemes("$setThemes", "$themes", "$source") + "\nRETURN " + recommendationRow + " AS row",
}

func mapRecommendation(p props) *civic.Recommendation {
	n, _ := p["contributors"].(int64)
	return &civic.Recommendation{
		ID:           p.str("id"),
		Code:         p.str("code"),
		Title:        p.str("title"),
		Description:  p.str("description"),
		Theme:        p.str("theme"),
		Document:     p.str("document"),
		Contributors: int(n),
		DeletedAt:    p.time("deletedAt"),
		Provenance:   p.provenance(),
	}
}

// FindRecommendationsByIDs returns recommendations in the order of ids, nil for unknown IDs.
func (s *Store) FindRecommendationsByIDs(ctx context.Context, ids []string) ([]*civic.Recommendation, error) {
	return recommendations.byIDs(ctx, s, ids)
}

// FindRecommendationByCode returns the recommendation with the code, or nil.
func (s *Store) FindRecommendationByCode(ctx context.Context, code string) (*civic.Recommendation, error) {
	recs, err := s.read(ctx, "recommendationByCode", "MATCH (n:Recommendation {code: $code}) WHERE n.deletedAt IS NULL RETURN "+recommendationRow+" AS row",
		map[string]any{"code": civic.NormaliseCode(code)})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return mapRecommendation(asProps(field(recs[0], "row"))), nil
}

// FindRecommendations returns a page of recommendations, by code unless o says otherwise.
func (s *Store) FindRecommendations(ctx context.Context, f civic.RecommendationFilter, o *civic.RecommendationOrder, p civic.PageArgs) (civic.Page[*civic.Recommendation], error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Recommendation]{}, err
	}
	q := newFilter("n.deletedAt IS NULL")
	if f.TextContains != nil && *f.TextContains != "" {
		q.add("(toLower(n.title) CONTAINS toLower($text) OR toLower(n.code) CONTAINS toLower($text))", "text", *f.TextContains)
	}
	q.themes(f.Themes)
	if len(f.Codes) > 0 {
		q.add("n.code IN $codes", "codes", f.Codes)
	}
	if f.MaxContributors != nil {
		q.add(contributorsOf+" <= $maxContributors", "maxContributors", *f.MaxContributors)
	}
	if f.MinContributors != nil {
		q.add(contributorsOf+" >= $minContributors", "minContributors", *f.MinContributors)
	}
	asc, desc := "n.code ASC, n.id ASC", "n.code DESC, n.id DESC"
	if o != nil && o.Field == civic.RecommendationByContributors {
		asc, desc = contributorsOf+" ASC, n.code ASC, n.id ASC", contributorsOf+" DESC, n.code DESC, n.id DESC"
	}
	if o != nil && o.Direction == civic.Desc {
		asc, desc = desc, asc
	}
	return listPage(ctx, s, listQuery{name: "recommendations", match: "MATCH (n:Recommendation)", filter: q, order: asc, reverse: desc, project: recommendationRow}, p, mapRecommendation)
}

func recommendationProps(in civic.RecommendationInput) setter {
	p := setter{}
	p.text("code", in.Code)
	p.text("title", in.Title)
	p.text("description", in.Description)
	p.text("document", in.Document)
	p.text("source", in.Source)
	return p
}

// recommendationRefs checks the theme, and that no other recommendation has the code.
func recommendationRefs(id string, in civic.RecommendationInput) *refs {
	var themes []string
	if in.Theme != nil && *in.Theme != "" {
		themes = []string{*in.Theme}
	}
	r := newRefs().withThemes(themes)
	if in.Code != nil {
		r.also(func(ctx context.Context, t tx) error {
			recs, err := t.run(ctx, "recommendationCodeTaken", "MATCH (n:Recommendation {code: $code}) WHERE n.id <> $id RETURN n.id AS id",
				map[string]any{"code": *in.Code, "id": id})
			if err == nil && len(recs) > 0 {
				return civic.Errorf(civic.CodeConflict, "recommendation code %q is taken", *in.Code)
			}
			return err
		})
	}
	return r
}

// recommendationParams are the tail's parameters: the theme replaces the
// old one when given ("" clears it).
func recommendationParams(in civic.RecommendationInput, source any) map[string]any {
	themes := []string{}
	if in.Theme != nil && *in.Theme != "" {
		themes = []string{*in.Theme}
	}
	return map[string]any{"setThemes": in.Theme != nil, "themes": themes, "source": source}
}

// CreateRecommendation validates the input and creates a recommendation.
func (s *Store) CreateRecommendation(ctx context.Context, in civic.RecommendationInput) (*civic.Recommendation, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := recommendationProps(in)
	props["source"] = civic.SourceOr(in.Source)
	return recommendations.create(ctx, s, recommendationRefs("", in), props, recommendationParams(in, props["source"]))
}

// UpdateRecommendation validates the input and changes the given fields.
func (s *Store) UpdateRecommendation(ctx context.Context, id string, in civic.RecommendationInput) (*civic.Recommendation, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	return recommendations.update(ctx, s, id, recommendationRefs(id, in), recommendationProps(in), recommendationParams(in, civic.SourceOr(in.Source)))
}

// DeleteRecommendation marks a recommendation deleted; its contributions are
// hidden with it.
func (s *Store) DeleteRecommendation(ctx context.Context, id string) (*civic.Recommendation, error) {
	return recommendations.softDelete(ctx, s, id)
}

// UpsertRecommendations writes recommendations as given, with their IDs and
// provenance, for loaders.
func (s *Store) UpsertRecommendations(ctx context.Context, in []civic.Recommendation) error {
	rows := make([]map[string]any, len(in))
	for i, r := range in {
		themes := []string{}
		if r.Theme != "" {
			themes = []string{r.Theme}
		}
		rows[i] = map[string]any{
			"id": r.ID, "themes": themes, "source": r.Source,
			"props": map[string]any{
				"id": r.ID, "code": r.Code, "title": r.Title, "description": emptyToNil(r.Description),
				"document": emptyToNil(r.Document), "source": r.Source,
				"createdAt": r.CreatedAt, "updatedAt": r.UpdatedAt, "deletedAt": timeValue(r.DeletedAt),
			},
		}
	}
	return recommendations.upsert(ctx, s, rows, linkThemes("true", "row.themes", "row.source"))
}
