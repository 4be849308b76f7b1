package civic

import (
	"context"
	"time"
)

// The service interfaces below are what the GraphQL layer and the command
// line need from storage. Every method validates its input and returns an
// *Error with a code for anything a client did wrong. Batch methods
// (those taking a slice of IDs) exist so that nested fields are fetched
// in one round trip per level; they return results in the order of the IDs,
// with nil or empty entries for IDs that do not exist.

// OrganisationService reads and writes organisations.
type OrganisationService interface {
	FindOrganisationByID(ctx context.Context, id string) (*Organisation, error)
	FindOrganisationsByIDs(ctx context.Context, ids []string) ([]*Organisation, error)
	FindOrganisations(ctx context.Context, f OrganisationFilter, o *Order, p PageArgs) (Page[*Organisation], error)
	// OrganisationsInAreas and OrganisationsWithThemes page through the
	// organisations of many areas (themes) at once.
	OrganisationsInAreas(ctx context.Context, areaIDs []string, f OrganisationFilter, p PageArgs) ([]Page[*Organisation], error)
	OrganisationsWithThemes(ctx context.Context, slugs []string, f OrganisationFilter, p PageArgs) ([]Page[*Organisation], error)
	CreateOrganisation(ctx context.Context, in OrganisationInput) (*Organisation, error)
	UpdateOrganisation(ctx context.Context, id string, in OrganisationInput) (*Organisation, error)
	// DeleteOrganisation marks the organisation deleted. It and its edges stay
	// in the graph, hidden from reads, so that nothing is forgotten.
	DeleteOrganisation(ctx context.Context, id string) (*Organisation, error)
}

// PersonService reads and writes people.
type PersonService interface {
	FindPersonByID(ctx context.Context, id string) (*Person, error)
	FindPeopleByIDs(ctx context.Context, ids []string) ([]*Person, error)
	FindPeople(ctx context.Context, f PersonFilter, o *Order, p PageArgs) (Page[*Person], error)
	CreatePerson(ctx context.Context, in PersonInput) (*Person, error)
	UpdatePerson(ctx context.Context, id string, in PersonInput) (*Person, error)
	DeletePerson(ctx context.Context, id string) (*Person, error)
}

// AssetService reads and writes assets.
type AssetService interface {
	FindAssetByID(ctx context.Context, id string) (*Asset, error)
	FindAssetsByIDs(ctx context.Context, ids []string) ([]*Asset, error)
	FindAssets(ctx context.Context, f AssetFilter, o *Order, p PageArgs) (Page[*Asset], error)
	CreateAsset(ctx context.Context, in AssetInput) (*Asset, error)
	UpdateAsset(ctx context.Context, id string, in AssetInput) (*Asset, error)
	DeleteAsset(ctx context.Context, id string) (*Asset, error)
}

// PartnershipService reads and writes partnerships.
type PartnershipService interface {
	FindPartnershipByID(ctx context.Context, id string) (*Partnership, error)
	FindPartnershipsByIDs(ctx context.Context, ids []string) ([]*Partnership, error)
	FindPartnerships(ctx context.Context, f PartnershipFilter, o *Order, p PageArgs) (Page[*Partnership], error)
	CreatePartnership(ctx context.Context, in PartnershipInput) (*Partnership, error)
	UpdatePartnership(ctx context.Context, id string, in PartnershipInput) (*Partnership, error)
	DeletePartnership(ctx context.Context, id string) (*Partnership, error)
}

// AreaService reads and writes areas.
type AreaService interface {
	FindAreaByID(ctx context.Context, id string) (*Area, error)
	FindAreasByIDs(ctx context.Context, ids []string) ([]*Area, error)
	FindAreas(ctx context.Context, f AreaFilter, o *Order, p PageArgs) (Page[*Area], error)
	CreateArea(ctx context.Context, in AreaInput) (*Area, error)
	UpdateArea(ctx context.Context, id string, in AreaInput) (*Area, error)
	DeleteArea(ctx context.Context, id string) (*Area, error)
}

// ThemeService reads and writes themes.
type ThemeService interface {
	FindThemeByID(ctx context.Context, id string) (*Theme, error)
	FindThemesBySlugs(ctx context.Context, slugs []string) ([]*Theme, error)
	FindThemes(ctx context.Context, f ThemeFilter, o *Order, p PageArgs) (Page[*Theme], error)
	CreateTheme(ctx context.Context, in ThemeInput) (*Theme, error)
	UpdateTheme(ctx context.Context, id string, in ThemeInput) (*Theme, error)
	DeleteTheme(ctx context.Context, id string) (*Theme, error)
}

// CollaborationService reads and writes collaborations.
type CollaborationService interface {
	FindCollaborationByID(ctx context.Context, id string) (*Collaboration, error)
	FindCollaborationsByIDs(ctx context.Context, ids []string) ([]*Collaboration, error)
	FindCollaborations(ctx context.Context, f CollaborationFilter, p PageArgs) (Page[*Collaboration], error)
	// CollaborationsOf pages through the collaborations of many organisations
	// at once, each with the partner at the other end.
	CollaborationsOf(ctx context.Context, orgIDs []string, f CollaborationFilter, p PageArgs) ([]Page[CollaborationWithPartner], error)
	// CollaborationsOfSlim is CollaborationsOf with Slim partners, read
	// without their area and themes, for requests that do not ask for them.
	CollaborationsOfSlim(ctx context.Context, orgIDs []string, f CollaborationFilter, p PageArgs) ([]Page[CollaborationWithPartner], error)
	// CollaborationsOfWithPartners is CollaborationsOf that also returns,
	// from the same round trip, the page next.Page of each partner's own
	// (unfiltered) collaborations, keyed by partner ID.
	CollaborationsOfWithPartners(ctx context.Context, orgIDs []string, f CollaborationFilter, p PageArgs, next NextLevel) ([]Page[CollaborationWithPartner], map[string]Page[CollaborationWithPartner], error)
	// FindOrganisationWithCollaborations reads an organisation (nil if
	// there is none) with the same two levels, in one round trip.
	FindOrganisationWithCollaborations(ctx context.Context, id string, f CollaborationFilter, p PageArgs, next NextLevel) (*Organisation, Page[CollaborationWithPartner], map[string]Page[CollaborationWithPartner], error)
	RecordCollaboration(ctx context.Context, in CollaborationInput) (*Collaboration, error)
	UpdateCollaboration(ctx context.Context, id string, in CollaborationUpdate) (*Collaboration, error)
	EndCollaboration(ctx context.Context, id string, until time.Time) (*Collaboration, error)
	DeleteCollaboration(ctx context.Context, id string) (*Collaboration, error)
}

// LinkService reads and writes memberships, stewardships and affiliations.
// Removing a link marks it deleted rather than erasing it.
type LinkService interface {
	MembershipsOfOrganisations(ctx context.Context, orgIDs []string, p PageArgs) ([]Page[MembershipWithPartnership], error)
	MembersOfPartnerships(ctx context.Context, partnershipIDs []string, p PageArgs) ([]Page[MembershipWithOrganisation], error)
	AddMembership(ctx context.Context, in MembershipInput) (*Membership, error)
	RemoveMembership(ctx context.Context, orgID, partnershipID string) (*Membership, error)

	AssetsOfOrganisations(ctx context.Context, orgIDs []string, p PageArgs) ([]Page[StewardshipWithAsset], error)
	StewardsOfAssets(ctx context.Context, assetIDs []string, p PageArgs) ([]Page[StewardshipWithOrganisation], error)
	AddStewardship(ctx context.Context, in StewardshipInput) (*Stewardship, error)
	RemoveStewardship(ctx context.Context, orgID, assetID string, role StewardshipRole) (*Stewardship, error)

	PeopleOfOrganisations(ctx context.Context, orgIDs []string, p PageArgs) ([]Page[AffiliationWithPerson], error)
	OrganisationsOfPeople(ctx context.Context, personIDs []string, p PageArgs) ([]Page[AffiliationWithOrganisation], error)
	AddAffiliation(ctx context.Context, in AffiliationInput) (*Affiliation, error)
	RemoveAffiliation(ctx context.Context, personID, orgID string, role AffiliationRole) (*Affiliation, error)
}

// Store is everything the core graph needs from storage.
type Store interface {
	OrganisationService
	PersonService
	AssetService
	PartnershipService
	AreaService
	ThemeService
	CollaborationService
	LinkService
	MemoryService
	NetworkStore
	Registers
	DiscoveryService
}
