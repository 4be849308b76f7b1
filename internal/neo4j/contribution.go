package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A contribution is a CONTRIBUTES_TO edge (n:Organisation)-[c]->(r:Recommendation),
// at most one per pair. It is visible while neither it nor either end is deleted.

const (
	contribMatch   = "MATCH (n:Organisation)-[c:CONTRIBUTES_TO]->(r:Recommendation)"
	contribVisible = "c.deletedAt IS NULL AND n.deletedAt IS NULL AND r.deletedAt IS NULL"
	contribRow     = "c {.*, organisationId: n.id, recommendationId: r.id}"
)

func mapContribution(p props) *civic.Contribution {
	return &civic.Contribution{
		ID:               p.str("id"),
		OrganisationID:   p.str("organisationId"),
		RecommendationID: p.str("recommendationId"),
		Description:      p.str("description"),
		Since:            p.time("since"),
		EvidenceURL:      p.str("evidenceUrl"),
		DeletedAt:        p.time("deletedAt"),
		Provenance:       p.provenance(),
	}
}

// FindContributionsByIDs returns contributions in the order of ids, nil for unknown IDs.
func (s *Store) FindContributionsByIDs(ctx context.Context, ids []string) ([]*civic.Contribution, error) {
	return indexed(ctx, s, "contributionsByIDs", `MATCH (n:Organisation)-[c:CONTRIBUTES_TO {id: $ids[i]}]->(r:Recommendation) WHERE `+contribVisible+`
RETURN i, `+contribRow+` AS row`, ids, nil, mapContribution)
}

func contributionFilter(f civic.ContributionFilter) *filter {
	q := newFilter(contribVisible)
	if len(f.RecommendationIDs) > 0 {
		q.add("r.id IN $recommendationIds", "recommendationIds", f.RecommendationIDs)
	}
	q.areas(f.AreaIDs)
	if len(f.Themes) > 0 {
		q.add("EXISTS { (r)-[:HAS_THEME]->(t:Theme) WHERE t.slug IN $themes }", "themes", f.Themes)
	}
	return q
}

// FindContributions returns a page of contributions, by recommendation code
// and then organisation name.
func (s *Store) FindContributions(ctx context.Context, f civic.ContributionFilter, p civic.PageArgs) (civic.Page[*civic.Contribution], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Contribution]{}, err
	}
	return listPage(ctx, s, listQuery{
		name: "contributions", match: contribMatch, filter: contributionFilter(f),
		order: "r.code ASC, n.name ASC, c.id ASC", reverse: "r.code DESC, n.name DESC, c.id DESC", project: contribRow,
	}, p, mapContribution)
}

// ContributionsToRecommendations pages through each recommendation's
// contributions, by organisation name.
func (s *Store) ContributionsToRecommendations(ctx context.Context, recommendationIDs []string, p civic.PageArgs) ([]civic.Page[*civic.Contribution], error) {
	return childPages(ctx, s, childQuery{
		name:   "contributionsToRecommendations",
		match:  "MATCH (p:Recommendation {id: pid})<-[c:CONTRIBUTES_TO]-(n:Organisation) WITH *, p AS r",
		filter: newFilter(contribVisible), order: "n.name ASC, c.id ASC", reverse: "n.name DESC, c.id DESC",
		project: contribRow,
	}, recommendationIDs, p, mapContribution)
}

// ContributionsOfOrganisations pages through each organisation's
// contributions, by recommendation code.
func (s *Store) ContributionsOfOrganisations(ctx context.Context, orgIDs []string, p civic.PageArgs) ([]civic.Page[*civic.Contribution], error) {
	return childPages(ctx, s, childQuery{
		name:   "contributionsOfOrganisations",
		match:  "MATCH (p:Organisation {id: pid})-[c:CONTRIBUTES_TO]->(r:Recommendation) WITH *, p AS n",
		filter: newFilter(contribVisible), order: "r.code ASC, c.id ASC", reverse: "r.code DESC, c.id DESC",
		project: contribRow,
	}, orgIDs, p, mapContribution)
}

// ContributionsByArea counts, for each area of the scope, the contributions
// of the organisations located in it or in the areas within it; most first.
func (s *Store) ContributionsByArea(ctx context.Context, scope civic.AreaScope, recommendationIDs []string) ([]civic.AreaContributions, error) {
	scope.Normalise()
	if err := scope.Validate(); err != nil {
		return nil, err
	}
	var p civic.Problems
	for _, id := range recommendationIDs {
		p.CheckID("recommendationIds", id, civic.KindRecommendation)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "contributionsByArea", scopeMatch+`
CALL (a) {
  OPTIONAL MATCH (a)<-[:PART_OF*0..]-(:Area)<-[:LOCATED_IN]-(n:Organisation)-[c:CONTRIBUTES_TO]->(r:Recommendation)
  WHERE `+contribVisible+` AND (size($recs) = 0 OR r.id IN $recs)
  RETURN count(c) AS contributions, count(DISTINCT n) AS organisations, count(DISTINCT r) AS recommendations
}
RETURN a.id AS id, contributions, organisations, recommendations
ORDER BY contributions DESC, a.name ASC, a.id ASC`, scopeParams(scope, map[string]any{"recs": nonNil(recommendationIDs)}))
	if err != nil {
		return nil, err
	}
	out := make([]civic.AreaContributions, len(recs))
	for i, rec := range recs {
		n := func(k string) int { v, _ := field(rec, k).(int64); return int(v) }
		out[i] = civic.AreaContributions{AreaID: field(rec, "id").(string), Contributions: n("contributions"),
			Organisations: n("organisations"), Recommendations: n("recommendations")}
	}
	return out, nil
}

// scopeMatch binds a to each visible area of an AreaScope.
const scopeMatch = `MATCH (a:Area) WHERE a.deletedAt IS NULL AND a.kind = $areaKind
  AND ($parentId IS NULL OR EXISTS { (a)-[:PART_OF*1..]->(:Area {id: $parentId}) })`

func scopeParams(scope civic.AreaScope, params map[string]any) map[string]any {
	params["areaKind"], params["parentId"] = string(*scope.Kind), deref(scope.ParentID)
	return params
}

// RegisterContribution records or updates what an organisation does towards
// a recommendation, creating the organisation if it is new. Registrations
// run one at a time (under the registration lock), so that two at once
// cannot both find the organisation missing and both create it; the
// contribution is merged on the pair, so registering again updates it.
func (s *Store) RegisterContribution(ctx context.Context, in civic.ContributionInput) (*civic.Registration, error) {
	in.Normalise()
	if err := in.Validate(time.Now()); err != nil {
		return nil, err
	}
	source := civic.SourceOr(in.Source)
	props := map[string]any{
		"description": in.Description, "since": dateValue(in.Since),
		"evidenceUrl": emptyToNil(strOr(in.EvidenceURL, "")), "source": source,
	}
	return write(ctx, s, "registerContribution", func(t tx) (*civic.Registration, error) {
		if err := newRefs().node("recommendationId", civic.KindRecommendation, &in.RecommendationID).check(ctx, t); err != nil {
			return nil, err
		}
		if err := lock(ctx, t, "registration"); err != nil {
			return nil, err
		}
		org, orgCreated, err := matchOrCreateOrganisation(ctx, t, in.Organisation, source)
		if err != nil {
			return nil, err
		}
		recs, err := t.run(ctx, "registerContribution", `MATCH (n:Organisation {id: $orgId}), (r:Recommendation {id: $recId})
OPTIONAL MATCH (n)-[old:CONTRIBUTES_TO]->(r)
WITH n, r, old IS NOT NULL AND old.deletedAt IS NULL AS existed
MERGE (n)-[c:CONTRIBUTES_TO]->(r)
  ON CREATE SET c.id = $newId, c.createdAt = datetime()
SET c += $props, c.updatedAt = datetime(), c.deletedAt = null
RETURN `+contribRow+` AS row, existed`, map[string]any{
			"orgId": org.ID, "recId": in.RecommendationID, "newId": civic.NewID(civic.KindContribution), "props": props,
		})
		if err != nil {
			return nil, err
		}
		existed, _ := field(recs[0], "existed").(bool)
		return &civic.Registration{
			Contribution: mapContribution(asProps(field(recs[0], "row"))), Organisation: org,
			OrganisationCreated: orgCreated, ContributionCreated: !existed,
		}, nil
	})
}

// WithdrawContribution marks a contribution deleted.
func (s *Store) WithdrawContribution(ctx context.Context, id string) (*civic.Contribution, error) {
	return write(ctx, s, "withdrawContribution", func(t tx) (*civic.Contribution, error) {
		c, err := writeOne(ctx, t, "withdrawContribution", contribMatch+" WHERE c.id = $id AND "+contribVisible+`
SET c.deletedAt = datetime(), c.updatedAt = datetime()
RETURN `+contribRow+" AS row", map[string]any{"id": id}, mapContribution)
		if err == nil && c == nil {
			return nil, civic.NotFound(civic.KindContribution, id)
		}
		return c, err
	})
}

// UpsertContributions writes contributions as given, for loaders. Both
// ends of each must already exist.
func (s *Store) UpsertContributions(ctx context.Context, in []civic.Contribution) error {
	rows := make([]map[string]any, len(in))
	for i, c := range in {
		rows[i] = map[string]any{
			"from": c.OrganisationID, "to": c.RecommendationID,
			"props": map[string]any{
				"id": c.ID, "description": c.Description, "since": dateValue(c.Since),
				"evidenceUrl": emptyToNil(c.EvidenceURL), "source": c.Source,
				"createdAt": c.CreatedAt, "updatedAt": c.UpdatedAt, "deletedAt": timeValue(c.DeletedAt),
			},
		}
	}
	return upsert(ctx, s, "upsertContributions", `MATCH (n:Organisation {id: row.from}), (r:Recommendation {id: row.to})
MERGE (n)-[c:CONTRIBUTES_TO]->(r) SET c += row.props`, rows)
}
