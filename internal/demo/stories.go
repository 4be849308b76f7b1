package demo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// storyTemplate is a kind of thing that worked. {place} is a neighbourhood
// and {org} the organisation that led it.
type storyTemplate struct {
	kind                  civic.StoryKind
	theme, recommendation string
	title, summary        string
	outcome, evidence     string
	withAsset             bool // told about one of the organisation's assets
	months                int  // how long an initiative ran; 0 for a story
}

var storyTemplates = []storyTemplate{
	{civic.KindOfInitiative, "food", "SI-08", "Holiday kitchen in {place}",
		"{org} opened its kitchen every weekday of the summer holidays: lunch for children, a cooking session for parents.",
		"Families came back week after week; several parents now volunteer.", "Attendance registers and a parents' survey.", true, 6},
	{civic.KindOfStory, "food", "SI-01", "From surplus to supper in {place}",
		"A local supermarket's surplus now feeds a weekly community meal run by {org} and two faith groups.",
		"Less food wasted and a new weekly place to meet.", "Weights logged each week by volunteers.", false, 0},
	{civic.KindOfInitiative, "digital-inclusion", "SI-09", "Tablet lending library, {place}",
		"{org} lends tablets with data and a volunteer to help older residents get online.",
		"Borrowers book GP appointments and video-call family on their own.", "Before and after confidence questionnaire.", true, 12},
	{civic.KindOfStory, "older-people", "SI-11", "The Tuesday club that grew, {place}",
		"What began as six neighbours at {org} became a lunch club with transport and a choir.",
		"Members report feeling less lonely; two new friendships groups formed.", "UCLA loneliness scale, twice a year.", false, 0},
	{civic.KindOfInitiative, "migrants-refugees", "SI-10", "Conversation club for new arrivals, {place}",
		"Informal English conversation three mornings a week at {org}, with a crèche.",
		"Learners moved on to college courses and jobs.", "Progression tracked by the college.", false, 18},
	{civic.KindOfInitiative, "mental-health", "SI-04", "Peer support co-designed with its members, {place}",
		"{org} redesigned its mental health drop-in with the people who use it.",
		"Fewer missed sessions and a waiting list halved.", "Service data and an external evaluation.", false, 24},
	{civic.KindOfStory, "youth", "SI-05", "Detached youth work across three estates, {place}",
		"Youth workers from {org} and the police walked the same routes and shared what they heard.",
		"Anti-social behaviour reports fell over the year.", "Police incident data.", false, 0},
	{civic.KindOfInitiative, "employment", "", "Job club in the community centre, {place}",
		"{org} ran a weekly job club with CV help and interview practice.",
		"Members into work within six months.", "Follow-up calls at three and six months.", true, 12},
	{civic.KindOfStory, "environment", "SI-01", "Wasteland to wildflower meadow, {place}",
		"Residents and {org} turned an overgrown plot into a meadow and a growing space.",
		"A place to meet, learn and grow food; fly-tipping stopped.", "Photos, volunteer hours and council fly-tipping records.", true, 0},
	{civic.KindOfInitiative, "financial-inclusion", "SI-14", "Debt advice in the school gate, {place}",
		"{org} held advice sessions at a primary school at pick-up time.",
		"Families helped with debts and unclaimed benefits.", "Caseload records.", false, 9},
	{civic.KindOfStory, "housing", "SI-12", "A visit before the first rent is due, {place}",
		"{org} visits every new tenant in their first month.",
		"Fewer tenancies failing in the first year.", "Tenancy sustainment figures.", false, 0},
	{civic.KindOfInitiative, "wellbeing", "SI-03", "Social prescribing in the surgery, {place}",
		"A link worker from {org} sees patients the GP refers for loneliness, debt or housing worries.",
		"Patients visited their GP less often.", "Practice appointment data.", false, 24},
	{civic.KindOfStory, "arts-culture", "", "A festival made by its neighbours, {place}",
		"{org} handed the festival budget to a residents' panel.",
		"More people took part than ever and new groups formed.", "Ticketless head counts and volunteer sign-ups.", false, 0},
	{civic.KindOfInitiative, "sport", "", "Walking football for the over-50s, {place}",
		"{org} started weekly walking football on the local pitch.",
		"Regular players report better fitness and new friends.", "Attendance and a short survey.", true, 12},
	{civic.KindOfStory, "community-safety", "SI-07", "A champion's introduction, {place}",
		"A ward champion introduced {org} to the local mosque; they now run a winter night shelter together.",
		"Forty guests a night through the winter.", "Shelter records.", false, 0},
	{civic.KindOfInitiative, "education", "SI-13", "Homework club in the school hall, {place}",
		"{org} and a primary school opened the school hall two evenings a week for homework help.",
		"Children who came most often caught up in reading.", "Teacher assessments, shared with parents' consent.", false, 10},
}

// storyCount is how many stories the city tells.
const storyCount = 40

var rejectionNotes = []string{
	"Please add what changed and how you know; we would love to publish it then.",
	"This reads as an advert for a service; tell us what happened and what worked.",
}

// stories tells what worked in the city's wards: each story is led by an
// organisation working on its theme, in that organisation's ward. Most are
// published; a few wait for review and a couple were rejected.
func (g *generator) stories() {
	r := rng("stories")
	recs := map[string]string{}
	for _, rec := range g.city.Registers.Recommendations {
		recs[rec.Code] = rec.ID
	}
	held := map[string][]string{} // organisation ID -> IDs of the assets it holds
	for _, s := range g.city.Stewardships {
		held[s.OrganisationID] = append(held[s.OrganisationID], s.AssetID)
	}
	for k := range storyCount {
		t := storyTemplates[k%len(storyTemplates)]
		var leads []int
		for i, o := range g.city.Organisations {
			if !g.orgs[i].citywide && slices.Contains(o.Themes, t.theme) {
				leads = append(leads, i)
			}
		}
		lead := pick(r, leads)
		o, m := g.city.Organisations[lead], g.orgs[lead]
		fill := strings.NewReplacer("{place}", m.place, "{org}", o.Name)
		st := civic.Story{
			ID: stableID(civic.KindStory, fmt.Sprintf("%d/%s", k, fill.Replace(t.title))), Kind: t.kind,
			Title: fill.Replace(t.title), Summary: fill.Replace(t.summary), Outcome: t.outcome, Evidence: t.evidence,
			Status: civic.StoryPublished, OrganisationIDs: []string{o.ID}, Themes: []string{t.theme},
			AreaIDs: []string{g.wardIDs[m.ward]}, Provenance: provenance(),
		}
		start := dateBetween(r, day(2016, 1, 1), day(2025, 6, 30))
		st.StartDate = ptr(start)
		if t.months > 0 {
			st.EndDate = ptr(start.AddDate(0, t.months, 0))
		}
		if t.recommendation != "" {
			st.RecommendationIDs = []string{recs[t.recommendation]}
		}
		if assets := held[o.ID]; t.withAsset && len(assets) > 0 {
			st.AssetIDs = []string{pick(r, assets)}
		}
		if o.Website != "" && chance(r, 0.5) {
			st.EvidenceURL = o.Website + "/stories"
		}
		switch {
		case k%9 == 7:
			st.Status = civic.StorySubmitted
		case k%13 == 12:
			st.Status, st.ReviewNote, st.ReviewedAt = civic.StoryRejected, pick(r, rejectionNotes), ptr(Timestamp)
		default:
			st.ReviewedAt = ptr(Timestamp)
		}
		g.city.Registers.Stories = append(g.city.Registers.Stories, st)
	}
}
