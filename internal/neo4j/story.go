package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A story is a node (n:Story) that FEATURES organisations and assets,
// HAS_THEME themes, is LOCATED_IN areas and ADVANCES recommendations.
// Public reads see published stories only: storyPublic is part of every
// query that serves them, so that no resolver can forget it.

const (
	storyPublic = "n.deletedAt IS NULL AND n.status = 'published'"
	storyRow    = "n {.*, " +
		"organisationIds: [(n)-[:FEATURES]->(o_:Organisation) WHERE o_.deletedAt IS NULL | o_.id], " +
		"assetIds: [(n)-[:FEATURES]->(a_:Asset) WHERE a_.deletedAt IS NULL | a_.id], " +
		"themes: " + themesOf + ", " +
		"areaIds: [(n)-[:LOCATED_IN]->(x_:Area) WHERE x_.deletedAt IS NULL | x_.id], " +
		"recommendationIds: [(n)-[:ADVANCES]->(r_:Recommendation) WHERE r_.deletedAt IS NULL | r_.id]}"
	// Most recent first: by when the work ended, or started, or was told.
	storyOrder   = "coalesce(n.endDate, n.startDate, date(n.createdAt)) DESC, n.id DESC"
	storyReverse = "coalesce(n.endDate, n.startDate, date(n.createdAt)) ASC, n.id ASC"
)

func mapStory(p props) *civic.Story {
	return &civic.Story{
		ID:                p.str("id"),
		Kind:              civic.StoryKind(p.str("kind")),
		Title:             p.str("title"),
		Summary:           p.str("summary"),
		Outcome:           p.str("outcome"),
		Evidence:          p.str("evidence"),
		EvidenceURL:       p.str("evidenceUrl"),
		StartDate:         p.time("startDate"),
		EndDate:           p.time("endDate"),
		Status:            civic.StoryStatus(p.str("status")),
		ReviewNote:        p.str("reviewNote"),
		ReviewedAt:        p.time("reviewedAt"),
		OrganisationIDs:   p.strs("organisationIds"),
		AssetIDs:          p.strs("assetIds"),
		Themes:            p.strs("themes"),
		AreaIDs:           p.strs("areaIds"),
		RecommendationIDs: p.strs("recommendationIds"),
		DeletedAt:         p.time("deletedAt"),
		Provenance:        p.provenance(),
	}
}

// FindPublishedStoriesByIDs returns published stories in the order of ids;
// nil for unknown IDs and for stories not (yet) published.
func (s *Store) FindPublishedStoriesByIDs(ctx context.Context, ids []string) ([]*civic.Story, error) {
	return indexed(ctx, s, "publishedStoriesByIDs", `MATCH (n:Story {id: $ids[i]}) WHERE `+storyPublic+`
RETURN i, `+storyRow+` AS row`, ids, nil, mapStory)
}

// FindStories returns a page of published stories, most recent first.
func (s *Store) FindStories(ctx context.Context, f civic.StoryFilter, p civic.PageArgs) (civic.Page[*civic.Story], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Story]{}, err
	}
	q := newFilter(storyPublic)
	if len(f.Kinds) > 0 {
		q.add("n.kind IN $kinds", "kinds", strs(f.Kinds))
	}
	q.themes(f.Themes)
	q.areas(f.AreaIDs)
	if len(f.OrganisationIDs) > 0 {
		q.add("EXISTS { (n)-[:FEATURES]->(o:Organisation) WHERE o.id IN $organisationIds }", "organisationIds", f.OrganisationIDs)
	}
	if len(f.AssetIDs) > 0 {
		q.add("EXISTS { (n)-[:FEATURES]->(a:Asset) WHERE a.id IN $assetIds }", "assetIds", f.AssetIDs)
	}
	if len(f.RecommendationIDs) > 0 {
		q.add("EXISTS { (n)-[:ADVANCES]->(r:Recommendation) WHERE r.id IN $recommendationIds }", "recommendationIds", f.RecommendationIDs)
	}
	return listPage(ctx, s, listQuery{name: "stories", match: "MATCH (n:Story)", filter: q, order: storyOrder, reverse: storyReverse, project: storyRow}, p, mapStory)
}

// StoriesOfRecommendations pages through the published stories of each recommendation.
func (s *Store) StoriesOfRecommendations(ctx context.Context, recommendationIDs []string, p civic.PageArgs) ([]civic.Page[*civic.Story], error) {
	return childPages(ctx, s, childQuery{
		name:   "storiesOfRecommendations",
		match:  "MATCH (p:Recommendation {id: pid})<-[:ADVANCES]-(n:Story)",
		filter: newFilter(storyPublic), order: storyOrder, reverse: storyReverse, project: storyRow,
	}, recommendationIDs, p, mapStory)
}

// StoriesForReview returns the submitted stories, oldest first. It is for
// editors only; the caller checks the role.
func (s *Store) StoriesForReview(ctx context.Context, p civic.PageArgs) (civic.Page[*civic.Story], error) {
	return listPage(ctx, s, listQuery{
		name: "storiesForReview", match: "MATCH (n:Story)", filter: newFilter("n.deletedAt IS NULL", "n.status = 'submitted'"),
		order: "n.createdAt ASC, n.id ASC", reverse: "n.createdAt DESC, n.id DESC", project: storyRow,
	}, p, mapStory)
}

// linkStory links story n to what it is about.
const linkStory = `
WITH n
CALL (n) { UNWIND $organisationIds AS x MATCH (o:Organisation {id: x}) CREATE (n)-[:FEATURES ` + newEdge + `]->(o) }
CALL (n) { UNWIND $assetIds AS x MATCH (a:Asset {id: x}) CREATE (n)-[:FEATURES ` + newEdge + `]->(a) }
CALL (n) { UNWIND $themes AS x MATCH (t:Theme {slug: x}) CREATE (n)-[:HAS_THEME ` + newEdge + `]->(t) }
CALL (n) { UNWIND $areaIds AS x MATCH (a:Area {id: x}) CREATE (n)-[:LOCATED_IN ` + newEdge + `]->(a) }
CALL (n) { UNWIND $recommendationIds AS x MATCH (r:Recommendation {id: x}) CREATE (n)-[:ADVANCES ` + newEdge + `]->(r) }`

// SubmitStory records a story as submitted, for an editor to review.
func (s *Store) SubmitStory(ctx context.Context, in civic.StoryInput) (*civic.Story, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	props := map[string]any{
		"id": civic.NewID(civic.KindStory), "kind": string(*in.Kind), "title": in.Title, "summary": in.Summary,
		"outcome": emptyToNil(strOr(in.Outcome, "")), "evidence": emptyToNil(strOr(in.Evidence, "")),
		"evidenceUrl": emptyToNil(strOr(in.EvidenceURL, "")), "startDate": dateValue(in.StartDate), "endDate": dateValue(in.EndDate),
		"status": string(civic.StorySubmitted), "source": civic.SourceOr(in.Source),
	}
	r := newRefs().nodes("organisationIds", civic.KindOrganisation, in.OrganisationIDs).nodes("assetIds", civic.KindAsset, in.AssetIDs).
		nodes("areaIds", civic.KindArea, in.AreaIDs).nodes("recommendationIds", civic.KindRecommendation, in.RecommendationIDs).withThemes(in.Themes)
	return write(ctx, s, "submitStory", func(t tx) (*civic.Story, error) {
		if err := r.check(ctx, t); err != nil {
			return nil, err
		}
		return writeOne(ctx, t, "submitStory", "CREATE (n:Story) SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime()"+linkStory+
			"\nRETURN "+storyRow+" AS row", storyLinks(props, in), mapStory)
	})
}

func storyLinks(props map[string]any, in civic.StoryInput) map[string]any {
	return map[string]any{
		"props": props, "source": props["source"], "organisationIds": nonNil(in.OrganisationIDs), "assetIds": nonNil(in.AssetIDs),
		"themes": nonNil(in.Themes), "areaIds": nonNil(in.AreaIDs), "recommendationIds": nonNil(in.RecommendationIDs),
	}
}

// ReviewStory publishes or rejects a submitted story. It is for editors
// only; the caller checks the role. Reviewing a story that is not
// submitted is a CONFLICT.
func (s *Store) ReviewStory(ctx context.Context, id string, r civic.Review) (*civic.Story, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return write(ctx, s, "reviewStory", func(t tx) (*civic.Story, error) {
		recs, err := t.run(ctx, "reviewStoryLoad", "MATCH (n:Story {id: $id}) WHERE n.deletedAt IS NULL SET n._lock = true REMOVE n._lock RETURN n.status AS status",
			map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, civic.NotFound(civic.KindStory, id)
		}
		status, _ := field(recs[0], "status").(string)
		if err := civic.CheckTransition(civic.StoryStatus(status), r.Status); err != nil {
			return nil, err
		}
		return writeOne(ctx, t, "reviewStory", `MATCH (n:Story {id: $id})
SET n.status = $status, n.reviewNote = $note, n.reviewedAt = datetime(), n.updatedAt = datetime()
RETURN `+storyRow+" AS row", map[string]any{"id": id, "status": string(r.Status), "note": emptyToNil(strOr(r.Note, ""))}, mapStory)
	})
}

// UpsertStories writes stories as given, with their status, for loaders.
// What they link to must already exist.
func (s *Store) UpsertStories(ctx context.Context, in []civic.Story) error {
	rows := make([]map[string]any, len(in))
	for i, st := range in {
		rows[i] = map[string]any{
			"organisationIds": nonNil(st.OrganisationIDs), "assetIds": nonNil(st.AssetIDs), "themes": nonNil(st.Themes),
			"areaIds": nonNil(st.AreaIDs), "recommendationIds": nonNil(st.RecommendationIDs), "edge": edgeOf(st.Provenance),
			"props": map[string]any{
				"id": st.ID, "kind": string(st.Kind), "title": st.Title, "summary": st.Summary,
				"outcome": emptyToNil(st.Outcome), "evidence": emptyToNil(st.Evidence), "evidenceUrl": emptyToNil(st.EvidenceURL),
				"startDate": dateValue(st.StartDate), "endDate": dateValue(st.EndDate), "status": string(st.Status),
				"reviewNote": emptyToNil(st.ReviewNote), "reviewedAt": timeValue(st.ReviewedAt), "source": st.Source,
				"createdAt": st.CreatedAt, "updatedAt": st.UpdatedAt, "deletedAt": timeValue(st.DeletedAt),
			},
		}
	}
	return upsert(ctx, s, "upsertStories", `MERGE (n:Story {id: row.props.id}) SET n += row.props
WITH n, row
CALL (n, row) { UNWIND row.organisationIds AS x MATCH (o:Organisation {id: x}) MERGE (n)-[e:FEATURES]->(o) ON CREATE SET e += row.edge }
CALL (n, row) { UNWIND row.assetIds AS x MATCH (a:Asset {id: x}) MERGE (n)-[e:FEATURES]->(a) ON CREATE SET e += row.edge }
CALL (n, row) { UNWIND row.themes AS x MATCH (t:Theme {slug: x}) MERGE (n)-[e:HAS_THEME]->(t) ON CREATE SET e += row.edge }
CALL (n, row) { UNWIND row.areaIds AS x MATCH (a:Area {id: x}) MERGE (n)-[e:LOCATED_IN]->(a) ON CREATE SET e += row.edge }
CALL (n, row) { UNWIND row.recommendationIds AS x MATCH (r:Recommendation {id: x}) MERGE (n)-[e:ADVANCES]->(r) ON CREATE SET e += row.edge }`, rows)
}
