package demo

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Store is what Load needs: bulk writes that keep the given IDs and
// provenance, so that loading the same city twice changes nothing.
type Store interface {
	UpsertThemes(ctx context.Context, themes []civic.Theme) error
	UpsertAreas(ctx context.Context, areas []civic.Area) error
	UpsertOrganisations(ctx context.Context, orgs []civic.Organisation) error
	UpsertPeople(ctx context.Context, people []civic.Person) error
	UpsertAssets(ctx context.Context, assets []civic.Asset) error
	UpsertPartnerships(ctx context.Context, ps []civic.Partnership) error
	UpsertCollaborations(ctx context.Context, cs []civic.Collaboration) error
	UpsertMemberships(ctx context.Context, ms []civic.Membership) error
	UpsertStewardships(ctx context.Context, ss []civic.Stewardship) error
	UpsertAffiliations(ctx context.Context, as []civic.Affiliation) error
	RegisterStore
	UpsertPostcodes(ctx context.Context, ps []civic.Postcode) error
}

// Load writes the demo city into the store: nodes first, then the edges
// between them. It is idempotent.
func Load(ctx context.Context, s Store) error {
	c := Generate()
	steps := []struct {
		what string
		load func() error
	}{
		{"themes", func() error { return s.UpsertThemes(ctx, c.Themes) }},
		{"areas", func() error { return s.UpsertAreas(ctx, c.Areas) }},
		{"organisations", func() error { return s.UpsertOrganisations(ctx, c.Organisations) }},
		{"people", func() error { return s.UpsertPeople(ctx, c.People) }},
		{"assets", func() error { return s.UpsertAssets(ctx, c.Assets) }},
		{"partnerships", func() error { return s.UpsertPartnerships(ctx, c.Partnerships) }},
		{"collaborations", func() error { return s.UpsertCollaborations(ctx, c.Collaborations) }},
		{"memberships", func() error { return s.UpsertMemberships(ctx, c.Memberships) }},
		{"stewardships", func() error { return s.UpsertStewardships(ctx, c.Stewardships) }},
		{"affiliations", func() error { return s.UpsertAffiliations(ctx, c.Affiliations) }},
		{"registers", func() error { return loadRegisters(ctx, s, c.Registers) }},
		{"postcodes", func() error { return s.UpsertPostcodes(ctx, c.Postcodes) }},
	}
	for _, step := range steps {
		if err := step.load(); err != nil {
			return fmt.Errorf("demo: loading %s: %w", step.what, err)
		}
	}
	return nil
}
