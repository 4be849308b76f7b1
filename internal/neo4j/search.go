package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Full-text search runs over the search_text index, which covers the names
// and descriptions of organisations, assets and partnerships and the names
// and bios of people who consented to be found: those people carry the
// label Discoverable, so that nobody else's name or bio is even in the
// index. Deleted records are never found.

// keepDiscoverableLabel gives person n the label Discoverable while it
// consents to be found, and takes it away when it withdraws.
const keepDiscoverableLabel = `
FOREACH (_ IN CASE WHEN n.discoverable = true THEN [1] ELSE [] END | SET n:Discoverable)
FOREACH (_ IN CASE WHEN n.discoverable = true THEN [] ELSE [1] END | REMOVE n:Discoverable)`

// searchLabels maps each kind that search finds to its label.
var searchLabels = map[civic.ResultKind]string{
	civic.ResultOrganisation: "Organisation", civic.ResultAsset: "Asset",
	civic.ResultPartnership: "Partnership", civic.ResultPerson: "Person",
}

// searchRow projects a hit n with the projection of its kind.
const searchRow = `CASE
  WHEN n:Organisation THEN {kind: 'organisation', row: ` + organisationRow + `}
  WHEN n:Asset THEN {kind: 'asset', row: ` + assetRow + `}
  WHEN n:Partnership THEN {kind: 'partnership', row: ` + partnershipRow + `}
  ELSE {kind: 'person', row: ` + personRow + `}
END`

// searchQuery returns the Cypher and parameters of a search for the Lucene
// query lucene. The index is asked for its best $raw hits only, which
// Lucene finds without scoring every match in full; the filters then keep
// up to $limit of them, and raw says how many the index gave.
func searchQuery(q civic.SearchQuery, lucene string, raw int) (string, map[string]any) {
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = civic.SearchKinds
	}
	labels := make([]string, 0, len(kinds))
	for _, k := range kinds {
		// Labels come from the fixed table above, never from input.
		labels = append(labels, "n:"+searchLabels[k])
	}
	f := newFilter("n.deletedAt IS NULL", "(NOT n:Person OR n.discoverable = true)", "("+strings.Join(labels, " OR ")+")")
	f.themes(q.Filter.Themes)
	f.areas(q.Filter.AreaIDs)
	cypher := fmt.Sprintf(`CALL db.index.fulltext.queryNodes('search_text', $query, {limit: $raw}) YIELD node, score
WITH collect({n: node, score: score}) AS found
CALL (found) {
  UNWIND found AS f
  WITH f.n AS n, f.score AS score
  %s
  WITH n, score ORDER BY score DESC, n.id ASC LIMIT $limit
  RETURN collect({score: score, hit: %s}) AS hits
}
RETURN size(found) AS raw, hits`, f.where(), searchRow)
	f.params["query"], f.params["limit"], f.params["raw"] = lucene, q.Limit(), raw
	return cypher, f.params
}

// Hits the index is asked for: at first a few more than wanted, so that the
// filters rarely leave too few; if they do, many more, then all.
const (
	firstRaw   = 50
	rawGrowth  = 20
	allHits    = 1 << 30
	searchRuns = 3
)

// Search finds organisations, assets, partnerships and consenting people
// whose words match the text, best first.
func (s *Store) Search(ctx context.Context, q civic.SearchQuery) ([]civic.SearchHit, error) {
	q.Normalise()
	if err := q.Validate(); err != nil {
		return nil, err
	}
	lucene, ok := luceneQuery(q.Text)
	if !ok {
		var p civic.Problems
		p.Add("text", "must contain a word to search for")
		return nil, p.Err()
	}
	var hits []any
	raw := max(firstRaw, 4*q.Limit())
	for run := 1; ; run++ {
		if run == searchRuns {
			raw = allHits
		}
		cypher, params := searchQuery(q, lucene, raw)
		rec, err := s.readOne(ctx, "search", cypher, params)
		if err != nil {
			return nil, err
		}
		hits = list(field(rec, "hits"))
		if found, _ := field(rec, "raw").(int64); len(hits) == q.Limit() || int(found) < raw {
			break
		}
		raw *= rawGrowth
	}
	out := make([]civic.SearchHit, len(hits))
	for i, h := range hits {
		hit := asProps(asProps(h)["hit"])
		row := asProps(hit["row"])
		out[i].Score, _ = asProps(h)["score"].(float64)
		switch civic.ResultKind(hit.str("kind")) {
		case civic.ResultOrganisation:
			out[i].Organisation = mapOrganisation(row)
		case civic.ResultAsset:
			out[i].Asset = mapAsset(row)
		case civic.ResultPartnership:
			out[i].Partnership = mapPartnership(row)
		default:
			out[i].Person = mapPerson(row)
		}
	}
	return out, nil
}
