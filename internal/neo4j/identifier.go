package neo4j

import (
	"context"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Identifiers are nodes, (:Organisation)-[:IDENTIFIED_BY]->(:Identifier
// {id, scheme, value, org}), rather than a list property: a uniqueness
// constraint on Identifier.id guarantees that one identifier names one
// organisation across every scheme, which no index on a list can; finding
// an organisation by any identifier is one index seek (the org property
// saves the hop); and merging two organisations moves identifiers like any
// other edge. Organisation.orgId stays the primary identifier, and is an
// Identifier too.
func init() {
	schema = append(schema,
		"CREATE CONSTRAINT identifier_id IF NOT EXISTS FOR (i:Identifier) REQUIRE i.id IS UNIQUE",
		"CREATE CONSTRAINT funding_id IF NOT EXISTS FOR ()-[r:FUNDED]-() REQUIRE r.id IS UNIQUE",
		"CREATE INDEX organisation_postcode IF NOT EXISTS FOR (n:Organisation) ON (n.postcode)",
	)
}

// IdentifiersOf returns each organisation's org-id identifiers, its
// primary one first, then the others in order.
func (s *Store) IdentifiersOf(ctx context.Context, orgIDs []string) ([][]civic.Identifier, error) {
	recs, err := s.read(ctx, "identifiersOf", `UNWIND range(0, size($ids) - 1) AS i
MATCH (o:Organisation {id: $ids[i]})
RETURN i, o.orgId AS primary, [(o)-[:IDENTIFIED_BY]->(x:Identifier) | x.id] AS others`, map[string]any{"ids": orgIDs})
	if err != nil {
		return nil, err
	}
	out := make([][]civic.Identifier, len(orgIDs))
	for _, rec := range recs {
		i, _ := field(rec, "i").(int64)
		primary, _ := field(rec, "primary").(string)
		var all []string
		for _, x := range list(field(rec, "others")) {
			if s, _ := x.(string); s != primary && !civic.IsSourceKey(s) {
				all = append(all, s)
			}
		}
		slices.Sort(all)
		if primary != "" {
			all = append([]string{primary}, all...)
		}
		ids := make([]civic.Identifier, 0, len(all))
		for _, a := range all {
			if id, ok := civic.ParseIdentifier(a); ok {
				ids = append(ids, id)
			}
		}
		out[i] = ids
	}
	return out, nil
}

// identifierOwner returns a check that the identifier is free or already
// the given organisation's: CONFLICT otherwise.
func identifierOwner(ident, orgID string) func(ctx context.Context, t tx) error {
	return func(ctx context.Context, t tx) error {
		recs, err := t.run(ctx, "identifierOwner", `OPTIONAL MATCH (i:Identifier {id: $ident})
OPTIONAL MATCH (o:Organisation {orgId: $ident})
RETURN coalesce(i.org, o.id) AS owner`, map[string]any{"ident": ident})
		if err != nil {
			return err
		}
		if owner, _ := field(recs[0], "owner").(string); owner != "" && owner != orgID {
			return civic.Errorf(civic.CodeConflict, "identifier %s already names organisation %s", ident, owner)
		}
		return nil
	}
}

// AddIdentifier gives an organisation one more identifier; it becomes the
// primary one if the organisation has none.
func (s *Store) AddIdentifier(ctx context.Context, orgID, identifier string) (*civic.Organisation, error) {
	id, ok := civic.ParseIdentifier(identifier)
	if !ok {
		var p civic.Problems
		p.Add("identifier", "%q is not an org-id identifier such as GB-CHC-1164883", identifier)
		return nil, p.Err()
	}
	return write(ctx, s, "addIdentifier", func(t tx) (*civic.Organisation, error) {
		before, err := organisations.current(ctx, t, orgID)
		if err != nil || before == nil {
			return nil, orNotFound(err, civic.KindOrganisation, orgID)
		}
		if err := identifierOwner(id.ID, orgID)(ctx, t); err != nil {
			return nil, err
		}
		have, err := t.run(ctx, "identifiers", "MATCH (o:Organisation {id: $id}) RETURN [(o)-[:IDENTIFIED_BY]->(x:Identifier) | x.id] AS ids", map[string]any{"id": orgID})
		if err != nil {
			return nil, err
		}
		var old []string
		for _, x := range list(field(have[0], "ids")) {
			old = append(old, x.(string))
		}
		if _, err := t.run(ctx, "addIdentifier", writeIdentifiers, map[string]any{"rows": []map[string]any{identifierRow(id.ID, orgID)}}); err != nil {
			return nil, err
		}
		recs, err := t.run(ctx, "addIdentifierPrimary", `MATCH (n:Organisation {id: $id})
SET n.orgId = coalesce(n.orgId, $ident), n.updatedAt = datetime(), n.updatedBy = $actor
RETURN `+organisationRow+` AS row`, map[string]any{"id": orgID, "ident": id.ID, "actor": civic.ActorFrom(ctx)})
		if err != nil {
			return nil, err
		}
		after := asProps(field(recs[0], "row"))
		before["identifiers"], after["identifiers"] = sortedUnion(old, nil), sortedUnion(old, []string{id.ID})
		if err := recordChange(ctx, t, orgID, civic.OpUpdate, before, after); err != nil {
			return nil, err
		}
		return mapOrganisation(after), nil
	})
}

// linkOrgIdentifier makes an organisation's primary identifier an
// Identifier node too, for the organisations the API creates and updates.
const linkOrgIdentifier = `
WITH *
CALL (n) { WITH * WHERE n.orgId IS NOT NULL
  MERGE (i:Identifier {id: n.orgId})
  ON CREATE SET i.scheme = split(n.orgId, '-')[0] + '-' + split(n.orgId, '-')[1], i.value = substring(n.orgId, size(split(n.orgId, '-')[0]) + size(split(n.orgId, '-')[1]) + 2)
  SET i.org = n.id
  MERGE (n)-[:IDENTIFIED_BY]->(i) }`
