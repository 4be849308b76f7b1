package demo

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Registers is the demo city's part of the registers: a green paper's
// recommendations and what organisations already do towards them, the
// champions' network and its introductions, assets of community value, shared
// space and the needs for it, and stories of what worked. Like the rest of the
// city it is invented, built on the real wards.
type Registers struct {
	Recommendations []civic.Recommendation
	Contributions   []civic.Contribution
	Champions       []civic.Champion
	Introductions   []civic.Introduction
	Listings        []civic.Listing
	// Rooms are rooms within shared buildings, with who holds them; they
	// come on top of the city's assets.
	Rooms            []civic.Asset
	RoomStewardships []civic.Stewardship
	SpaceOffers      []civic.SpaceOffer
	SpaceNeeds       []civic.SpaceNeed
	Stories          []civic.Story
}

// RegisterStore is what loading the registers needs: bulk writes that keep
// the given IDs and provenance.
type RegisterStore interface {
	UpsertRecommendations(ctx context.Context, rs []civic.Recommendation) error
	UpsertContributions(ctx context.Context, cs []civic.Contribution) error
	UpsertChampions(ctx context.Context, cs []civic.Champion) error
	UpsertIntroductions(ctx context.Context, is []civic.Introduction) error
	UpsertListings(ctx context.Context, ls []civic.Listing) error
	UpsertSpaceOffers(ctx context.Context, os []civic.SpaceOffer, p civic.Provenance) error
	UpsertSpaceNeeds(ctx context.Context, ns []civic.SpaceNeed) error
	UpsertStories(ctx context.Context, ss []civic.Story) error
}

// registers builds the registers once the rest of the city exists, each
// from its own random stream.
func (g *generator) registers() {
	g.recommendations()
	g.contributions()
	g.champions()
	g.introductions()
	g.listings()
	g.rooms()
	g.spaceOffers()
	g.spaceNeeds()
	g.stories()
}

// loadRegisters writes the registers after the city they refer to.
func loadRegisters(ctx context.Context, s Store, r Registers) error {
	steps := []struct {
		what string
		load func() error
	}{
		{"recommendations", func() error { return s.UpsertRecommendations(ctx, r.Recommendations) }},
		{"contributions", func() error { return s.UpsertContributions(ctx, r.Contributions) }},
		{"champions", func() error { return s.UpsertChampions(ctx, r.Champions) }},
		{"introductions", func() error { return s.UpsertIntroductions(ctx, r.Introductions) }},
		{"listings", func() error { return s.UpsertListings(ctx, r.Listings) }},
		{"rooms", func() error { return s.UpsertAssets(ctx, r.Rooms) }},
		{"room stewardships", func() error { return s.UpsertStewardships(ctx, r.RoomStewardships) }},
		{"space offers", func() error { return s.UpsertSpaceOffers(ctx, r.SpaceOffers, provenance()) }},
		{"space needs", func() error { return s.UpsertSpaceNeeds(ctx, r.SpaceNeeds) }},
		{"stories", func() error { return s.UpsertStories(ctx, r.Stories) }},
	}
	for _, step := range steps {
		if err := step.load(); err != nil {
			return fmt.Errorf("%s: %w", step.what, err)
		}
	}
	return nil
}

// orgsIn returns the indexes of the local organisations based in ward w
// (in every ward when w is -1), in city order.
func (g *generator) orgsIn(w int) []int {
	var out []int
	for i, m := range g.orgs {
		if (w < 0 || m.ward == w) && !m.citywide {
			out = append(out, i)
		}
	}
	return out
}

// isAssociation reports whether organisation i is a community, informal,
// faith or cooperative group.
func (g *generator) isAssociation(i int) bool {
	k := g.city.Organisations[i].Kind
	return k == civic.OrgCommunityGroup || k == civic.OrgInformalGroup || k == civic.OrgFaithGroup || k == civic.OrgCooperative
}
