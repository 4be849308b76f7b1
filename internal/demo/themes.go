package demo

import "github.com/civicgraph/civicgraph/internal/civic"

// themeDef describes one theme.
type themeDef struct{ slug, name, description string }

// themeDefs are the subjects the city's organisations work on, in the words
// a council's community development team would use.
var themeDefs = []themeDef{
	{"food", "Food", "Food banks, community meals, growing and tackling food poverty."},
	{"employment", "Employment", "Jobs, training, volunteering as a route to work and in-work support."},
	{"wellbeing", "Wellbeing", "Physical health, healthy lifestyles and feeling connected."},
	{"housing", "Housing", "Safe, affordable homes, tenancy support and preventing homelessness."},
	{"environment", "Environment", "Green spaces, clean streets, climate action and nature."},
	{"youth", "Youth", "Activities, support and opportunities for children and young people."},
	{"older-people", "Older People", "Company, care and an active later life for older residents."},
	{"digital-inclusion", "Digital Inclusion", "Devices, data and the skills and confidence to get online."},
	{"financial-inclusion", "Financial Inclusion", "Debt and benefits advice, affordable credit and money skills."},
	{"arts-culture", "Arts and Culture", "Making, performing and celebrating the city's many cultures."},
	{"sport", "Sport", "Sport and physical activity for every age and ability."},
	{"mental-health", "Mental Health", "Peer support, counselling and reducing loneliness and stigma."},
	{"community-safety", "Community Safety", "Feeling safe: tackling crime, anti-social behaviour and violence."},
	{"education", "Education", "Schools, adult learning, English for speakers of other languages."},
	{"migrants-refugees", "Migrants and Refugees", "Welcome, advice and belonging for people new to the city."},
}

// relatedThemes are the themes that commonly go with each theme. A
// generated organisation's extra theme comes from here, so that a
// counselling service takes on wellbeing rather than sport.
var relatedThemes = map[string][]string{
	"food":                {"financial-inclusion", "wellbeing", "environment", "older-people"},
	"employment":          {"education", "financial-inclusion", "digital-inclusion", "youth"},
	"wellbeing":           {"mental-health", "sport", "older-people", "food"},
	"housing":             {"financial-inclusion", "community-safety", "older-people", "migrants-refugees"},
	"environment":         {"wellbeing", "food", "community-safety", "youth"},
	"youth":               {"education", "sport", "mental-health", "arts-culture", "community-safety"},
	"older-people":        {"wellbeing", "digital-inclusion", "mental-health", "food"},
	"digital-inclusion":   {"older-people", "employment", "education"},
	"financial-inclusion": {"housing", "employment", "food"},
	"arts-culture":        {"youth", "wellbeing", "education"},
	"sport":               {"youth", "wellbeing", "mental-health"},
	"mental-health":       {"wellbeing", "older-people", "youth"},
	"community-safety":    {"youth", "housing", "environment"},
	"education":           {"youth", "employment", "migrants-refugees", "digital-inclusion"},
	"migrants-refugees":   {"education", "housing", "employment", "wellbeing"},
}

// Skills lists the skill slugs that demo people have.
var Skills = []string{
	"bookkeeping", "first-aid", "cooking", "driving", "mentoring", "web-design",
	"fundraising", "gardening", "safeguarding", "event-planning", "legal-advice",
	"counselling", "carpentry", "coaching", "youth-work", "social-media",
	"bid-writing", "teaching-esol", "befriending", "photography", "music",
	"translation-urdu", "translation-punjabi", "translation-bengali",
	"translation-polish", "translation-romanian", "translation-somali",
	"translation-arabic", "translation-kurdish", "translation-cantonese",
}

// skillPhrases say in a bio what a person does with a skill.
var skillPhrases = map[string]string{
	"bookkeeping":           "Keeps the books for two local groups.",
	"first-aid":             "Is the first aider at most community events.",
	"cooking":               "Cooks for the weekly community lunch.",
	"driving":               "Drives the community minibus on Saturdays.",
	"mentoring":             "Mentors young people looking for their first job.",
	"web-design":            "Builds simple websites for local groups.",
	"fundraising":           "Has raised money for the food bank for years.",
	"gardening":             "Grows vegetables on the community plot.",
	"safeguarding":          "Leads on safeguarding for a youth project.",
	"event-planning":        "Organises the summer fun day.",
	"legal-advice":          "Gives free housing and benefits advice.",
	"counselling":           "Volunteers as a counsellor two evenings a week.",
	"carpentry":             "Fixes furniture and builds planters with the men's shed.",
	"coaching":              "Coaches a junior football team.",
	"youth-work":            "Runs a Friday night youth club.",
	"social-media":          "Looks after social media for the residents' association.",
	"bid-writing":           "Writes funding bids for small groups.",
	"teaching-esol":         "Teaches English conversation classes.",
	"befriending":           "Visits isolated older neighbours every week.",
	"photography":           "Photographs local events and people.",
	"music":                 "Plays in a community band.",
	"translation-urdu":      "Interprets in Urdu at the advice centre.",
	"translation-punjabi":   "Interprets in Punjabi at the GP surgery.",
	"translation-bengali":   "Helps Bengali-speaking families with forms.",
	"translation-polish":    "Translates leaflets into Polish.",
	"translation-romanian":  "Helps Romanian-speaking families settle in.",
	"translation-somali":    "Interprets in Somali for newly arrived families.",
	"translation-arabic":    "Interprets in Arabic at drop-in sessions.",
	"translation-kurdish":   "Helps Kurdish-speaking newcomers with appointments.",
	"translation-cantonese": "Supports Cantonese-speaking families from Hong Kong.",
}

// themes builds the themes.
func (g *generator) themes() {
	for _, t := range themeDefs {
		g.city.Themes = append(g.city.Themes, civic.Theme{
			ID: civic.ThemeID(t.slug), Slug: t.slug, Name: t.name,
			Description: t.description, Provenance: provenance(),
		})
	}
}
