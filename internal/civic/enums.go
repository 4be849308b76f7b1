package civic

import "slices"

// OrganisationKind is the sector or form of an organisation.
type OrganisationKind string

// Organisation kinds.
const (
	OrgCouncil            OrganisationKind = "council"
	OrgPublicBody         OrganisationKind = "public_body"
	OrgCharity            OrganisationKind = "charity"
	OrgCommunityGroup     OrganisationKind = "community_group"
	OrgInformalGroup      OrganisationKind = "informal_group"
	OrgSocialEnterprise   OrganisationKind = "social_enterprise"
	OrgBusiness           OrganisationKind = "business"
	OrgUniversity         OrganisationKind = "university"
	OrgSchool             OrganisationKind = "school"
	OrgHealth             OrganisationKind = "health"
	OrgFaithGroup         OrganisationKind = "faith_group"
	OrgHousingAssociation OrganisationKind = "housing_association"
	OrgCooperative        OrganisationKind = "cooperative"
)

// OrganisationKinds lists every organisation kind.
var OrganisationKinds = []OrganisationKind{
	OrgCouncil, OrgPublicBody, OrgCharity, OrgCommunityGroup, OrgInformalGroup,
	OrgSocialEnterprise, OrgBusiness, OrgUniversity, OrgSchool, OrgHealth,
	OrgFaithGroup, OrgHousingAssociation, OrgCooperative,
}

// Valid reports whether k is a known kind.
func (k OrganisationKind) Valid() bool { return slices.Contains(OrganisationKinds, k) }

// AssetCategory groups assets the ABCD way.
type AssetCategory string

// Asset categories.
const (
	CategoryPhysical  AssetCategory = "physical"
	CategoryHuman     AssetCategory = "human"
	CategorySocial    AssetCategory = "social"
	CategoryFinancial AssetCategory = "financial"
	CategoryNatural   AssetCategory = "natural"
)

// AssetCategories lists every asset category.
var AssetCategories = []AssetCategory{CategoryPhysical, CategoryHuman, CategorySocial, CategoryFinancial, CategoryNatural}

// Valid reports whether c is a known category.
func (c AssetCategory) Valid() bool { return slices.Contains(AssetCategories, c) }

// AssetKind is what an asset is.
type AssetKind string

// Asset kinds.
const (
	AssetBuilding   AssetKind = "building"
	AssetRoom       AssetKind = "room"
	AssetLand       AssetKind = "land"
	AssetGreenSpace AssetKind = "green_space"
	AssetEquipment  AssetKind = "equipment"
	AssetVehicle    AssetKind = "vehicle"
	AssetSkill      AssetKind = "skill"
	AssetKnowledge  AssetKind = "knowledge"
	AssetNetwork    AssetKind = "network"
	AssetFund       AssetKind = "fund"
)

// assetCategories maps each asset kind to its ABCD category.
var assetCategories = map[AssetKind]AssetCategory{
	AssetBuilding:   CategoryPhysical,
	AssetRoom:       CategoryPhysical,
	AssetLand:       CategoryPhysical,
	AssetEquipment:  CategoryPhysical,
	AssetVehicle:    CategoryPhysical,
	AssetGreenSpace: CategoryNatural,
	AssetSkill:      CategoryHuman,
	AssetKnowledge:  CategoryHuman,
	AssetNetwork:    CategorySocial,
	AssetFund:       CategoryFinancial,
}

// AssetKinds lists every asset kind.
var AssetKinds = []AssetKind{
	AssetBuilding, AssetRoom, AssetLand, AssetGreenSpace, AssetEquipment,
	AssetVehicle, AssetSkill, AssetKnowledge, AssetNetwork, AssetFund,
}

// Valid reports whether k is a known kind.
func (k AssetKind) Valid() bool { _, ok := assetCategories[k]; return ok }

// Category returns the ABCD category of the kind.
func (k AssetKind) Category() AssetCategory { return assetCategories[k] }

// Intensity is how closely two organisations work together, on the
// awareness -> cooperation -> coordination -> integration scale.
type Intensity string

// Collaboration intensities, weakest first.
const (
	IntensityAwareness    Intensity = "awareness"
	IntensityCooperation  Intensity = "cooperation"
	IntensityCoordination Intensity = "coordination"
	IntensityIntegration  Intensity = "integration"
)

// Intensities lists every intensity, weakest first.
var Intensities = []Intensity{IntensityAwareness, IntensityCooperation, IntensityCoordination, IntensityIntegration}

// Valid reports whether i is a known intensity.
func (i Intensity) Valid() bool { return slices.Contains(Intensities, i) }

// Rank returns 1 for awareness up to 4 for integration, and 0 if unknown.
func (i Intensity) Rank() int { return slices.Index(Intensities, i) + 1 }

// AtLeast returns the intensities at least as strong as i.
func (i Intensity) AtLeast() []Intensity {
	r := i.Rank()
	if r == 0 {
		return nil
	}
	return Intensities[r-1:]
}

// PartnershipKind is the form a partnership takes.
type PartnershipKind string

// Partnership kinds.
const (
	PartnershipNetwork    PartnershipKind = "network"
	PartnershipForum      PartnershipKind = "forum"
	PartnershipBoard      PartnershipKind = "board"
	PartnershipAlliance   PartnershipKind = "alliance"
	PartnershipConsortium PartnershipKind = "consortium"
)

// PartnershipKinds lists every partnership kind.
var PartnershipKinds = []PartnershipKind{PartnershipNetwork, PartnershipForum, PartnershipBoard, PartnershipAlliance, PartnershipConsortium}

// Valid reports whether k is a known kind.
func (k PartnershipKind) Valid() bool { return slices.Contains(PartnershipKinds, k) }

// AreaKind is the level of an area in the city's geography.
type AreaKind string

// Area kinds, largest first.
const (
	AreaCity          AreaKind = "city"
	AreaDistrict      AreaKind = "district"
	AreaWard          AreaKind = "ward"
	AreaNeighbourhood AreaKind = "neighbourhood"
)

// AreaKinds lists every area kind.
var AreaKinds = []AreaKind{AreaCity, AreaDistrict, AreaWard, AreaNeighbourhood}

// Valid reports whether k is a known kind.
func (k AreaKind) Valid() bool { return slices.Contains(AreaKinds, k) }

// MembershipRole is an organisation's role in a partnership.
type MembershipRole string

// Membership roles.
const (
	MemberRoleMember      MembershipRole = "member"
	MemberRoleLead        MembershipRole = "lead"
	MemberRoleChair       MembershipRole = "chair"
	MemberRoleSecretariat MembershipRole = "secretariat"
	MemberRoleFunder      MembershipRole = "funder"
)

// MembershipRoles lists every membership role.
var MembershipRoles = []MembershipRole{MemberRoleMember, MemberRoleLead, MemberRoleChair, MemberRoleSecretariat, MemberRoleFunder}

// Valid reports whether r is a known role.
func (r MembershipRole) Valid() bool { return slices.Contains(MembershipRoles, r) }

// StewardshipRole is how an organisation holds an asset.
type StewardshipRole string

// Stewardship roles.
const (
	StewardOwns     StewardshipRole = "owns"
	StewardManages  StewardshipRole = "manages"
	StewardOccupies StewardshipRole = "occupies"
	StewardUses     StewardshipRole = "uses"
)

// StewardshipRoles lists every stewardship role.
var StewardshipRoles = []StewardshipRole{StewardOwns, StewardManages, StewardOccupies, StewardUses}

// Valid reports whether r is a known role.
func (r StewardshipRole) Valid() bool { return slices.Contains(StewardshipRoles, r) }

// AffiliationRole is a person's role in an organisation.
type AffiliationRole string

// Affiliation roles.
const (
	AffiliationStaff     AffiliationRole = "staff"
	AffiliationVolunteer AffiliationRole = "volunteer"
	AffiliationTrustee   AffiliationRole = "trustee"
	AffiliationChampion  AffiliationRole = "champion"
)

// AffiliationRoles lists every affiliation role.
var AffiliationRoles = []AffiliationRole{AffiliationStaff, AffiliationVolunteer, AffiliationTrustee, AffiliationChampion}

// Valid reports whether r is a known role.
func (r AffiliationRole) Valid() bool { return slices.Contains(AffiliationRoles, r) }

// SortDirection orders a list.
type SortDirection string

// Sort directions.
const (
	Asc  SortDirection = "asc"
	Desc SortDirection = "desc"
)
