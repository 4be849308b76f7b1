package demo

import "github.com/civicgraph/civicgraph/internal/civic"

// assetPattern is a pattern for an asset's name. {place} is the anchor
// organisation's neighbourhood, {org} its name, {hall} its hall and {street}
// a street name.
type assetPattern struct {
	name    string
	themes  []string                 // nil: the anchor organisation's themes
	anchors []civic.OrganisationKind // kinds of organisation that hold such an asset
}

// assetPlan says how many assets of a kind to generate and how.
type assetPlan struct {
	kind      civic.AssetKind
	count     int
	shareable float64 // probability the asset is offered to others
	capacity  [2]int  // range of people it holds; zero for things that hold nobody
	// extra weights how many more stewards join the first: 0, 1 or 2.
	extra    []float64
	patterns []assetPattern
}

// Organisation kinds, shortened for the tables below.
const (
	council   = civic.OrgCouncil
	public    = civic.OrgPublicBody
	charity   = civic.OrgCharity
	community = civic.OrgCommunityGroup
	informal  = civic.OrgInformalGroup
	social    = civic.OrgSocialEnterprise
	business  = civic.OrgBusiness
	uni       = civic.OrgUniversity
	school    = civic.OrgSchool
	health    = civic.OrgHealth
	faith     = civic.OrgFaithGroup
	housing   = civic.OrgHousingAssociation
	coop      = civic.OrgCooperative
)

type kinds = []civic.OrganisationKind

// assetPlans add up to 300 assets, weighted towards the halls and rooms
// that community development work runs on.
var assetPlans = []assetPlan{
	{civic.AssetBuilding, 55, 0.7, [2]int{40, 350}, []float64{30, 40, 30}, []assetPattern{
		{"{hall}", nil, kinds{faith}},
		{"{hall}", nil, kinds{faith}},
		{"{place} Community Centre", []string{"wellbeing", "youth"}, kinds{charity, community, council}},
		{"{place} Community Hall", []string{"wellbeing", "older-people"}, kinds{community, charity, council}},
		{"{place} Scout Hut", []string{"youth"}, kinds{community}},
		{"{place} Youth Centre", []string{"youth", "sport"}, kinds{charity, council, public}},
		{"{place} Sports Pavilion", []string{"sport"}, kinds{community, council}},
		{"{place} Enterprise Centre", []string{"employment"}, kinds{social, charity, housing}},
		{"{place} Community Hub", nil, kinds{charity, housing, council}},
	}},
	{civic.AssetRoom, 45, 0.65, [2]int{8, 60}, []float64{55, 35, 10}, []assetPattern{
		{"Meeting Room at {org}", nil, kinds{charity, public, housing, health, uni, school, faith, social}},
		{"Community Kitchen at {org}", []string{"food"}, kinds{faith, charity, social, school}},
		{"Training Room at {org}", []string{"employment", "education"}, kinds{charity, uni, public, housing, social}},
		{"IT Suite at {org}", []string{"digital-inclusion", "education"}, kinds{public, school, uni, charity}},
		{"Sports Hall at {org}", []string{"sport", "youth"}, kinds{school, public}},
		{"Counselling Room at {org}", []string{"mental-health"}, kinds{charity, health}},
		{"Studio at {org}", []string{"arts-culture"}, kinds{charity, uni, social}},
	}},
	{civic.AssetLand, 20, 0.4, [2]int{}, []float64{60, 40}, []assetPattern{
		{"{place} Allotments", []string{"food", "environment"}, kinds{community, coop}},
		{"{place} Community Orchard", []string{"environment", "food"}, kinds{community, charity}},
		{"{place} Growing Site", []string{"food", "employment"}, kinds{social, charity, community}},
		{"{street} Meanwhile Site, {place}", []string{"environment", "housing"}, kinds{housing, community}},
	}},
	{civic.AssetGreenSpace, 30, 0.85, [2]int{}, []float64{65, 35}, []assetPattern{
		{"{place} Park", []string{"environment", "wellbeing"}, kinds{community, informal, charity}},
		{"{place} Recreation Ground", []string{"sport", "environment"}, kinds{community, informal}},
		{"{place} Pocket Park", []string{"environment"}, kinds{community, informal}},
		{"{place} Nature Reserve", []string{"environment", "education"}, kinds{charity, community}},
		{"{place} Wildflower Meadow", []string{"environment", "wellbeing"}, kinds{community, informal, charity}},
		{"{place} Playing Fields", []string{"sport", "youth"}, kinds{school, community}},
	}},
	{civic.AssetEquipment, 40, 0.6, [2]int{}, []float64{50, 35, 15}, []assetPattern{
		{"{org} Sound System", []string{"arts-culture"}, kinds{community, faith, charity, social}},
		{"{org} Marquee and Gazebos", nil, kinds{community, faith, charity}},
		{"{org} Loan Laptops", []string{"digital-inclusion"}, kinds{public, charity, social}},
		{"{org} Tool Library", []string{"environment"}, kinds{informal, community, coop}},
		{"{org} Catering Equipment", []string{"food"}, kinds{faith, community, social}},
		{"{org} Projector and Screen", nil, kinds{charity, school, faith}},
		{"{org} Sports Kit", []string{"sport", "youth"}, kinds{community, charity}},
	}},
	{civic.AssetVehicle, 15, 0.55, [2]int{}, []float64{35, 40, 25}, []assetPattern{
		{"{org} Minibus", nil, kinds{charity, faith, community, school}},
		{"{org} Accessible Minibus", []string{"older-people"}, kinds{charity, community}},
		{"{org} Cargo Bike", []string{"environment", "food"}, kinds{social, community, coop}},
		{"{org} Delivery Van", []string{"food"}, kinds{charity, social}},
	}},
	{civic.AssetSkill, 30, 0.7, [2]int{}, []float64{70, 30}, []assetPattern{
		{"{place} Skills Bank", nil, kinds{charity, community}},
		{"{org} Volunteer Drivers", []string{"older-people"}, kinds{charity, community}},
		{"{place} Community Interpreters", []string{"migrants-refugees"}, kinds{charity, faith}},
		{"{org} Mentoring Pool", []string{"youth", "employment"}, kinds{charity, uni, business}},
		{"{org} Pro Bono Advisers", []string{"financial-inclusion", "housing"}, kinds{business, uni}},
		{"{org} First Aid Trainers", []string{"wellbeing"}, kinds{public, health, charity}},
		{"{org} Digital Champions", []string{"digital-inclusion"}, kinds{charity, social, public}},
	}},
	{civic.AssetKnowledge, 20, 0.8, [2]int{}, []float64{70, 30}, []assetPattern{
		{"{place} Local History Archive", []string{"arts-culture"}, kinds{community, charity, public}},
		{"{place} Community Directory", nil, kinds{charity, community, public}},
		{"{org} Lunch Club Toolkit", []string{"older-people", "food"}, kinds{charity, community}},
		{"{org} Funding Bid Templates", nil, kinds{charity}},
		{"{place} Community Research Report", nil, kinds{uni, charity}},
		{"{org} Safeguarding Training Pack", []string{"youth"}, kinds{charity, public}},
	}},
	{civic.AssetNetwork, 20, 0.5, [2]int{}, []float64{70, 30}, []assetPattern{
		{"{place} Parents' WhatsApp Network", []string{"youth"}, kinds{school, community, informal}},
		{"{org} Volunteer Network", nil, kinds{charity, faith}},
		{"{place} Street Champions", []string{"community-safety", "environment"}, kinds{community, housing}},
		{"{org} Mailing List", nil, kinds{community, charity, informal}},
		{"{place} Faith Leaders' Network", []string{"community-safety", "wellbeing"}, kinds{faith}},
	}},
	{civic.AssetFund, 25, 0.6, [2]int{}, []float64{70, 30}, []assetPattern{
		{"{place} Small Grants Fund", nil, kinds{charity, council, housing}},
		{"{org} Hardship Fund", []string{"financial-inclusion"}, kinds{charity, faith, housing}},
		{"{place} Community Chest", nil, kinds{council, housing, charity}},
		{"{org} Holiday Activities Fund", []string{"youth", "food"}, kinds{charity, council}},
		{"{org} Crisis Fund", []string{"financial-inclusion", "housing"}, kinds{charity, faith}},
	}},
}
