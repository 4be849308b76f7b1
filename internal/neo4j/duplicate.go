package neo4j

import (
	"context"
	"math"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// DuplicateCandidates proposes pairs of visible organisations that may be
// one, best first: those sharing an identifier (in any spelling), those at
// the same postcode with similar names, and those near each other with very
// similar names. The database finds the pairs (by index: identifiers,
// postcodes, points); the domain scores them.
func (s *Store) DuplicateCandidates(ctx context.Context, minScore float64, limit int) ([]civic.DuplicateCandidate, error) {
	type pair struct {
		a, b string
		e    civic.DuplicateEvidence
	}
	pairs := map[[2]string]*pair{}
	get := func(a, b string) *pair {
		if b < a {
			a, b = b, a
		}
		k := [2]string{a, b}
		if pairs[k] == nil {
			pairs[k] = &pair{a: a, b: b, e: civic.DuplicateEvidence{DistanceMetres: -1}}
		}
		return pairs[k]
	}
	// Shared identifiers: grouped here, by the key that forgives leading zeros.
	recs, err := s.read(ctx, "duplicateIdentifiers", `MATCH (o:Organisation) WHERE o.deletedAt IS NULL
RETURN o.id AS id, [x IN [(o)-[:IDENTIFIED_BY]->(i:Identifier) WHERE NOT i.id STARTS WITH 'src:' | i.id] + [o.orgId] WHERE x IS NOT NULL] AS ids`, nil)
	if err != nil {
		return nil, err
	}
	byKey := map[string]map[string]string{} // key -> org -> spelling
	for _, rec := range recs {
		id := field(rec, "id").(string)
		for _, x := range list(field(rec, "ids")) {
			k := civic.IdentifierKey(x.(string))
			if byKey[k] == nil {
				byKey[k] = map[string]string{}
			}
			byKey[k][id] = x.(string)
		}
	}
	for _, orgs := range byKey {
		var ids []string
		for id := range orgs {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				get(ids[i], ids[j]).e.SharedIdentifier = orgs[ids[i]]
			}
		}
	}
	recs, err = s.read(ctx, "duplicatePlaces", `CALL () {
  MATCH (a:Organisation) WHERE a.deletedAt IS NULL AND a.postcode IS NOT NULL
  MATCH (b:Organisation {postcode: a.postcode}) WHERE b.deletedAt IS NULL AND a.id < b.id
  RETURN a.id AS a, b.id AS b, true AS samePostcode, point.distance(a.location, b.location) AS metres
  UNION
  MATCH (a:Organisation) WHERE a.deletedAt IS NULL AND a.location IS NOT NULL
  MATCH (b:Organisation) WHERE point.distance(b.location, a.location) <= $metres AND b.deletedAt IS NULL AND a.id < b.id
  RETURN a.id AS a, b.id AS b, a.postcode = b.postcode AS samePostcode, point.distance(a.location, b.location) AS metres }
RETURN a, b, samePostcode, metres`, map[string]any{"metres": civic.NearbyMetres})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		p := get(field(rec, "a").(string), field(rec, "b").(string))
		if same, _ := field(rec, "samePostcode").(bool); same {
			p.e.SamePostcode = true
		}
		if m, ok := field(rec, "metres").(float64); ok && !math.IsNaN(m) {
			p.e.DistanceMetres = m
		}
	}
	var ids []string
	for _, p := range pairs {
		ids = append(ids, p.a, p.b)
	}
	orgs := map[string]*civic.Organisation{}
	for start := 0; start < len(ids); start += 1000 {
		batch, err := s.FindOrganisationsByIDs(ctx, ids[start:min(start+1000, len(ids))])
		if err != nil {
			return nil, err
		}
		for _, o := range batch {
			if o != nil {
				orgs[o.ID] = o
			}
		}
	}
	var out []civic.DuplicateCandidate
	for _, p := range pairs {
		a, b := orgs[p.a], orgs[p.b]
		if a == nil || b == nil {
			continue
		}
		score, reasons := civic.ScoreDuplicate(a, b, p.e)
		if score > 0 && score >= minScore {
			out = append(out, civic.DuplicateCandidate{A: a, B: b, Score: score, Reasons: reasons})
		}
	}
	slices.SortFunc(out, func(x, y civic.DuplicateCandidate) int {
		if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		if x.A.ID != y.A.ID {
			if x.A.ID < y.A.ID {
				return -1
			}
			return 1
		}
		if x.B.ID < y.B.ID {
			return -1
		}
		return 1
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
