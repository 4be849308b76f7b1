package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// ExportKinds are the kinds of record an export holds, in the order an
// import needs them: what others refer to first.
var ExportKinds = []string{"theme", "area", "organisation", "person", "asset", "partnership",
	"collaboration", "funding", "membership", "stewardship", "affiliation"}

// exportQueries read one page of each kind, deleted records included, in a
// fixed order: nodes and keyed edges by ID after $after (an index range),
// links by their ends and role (they have no ID).
var exportQueries = map[string]string{
	"theme":         "MATCH (n:Theme) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN n.id AS key, " + themeRow + " AS row",
	"area":          "", // see init
	"organisation":  "MATCH (n:Organisation) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN n.id AS key, " + orgWithIdentifiers + " AS row",
	"person":        "MATCH (n:Person) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN n.id AS key, " + personRow + " AS row",
	"asset":         "MATCH (n:Asset) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN n.id AS key, " + assetRow + " AS row",
	"partnership":   "MATCH (n:Partnership) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN n.id AS key, " + partnershipRow + " AS row",
	"collaboration": "MATCH (a:Organisation)-[c:COLLABORATES_WITH]->(b:Organisation) WHERE c.id > $after WITH a, b, c ORDER BY c.id LIMIT $limit RETURN c.id AS key, " + collabRow + " AS row",
	"funding":       "MATCH (a:Organisation)-[c:FUNDED]->(b:Organisation) WHERE c.id > $after WITH a, b, c ORDER BY c.id LIMIT $limit RETURN c.id AS key, c {.*, fromId: a.id, toId: b.id} AS row",
	"membership":    linkExport("Organisation", "MEMBER_OF", "Partnership"),
	"stewardship":   linkExport("Organisation", "STEWARDS", "Asset"),
	"affiliation":   linkExport("Person", "AFFILIATED_WITH", "Organisation"),
}

func init() {
	// Areas sort by depth, then ID ("03/area_..."), so that a parent comes
	// before its children.
	exportQueries["area"] = `MATCH (n:Area) WITH n, right('0' + toString(size([(n)-[:PART_OF*1..9]->(x:Area) | x])), 2) + '/' + n.id AS key
WITH n, key WHERE key > $after WITH n, key ORDER BY key LIMIT $limit RETURN key, ` + areaRow + " AS row"
}

func linkExport(from, rel, to string) string {
	return fmt.Sprintf(`MATCH (x:%s)-[r:%s]->(y:%s) WITH x, y, r, x.id + '/' + y.id + '/' + coalesce(r.role, '') AS key
WHERE key > $after WITH x, y, r, key ORDER BY key LIMIT $limit RETURN key, %s AS row`, from, rel, to, linkRow)
}

// ExportPage returns up to limit records of a kind after the given key
// ("" for the first page), each a record of one item as an import would
// read it, and the key to ask for the next page ("" after the last).
func (s *Store) ExportPage(ctx context.Context, kind, after string, limit int) ([]civic.ImportRecord, string, error) {
	q, ok := exportQueries[kind]
	if !ok {
		return nil, "", fmt.Errorf("neo4j: no export of %q", kind)
	}
	recs, err := s.read(ctx, "export"+kind, q, map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, "", err
	}
	out := make([]civic.ImportRecord, len(recs))
	next := ""
	for i, rec := range recs {
		out[i] = exportRecord(kind, asProps(field(rec, "row")))
		next = field(rec, "key").(string)
	}
	if len(recs) < limit {
		next = ""
	}
	return out, next, nil
}

// exportRecord turns a stored row into the record an import reads.
func exportRecord(kind string, p props) civic.ImportRecord {
	var r civic.ImportRecord
	prov := p.provenance()
	switch kind {
	case "theme":
		r.Themes = []civic.Theme{*mapTheme(p)}
	case "area":
		r.Areas = []civic.Area{*mapArea(p)}
	case "organisation":
		o := mapOrganisation(p)
		o.MergedInto = p.str("mergedInto")
		var ids []string
		for _, x := range p.strs("identifiers") {
			if x != o.OrgID {
				ids = append(ids, x)
			}
		}
		r.Organisations = []civic.ImportOrganisation{{Organisation: *o, Identifiers: sortedUnion(ids, nil)}}
	case "person":
		r.People = []civic.Person{*mapPerson(p)}
	case "asset":
		r.Assets = []civic.Asset{*mapAsset(p)}
	case "partnership":
		r.Partnerships = []civic.Partnership{*mapPartnership(p)}
	case "collaboration":
		c := mapCollaboration(p)
		r.Collaborations = []civic.ImportCollaboration{{Collaboration: *c, From: civic.OrgRef{ID: c.FromID}, To: civic.OrgRef{ID: c.ToID}}}
	case "funding":
		f := civic.Funding{ID: p.str("id"), FunderID: p.str("fromId"), RecipientID: p.str("toId"), GrantID: p.str("grantId"),
			Title: p.str("title"), Description: p.str("description"), Currency: p.str("currency"), AwardDate: p.time("awardDate"),
			Programme: p.str("programme"), DeletedAt: p.time("deletedAt"), Provenance: prov}
		if a, ok := p["amount"].(float64); ok {
			f.Amount = a
		} else if a, ok := p["amount"].(int64); ok {
			f.Amount = float64(a)
		}
		r.Fundings = []civic.ImportFunding{{Funding: f, Funder: civic.OrgRef{ID: f.FunderID}, Recipient: civic.OrgRef{ID: f.RecipientID}}}
	default:
		rel := map[string]civic.LinkRel{"membership": civic.RelMembership, "stewardship": civic.RelStewardship, "affiliation": civic.RelAffiliation}[kind]
		r.Links = []civic.ImportLink{{Rel: rel, From: civic.OrgRef{ID: p.str("fromId")}, To: civic.OrgRef{ID: p.str("toId")}, Role: p.str("role"),
			Since: p.time("since"), Until: p.time("until"), DeletedAt: p.time("deletedAt"), Provenance: prov}}
	}
	return r
}
