package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Full-text search runs over the search_text index, which covers the names
// and descriptions of organisations, assets and partnerships and the names
// and bios of people. People are found only if they consented
// (discoverable); deleted records never.

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
// query lucene.
func searchQuery(q civic.SearchQuery, lucene string) (string, map[string]any) {
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
	cypher := fmt.Sprintf(`CALL db.index.fulltext.queryNodes('search_text', $query) YIELD node AS n, score
%s
WITH n, score ORDER BY score DESC, n.id ASC LIMIT $limit
RETURN score, %s AS hit`, f.where(), searchRow)
	f.params["query"], f.params["limit"] = lucene, q.Limit()
	return cypher, f.params
}

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
	cypher, params := searchQuery(q, lucene)
	recs, err := s.read(ctx, "search", cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]civic.SearchHit, len(recs))
	for i, rec := range recs {
		score, _ := field(rec, "score").(float64)
		hit := asProps(field(rec, "hit"))
		row := asProps(hit["row"])
		out[i].Score = score
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
