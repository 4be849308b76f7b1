package civic

import (
	"context"
	"time"
)

// The registers the councils asked for: recommendations and who works
// towards them, the champions' network, assets of community value, shared
// space, and what worked. Their services follow the conventions of
// service.go.

// RecommendationService reads and writes recommendations.
type RecommendationService interface {
	FindRecommendationByCode(ctx context.Context, code string) (*Recommendation, error)
	FindRecommendationsByIDs(ctx context.Context, ids []string) ([]*Recommendation, error)
	FindRecommendations(ctx context.Context, f RecommendationFilter, o *RecommendationOrder, p PageArgs) (Page[*Recommendation], error)
	CreateRecommendation(ctx context.Context, in RecommendationInput) (*Recommendation, error)
	UpdateRecommendation(ctx context.Context, id string, in RecommendationInput) (*Recommendation, error)
	DeleteRecommendation(ctx context.Context, id string) (*Recommendation, error)
}

// ContributionService registers what organisations do towards recommendations.
type ContributionService interface {
	// RegisterContribution records or updates an organisation's
	// contribution, creating the organisation if it is new; see
	// OrganisationRef for how it is matched. Calls with the same input,
	// even concurrent ones, leave one organisation and one contribution.
	RegisterContribution(ctx context.Context, in ContributionInput) (*Registration, error)
	WithdrawContribution(ctx context.Context, id string) (*Contribution, error)
	FindContributionsByIDs(ctx context.Context, ids []string) ([]*Contribution, error)
	FindContributions(ctx context.Context, f ContributionFilter, p PageArgs) (Page[*Contribution], error)
	ContributionsToRecommendations(ctx context.Context, recommendationIDs []string, p PageArgs) ([]Page[*Contribution], error)
	ContributionsOfOrganisations(ctx context.Context, orgIDs []string, p PageArgs) ([]Page[*Contribution], error)
	// ContributionsByArea counts contributions per area of the scope,
	// optionally only to some recommendations.
	ContributionsByArea(ctx context.Context, scope AreaScope, recommendationIDs []string) ([]AreaContributions, error)
}

// ChampionService reads and writes the champions' network.
type ChampionService interface {
	FindChampionsByIDs(ctx context.Context, ids []string) ([]*Champion, error)
	// ChampionsOfPeople returns each person's champion record, nil for
	// people who are not champions.
	ChampionsOfPeople(ctx context.Context, personIDs []string) ([]*Champion, error)
	FindChampions(ctx context.Context, f ChampionFilter, p PageArgs) (Page[*Champion], error)
	// ChampionsNear returns serving champions near a place, nearest first.
	ChampionsNear(ctx context.Context, s ChampionSearch) ([]NearbyChampion, error)
	AppointChampion(ctx context.Context, in ChampionInput) (*Champion, error)
	UpdateChampion(ctx context.Context, id string, in ChampionInput) (*Champion, error)
	StandDownChampion(ctx context.Context, id string, until time.Time) (*Champion, error)

	FindIntroductionsByIDs(ctx context.Context, ids []string) ([]*Introduction, error)
	FindIntroductions(ctx context.Context, f IntroductionFilter, p PageArgs) (Page[*Introduction], error)
	IntroductionsOfChampions(ctx context.Context, championIDs []string, p PageArgs) ([]Page[*Introduction], error)
	// CollaborationsFromIntroductions returns, for each introduction, the
	// first collaboration between its organisations that started on or
	// after it, or nil when none did.
	CollaborationsFromIntroductions(ctx context.Context, introductionIDs []string) ([]*Collaboration, error)
	RecordIntroduction(ctx context.Context, in IntroductionInput) (*Introduction, error)
	UpdateIntroduction(ctx context.Context, id string, in IntroductionUpdate) (*Introduction, error)
	DeleteIntroduction(ctx context.Context, id string) (*Introduction, error)
}

// ListingService reads and writes the register of assets of community value.
type ListingService interface {
	FindListingsByIDs(ctx context.Context, ids []string) ([]*Listing, error)
	// CurrentListingsOfAssets returns each asset's latest listing, nil for
	// assets never nominated.
	CurrentListingsOfAssets(ctx context.Context, assetIDs []string) ([]*Listing, error)
	FindListings(ctx context.Context, f ListingFilter, p PageArgs) (Page[*Listing], error)
	RecordListing(ctx context.Context, in ListingInput) (*Listing, error)
	UpdateListing(ctx context.Context, id string, in ListingInput) (*Listing, error)
	DeleteListing(ctx context.Context, id string) (*Listing, error)
}

// SpaceService reads and writes shared space: offers, needs and matches.
type SpaceService interface {
	// SpaceOffersOfAssets returns each asset's offer, nil for assets that
	// are neither buildings nor rooms.
	SpaceOffersOfAssets(ctx context.Context, assetIDs []string) ([]*SpaceOffer, error)
	RoomsOfBuildings(ctx context.Context, buildingIDs []string) ([][]*Asset, error)
	OfferSpace(ctx context.Context, assetID string, in SpaceOfferInput) (*SpaceOffer, error)
	WithdrawSpace(ctx context.Context, assetID string) (*SpaceOffer, error)
	FindSpace(ctx context.Context, s SpaceSearch) ([]SpaceMatch, error)
	// MatchesForNeeds returns up to limit spaces for each need, nearest first.
	MatchesForNeeds(ctx context.Context, needIDs []string, limit int) ([][]SpaceMatch, error)
	FindSharedBuildings(ctx context.Context, f SharedBuildingFilter, p PageArgs) (Page[SharedBuilding], error)

	FindSpaceNeedsByIDs(ctx context.Context, ids []string) ([]*SpaceNeed, error)
	FindSpaceNeeds(ctx context.Context, f SpaceNeedFilter, p PageArgs) (Page[*SpaceNeed], error)
	RecordSpaceNeed(ctx context.Context, in SpaceNeedInput) (*SpaceNeed, error)
	UpdateSpaceNeed(ctx context.Context, id string, in SpaceNeedInput) (*SpaceNeed, error)
}

// StoryService reads and writes stories of what worked. Public reads see
// published stories only.
type StoryService interface {
	FindPublishedStoriesByIDs(ctx context.Context, ids []string) ([]*Story, error)
	FindStories(ctx context.Context, f StoryFilter, p PageArgs) (Page[*Story], error)
	StoriesOfRecommendations(ctx context.Context, recommendationIDs []string, p PageArgs) ([]Page[*Story], error)
	// StoriesForReview lists submitted stories, oldest first. It is for
	// editors only.
	StoriesForReview(ctx context.Context, p PageArgs) (Page[*Story], error)
	SubmitStory(ctx context.Context, in StoryInput) (*Story, error)
	// ReviewStory publishes or rejects a submitted story. It is for editors only.
	ReviewStory(ctx context.Context, id string, r Review) (*Story, error)
}

// StrengthService gives the asset-based view of areas.
type StrengthService interface {
	StrengthsOfAreas(ctx context.Context, areaIDs []string) ([]*AreaStrengths, error)
	FindStrengths(ctx context.Context, scope AreaScope, p PageArgs) (Page[*AreaStrengths], error)
}

// Registers is everything the registers need from storage.
type Registers interface {
	RecommendationService
	ContributionService
	ChampionService
	ListingService
	SpaceService
	StoryService
	StrengthService
}
