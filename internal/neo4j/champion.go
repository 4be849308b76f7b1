package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A champion is a node (p:Person)-[:IS_CHAMPION]->(n:Champion) that
// CHAMPIONS areas and themes. It is visible while neither it nor its person
// is deleted.

const (
	championMatch   = "MATCH (p:Person)-[:IS_CHAMPION]->(n:Champion)"
	championVisible = "n.deletedAt IS NULL AND p.deletedAt IS NULL"
	championRow     = "n {.*, personId: p.id, " +
		"areaIds: [(n)-[:CHAMPIONS]->(a_:Area) WHERE a_.deletedAt IS NULL | a_.id], " +
		"themes: [(n)-[:CHAMPIONS]->(t_:Theme) WHERE t_.deletedAt IS NULL | t_.slug]}"
	// championServing holds when the champion serves on day $day.
	championServing = "(n.since IS NULL OR n.since <= $day) AND (n.until IS NULL OR n.until >= $day)"
)

// linkChampioned makes champion n champion exactly the areas $areaIds (when
// $setAreas) and themes $themes (when $setThemes).
const linkChampioned = `
WITH *
CALL (n) { WITH n WHERE $setAreas
  OPTIONAL MATCH (n)-[old:CHAMPIONS]->(x:Area) WHERE NOT x.id IN $areaIds DELETE old }
CALL (n) { WITH n WHERE $setThemes
  OPTIONAL MATCH (n)-[old:CHAMPIONS]->(x:Theme) WHERE NOT x.slug IN $themes DELETE old }
CALL (n) { WITH n WHERE $setAreas
  UNWIND $areaIds AS areaId MATCH (a:Area {id: areaId})
  MERGE (n)-[r:CHAMPIONS]->(a) ON CREATE SET r += ` + newEdge + ` }
CALL (n) { WITH n WHERE $setThemes
  UNWIND $themes AS slug MATCH (t:Theme {slug: slug})
  MERGE (n)-[r:CHAMPIONS]->(t) ON CREATE SET r += ` + newEdge + ` }`

func mapChampion(p props) *civic.Champion {
	return &civic.Champion{
		ID:         p.str("id"),
		PersonID:   p.str("personId"),
		AreaIDs:    p.strs("areaIds"),
		Themes:     p.strs("themes"),
		Statement:  p.str("statement"),
		Since:      p.time("since"),
		Until:      p.time("until"),
		DeletedAt:  p.time("deletedAt"),
		Provenance: p.provenance(),
	}
}

// FindChampionsByIDs returns champions in the order of ids, nil for unknown IDs.
func (s *Store) FindChampionsByIDs(ctx context.Context, ids []string) ([]*civic.Champion, error) {
	return s.championsBy(ctx, "championsByIDs", "MATCH (p:Person)-[:IS_CHAMPION]->(n:Champion {id: $ids[i]})", ids)
}

// ChampionsOfPeople returns each person's champion record, nil for others.
func (s *Store) ChampionsOfPeople(ctx context.Context, personIDs []string) ([]*civic.Champion, error) {
	return s.championsBy(ctx, "championsOfPeople", "MATCH (p:Person {id: $ids[i]})-[:IS_CHAMPION]->(n:Champion)", personIDs)
}

func (s *Store) championsBy(ctx context.Context, name, match string, ids []string) ([]*civic.Champion, error) {
	return indexed(ctx, s, name, match+" WHERE "+championVisible+"\nRETURN i, "+championRow+" AS row", ids, nil, mapChampion)
}

// championFilter matches champions for the areas (or for areas containing
// them) and themes of f.
func championFilter(f civic.ChampionFilter) *filter {
	q := newFilter(championVisible)
	if len(f.AreaIDs) > 0 {
		q.add("EXISTS { MATCH (x:Area)-[:PART_OF*0..]->(:Area)<-[:CHAMPIONS]-(n) WHERE x.id IN $areaIds }", "areaIds", f.AreaIDs)
	}
	if len(f.Themes) > 0 {
		q.add("EXISTS { (n)-[:CHAMPIONS]->(t:Theme) WHERE t.slug IN $themes }", "themes", f.Themes)
	}
	if f.ActiveOn != nil {
		q.add(championServing, "day", dateValue(f.ActiveOn))
	}
	return q
}

// FindChampions returns a page of champions, by name.
func (s *Store) FindChampions(ctx context.Context, f civic.ChampionFilter, p civic.PageArgs) (civic.Page[*civic.Champion], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Champion]{}, err
	}
	return listPage(ctx, s, listQuery{
		name: "champions", match: championMatch, filter: championFilter(f),
		order: "p.name ASC, n.id ASC", reverse: "p.name DESC, n.id DESC", project: championRow,
	}, p, mapChampion)
}

// ChampionsNear returns the champions serving today for areas near the
// place, nearest first. A champion's distance is that of the nearest
// centroid of the areas they serve or of the areas within those; the point
// index on area locations finds the areas in range.
func (s *Store) ChampionsNear(ctx context.Context, in civic.ChampionSearch) ([]civic.NearbyChampion, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	here, err := s.placePoint(ctx, in.Near)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "championsNear", `MATCH (a:Area) WHERE point.distance(a.location, $here) <= $metres AND a.deletedAt IS NULL
MATCH (a)-[:PART_OF*0..]->(served:Area)<-[:CHAMPIONS]-(n:Champion)<-[:IS_CHAMPION]-(p:Person)
WHERE served.deletedAt IS NULL AND `+championVisible+` AND `+championServing+`
  AND (size($themes) = 0 OR EXISTS { (n)-[:CHAMPIONS]->(t:Theme) WHERE t.slug IN $themes })
WITH n, p, min(point.distance(a.location, $here)) AS distance
ORDER BY distance ASC, n.id ASC LIMIT $limit
RETURN `+championRow+` AS row, distance`, map[string]any{
		"here": here, "metres": metres(in.WithinKm), "themes": nonNil(in.Themes), "limit": in.Limit,
		"day": today(),
	})
	if err != nil {
		return nil, err
	}
	out := make([]civic.NearbyChampion, len(recs))
	for i, rec := range recs {
		out[i] = civic.NearbyChampion{Champion: mapChampion(asProps(field(rec, "row"))), DistanceKm: km(field(rec, "distance"))}
	}
	return out, nil
}

// today is today's date, as a parameter.
func today() any {
	d := civic.Day(time.Now())
	return dateValue(&d)
}

func championParams(in civic.ChampionInput, source string) map[string]any {
	return map[string]any{
		"setAreas": in.AreaIDs != nil, "areaIds": nonNil(in.AreaIDs),
		"setThemes": in.Themes != nil, "themes": nonNil(in.Themes), "source": source,
	}
}

func championRefs(in civic.ChampionInput) *refs {
	return newRefs().node("personId", civic.KindPerson, in.PersonID).nodes("areaIds", civic.KindArea, in.AreaIDs).withThemes(in.Themes)
}

// AppointChampion makes a person a champion. A person who already serves is
// a CONFLICT (change the champion instead); one who stood down serves again,
// from the new date, with the new areas and themes.
func (s *Store) AppointChampion(ctx context.Context, in civic.ChampionInput) (*civic.Champion, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	source := civic.SourceOr(in.Source)
	in.AreaIDs, in.Themes = nonNil(in.AreaIDs), nonNil(in.Themes)
	props := map[string]any{"statement": emptyToNil(strOr(in.Statement, "")), "since": dateValue(in.Since), "until": nil, "source": source}
	return write(ctx, s, "appointChampion", func(t tx) (*civic.Champion, error) {
		if err := championRefs(in).check(ctx, t); err != nil {
			return nil, err
		}
		recs, err := t.run(ctx, "championOfPerson", `MATCH (p:Person {id: $personId})
SET p._lock = true REMOVE p._lock
WITH p OPTIONAL MATCH (p)-[:IS_CHAMPION]->(n:Champion) WHERE n.deletedAt IS NULL
RETURN n.id AS id, n.until IS NULL AS serving`, map[string]any{"personId": *in.PersonID})
		if err != nil {
			return nil, err
		}
		id, _ := field(recs[0], "id").(string)
		if serving, _ := field(recs[0], "serving").(bool); id != "" && serving {
			return nil, civic.Errorf(civic.CodeConflict, "this person is already a champion (%s); change that champion instead", id)
		}
		if id == "" {
			id = civic.NewID(civic.KindChampion)
		}
		params := championParams(in, source)
		params["personId"], params["id"], params["props"] = *in.PersonID, id, props
		return writeOne(ctx, t, "appointChampion", `MATCH (p:Person {id: $personId})
MERGE (p)-[ic:IS_CHAMPION]->(n:Champion {id: $id})
  ON CREATE SET n.createdAt = datetime(), ic += `+newEdge+`
SET n += $props, n.updatedAt = datetime()`+linkChampioned+"\nRETURN "+championRow+" AS row", params, mapChampion)
	})
}

// changeChampion loads a visible champion in a write transaction, lets
// change check it and name what to set, and sets it.
func (s *Store) changeChampion(ctx context.Context, name, id string, params map[string]any, change func(t tx, c *civic.Champion) (setter, error)) (*civic.Champion, error) {
	return write(ctx, s, name, func(t tx) (*civic.Champion, error) {
		c, err := writeOne(ctx, t, name+"Load", championMatch+" WHERE n.id = $id AND "+championVisible+"\nRETURN "+championRow+" AS row",
			map[string]any{"id": id}, mapChampion)
		if err != nil {
			return nil, err
		}
		if c == nil {
			return nil, civic.NotFound(civic.KindChampion, id)
		}
		props, err := change(t, c)
		if err != nil {
			return nil, err
		}
		if params == nil {
			params = championParams(civic.ChampionInput{}, "")
		}
		params["id"], params["props"] = id, props
		c, err = writeOne(ctx, t, name, championMatch+" WHERE n.id = $id SET n += $props, n.updatedAt = datetime()"+linkChampioned+
			"\nRETURN "+championRow+" AS row", params, mapChampion)
		if err == nil && len(c.AreaIDs)+len(c.Themes) == 0 {
			var p civic.Problems
			p.Add("areaIds", "a champion needs at least one area or theme")
			return nil, p.Err()
		}
		return c, err
	})
}

// UpdateChampion changes a champion's areas, themes, statement or start date.
func (s *Store) UpdateChampion(ctx context.Context, id string, in civic.ChampionInput) (*civic.Champion, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	return s.changeChampion(ctx, "updateChampion", id, championParams(in, civic.SourceOr(in.Source)), func(t tx, c *civic.Champion) (setter, error) {
		if err := championRefs(in).check(ctx, t); err != nil {
			return nil, err
		}
		if in.Since != nil && c.Until != nil && c.Until.Before(*in.Since) {
			var p civic.Problems
			p.Add("since", "must not be after the champion stood down (%s)", c.Until.Format(time.DateOnly))
			return nil, p.Err()
		}
		p := setter{}
		p.text("statement", in.Statement)
		p.value("since", dateValue(in.Since), in.Since != nil)
		p.text("source", in.Source)
		return p, nil
	})
}

// StandDownChampion records the last day a champion serves.
func (s *Store) StandDownChampion(ctx context.Context, id string, until time.Time) (*civic.Champion, error) {
	until = civic.Day(until)
	return s.changeChampion(ctx, "standDownChampion", id, nil, func(_ tx, c *civic.Champion) (setter, error) {
		if err := c.ValidateStandDown(until); err != nil {
			return nil, err
		}
		return setter{"until": dateValue(&until)}, nil
	})
}

// UpsertChampions writes champions as given, for loaders. People, areas and
// themes must already exist.
func (s *Store) UpsertChampions(ctx context.Context, in []civic.Champion) error {
	rows := make([]map[string]any, len(in))
	for i, c := range in {
		rows[i] = map[string]any{
			"personId": c.PersonID, "areaIds": nonNil(c.AreaIDs), "themes": nonNil(c.Themes), "source": c.Source, "edge": edgeOf(c.Provenance),
			"props": map[string]any{
				"id": c.ID, "statement": emptyToNil(c.Statement), "since": dateValue(c.Since), "until": dateValue(c.Until),
				"source": c.Source, "createdAt": c.CreatedAt, "updatedAt": c.UpdatedAt, "deletedAt": timeValue(c.DeletedAt),
			},
		}
	}
	// linkChampioned reads its lists from parameters; loaders pass them per row.
	return upsert(ctx, s, "upsertChampions", `MATCH (p:Person {id: row.personId})
MERGE (p)-[ic:IS_CHAMPION]->(n:Champion {id: row.props.id}) ON CREATE SET ic += row.edge
SET n += row.props
WITH n, row
CALL (n, row) { OPTIONAL MATCH (n)-[old:CHAMPIONS]->(x) WHERE (x:Area AND NOT x.id IN row.areaIds) OR (x:Theme AND NOT x.slug IN row.themes) DELETE old }
CALL (n, row) { UNWIND row.areaIds AS areaId MATCH (a:Area {id: areaId})
  MERGE (n)-[r:CHAMPIONS]->(a) ON CREATE SET r += row.edge }
CALL (n, row) { UNWIND row.themes AS slug MATCH (t:Theme {slug: slug})
  MERGE (n)-[r:CHAMPIONS]->(t) ON CREATE SET r += row.edge }`, rows)
}
