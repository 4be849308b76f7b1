package demo

import "github.com/civicgraph/civicgraph/internal/civic"

// fixedOrg is an organisation that is written out rather than generated: the
// statutory bodies and universities (real, so they get no invented
// identifiers or websites) and the city-wide charities that anchor the
// network (invented).
type fixedOrg struct {
	name    string
	kind    civic.OrganisationKind
	ward    string
	themes  []string
	desc    string
	fitness float64
	real    bool
}

// fixedOrgs are generated first, so the hubs exist before anyone links to them.
var fixedOrgs = []fixedOrg{
	{cityCouncil, civic.OrgCouncil, "Ladywood", []string{"housing", "wellbeing", "community-safety"}, "The local authority for the city, commissioning and running services for over a million residents.", 22, true},
	{"Royal Sutton Coldfield Town Council", civic.OrgCouncil, "Sutton Trinity", []string{"environment", "older-people", "arts-culture"}, "The town council for Sutton Coldfield, funding local events, green spaces and community projects.", 5, true},
	{"New Frankley in Birmingham Parish Council", civic.OrgCouncil, "Frankley Great Park", []string{"environment", "youth"}, "The parish council for New Frankley, supporting local facilities and activities.", 2, true},
	{"University of Birmingham", civic.OrgUniversity, "Edgbaston", []string{"education", "mental-health", "environment"}, "Research university whose staff and students work with community groups across the city.", 10, true},
	{"Aston University", civic.OrgUniversity, "Nechells", []string{"education", "employment", "digital-inclusion"}, "City-centre university with a strong focus on business, enterprise and employability.", 8, true},
	{"Birmingham City University", civic.OrgUniversity, "Nechells", []string{"arts-culture", "education", "digital-inclusion"}, "University with schools of art, music and health that run community outreach programmes.", 8, true},
	{"Newman University", civic.OrgUniversity, "Bartley Green", []string{"education", "youth"}, "University known for training teachers and youth and community workers.", 5, true},
	{"University College Birmingham", civic.OrgUniversity, "Ladywood", []string{"education", "employment", "food"}, "University specialising in hospitality, food, care and education.", 5, true},
	{"West Midlands Combined Authority", civic.OrgPublicBody, "Ladywood", []string{"employment", "housing", "environment"}, "Regional authority responsible for skills, transport, housing and regeneration.", 8, true},
	{"West Midlands Police", civic.OrgPublicBody, "Ladywood", []string{"community-safety", "youth"}, "The police force for the region, working with neighbourhoods on safety and prevention.", 9, true},
	{"West Midlands Fire Service", civic.OrgPublicBody, "Nechells", []string{"community-safety", "older-people"}, "Fire and rescue service that runs safe and well visits and youth programmes.", 6, true},
	{"Birmingham Children's Trust", civic.OrgPublicBody, "Ladywood", []string{"youth", "wellbeing"}, "Provides children's social care and early help services for the city.", 7, true},
	{"Birmingham and Solihull Mental Health NHS Foundation Trust", civic.OrgHealth, "Edgbaston", []string{"mental-health", "wellbeing"}, "Provides mental health services for adults and young people across Birmingham and Solihull.", 8, true},
	{"Birmingham Community Healthcare NHS Foundation Trust", civic.OrgHealth, "Edgbaston", []string{"wellbeing", "older-people"}, "Provides community health services such as district nursing and health visiting.", 7, true},
	{"Birmingham Community Action", civic.OrgCharity, "Ladywood", []string{"employment", "wellbeing"}, "Supports the city's voluntary and community groups with advice, training and volunteers.", 16, false},
	{"Birmingham Food Justice Trust", civic.OrgCharity, "Nechells", []string{"food", "financial-inclusion"}, "Supplies food banks and community pantries and campaigns to end food poverty in the city.", 12, false},
	{"Second City Advice", civic.OrgCharity, "Ladywood", []string{"financial-inclusion", "housing"}, "Free, confidential advice on debt, benefits, housing and employment rights.", 12, false},
	{"Birmingham Mind Matters", civic.OrgCharity, "Edgbaston", []string{"mental-health", "wellbeing"}, "Mental health charity running peer support groups, talking therapies and crisis cafés.", 9, false},
	{"Birmingham Welcome Centre for Refugees", civic.OrgCharity, "Aston", []string{"migrants-refugees", "housing"}, "Advice, English classes and a warm welcome for refugees and people seeking asylum.", 9, false},
	{"Age Together Birmingham", civic.OrgCharity, "Moseley", []string{"older-people", "wellbeing"}, "Helps older people stay independent, connected and active.", 9, false},
	{"Birmingham Youth Partnership Trust", civic.OrgCharity, "Small Heath", []string{"youth", "sport", "education"}, "Funds and supports youth clubs and detached youth work across the city.", 8, false},
	{"Green Brum Trust", civic.OrgCharity, "Stirchley", []string{"environment", "wellbeing"}, "Environmental charity that helps residents care for parks, streets and waterways.", 7, false},
	{"Birmingham Carers' Hub", civic.OrgCharity, "Erdington", []string{"wellbeing", "older-people", "mental-health"}, "Information, breaks and peer support for unpaid carers.", 6, false},
	{"Active Brum Sports Trust", civic.OrgCharity, "Perry Barr", []string{"sport", "youth", "wellbeing"}, "Gets inactive people moving through community sport and physical activity.", 6, false},
	{"Birmingham Community Arts Trust", civic.OrgCharity, "Soho & Jewellery Quarter", []string{"arts-culture", "youth"}, "Brings artists and communities together to make work about the city.", 5, false},
	{"Safe Homes Birmingham", civic.OrgCharity, "Sparkbrook & Balsall Heath East", []string{"community-safety", "housing"}, "Refuge, outreach and advocacy for people experiencing domestic abuse.", 6, false},
	{"Birmingham Jobs and Skills Trust", civic.OrgCharity, "Bordesley & Highgate", []string{"employment", "education"}, "Employability coaching, training and job brokerage for people furthest from work.", 7, false},
	{"Digital Brum CIC", civic.OrgSocialEnterprise, "Soho & Jewellery Quarter", []string{"digital-inclusion", "employment"}, "Refurbishes donated laptops and trains digital champions in community venues.", 6, false},
	{"Brum Community Credit Union", civic.OrgCooperative, "Ladywood", []string{"financial-inclusion"}, "Member-owned savings and affordable loans for people in the city.", 4, false},
	{"Midland Rivers Housing Association", civic.OrgHousingAssociation, "Erdington", []string{"housing", "older-people"}, "Provides affordable homes and tenancy support in north and east Birmingham.", 6, false},
	{"Rea Valley Homes", civic.OrgHousingAssociation, "Bournville & Cotteridge", []string{"housing", "environment"}, "Housing association with homes and green spaces along the River Rea.", 4, false},
}

// orgTemplate is a pattern for generated organisations. {place} is replaced
// by a neighbourhood name and {saint's} by a saint's name in the possessive.
type orgTemplate struct {
	name   string
	themes []string
	desc   string
	hall   string // pattern for the name of its hall, for faith groups
}

// kindPlan says how many organisations of a kind to generate and how.
type kindPlan struct {
	kind      civic.OrganisationKind
	count     int
	fitness   float64 // how strongly others seek it out as a partner
	website   float64 // probability of having a website
	templates []orgTemplate
}

// saints name churches and church schools.
var saints = []string{
	"Mary", "John", "Peter", "Paul", "Michael", "Luke", "Andrew", "Mark", "James",
	"Martin", "Agatha", "George", "Alban", "Barnabas", "Margaret", "Anne",
	"Patrick", "Edmund", "Francis", "Thomas", "Stephen", "Matthew", "Nicholas",
	"Catherine", "Bede", "Oswald", "Aidan", "Chad", "Germain", "Faith",
}

// kindPlans are generated in order; the mix is roughly that of a large
// city's register: many small groups, fewer institutions.
var kindPlans = []kindPlan{
	{civic.OrgCommunityGroup, 86, 1.5, 0.35, []orgTemplate{
		{"{place} Food Bank", []string{"food", "financial-inclusion"}, "Volunteer-run food bank giving emergency food parcels to families in {place}.", ""},
		{"{place} Community Association", []string{"wellbeing", "older-people"}, "Residents running activities, trips and a newsletter for {place}.", ""},
		{"{place} Residents' Association", []string{"housing", "community-safety"}, "Residents working together on housing, safety and street improvements in {place}.", ""},
		{"{place} Seniors' Lunch Club", []string{"older-people", "food"}, "A weekly hot lunch and good company for older residents of {place}.", ""},
		{"{place} Youth Boxing Club", []string{"youth", "sport"}, "Boxing club that keeps young people in {place} fit, focused and safe.", ""},
		{"{place} Community Garden", []string{"environment", "food"}, "Volunteers growing fruit and vegetables together on a shared plot in {place}.", ""},
		{"Friends of {place} Park", []string{"environment", "wellbeing"}, "Volunteers who look after and campaign for the park in {place}.", ""},
		{"{place} Neighbourhood Watch", []string{"community-safety"}, "Neighbours looking out for each other and reporting crime in {place}.", ""},
		{"{place} Carers' Support Group", []string{"wellbeing", "mental-health"}, "A monthly get-together where unpaid carers in {place} share advice and support.", ""},
		{"{place} Walking Group", []string{"wellbeing", "sport"}, "Friendly weekly health walks around {place} for all abilities.", ""},
		{"{place} Youth Football Club", []string{"youth", "sport"}, "Junior football teams for girls and boys in {place}.", ""},
		{"{place} Tenants' and Residents' Association", []string{"housing"}, "Represents council and housing association tenants in {place}.", ""},
		{"{place} Women's Group", []string{"wellbeing", "migrants-refugees"}, "A space for women in {place} to meet, learn and support each other.", ""},
		{"{place} Cricket Club", []string{"sport", "youth"}, "Community cricket club with junior and adult teams in {place}.", ""},
		{"{place} Conversation Club", []string{"migrants-refugees", "education"}, "Informal English conversation practice for newcomers in {place}.", ""},
		{"{place} Dementia Café", []string{"older-people", "mental-health"}, "A monthly café for people living with dementia in {place} and those who care for them.", ""},
		{"{place} Stay and Play", []string{"youth", "education"}, "A weekly stay and play session for babies, toddlers and their carers in {place}.", ""},
		{"{place} Community Choir", []string{"arts-culture", "wellbeing"}, "Open community choir in {place}; no auditions and everyone welcome.", ""},
		{"{place} Allotment Society", []string{"environment", "food"}, "Plot holders running the allotment site in {place}.", ""},
		{"{place} Homework Club", []string{"education", "youth"}, "After-school homework help for children in {place}.", ""},
		{"{place} Digital Drop-in", []string{"digital-inclusion", "older-people"}, "Help with phones, tablets and online forms for residents of {place}.", ""},
	}},
	{civic.OrgInformalGroup, 42, 0.7, 0.08, []orgTemplate{
		{"{place} Knit and Natter", []string{"older-people", "wellbeing"}, "A weekly knitting and chat group in {place}.", ""},
		{"{place} Litter Pickers", []string{"environment", "community-safety"}, "Neighbours who meet monthly to clean up the streets of {place}.", ""},
		{"{place} Men's Shed", []string{"mental-health", "older-people"}, "Men in {place} meeting to make, mend and talk.", ""},
		{"{place} Coffee Morning", []string{"older-people", "wellbeing"}, "A Tuesday coffee morning for anyone in {place} who fancies a chat.", ""},
		{"{place} Repair Café", []string{"environment", "financial-inclusion"}, "Volunteers in {place} fixing broken household items for free.", ""},
		{"{place} Running Club", []string{"sport", "wellbeing"}, "Informal running group for beginners and regulars in {place}.", ""},
		{"{place} Mums' Network", []string{"youth", "wellbeing"}, "Parents in {place} sharing support, swaps and play dates.", ""},
		{"{place} Chess Club", []string{"education", "older-people"}, "Weekly chess for all ages in {place}.", ""},
		{"{place} Book Club", []string{"arts-culture", "education"}, "A monthly reading group in {place}.", ""},
		{"{place} Guerrilla Gardeners", []string{"environment"}, "Residents planting up neglected corners of {place}.", ""},
		{"{place} Mutual Aid Group", []string{"food", "wellbeing"}, "Neighbours in {place} doing shopping, prescriptions and check-ins for each other.", ""},
		{"{place} Dads' Group", []string{"mental-health", "youth"}, "Dads in {place} meeting with their children on Saturday mornings.", ""},
		{"{place} Bike Ride Group", []string{"sport", "environment"}, "Relaxed group bike rides from {place}.", ""},
		{"{place} Street Party Committee", []string{"arts-culture", "community-safety"}, "Neighbours organising the annual street party in {place}.", ""},
	}},
	{civic.OrgCharity, 52, 3, 0.7, []orgTemplate{
		{"{place} Advice Centre", []string{"financial-inclusion", "housing"}, "Drop-in advice on benefits, debt and housing for people in {place}.", ""},
		{"{place} Women's Centre", []string{"wellbeing", "community-safety"}, "Courses, counselling and support for women in and around {place}.", ""},
		{"{place} Youth Project", []string{"youth", "education"}, "Youth clubs, mentoring and trips for young people in {place}.", ""},
		{"{place} Community Trust", []string{"wellbeing", "employment"}, "Community anchor running a hub and local projects in {place}.", ""},
		{"{place} Young Carers", []string{"youth", "mental-health"}, "Breaks and support for children caring for family members in {place}.", ""},
		{"{place} Refugee Support", []string{"migrants-refugees"}, "Practical help and friendship for refugees and asylum seekers settling in {place}.", ""},
		{"{place} Family Support", []string{"youth", "wellbeing"}, "Family support workers helping parents in {place} through hard times.", ""},
		{"{place} Counselling Service", []string{"mental-health"}, "Low-cost counselling in several languages for people in {place}.", ""},
		{"{place} Community Development Trust", []string{"employment", "housing"}, "Owns and runs community buildings and regeneration projects in {place}.", ""},
		{"{place} Furniture Project", []string{"housing", "financial-inclusion"}, "Collects donated furniture and gives it to families setting up home in {place}.", ""},
		{"{place} Learning Centre", []string{"education", "employment"}, "Adult learning, ESOL and IT courses in {place}.", ""},
		{"{place} Befriending Scheme", []string{"older-people", "mental-health"}, "Volunteers visiting and phoning isolated older people in {place}.", ""},
		{"{place} Arts Centre", []string{"arts-culture", "youth"}, "A small arts venue with classes, exhibitions and performances in {place}.", ""},
		{"{place} Boys' and Girls' Club", []string{"youth", "sport"}, "A long-running youth club with sports and activities in {place}.", ""},
		{"{place} Law Centre", []string{"housing", "migrants-refugees"}, "Free legal advice on housing, immigration and welfare rights in {place}.", ""},
	}},
	{civic.OrgSocialEnterprise, 24, 2, 0.8, []orgTemplate{
		{"{place} Community Café CIC", []string{"food", "employment"}, "A community café in {place} that trains local people for work in hospitality.", ""},
		{"{place} Bike Workshop", []string{"environment", "employment"}, "Refurbishes and sells bikes and teaches maintenance in {place}.", ""},
		{"{place} Social Supermarket", []string{"food", "financial-inclusion"}, "Low-cost groceries for members on low incomes in {place}.", ""},
		{"{place} Print Works CIC", []string{"arts-culture", "employment"}, "Print studio in {place} offering training and affordable printing.", ""},
		{"{place} Tech Hub CIC", []string{"digital-inclusion", "employment"}, "Coding clubs and digital skills courses in {place}.", ""},
		{"{place} Pay-as-you-feel Café", []string{"food", "environment"}, "Turns surplus food into pay-as-you-feel meals in {place}.", ""},
		{"{place} Reuse Shop", []string{"environment", "financial-inclusion"}, "Sells donated goods cheaply and keeps them out of landfill in {place}.", ""},
		{"{place} Training Kitchen CIC", []string{"food", "employment"}, "Catering business in {place} that trains people into kitchen jobs.", ""},
		{"{place} Community Gym CIC", []string{"sport", "wellbeing"}, "Affordable gym and classes for residents of {place}.", ""},
	}},
	{civic.OrgBusiness, 20, 1, 0.8, []orgTemplate{
		{"{place} Pharmacy", []string{"wellbeing"}, "Independent pharmacy in {place} that hosts health checks and a collection point.", ""},
		{"{place} Bakery", []string{"food"}, "Family bakery in {place} that donates its surplus bread.", ""},
		{"{place} Solicitors", []string{"housing", "migrants-refugees"}, "High street solicitors in {place} offering some pro bono advice.", ""},
		{"{place} Supermarket", []string{"food"}, "Local supermarket in {place} with a food bank collection point.", ""},
		{"{place} Builders Merchants", []string{"housing"}, "Builders merchants in {place} that donate materials to community projects.", ""},
		{"{place} Print and Design", []string{"arts-culture"}, "Print shop in {place} that prints flyers for local groups at cost.", ""},
		{"{place} Garden Centre", []string{"environment"}, "Garden centre in {place} that supplies plants to community gardens.", ""},
		{"{place} IT Services", []string{"digital-inclusion"}, "Local IT company in {place} whose staff volunteer at digital drop-ins.", ""},
		{"{place} Accountants", []string{"financial-inclusion"}, "Accountants in {place} who examine small charities' accounts for free.", ""},
		{"{place} Sweet Centre", []string{"food", "arts-culture"}, "Sweet shop and caterer in {place} that sponsors community celebrations.", ""},
	}},
	{civic.OrgSchool, 30, 2, 0.9, []orgTemplate{
		{"{place} Primary School", []string{"education", "youth"}, "Community primary school in {place}.", ""},
		{"{place} Academy", []string{"education", "youth"}, "Secondary academy serving {place} and the surrounding area.", ""},
		{"{place} Nursery School", []string{"education", "youth"}, "Maintained nursery school and family centre in {place}.", ""},
		{"{place} Junior and Infant School", []string{"education"}, "Junior and infant school in {place}.", ""},
		{"St {saint's} C of E Primary School", []string{"education", "youth"}, "Church of England primary school in {place}.", ""},
		{"St {saint's} Catholic Primary School", []string{"education", "youth"}, "Catholic primary school in {place}.", ""},
		{"{place} Girls' School", []string{"education", "youth"}, "Secondary school for girls in {place}.", ""},
	}},
	{civic.OrgHealth, 18, 3, 0.6, []orgTemplate{
		{"{place} Medical Centre", []string{"wellbeing"}, "GP practice in {place} with a social prescribing link worker.", ""},
		{"{place} Health Centre", []string{"wellbeing", "older-people"}, "Health centre in {place} housing GP, nursing and health visiting teams.", ""},
		{"{place} Primary Care Network", []string{"wellbeing", "mental-health"}, "GP practices in {place} working together on social prescribing and prevention.", ""},
		{"{place} Family Practice", []string{"wellbeing", "youth"}, "Family GP practice in {place}.", ""},
		{"{place} Community Mental Health Team", []string{"mental-health"}, "NHS community mental health team covering {place}.", ""},
		{"{place} Surgery", []string{"wellbeing", "older-people"}, "GP surgery in {place}.", ""},
	}},
	{civic.OrgFaithGroup, 40, 2, 0.4, []orgTemplate{
		{"St {saint's} Church {place}", []string{"wellbeing", "food"}, "Parish church in {place} hosting a toddler group, lunch club and food bank.", "St {saint's} Church Hall, {place}"},
		{"{place} Methodist Church", []string{"older-people", "food"}, "Methodist church in {place} with a busy community hall.", "{place} Methodist Church Hall"},
		{"{place} Baptist Church", []string{"youth", "wellbeing"}, "Baptist church in {place} running youth and family work.", "{place} Baptist Church Hall"},
		{"{place} Central Mosque", []string{"food", "migrants-refugees"}, "Mosque in {place} that runs a food bank and advice sessions.", "{place} Central Mosque Community Hall"},
		{"{place} Jamia Masjid", []string{"education", "youth"}, "Mosque and madrasa in {place}.", "{place} Jamia Masjid Community Hall"},
		{"Guru Nanak Gurdwara {place}", []string{"food", "wellbeing"}, "Sikh gurdwara in {place} whose langar serves free meals every day.", "Guru Nanak Gurdwara {place} Langar Hall"},
		{"{place} Pentecostal Church", []string{"youth", "mental-health"}, "Pentecostal church in {place} with youth and mentoring programmes.", "{place} Pentecostal Church Hall"},
		{"{place} Mandir", []string{"arts-culture", "older-people"}, "Hindu temple in {place} that hosts festivals and a seniors' group.", "{place} Mandir Community Hall"},
		{"{place} Quaker Meeting", []string{"migrants-refugees", "community-safety"}, "Quaker meeting in {place} supporting refugee hosting and peace work.", "{place} Friends Meeting House"},
		{"{place} United Reformed Church", []string{"food", "older-people"}, "United Reformed church in {place} with a community café.", "{place} United Reformed Church Hall"},
		{"{place} Islamic Centre", []string{"education", "wellbeing"}, "Islamic centre in {place} offering classes and a women's group.", "{place} Islamic Centre Hall"},
		{"{place} Salvation Army", []string{"housing", "food"}, "Salvation Army corps in {place} supporting people who are homeless or hungry.", "{place} Salvation Army Hall"},
	}},
	{civic.OrgPublicBody, 12, 3, 0, []orgTemplate{
		{"{place} Library", []string{"education", "digital-inclusion"}, "Public library in {place} with free computers and a warm space.", ""},
		{"Jobcentre Plus {place}", []string{"employment"}, "Jobcentre serving residents of {place}.", ""},
		{"{place} Neighbourhood Policing Team", []string{"community-safety"}, "Police officers and PCSOs working with residents of {place}.", ""},
		{"{place} Fire Station", []string{"community-safety", "older-people"}, "Fire station in {place} that does safe and well visits and youth work.", ""},
		{"{place} Family Hub", []string{"youth", "wellbeing"}, "Council family hub in {place} for parents and children up to 19.", ""},
		{"{place} Leisure Centre", []string{"sport", "wellbeing"}, "Council leisure centre in {place} with a pool and gym.", ""},
	}},
	{civic.OrgHousingAssociation, 7, 3, 0.9, []orgTemplate{
		{"{place} Housing Trust", []string{"housing"}, "Community-based housing association with homes in {place}.", ""},
		{"{place} Community Housing", []string{"housing", "employment"}, "Housing association in {place} that also runs training and jobs support.", ""},
		{"{place} Homes", []string{"housing", "older-people"}, "Housing association providing homes for older people in {place}.", ""},
	}},
	{civic.OrgCooperative, 12, 1.5, 0.6, []orgTemplate{
		{"{place} Food Co-op", []string{"food"}, "Member-run food co-op buying wholefoods in bulk in {place}.", ""},
		{"{place} Housing Co-operative", []string{"housing"}, "Tenant-managed housing co-operative in {place}.", ""},
		{"{place} Energy Co-op", []string{"environment", "financial-inclusion"}, "Community-owned solar panels on buildings in {place}.", ""},
		{"{place} Credit Union", []string{"financial-inclusion"}, "Savings and affordable loans for people who live or work in {place}.", ""},
		{"{place} Childcare Co-op", []string{"youth", "employment"}, "Parent-run childcare co-operative in {place}.", ""},
		{"{place} Makers' Co-op", []string{"arts-culture", "employment"}, "Workers' co-operative of makers and craftspeople in {place}.", ""},
		{"{place} Community Shop", []string{"food", "older-people"}, "Community-owned shop in {place}.", ""},
	}},
}
