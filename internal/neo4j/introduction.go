package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// An introduction is a node (:Champion)-[:MADE]->(n:Introduction) with two
// INTRODUCED edges to organisations, at positions 0 and 1. It is visible
// while neither it, its champion nor either organisation is deleted.

const (
	introMatch   = "MATCH (n:Introduction)"
	introVisible = "n.deletedAt IS NULL" +
		" AND EXISTS { (c_:Champion)-[:MADE]->(n) WHERE c_.deletedAt IS NULL }" +
		" AND NOT EXISTS { (n)-[:INTRODUCED]->(o_:Organisation) WHERE o_.deletedAt IS NOT NULL }"
	introRow = "n {.*, championId: [(c_:Champion)-[:MADE]->(n) | c_.id][0], " +
		"organisationIds: [x_ IN [0, 1] | [(n)-[i_:INTRODUCED {position: x_}]->(o_:Organisation) | o_.id][0]]}"
	// collabStarted is the day a collaboration c started, for judging
	// whether an introduction led to it.
	collabStarted = "coalesce(c.since, date(c.createdAt))"
	// introLed holds when the organisations of introduction n have
	// collaborated since the day of the introduction.
	introLed = "EXISTS { MATCH (n)-[:INTRODUCED]->(:Organisation)-[c:COLLABORATES_WITH]-(:Organisation)<-[:INTRODUCED]-(n) " +
		"WHERE c.deletedAt IS NULL AND " + collabStarted + " >= n.date }"
)

func mapIntroduction(p props) *civic.Introduction {
	in := &civic.Introduction{
		ID:         p.str("id"),
		ChampionID: p.str("championId"),
		Date:       p.timeOr("date"),
		Outcome:    p.str("outcome"),
		DeletedAt:  p.time("deletedAt"),
		Provenance: p.provenance(),
	}
	copy(in.OrganisationIDs[:], p.strs("organisationIds"))
	return in
}

// FindIntroductionsByIDs returns introductions in the order of ids, nil for unknown IDs.
func (s *Store) FindIntroductionsByIDs(ctx context.Context, ids []string) ([]*civic.Introduction, error) {
	return indexed(ctx, s, "introductionsByIDs", `MATCH (n:Introduction {id: $ids[i]}) WHERE `+introVisible+`
RETURN i, `+introRow+` AS row`, ids, nil, mapIntroduction)
}

func introductionFilter(f civic.IntroductionFilter) *filter {
	q := newFilter(introVisible)
	if len(f.ChampionIDs) > 0 {
		q.add("EXISTS { (c:Champion)-[:MADE]->(n) WHERE c.id IN $championIds }", "championIds", f.ChampionIDs)
	}
	if len(f.OrganisationIDs) > 0 {
		q.add("EXISTS { (n)-[:INTRODUCED]->(o:Organisation) WHERE o.id IN $organisationIds }", "organisationIds", f.OrganisationIDs)
	}
	if f.LedToCollaboration != nil {
		q.add(introLed+" = $led", "led", *f.LedToCollaboration)
	}
	if f.Since != nil {
		q.add("n.date >= $since", "since", dateValue(f.Since))
	}
	if f.Until != nil {
		q.add("n.date <= $until", "until", dateValue(f.Until))
	}
	return q
}

// FindIntroductions returns a page of introductions, newest first.
func (s *Store) FindIntroductions(ctx context.Context, f civic.IntroductionFilter, p civic.PageArgs) (civic.Page[*civic.Introduction], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Introduction]{}, err
	}
	return listPage(ctx, s, listQuery{
		name: "introductions", match: introMatch, filter: introductionFilter(f),
		order: "n.date DESC, n.id DESC", reverse: "n.date ASC, n.id ASC", project: introRow,
	}, p, mapIntroduction)
}

// IntroductionsOfChampions pages through each champion's introductions, newest first.
func (s *Store) IntroductionsOfChampions(ctx context.Context, championIDs []string, p civic.PageArgs) ([]civic.Page[*civic.Introduction], error) {
	return childPages(ctx, s, childQuery{
		name:   "introductionsOfChampions",
		match:  "MATCH (p:Champion {id: pid})-[:MADE]->(n:Introduction)",
		filter: newFilter(introVisible), order: "n.date DESC, n.id DESC", reverse: "n.date ASC, n.id ASC",
		project: introRow,
	}, championIDs, p, mapIntroduction)
}

// CollaborationsFromIntroductions returns, for each introduction, the
// earliest visible collaboration between its two organisations that started
// on or after the day of the introduction, or nil.
func (s *Store) CollaborationsFromIntroductions(ctx context.Context, ids []string) ([]*civic.Collaboration, error) {
	return indexed(ctx, s, "collaborationsFromIntroductions", `MATCH (n:Introduction {id: $ids[i]})
CALL (n) {
  MATCH (n)-[:INTRODUCED]->(x:Organisation)-[c:COLLABORATES_WITH]-(y:Organisation)<-[:INTRODUCED]-(n)
  WHERE x.id < y.id AND c.deletedAt IS NULL AND x.deletedAt IS NULL AND y.deletedAt IS NULL AND `+collabStarted+` >= n.date
  WITH c ORDER BY `+collabStarted+` ASC, c.id ASC LIMIT 1
  RETURN c, startNode(c) AS a, endNode(c) AS b
}
RETURN i, `+collabRow+` AS row`, ids, nil, mapCollaboration)
}

// RecordIntroduction records that a champion introduced two organisations.
// The champion must have been serving on the day.
func (s *Store) RecordIntroduction(ctx context.Context, in civic.IntroductionInput) (*civic.Introduction, error) {
	in.Normalise()
	if err := in.Validate(time.Now()); err != nil {
		return nil, err
	}
	props := map[string]any{
		"id": civic.NewID(civic.KindIntroduction), "date": dateValue(&in.Date),
		"outcome": emptyToNil(strOr(in.Outcome, "")), "source": civic.SourceOr(in.Source),
	}
	return write(ctx, s, "recordIntroduction", func(t tx) (*civic.Introduction, error) {
		if err := newRefs().node("championId", civic.KindChampion, &in.ChampionID).nodes("organisationIds", civic.KindOrganisation, in.OrganisationIDs).check(ctx, t); err != nil {
			return nil, err
		}
		c, err := writeOne(ctx, t, "introductionChampion", championMatch+" WHERE n.id = $id AND "+championVisible+" RETURN "+championRow+" AS row",
			map[string]any{"id": in.ChampionID}, mapChampion)
		if err != nil {
			return nil, err
		}
		if c == nil {
			return nil, withField(civic.NotFound(civic.KindChampion, in.ChampionID), "championId")
		}
		if err := in.ValidateFor(*c); err != nil {
			return nil, err
		}
		return writeOne(ctx, t, "recordIntroduction", `MATCH (c:Champion {id: $championId}), (x:Organisation {id: $orgs[0]}), (y:Organisation {id: $orgs[1]})
CREATE (c)-[:MADE `+newEdge+`]->(n:Introduction)
SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime()
CREATE (n)-[i0:INTRODUCED {position: 0}]->(x), (n)-[i1:INTRODUCED {position: 1}]->(y)
SET i0 += `+newEdge+`, i1 += `+newEdge+`
RETURN `+introRow+` AS row`, map[string]any{"championId": in.ChampionID, "orgs": in.OrganisationIDs, "props": props, "source": props["source"]}, mapIntroduction)
	})
}

// changeIntroduction sets props on a visible introduction.
func (s *Store) changeIntroduction(ctx context.Context, name, id string, props setter) (*civic.Introduction, error) {
	return write(ctx, s, name, func(t tx) (*civic.Introduction, error) {
		in, err := writeOne(ctx, t, name, introMatch+" WHERE n.id = $id AND "+introVisible+`
SET n += $props, n.updatedAt = datetime()
RETURN `+introRow+" AS row", map[string]any{"id": id, "props": props}, mapIntroduction)
		if err == nil && in == nil {
			return nil, civic.NotFound(civic.KindIntroduction, id)
		}
		return in, err
	})
}

// UpdateIntroduction records what came of an introduction.
func (s *Store) UpdateIntroduction(ctx context.Context, id string, in civic.IntroductionUpdate) (*civic.Introduction, error) {
	var p civic.Problems
	p.CheckText("outcome", in.Outcome, civic.MaxDescriptionLen)
	if err := p.Err(); err != nil {
		return nil, err
	}
	props := setter{}
	props.text("outcome", in.Outcome)
	props.text("source", in.Source)
	return s.changeIntroduction(ctx, "updateIntroduction", id, props)
}

// DeleteIntroduction marks an introduction deleted (recorded in error).
func (s *Store) DeleteIntroduction(ctx context.Context, id string) (*civic.Introduction, error) {
	return s.changeIntroduction(ctx, "deleteIntroduction", id, setter{"deletedAt": time.Now().UTC()})
}

// UpsertIntroductions writes introductions as given, for loaders. Their
// champions and organisations must already exist.
func (s *Store) UpsertIntroductions(ctx context.Context, in []civic.Introduction) error {
	rows := make([]map[string]any, len(in))
	for i, x := range in {
		rows[i] = map[string]any{
			"championId": x.ChampionID, "orgs": x.OrganisationIDs[:], "edge": edgeOf(x.Provenance),
			"props": map[string]any{
				"id": x.ID, "date": dateValue(&x.Date), "outcome": emptyToNil(x.Outcome), "source": x.Source,
				"createdAt": x.CreatedAt, "updatedAt": x.UpdatedAt, "deletedAt": timeValue(x.DeletedAt),
			},
		}
	}
	return upsert(ctx, s, "upsertIntroductions", `MATCH (c:Champion {id: row.championId}), (x:Organisation {id: row.orgs[0]}), (y:Organisation {id: row.orgs[1]})
MERGE (n:Introduction {id: row.props.id}) SET n += row.props
MERGE (c)-[m:MADE]->(n) ON CREATE SET m += row.edge
MERGE (n)-[i0:INTRODUCED {position: 0}]->(x) ON CREATE SET i0 += row.edge
MERGE (n)-[i1:INTRODUCED {position: 1}]->(y) ON CREATE SET i1 += row.edge`, rows)
}
