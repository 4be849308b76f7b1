package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func mapStewardship(p props) *civic.Stewardship {
	return &civic.Stewardship{
		OrganisationID: p.str("fromId"),
		AssetID:        p.str("toId"),
		Role:           civic.StewardshipRole(p.str("role")),
		Since:          p.time("since"),
		Provenance:     p.provenance(),
	}
}

// AssetsOfOrganisations pages through the assets each organisation stewards.
func (s *Store) AssetsOfOrganisations(ctx context.Context, orgIDs []string, p civic.PageArgs) ([]civic.Page[civic.StewardshipWithAsset], error) {
	return outgoing(ctx, s, stewardshipLink, orgIDs, p, func(r props) civic.StewardshipWithAsset {
		return civic.StewardshipWithAsset{Stewardship: *mapStewardship(asProps(r["link"])), Asset: mapAsset(asProps(r["node"]))}
	})
}

// StewardsOfAssets pages through the organisations that steward each asset.
func (s *Store) StewardsOfAssets(ctx context.Context, assetIDs []string, p civic.PageArgs) ([]civic.Page[civic.StewardshipWithOrganisation], error) {
	return incoming(ctx, s, stewardshipLink, assetIDs, p, func(r props) civic.StewardshipWithOrganisation {
		return civic.StewardshipWithOrganisation{Stewardship: *mapStewardship(asProps(r["link"])), Organisation: mapOrganisation(asProps(r["node"]))}
	})
}

// AddStewardship records that an organisation holds an asset in a role.
func (s *Store) AddStewardship(ctx context.Context, in civic.StewardshipInput) (*civic.Stewardship, error) {
	in.Normalise()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p := setter{"role": string(in.Role), "source": civic.SourceOr(in.Source)}
	p.value("since", dateValue(in.Since), in.Since != nil)
	row, err := stewardshipLink.add(ctx, s, in.OrganisationID, in.AssetID, p)
	if err != nil {
		return nil, err
	}
	return mapStewardship(row), nil
}

// RemoveStewardship removes an organisation's role for an asset.
func (s *Store) RemoveStewardship(ctx context.Context, orgID, assetID string, role civic.StewardshipRole) (*civic.Stewardship, error) {
	row, err := stewardshipLink.remove(ctx, s, orgID, assetID, string(role))
	if err != nil {
		return nil, err
	}
	return mapStewardship(row), nil
}

// UpsertStewardships writes stewardships as given, for loaders.
func (s *Store) UpsertStewardships(ctx context.Context, in []civic.Stewardship) error {
	rows := make([]map[string]any, len(in))
	for i, st := range in {
		rows[i] = linkRowOf(st.OrganisationID, st.AssetID, map[string]any{
			"role": string(st.Role), "since": dateValue(st.Since), "source": st.Source,
			"createdAt": st.CreatedAt, "updatedAt": st.UpdatedAt,
		})
	}
	return stewardshipLink.upsert(ctx, s, rows)
}
