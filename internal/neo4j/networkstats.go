package neo4j

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Counts for dashboards and timelines over a filtered network, one query each.

// networkCollabWhere is the WHERE condition of a filtered network's
// collaborations c between organisations a and b.
func networkCollabWhere(f civic.NetworkFilter) string {
	conds := append(append(networkTieConds(f), networkOrgConds(f, "a")...), networkOrgConds(f, "b")...)
	return strings.Join(conds, " AND ")
}

var truncateUnits = map[civic.Interval]string{civic.IntervalMonth: "month", civic.IntervalQuarter: "quarter", civic.IntervalYear: "year"}

// CollaborationTimeline counts, per period, the collaborations that started
// and ended and the organisations that started their first collaboration.
// A collaboration without a start date counts as started before any period.
func (s *Store) CollaborationTimeline(ctx context.Context, q civic.TimelineQuery) (*civic.TimelineCounts, error) {
	q.Normalise()
	if err := q.Validate(); err != nil {
		return nil, err
	}
	params := networkParams(q.Filter)
	params["unit"] = truncateUnits[q.Interval]
	rec, err := s.readOne(ctx, "collaborationTimeline", collabMatch+" WHERE "+networkCollabWhere(q.Filter)+`
WITH collect({a: a.id, b: b.id, since: c.since, until: c.until}) AS cs
CALL (cs) { UNWIND cs AS x WITH date.truncate($unit, x.since) AS p, count(*) AS n RETURN collect([p, n]) AS started }
CALL (cs) { UNWIND cs AS x WITH x WHERE x.until IS NOT NULL WITH date.truncate($unit, x.until) AS p, count(*) AS n RETURN collect([p, n]) AS ended }
CALL (cs) {
  UNWIND cs AS x UNWIND [x.a, x.b] AS org
  WITH org, min(coalesce(x.since, date('0001-01-01'))) AS first
  WITH CASE WHEN first = date('0001-01-01') THEN null ELSE date.truncate($unit, first) END AS p, count(*) AS n
  RETURN collect([p, n]) AS joined
}
RETURN started, ended, joined, reduce(m = null, x IN cs | CASE WHEN x.since IS NOT NULL AND (m IS NULL OR x.since < m) THEN x.since ELSE m END) AS first`, params)
	if err != nil {
		return nil, err
	}
	out := &civic.TimelineCounts{First: props(rec.AsMap()).time("first")}
	from := q.From
	if from == nil {
		from = out.First
	}
	var start time.Time
	if from != nil {
		start = q.Interval.Start(*from)
	}
	bucket := func(name string, before *int) map[time.Time]int {
		m := map[time.Time]int{}
		for _, row := range list(field(rec, name)) {
			pair := list(row)
			n, _ := pair[1].(int64)
			p := props{"p": pair[0]}.time("p")
			if p == nil || p.Before(start) {
				*before += int(n)
				continue
			}
			m[*p] += int(n)
		}
		return m
	}
	out.Started = bucket("started", &out.StartedBefore)
	out.Ended = bucket("ended", &out.EndedBefore)
	out.Joined = bucket("joined", &out.JoinedBefore)
	return out, nil
}

// CountOrganisations counts a filtered network's organisations by area (the
// areas of a kind, counting the areas within them), theme or kind. Areas
// and themes with none are listed with 0.
func (s *Store) CountOrganisations(ctx context.Context, f civic.NetworkFilter, by civic.GroupBy, areaKind civic.AreaKind) ([]civic.CountBucket, error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	where := strings.Join(networkOrgConds(f, "n"), " AND ")
	var cypher string
	switch by {
	case civic.GroupByKind:
		cypher = "MATCH (n:Organisation) WHERE " + where + " RETURN n.kind AS key, n.kind AS label, count(*) AS count"
	case civic.GroupByTheme:
		cypher = "MATCH (t:Theme) WHERE t.deletedAt IS NULL RETURN t.slug AS key, t.name AS label, COUNT { MATCH (n:Organisation)-[:HAS_THEME]->(t) WHERE " + where + " } AS count"
	case civic.GroupByArea:
		cypher = "MATCH (ar:Area {kind: $areaKind}) WHERE ar.deletedAt IS NULL RETURN ar.id AS key, ar.name AS label, COUNT { MATCH (n:Organisation)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(ar) WHERE " + where + " } AS count"
	default:
		return nil, civic.Errorf(civic.CodeBadUserInput, "organisations cannot be counted by %s", by)
	}
	params := networkParams(f)
	params["areaKind"] = string(areaKind)
	return s.countBuckets(ctx, "countOrganisations", cypher+" ORDER BY count DESC, label, key", params)
}

// CountCollaborations counts a filtered network's collaborations by
// intensity or theme (a collaboration on two themes counts for each).
func (s *Store) CountCollaborations(ctx context.Context, f civic.NetworkFilter, by civic.GroupBy) ([]civic.CountBucket, error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var cypher string
	switch by {
	case civic.GroupByIntensity:
		cypher = fmt.Sprintf(`CALL () { %s WHERE %s RETURN c.intensity AS i, count(*) AS n }
WITH collect([i, n]) AS counts
UNWIND $allIntensities AS key
RETURN key, key AS label, coalesce([x IN counts WHERE x[0] = key | x[1]][0], 0) AS count`, collabMatch, networkCollabWhere(f))
	case civic.GroupByTheme:
		cypher = fmt.Sprintf(`CALL () { %s WHERE %s UNWIND coalesce(c.themes, []) AS slug RETURN slug, count(*) AS n }
WITH collect([slug, n]) AS counts
MATCH (t:Theme) WHERE t.deletedAt IS NULL
RETURN t.slug AS key, t.name AS label, coalesce([x IN counts WHERE x[0] = t.slug | x[1]][0], 0) AS count`, collabMatch, networkCollabWhere(f))
	default:
		return nil, civic.Errorf(civic.CodeBadUserInput, "collaborations cannot be counted by %s", by)
	}
	params := networkParams(f)
	params["allIntensities"] = intensityStrings(civic.Intensities)
	order := " ORDER BY count DESC, label, key"
	if by == civic.GroupByIntensity {
		order = "" // weakest first, as the scale goes
	}
	return s.countBuckets(ctx, "countCollaborations", cypher+order, params)
}

func (s *Store) countBuckets(ctx context.Context, name, cypher string, params map[string]any) ([]civic.CountBucket, error) {
	recs, err := s.read(ctx, name, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]civic.CountBucket, len(recs))
	for i, rec := range recs {
		p := props(rec.AsMap())
		n, _ := p["count"].(int64)
		out[i] = civic.CountBucket{Key: p.str("key"), Label: p.str("label"), Count: int(n)}
	}
	return out, nil
}

// AreaThemeGaps lists, for the areas of a kind, the themes (of those given,
// or all) that no organisation in the area works on.
func (s *Store) AreaThemeGaps(ctx context.Context, areaKind civic.AreaKind, themes []string) ([]civic.AreaThemeGap, error) {
	recs, err := s.read(ctx, "areaThemeGaps", `MATCH (ar:Area {kind: $areaKind}) WHERE ar.deletedAt IS NULL
CALL (ar) {
  MATCH (n:Organisation)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(ar) WHERE n.deletedAt IS NULL
  MATCH (n)-[:HAS_THEME]->(t:Theme)
  RETURN collect(DISTINCT t.slug) AS covered
}
MATCH (t:Theme) WHERE t.deletedAt IS NULL AND (size($themes) = 0 OR t.slug IN $themes) AND NOT t.slug IN covered
RETURN ar.id AS areaId, ar.name AS areaName, t.slug AS slug, t.name AS themeName ORDER BY areaName, areaId, slug`,
		map[string]any{"areaKind": string(areaKind), "themes": nonNil(themes)})
	if err != nil {
		return nil, err
	}
	out := make([]civic.AreaThemeGap, len(recs))
	for i, rec := range recs {
		p := props(rec.AsMap())
		out[i] = civic.AreaThemeGap{AreaID: p.str("areaId"), AreaName: p.str("areaName"), ThemeSlug: p.str("slug"), ThemeName: p.str("themeName")}
	}
	return out, nil
}

// ThemeActivity counts each theme's organisations and collaborations in a
// filtered network, least collaborations first.
func (s *Store) ThemeActivity(ctx context.Context, f civic.NetworkFilter) ([]civic.ThemeActivity, error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "themeActivity", fmt.Sprintf(`CALL () { %s WHERE %s UNWIND coalesce(c.themes, []) AS slug RETURN slug, count(*) AS n }
WITH collect([slug, n]) AS counts
MATCH (t:Theme) WHERE t.deletedAt IS NULL
WITH t, coalesce([x IN counts WHERE x[0] = t.slug | x[1]][0], 0) AS collaborations
RETURN t.slug AS slug, t.name AS name, collaborations, COUNT { MATCH (n:Organisation)-[:HAS_THEME]->(t) WHERE %s } AS organisations
ORDER BY collaborations, organisations, slug`, collabMatch, networkCollabWhere(f), strings.Join(networkOrgConds(f, "n"), " AND ")), networkParams(f))
	if err != nil {
		return nil, err
	}
	out := make([]civic.ThemeActivity, len(recs))
	for i, rec := range recs {
		p := props(rec.AsMap())
		c, _ := p["collaborations"].(int64)
		o, _ := p["organisations"].(int64)
		out[i] = civic.ThemeActivity{Slug: p.str("slug"), Name: p.str("name"), Collaborations: int(c), Organisations: int(o)}
	}
	return out, nil
}
