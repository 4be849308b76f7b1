package demo

import (
	"math"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// greenPaper is the document the demo recommendations come from. Its
// recommendations are written for the demo, in the spirit of a city's
// social inclusion green paper; they are not quoted from one.
const greenPaper = "Social Inclusion Green Paper (demo)"

// recommendationDef is one recommendation and what organisations say they
// do towards it.
type recommendationDef struct {
	code, title, description, theme string
	// contributors is how many organisations register a contribution:
	// zero leaves a gap for the dashboards to find.
	contributors int
	doings       []string // what a contributor does, in its own words
}

var recommendationDefs = []recommendationDef{
	{"SI-01", "Build on the city's assets, not its deficits",
		"Organisations map and use the buildings, skills, relationships and money their neighbourhoods already have before designing new services.",
		"wellbeing", 24, []string{"We mapped the halls, groups and skills on our estate with residents and share the map.", "Our community hub opens its rooms to any local group free of charge.", "We run asset-mapping walks with new residents."}},
	{"SI-02", "Establish an evidence base of what works",
		"The council and its partners collect and share evaluations of what reduces exclusion, including small projects.",
		"education", 7, []string{"We publish an annual impact report with our participants' own measures.", "We evaluate every project with a local university.", "We share our outcome data with the city's open data portal."}},
	{"SI-03", "Embed wellbeing in how public services are delivered",
		"Public bodies train their staff to notice and respond to isolation, poverty and poor health in every contact.",
		"wellbeing", 12, []string{"All our front-line staff have had Making Every Contact Count training.", "Our receptionists refer isolated visitors to social prescribers.", "We train volunteers to spot the signs of loneliness."}},
	{"SI-04", "Co-produce services with the people who use them",
		"Services are designed and run with residents who use them, from commissioning to evaluation.",
		"mental-health", 15, []string{"Our service user panel sets our priorities each year.", "Young people sit on our interview panels and board.", "Peer supporters with lived experience co-deliver every group."}},
	{"SI-05", "Work together across organisations",
		"Organisations share plans, premises and referrals so that people are not passed between services.",
		"community-safety", 18, []string{"We hold a monthly partners' breakfast for every group in the ward.", "We share a referral system with three local charities.", "We co-locate with the advice centre two days a week."}},
	{"SI-06", "Use public spending to create local jobs",
		"Public bodies use their procurement to employ local people and buy from local firms and social enterprises.",
		"employment", 0, nil},
	{"SI-07", "Create a social inclusion champions' network",
		"A network of champions builds social capital, shares learning and makes unseen people and groups visible.",
		"wellbeing", 9, []string{"Two of our volunteers are ward champions.", "We host the champions' quarterly meet-up.", "Our staff introduce new groups to funders and partners."}},
	{"SI-08", "End holiday hunger",
		"Every child on free school meals can get a healthy meal and an activity in every school holiday.",
		"food", 16, []string{"We serve lunch and run activities every weekday of the summer holidays.", "Our pantry delivers holiday food bags to families we know.", "We cook with children and their parents in the holidays."}},
	{"SI-09", "Get every resident online",
		"Nobody is shut out of services, work or family for want of a device, data or the skills to use them.",
		"digital-inclusion", 11, []string{"We lend tablets with data to older residents.", "We run weekly drop-in digital help sessions.", "We refurbish donated laptops for families."}},
	{"SI-10", "Welcome and include new arrivals",
		"People new to the city find advice, English classes and friends from their first week.",
		"migrants-refugees", 10, []string{"We run ESOL conversation clubs three times a week.", "Our welcome volunteers meet every new family.", "We give free immigration and benefits advice."}},
	{"SI-11", "Reduce loneliness among older people",
		"Older residents have company, a reason to go out and help to stay independent at home.",
		"older-people", 13, []string{"Our lunch club meets twice a week with transport.", "Volunteers phone isolated members every week.", "We run intergenerational activities with local schools."}},
	{"SI-12", "Prevent homelessness early",
		"Tenants get advice and support before a crisis, and nobody leaves hospital or care without a home.",
		"housing", 6, []string{"Our tenancy sustainment officers visit every new tenant.", "We run a rent arrears advice surgery weekly.", "We offer mediation for young people at risk of leaving home."}},
	{"SI-13", "Open school buildings to their communities",
		"Schools open halls, pitches and kitchens to local groups in the evenings, at weekends and in the holidays.",
		"education", 0, nil},
	{"SI-14", "Make advice on money and debt easy to find",
		"Free, independent advice on benefits, debt and budgeting is available in every ward.",
		"financial-inclusion", 8, []string{"We hold a debt advice surgery in our community centre.", "We help people check they get every benefit they are owed.", "We run budgeting courses with the credit union."}},
}

// recommendations builds the recommendations.
func (g *generator) recommendations() {
	for _, d := range recommendationDefs {
		g.city.Registers.Recommendations = append(g.city.Registers.Recommendations, civic.Recommendation{
			ID: stableID(civic.KindRecommendation, d.code), Code: d.code, Title: d.title, Description: d.description,
			Theme: d.theme, Document: greenPaper, Provenance: provenance(),
		})
	}
}

// contributions registers what organisations do towards each
// recommendation: mostly organisations working on its theme, some on
// related themes, and the public bodies for the cross-cutting ones.
func (g *generator) contributions() {
	r := rng("contributions")
	for ri, d := range recommendationDefs {
		rec := g.city.Registers.Recommendations[ri]
		w := make([]float64, len(g.city.Organisations))
		for i, o := range g.city.Organisations {
			fit := 0.1
			if slices.Contains(o.Themes, d.theme) {
				fit = 3
			} else if overlap(o.Themes, relatedThemes[d.theme]) > 0 {
				fit = 0.6
			}
			if o.Kind == civic.OrgBusiness {
				fit /= 5
			}
			w[i] = fit * math.Sqrt(g.orgs[i].fitness)
		}
		for _, oi := range sampleWeighted(r, w, d.contributors) {
			o := g.city.Organisations[oi]
			c := civic.Contribution{
				ID:             stableID(civic.KindContribution, d.code+"/"+o.ID),
				OrganisationID: o.ID, RecommendationID: rec.ID,
				Description: pick(r, d.doings), Since: ptr(recentDateBetween(r, day(2014, 1, 1), day(2026, 6, 30))),
				Provenance: provenance(),
			}
			if o.Website != "" && chance(r, 0.4) {
				c.EvidenceURL = o.Website + "/impact/" + strings.ToLower(d.code)
			}
			g.city.Registers.Contributions = append(g.city.Registers.Contributions, c)
		}
	}
}
