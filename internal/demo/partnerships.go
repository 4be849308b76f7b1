package demo

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// partnershipDef describes one partnership.
type partnershipDef struct {
	name string
	kind civic.PartnershipKind
	ward string // the one ward it covers; "" when it covers the city or several wards
	// focus lists the wards whose organisations it mostly draws on; nil
	// means the whole city.
	focus  []string
	prefer []civic.OrganisationKind // kinds it especially recruits
	themes []string
	since  time.Time
	size   int // members
	desc   string
}

// Wards that neighbourhood partnerships draw on.
var (
	sparkbrookWards = []string{"Sparkbrook & Balsall Heath East", "Balsall Heath West", "Sparkhill"}
	erdingtonWards  = []string{"Erdington", "Gravelly Hill", "Stockland Green", "Pype Hayes"}
	northfieldWards = []string{"Northfield", "Allens Cross", "Longbridge & West Heath", "Frankley Great Park", "Weoley & Selly Oak"}
	handsworthWards = []string{"Handsworth", "Lozells", "Holyhead", "Handsworth Wood", "Birchfield"}
	eastWards       = []string{"Alum Rock", "Bordesley Green", "Heartlands", "Ward End", "Small Heath", "Yardley East", "Yardley West & Stechford"}
	suttonWards     = []string{"Sutton Four Oaks", "Sutton Mere Green", "Sutton Reddicap", "Sutton Roughley", "Sutton Trinity", "Sutton Vesey", "Sutton Walmley & Minworth", "Sutton Wylde Green"}
	shardEndWards   = []string{"Shard End", "Bromford & Hodge Hill", "Glebe Farm & Tile Cross"}
	ladywoodWards   = []string{"Ladywood", "North Edgbaston", "Soho & Jewellery Quarter"}
)

var partnershipDefs = []partnershipDef{
	{"Birmingham Food Justice Network", civic.PartnershipNetwork, "", nil, []civic.OrganisationKind{civic.OrgCommunityGroup, civic.OrgFaithGroup}, []string{"food", "financial-inclusion"}, day(2017, 6, 1), 38, "Food banks, pantries, community cafés and growers working to end food poverty in the city."},
	{"Ladywood Community Forum", civic.PartnershipForum, "Ladywood", ladywoodWards, nil, []string{"housing", "community-safety", "youth"}, day(2014, 9, 1), 18, "Residents, groups and services meeting monthly to agree local priorities for Ladywood."},
	{"Birmingham Financial Inclusion Partnership", civic.PartnershipAlliance, "", nil, []civic.OrganisationKind{civic.OrgCharity, civic.OrgCooperative}, []string{"financial-inclusion", "employment"}, day(2013, 4, 1), 25, "Advice agencies, credit unions and the council coordinating money advice across the city."},
	{"Birmingham Older People's Alliance", civic.PartnershipAlliance, "", nil, nil, []string{"older-people", "wellbeing"}, day(2016, 2, 1), 24, "Groups working together so that older people in the city live well and are not lonely."},
	{"Birmingham Youth Consortium", civic.PartnershipConsortium, "", nil, []civic.OrganisationKind{civic.OrgCharity, civic.OrgCommunityGroup}, []string{"youth", "education", "sport"}, day(2019, 1, 1), 22, "Youth organisations bidding and delivering together for the city's young people."},
	{"Birmingham Mental Health Alliance", civic.PartnershipAlliance, "", nil, []civic.OrganisationKind{civic.OrgCharity, civic.OrgHealth}, []string{"mental-health", "wellbeing"}, day(2018, 5, 1), 20, "NHS and community organisations joining up community mental health support."},
	{"Digital Inclusion Birmingham Network", civic.PartnershipNetwork, "", nil, nil, []string{"digital-inclusion", "older-people"}, day(2020, 10, 1), 20, "Organisations sharing devices, data and digital champions so nobody is left offline."},
	{"Sparkbrook and Balsall Heath Neighbourhood Forum", civic.PartnershipForum, "Sparkbrook & Balsall Heath East", sparkbrookWards, nil, []string{"community-safety", "housing", "migrants-refugees"}, day(2012, 5, 1), 16, "Neighbourhood forum bringing residents, faith groups and services together."},
	{"Erdington Community Safety Partnership", civic.PartnershipBoard, "Erdington", erdingtonWards, []civic.OrganisationKind{civic.OrgPublicBody, civic.OrgHousingAssociation}, []string{"community-safety", "youth"}, day(2015, 3, 1), 12, "Police, council, housing and community partners tackling crime and anti-social behaviour."},
	{"Birmingham Refugee and Migrant Forum", civic.PartnershipForum, "", nil, []civic.OrganisationKind{civic.OrgCharity, civic.OrgFaithGroup}, []string{"migrants-refugees", "housing", "employment"}, day(2016, 9, 1), 26, "Forum of organisations welcoming and supporting refugees and migrants."},
	{"Birmingham Homelessness Prevention Board", civic.PartnershipBoard, "", nil, []civic.OrganisationKind{civic.OrgHousingAssociation, civic.OrgCharity}, []string{"housing", "mental-health"}, day(2019, 4, 1), 14, "Statutory and voluntary partners overseeing the city's homelessness prevention strategy."},
	{"Birmingham Green Spaces Network", civic.PartnershipNetwork, "", nil, []civic.OrganisationKind{civic.OrgCommunityGroup, civic.OrgInformalGroup}, []string{"environment", "wellbeing"}, day(2014, 4, 1), 30, "Friends of parks groups and environmental charities sharing tools, skills and a voice."},
	{"Birmingham Arts and Culture Consortium", civic.PartnershipConsortium, "", nil, nil, []string{"arts-culture", "youth"}, day(2018, 7, 1), 18, "Arts organisations and venues delivering community arts programmes together."},
	{"Active Birmingham Alliance", civic.PartnershipAlliance, "", nil, nil, []string{"sport", "wellbeing", "youth"}, day(2017, 1, 1), 20, "Sports clubs, leisure providers and health partners getting the city moving."},
	{"Northfield Community Partnership", civic.PartnershipForum, "Northfield", northfieldWards, nil, []string{"employment", "wellbeing"}, day(2013, 10, 1), 15, "Community partnership for Northfield and its neighbouring estates."},
	{"Handsworth and Lozells Faith Forum", civic.PartnershipForum, "Handsworth", handsworthWards, []civic.OrganisationKind{civic.OrgFaithGroup}, []string{"community-safety", "wellbeing"}, day(2012, 10, 1), 14, "Churches, mosques, gurdwaras and temples working together for a peaceful, thriving area."},
	{"East Birmingham Employment Consortium", civic.PartnershipConsortium, "", eastWards, []civic.OrganisationKind{civic.OrgCharity, civic.OrgSocialEnterprise}, []string{"employment", "education"}, day(2021, 2, 1), 16, "Employment support providers delivering a joint jobs programme in east Birmingham."},
	{"Royal Sutton Coldfield Community Network", civic.PartnershipNetwork, "", suttonWards, nil, []string{"older-people", "environment", "wellbeing"}, day(2016, 11, 1), 14, "Community groups across the Royal Town sharing news, volunteers and venues."},
	{"Shard End Community Forum", civic.PartnershipForum, "Shard End", shardEndWards, nil, []string{"housing", "youth"}, day(2015, 6, 1), 12, "Residents and local services working on Shard End's priorities."},
	{"Birmingham Holiday Activities and Food Partnership", civic.PartnershipConsortium, "", nil, []civic.OrganisationKind{civic.OrgCommunityGroup, civic.OrgSchool, civic.OrgCharity}, []string{"food", "youth"}, day(2021, 4, 1), 40, "Providers of free holiday clubs with healthy meals for children on free school meals."},
}

// partnerships builds the partnerships and their memberships. Members are
// drawn for shared themes, for being in the partnership's wards and for
// being the kind of organisation it recruits; big organisations are drawn
// first, so they are usually the ones that chair or lead.
func (g *generator) partnerships() {
	r := rng("partnerships")
	orgs := g.city.Organisations
	for _, d := range partnershipDefs {
		p := civic.Partnership{
			ID: stableID(civic.KindPartnership, d.name), Name: d.name, Kind: d.kind,
			Description: d.desc, Since: ptr(d.since), Themes: slices.Clone(d.themes),
			Provenance: provenance(),
		}
		if d.ward != "" {
			p.AreaID = g.wardIDs[wardIndex(d.ward)]
		}
		g.city.Partnerships = append(g.city.Partnerships, p)

		focus := make([]bool, len(wards))
		for _, name := range d.focus {
			focus[wardIndex(name)] = true
		}
		w := make([]float64, len(orgs))
		for i, o := range orgs {
			m := g.orgs[i]
			w[i] = math.Sqrt(m.fitness) * (0.3 + 2*float64(overlap(o.Themes, d.themes)))
			switch {
			case d.focus == nil || m.citywide:
			case focus[m.ward]:
				w[i] *= 4
			default:
				w[i] = 0 // a neighbourhood forum is for its neighbourhood
			}
			if slices.Contains(d.prefer, o.Kind) {
				w[i] *= 4
			}
		}
		members := sampleWeighted(r, w, d.size)
		head := civic.MemberRoleChair
		if d.kind == civic.PartnershipConsortium || d.kind == civic.PartnershipAlliance {
			head = civic.MemberRoleLead
		}
		order := g.leadership(r, d, members)
		// About half have a secretariat: the next most central member, if it
		// works on the partnership's themes.
		secretariat := -1
		if s := order[1]; chance(r, 0.5) && overlap(orgs[members[s]].Themes, d.themes) > 0 {
			secretariat = s
		}
		for j, oi := range members {
			role := civic.MemberRoleMember
			switch {
			case j == order[0]:
				role = head
			case j == secretariat:
				role = civic.MemberRoleSecretariat
			case oi == g.council && chance(r, 0.6):
				role = civic.MemberRoleFunder
			}
			since := d.since // founding members, and always the head
			if j >= len(members)*2/5 && j != order[0] {
				since = dateBetween(r, d.since, lastDay)
			}
			g.city.Memberships = append(g.city.Memberships, civic.Membership{
				OrganisationID: orgs[oi].ID, PartnershipID: p.ID, Role: role,
				Since: ptr(since), Provenance: provenance(),
			})
		}
	}
}

// leadership orders the members (by position in members) from most to
// least likely to chair or lead: organisations working on the partnership's
// themes, bigger ones and those of the kind it recruits first. A neighbourhood forum or
// network is chaired by a local organisation, not a city-wide body.
func (g *generator) leadership(r *rand.Rand, d partnershipDef, members []int) []int {
	orgs := g.city.Organisations
	score := make([]float64, len(members))
	for j, oi := range members {
		m := g.orgs[oi]
		// Shared purpose counts for more than size: the police do not lead
		// the arts consortium just because they are big.
		fit := float64(1 + overlap(orgs[oi].Themes, d.themes))
		score[j] = math.Sqrt(m.fitness) * fit * fit * (0.75 + 0.5*r.Float64())
		if slices.Contains(d.prefer, orgs[oi].Kind) {
			score[j] *= 2
		}
		local := d.kind == civic.PartnershipForum || d.kind == civic.PartnershipNetwork
		if d.focus != nil && local && m.citywide {
			score[j] /= 100
		}
	}
	order := make([]int, len(members))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	return order
}

// overlap counts the themes two lists share.
func overlap(a, b []string) int {
	n := 0
	for _, t := range a {
		if slices.Contains(b, t) {
			n++
		}
	}
	return n
}
