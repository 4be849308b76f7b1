package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func mapAffiliation(p props) *civic.Affiliation {
	return &civic.Affiliation{
		PersonID:       p.str("fromId"),
		OrganisationID: p.str("toId"),
		Role:           civic.AffiliationRole(p.str("role")),
		Since:          p.time("since"),
		Until:          p.time("until"),
		Provenance:     p.provenance(),
	}
}

// PeopleOfOrganisations pages through the people affiliated with each organisation.
func (s *Store) PeopleOfOrganisations(ctx context.Context, orgIDs []string, p civic.PageArgs) ([]civic.Page[civic.AffiliationWithPerson], error) {
	return incoming(ctx, s, affiliationLink, orgIDs, p, func(r props) civic.AffiliationWithPerson {
		return civic.AffiliationWithPerson{Affiliation: *mapAffiliation(asProps(r["link"])), Person: mapPerson(asProps(r["node"]))}
	})
}

// OrganisationsOfPeople pages through the organisations each person is affiliated with.
func (s *Store) OrganisationsOfPeople(ctx context.Context, personIDs []string, p civic.PageArgs) ([]civic.Page[civic.AffiliationWithOrganisation], error) {
	return outgoing(ctx, s, affiliationLink, personIDs, p, func(r props) civic.AffiliationWithOrganisation {
		return civic.AffiliationWithOrganisation{Affiliation: *mapAffiliation(asProps(r["link"])), Organisation: mapOrganisation(asProps(r["node"]))}
	})
}

// AddAffiliation records a person's role in an organisation.
func (s *Store) AddAffiliation(ctx context.Context, in civic.AffiliationInput) (*civic.Affiliation, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p := setter{"role": string(in.Role), "source": civic.SourceOr(in.Source)}
	p.value("since", dateValue(in.Since), in.Since != nil)
	p.value("until", dateValue(in.Until), in.Until != nil)
	row, err := affiliationLink.add(ctx, s, in.PersonID, in.OrganisationID, p)
	if err != nil {
		return nil, err
	}
	return mapAffiliation(row), nil
}

// RemoveAffiliation removes a person's role in an organisation.
func (s *Store) RemoveAffiliation(ctx context.Context, personID, orgID string, role civic.AffiliationRole) (*civic.Affiliation, error) {
	row, err := affiliationLink.remove(ctx, s, personID, orgID, string(role))
	if err != nil {
		return nil, err
	}
	return mapAffiliation(row), nil
}

// UpsertAffiliations writes affiliations as given, for loaders.
func (s *Store) UpsertAffiliations(ctx context.Context, in []civic.Affiliation) error {
	rows := make([]map[string]any, len(in))
	for i, a := range in {
		rows[i] = linkRowOf(a.PersonID, a.OrganisationID, map[string]any{
			"role": string(a.Role), "since": dateValue(a.Since), "until": dateValue(a.Until), "source": a.Source,
			"createdAt": a.CreatedAt, "updatedAt": a.UpdatedAt,
		})
	}
	return affiliationLink.upsert(ctx, s, rows)
}
