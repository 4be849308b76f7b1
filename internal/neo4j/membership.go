package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func mapMembership(p props) *civic.Membership {
	return &civic.Membership{
		OrganisationID: p.str("fromId"),
		PartnershipID:  p.str("toId"),
		Role:           civic.MembershipRole(p.str("role")),
		Since:          p.time("since"),
		Provenance:     p.provenance(),
	}
}

// MembershipsOfOrganisations pages through the partnerships of each organisation.
func (s *Store) MembershipsOfOrganisations(ctx context.Context, orgIDs []string, p civic.PageArgs) ([]civic.Page[civic.MembershipWithPartnership], error) {
	return outgoing(ctx, s, membershipLink, orgIDs, p, func(r props) civic.MembershipWithPartnership {
		return civic.MembershipWithPartnership{Membership: *mapMembership(asProps(r["link"])), Partnership: mapPartnership(asProps(r["node"]))}
	})
}

// MembersOfPartnerships pages through the member organisations of each partnership.
func (s *Store) MembersOfPartnerships(ctx context.Context, partnershipIDs []string, p civic.PageArgs) ([]civic.Page[civic.MembershipWithOrganisation], error) {
	return incoming(ctx, s, membershipLink, partnershipIDs, p, func(r props) civic.MembershipWithOrganisation {
		return civic.MembershipWithOrganisation{Membership: *mapMembership(asProps(r["link"])), Organisation: mapOrganisation(asProps(r["node"]))}
	})
}

// AddMembership adds an organisation to a partnership or changes its role.
func (s *Store) AddMembership(ctx context.Context, in civic.MembershipInput) (*civic.Membership, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p := setter{"role": string(*in.Role), "source": civic.SourceOr(in.Source)}
	p.value("since", dateValue(in.Since), in.Since != nil)
	row, err := membershipLink.add(ctx, s, in.OrganisationID, in.PartnershipID, p)
	if err != nil {
		return nil, err
	}
	return mapMembership(row), nil
}

// RemoveMembership removes an organisation from a partnership.
func (s *Store) RemoveMembership(ctx context.Context, orgID, partnershipID string) (*civic.Membership, error) {
	row, err := membershipLink.remove(ctx, s, orgID, partnershipID, "")
	if err != nil {
		return nil, err
	}
	return mapMembership(row), nil
}

// UpsertMemberships writes memberships as given, for loaders.
func (s *Store) UpsertMemberships(ctx context.Context, in []civic.Membership) error {
	rows := make([]map[string]any, len(in))
	for i, m := range in {
		rows[i] = linkRowOf(m.OrganisationID, m.PartnershipID, map[string]any{
			"role": string(m.Role), "since": dateValue(m.Since), "source": m.Source,
			"createdAt": m.CreatedAt, "updatedAt": m.UpdatedAt,
		})
	}
	return membershipLink.upsert(ctx, s, rows)
}
