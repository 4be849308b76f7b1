package neo4j

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// dupOrg is what finding duplicates needs of an organisation.
type dupOrg struct {
	id, postcode string
	loc          *civic.GeoPoint
	name         civic.NameProfile
}

// DuplicateCandidates proposes pairs of visible organisations that may be
// one, best first: those sharing an identifier (in any spelling), those at
// the same postcode with similar names, and those near each other with very
// similar names. One read fetches what comparing needs; pairs are formed by
// blocks (identifier keys, postcodes, cells of a grid as wide as "near"),
// so that the work grows with the number of neighbours, not its square.
func (s *Store) DuplicateCandidates(ctx context.Context, minScore float64, limit int) ([]civic.DuplicateCandidate, error) {
	recs, err := s.read(ctx, "duplicateCandidates", `MATCH (o:Organisation) WHERE o.deletedAt IS NULL
RETURN o.id AS id, o.name AS name, o.postcode AS postcode, o.location AS location,
  [x IN [(o)-[:IDENTIFIED_BY]->(i:Identifier) WHERE NOT i.id STARTS WITH 'src:' | i.id] + [o.orgId] WHERE x IS NOT NULL] AS ids`, nil)
	if err != nil {
		return nil, err
	}
	orgs := make([]dupOrg, len(recs))
	evidence := map[[2]int]*civic.DuplicateEvidence{}
	pair := func(i, j int) *civic.DuplicateEvidence {
		if i > j {
			i, j = j, i
		}
		k := [2]int{i, j}
		if evidence[k] == nil {
			evidence[k] = &civic.DuplicateEvidence{DistanceMetres: -1}
		}
		return evidence[k]
	}
	byKey, byPostcode, byCell := map[string][]int{}, map[string][]int{}, map[[2]int][]int{}
	spelling := map[string]string{} // identifier key -> the first spelling seen
	for i, rec := range recs {
		p := props{"location": field(rec, "location")}
		o := dupOrg{id: field(rec, "id").(string), loc: p.point("location")}
		o.name = civic.ProfileName(asString(field(rec, "name")))
		o.postcode = asString(field(rec, "postcode"))
		orgs[i] = o
		for _, x := range list(field(rec, "ids")) {
			k := civic.IdentifierKey(x.(string))
			byKey[k] = append(byKey[k], i)
			if spelling[k] == "" {
				spelling[k] = x.(string)
			}
		}
		if o.postcode != "" {
			byPostcode[o.postcode] = append(byPostcode[o.postcode], i)
		}
		if o.loc != nil {
			byCell[cellOf(*o.loc)] = append(byCell[cellOf(*o.loc)], i)
		}
	}
	for k, members := range byKey {
		for a := range members {
			for b := a + 1; b < len(members); b++ {
				if members[a] != members[b] {
					pair(members[a], members[b]).SharedIdentifier = spelling[k]
				}
			}
		}
	}
	for _, members := range byPostcode {
		for a := range members {
			for b := a + 1; b < len(members); b++ {
				pair(members[a], members[b]).SamePostcode = true
			}
		}
	}
	for cell, members := range byCell {
		for _, i := range members {
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					for _, j := range byCell[[2]int{cell[0] + dy, cell[1] + dx}] {
						if j <= i {
							continue
						}
						d := civic.DistanceMetres(*orgs[i].loc, *orgs[j].loc)
						// Nearness alone needs very similar names: test them
						// before keeping the pair.
						if d <= civic.NearbyMetres && orgs[i].name.Similarity(orgs[j].name) >= civic.VerySimilarNames {
							pair(i, j).DistanceMetres = d
						}
					}
				}
			}
		}
	}
	type scored struct {
		a, b    int
		score   float64
		reasons []string
	}
	var found []scored
	for k, e := range evidence {
		a, b := orgs[k[0]], orgs[k[1]]
		if e.DistanceMetres < 0 && a.loc != nil && b.loc != nil {
			e.DistanceMetres = civic.DistanceMetres(*a.loc, *b.loc)
		}
		score, reasons := civic.ScoreEvidence(a.name.Similarity(b.name), a.postcode, *e)
		if score > 0 && score >= minScore {
			found = append(found, scored{k[0], k[1], score, reasons})
		}
	}
	slices.SortFunc(found, func(x, y scored) int {
		switch {
		case x.score != y.score:
			return cmp.Compare(y.score, x.score)
		case orgs[x.a].id != orgs[y.a].id:
			return cmp.Compare(orgs[x.a].id, orgs[y.a].id)
		}
		return cmp.Compare(orgs[x.b].id, orgs[y.b].id)
	})
	if limit >= 0 && len(found) > limit {
		found = found[:limit]
	}
	var ids []string
	for _, f := range found {
		ids = append(ids, orgs[f.a].id, orgs[f.b].id)
	}
	full := map[string]*civic.Organisation{}
	for start := 0; start < len(ids); start += 1000 {
		batch, err := s.FindOrganisationsByIDs(ctx, ids[start:min(start+1000, len(ids))])
		if err != nil {
			return nil, err
		}
		for _, o := range batch {
			if o != nil {
				full[o.ID] = o
			}
		}
	}
	out := make([]civic.DuplicateCandidate, 0, len(found))
	for _, f := range found {
		a, b := full[orgs[f.a].id], full[orgs[f.b].id]
		if a != nil && b != nil {
			out = append(out, civic.DuplicateCandidate{A: a, B: b, Score: f.score, Reasons: f.reasons})
		}
	}
	return out, nil
}

// cellOf is the cell of a grid whose cells are NearbyMetres wide, so that
// points near each other are in the same or neighbouring cells.
func cellOf(p civic.GeoPoint) [2]int {
	const metresPerDegree = 111320.0
	dLat := civic.NearbyMetres / metresPerDegree
	// Cells are as wide as they are tall at 60° north, and so at least
	// as wide anywhere in the UK.
	dLon := civic.NearbyMetres / (metresPerDegree * 0.5)
	return [2]int{int(math.Floor(p.Latitude / dLat)), int(math.Floor(p.Longitude / dLon))}
}

func asString(v any) string { s, _ := v.(string); return s }
