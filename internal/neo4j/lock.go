package neo4j

import (
	"context"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// lock takes the named write lock for the rest of the transaction t: a
// second transaction asking for the same lock waits until t commits or
// rolls back, and then reads what t wrote (Neo4j reads committed data).
// The lock is a :Lock node, created once (its name is unique, so two
// first callers cannot both create it) and never changed: setting and
// removing a property takes the node's write lock without leaving a trace.
func lock(ctx context.Context, t tx, name string) error {
	_, err := t.run(ctx, "lock", "MERGE (l:Lock {name: $name}) SET l._taken = true REMOVE l._taken", map[string]any{"name": name})
	return err
}

// matchOrCreateOrganisation finds the organisation a registration names, or
// creates it; see civic.OrganisationRef for the rules. The caller holds the
// registration lock, so that what this reads stays true until it commits.
func matchOrCreateOrganisation(ctx context.Context, t tx, ref civic.OrganisationRef, source string) (*civic.Organisation, bool, error) {
	if ref.ID != nil {
		o, err := writeOne(ctx, t, "registrationByID", "MATCH (n:Organisation {id: $id}) WHERE n.deletedAt IS NULL RETURN "+organisationRow+" AS row",
			map[string]any{"id": *ref.ID}, mapOrganisation)
		if err == nil && o == nil {
			err = withField(civic.NotFound(civic.KindOrganisation, *ref.ID), "organisation.id")
		}
		return o, false, err
	}
	if ref.OrgID != nil {
		recs, err := t.run(ctx, "registrationByOrgID", "MATCH (n:Organisation {orgId: $orgId}) RETURN "+organisationRow+" AS row",
			map[string]any{"orgId": *ref.OrgID})
		if err != nil {
			return nil, false, err
		}
		if len(recs) > 0 {
			o := mapOrganisation(asProps(field(recs[0], "row")))
			if o.DeletedAt != nil {
				return nil, false, civic.Errorf(civic.CodeConflict, "org-id %s belongs to a deleted organisation", *ref.OrgID)
			}
			return o, false, nil
		}
	}
	if ref.Postcode != nil {
		// The oldest organisation of that name and postcode that has no
		// org-id, or the same one: a different org-id is a different
		// organisation.
		o, err := writeOne(ctx, t, "registrationByName", `MATCH (n:Organisation {postcode: $postcode})
WHERE n.deletedAt IS NULL AND [w IN split(toLower(n.name), ' ') WHERE w <> ''] = $words
  AND (n.orgId IS NULL OR $orgId IS NULL)
WITH n ORDER BY n.createdAt ASC, n.id ASC LIMIT 1
SET n.orgId = coalesce(n.orgId, $orgId)
RETURN `+organisationRow+" AS row", map[string]any{
			"postcode": *ref.Postcode, "words": strings.Fields(civic.NameKey(*ref.Name)), "orgId": deref(ref.OrgID),
		}, mapOrganisation)
		if err != nil || o != nil {
			return o, false, err
		}
	}
	in := ref.CreateInput()
	in.Source = &source
	if err := areaThemeRefs(in.AreaID, nil).check(ctx, t); err != nil {
		return nil, false, withField(err, "organisation.areaId")
	}
	props := organisationProps(in)
	props["id"] = civic.NewID(civic.KindOrganisation)
	o, err := writeOne(ctx, t, "registrationCreate", "CREATE (n:Organisation) SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime()\n"+organisations.tail,
		withLinks(map[string]any{"props": props}, in.AreaID, nil, source), mapOrganisation)
	return o, true, err
}

// withField names the input field of a NOT_FOUND error.
func withField(err error, name string) error {
	if e, ok := err.(*civic.Error); ok && e.Code == civic.CodeNotFound {
		e.Fields = []civic.FieldError{{Field: name, Message: e.Message}}
	}
	return err
}
