package loader

import (
	"context"
	"sync"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Registers holds the loaders of the registers: recommendations and
// contributions, champions and introductions, listings, shared space,
// stories and strengths.
type Registers struct {
	Recommendation   *Batch[*civic.Recommendation]
	Contribution     *Batch[*civic.Contribution]
	Champion         *Batch[*civic.Champion]
	ChampionOfPerson *Batch[*civic.Champion] // by person ID
	Introduction     *Batch[*civic.Introduction]
	// CollaborationFrom is keyed by introduction ID.
	CollaborationFrom *Batch[*civic.Collaboration]
	Listing           *Batch[*civic.Listing]
	ListingOfAsset    *Batch[*civic.Listing]    // by asset ID
	SpaceOffer        *Batch[*civic.SpaceOffer] // by asset ID
	Rooms             *Batch[[]*civic.Asset]    // by building ID
	SpaceNeed         *Batch[*civic.SpaceNeed]
	Story             *Batch[*civic.Story] // published stories only
	Strengths         *Batch[*civic.AreaStrengths]

	ContributionsTo *Paged[struct{}, *civic.Contribution] // of recommendations
	ContributionsOf *Paged[struct{}, *civic.Contribution] // of organisations
	IntroductionsOf *Paged[struct{}, *civic.Introduction] // of champions
	StoriesOf       *Paged[struct{}, *civic.Story]        // of recommendations

	l       *Loaders
	s       civic.Store
	mu      sync.Mutex
	matches map[int]*Batch[[]civic.SpaceMatch] // by how many matches are asked for
}

func init() {
	idFuncs = append(idFuncs, func(v any) string {
		switch o := v.(type) {
		case *civic.Recommendation:
			return o.ID
		case *civic.Contribution:
			return o.ID
		case *civic.Champion:
			return o.ID
		case *civic.Introduction:
			return o.ID
		case *civic.Listing:
			return o.ID
		case *civic.SpaceNeed:
			return o.ID
		case *civic.Story:
			return o.ID
		}
		return ""
	})
}

func newRegisters(l *Loaders, s civic.Store) *Registers {
	r := &Registers{l: l, s: s, matches: map[int]*Batch[[]civic.SpaceMatch]{}}
	r.Recommendation = NewBatch(s.FindRecommendationsByIDs, func(v []*civic.Recommendation) { Register(l, v) })
	r.Contribution = NewBatch(s.FindContributionsByIDs, func(v []*civic.Contribution) { Register(l, v) })
	r.Champion = NewBatch(s.FindChampionsByIDs, func(v []*civic.Champion) { Register(l, v) })
	r.ChampionOfPerson = NewBatch(s.ChampionsOfPeople, func(v []*civic.Champion) { Register(l, v) })
	r.Introduction = NewBatch(s.FindIntroductionsByIDs, func(v []*civic.Introduction) { Register(l, v) })
	r.CollaborationFrom = NewBatch(s.CollaborationsFromIntroductions, func(v []*civic.Collaboration) { Register(l, v) })
	r.Listing = NewBatch(s.FindListingsByIDs, func(v []*civic.Listing) { Register(l, v) })
	r.ListingOfAsset = NewBatch(s.CurrentListingsOfAssets, func(v []*civic.Listing) { Register(l, v) })
	r.SpaceOffer = NewBatch(s.SpaceOffersOfAssets, func(v []*civic.SpaceOffer) {
		var within []*civic.Asset
		for _, o := range v {
			if o != nil {
				within = append(within, o.Within)
			}
		}
		Register(l, within)
	})
	r.Rooms = NewBatch(s.RoomsOfBuildings, func(v [][]*civic.Asset) {
		var all []*civic.Asset
		for _, rooms := range v {
			all = append(all, rooms...)
		}
		Register(l, all)
	})
	r.SpaceNeed = NewBatch(s.FindSpaceNeedsByIDs, func(v []*civic.SpaceNeed) { Register(l, v) })
	r.Story = NewBatch(s.FindPublishedStoriesByIDs, func(v []*civic.Story) { Register(l, v) })
	r.Strengths = NewBatch(s.StrengthsOfAreas, nil)

	self := func(c **civic.Contribution) (any, any) { return *c, nil }
	r.ContributionsTo = newPaged(l, unfiltered(s.ContributionsToRecommendations), self)
	r.ContributionsOf = newPaged(l, unfiltered(s.ContributionsOfOrganisations), self)
	r.IntroductionsOf = newPaged(l, unfiltered(s.IntroductionsOfChampions), func(i **civic.Introduction) (any, any) { return *i, nil })
	r.StoriesOf = newPaged(l, unfiltered(s.StoriesOfRecommendations), func(st **civic.Story) (any, any) { return *st, nil })
	return r
}

// Matches returns the batch of up to limit space matches per need.
func (r *Registers) Matches(limit int) *Batch[[]civic.SpaceMatch] {
	r.mu.Lock()
	defer r.mu.Unlock()
	b, ok := r.matches[limit]
	if !ok {
		b = NewBatch(func(ctx context.Context, ids []string) ([][]civic.SpaceMatch, error) {
			return r.s.MatchesForNeeds(ctx, ids, limit)
		}, func(v [][]civic.SpaceMatch) {
			var assets []*civic.Asset
			for _, ms := range v {
				for _, m := range ms {
					assets = append(assets, m.Asset)
				}
			}
			Register(r.l, assets)
		})
		r.matches[limit] = b
	}
	return b
}
