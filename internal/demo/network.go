package demo

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// collaborationCount is how many collaborations the demo city has.
const collaborationCount = 1500

// pairKey names an unordered pair of organisations.
type pairKey [2]int

func pairOf(u, v int) pairKey {
	if u > v {
		u, v = v, u
	}
	return pairKey{u, v}
}

// collaborations grows the collaboration network. Organisations pick
// partners by preferential attachment (those with many partners and a big
// presence attract more), damped by distance and boosted by shared themes.
// That gives what real sector maps show: a few hubs such as the council,
// big charities and universities, and many small groups with a handful of
// local partners.
func (g *generator) collaborations() {
	r := rng("collaborations")
	orgs := g.city.Organisations
	n := len(orgs)

	// affinity[u][v] is how much u is drawn to v before counting v's partners.
	affinity := make([][]float64, n)
	for u := range n {
		affinity[u] = make([]float64, n)
		for v := range n {
			if u == v {
				continue
			}
			mu, mv := g.orgs[u], g.orgs[v]
			near := 0.6 // a city-wide body is as reachable from anywhere
			if !mu.citywide && !mv.citywide {
				d := distanceKm(*orgs[u].Location, *orgs[v].Location) / 2
				near = 1 / (1 + d*d)
			} else if mu.citywide && mv.citywide {
				near = 1
			}
			affinity[u][v] = mv.fitness * near * (1 + 1.5*float64(overlap(orgs[u].Themes, orgs[v].Themes)))
		}
	}

	deg := make([]int, n)
	linked := map[pairKey]bool{}
	w := make([]float64, n)
	partner := func(u int) int {
		for v := range n {
			w[v] = 0
			if v != u && !linked[pairOf(u, v)] {
				// Square-root attachment: hubs keep growing, but the council
				// does not end up linked to everyone.
				w[v] = affinity[u][v] * math.Sqrt(float64(1+deg[v]))
			}
		}
		return weighted(r, w)
	}
	link := func(u, v int) {
		linked[pairOf(u, v)] = true
		deg[u]++
		deg[v]++
		g.city.Collaborations = append(g.city.Collaborations, g.collaboration(r, u, v))
	}

	// Everyone on the map works with somebody: that is how they got on it.
	for _, u := range r.Perm(n) {
		if deg[u] == 0 {
			if v := partner(u); v >= 0 {
				link(u, v)
			}
		}
	}
	// Bigger organisations reach out more often, but not proportionally.
	activity := make([]float64, n)
	for u := range n {
		activity[u] = math.Sqrt(g.orgs[u].fitness)
	}
	for len(g.city.Collaborations) < collaborationCount {
		u := weighted(r, activity)
		if v := partner(u); v >= 0 {
			link(u, v)
		}
	}
}

// collaboration describes the link between organisations u and v.
func (g *generator) collaboration(r *rand.Rand, u, v int) civic.Collaboration {
	orgs := g.city.Organisations
	a, b := orgs[u], orgs[v]

	// Themes are what the two share where they share something; otherwise
	// the focus of the smaller, local partner.
	var themes []string
	for _, t := range a.Themes {
		if slices.Contains(b.Themes, t) {
			themes = append(themes, t)
		}
	}
	if len(themes) > 0 {
		perm := r.Perm(len(themes))
		shared := themes
		themes = nil
		for _, i := range perm[:1+r.IntN(min(2, len(perm)))] {
			themes = append(themes, shared[i])
		}
	} else {
		local := a
		if g.orgs[u].citywide && !g.orgs[v].citywide {
			local = b
		}
		themes = []string{local.Themes[r.IntN(len(local.Themes))]}
	}

	// Most links are awareness and cooperation; shared themes and being
	// neighbours make closer working more likely.
	iw := []float64{36, 36, 19, 9}
	if slices.Contains(a.Themes, themes[0]) && slices.Contains(b.Themes, themes[0]) {
		iw[2] += 6
		iw[3] += 4
	}
	if !g.orgs[u].citywide && !g.orgs[v].citywide && distanceKm(*a.Location, *b.Location) < 1.5 {
		iw[0] -= 8
		iw[3] += 4
	}

	since := recentDateBetween(r, firstDay, lastDay)
	c := civic.Collaboration{
		ID:     stableID(civic.KindCollaboration, pairID(a.ID, b.ID)),
		FromID: a.ID, ToID: b.ID, Intensity: civic.Intensities[weighted(r, iw)],
		Description: describe(r, themes[0]), Since: ptr(since), Themes: themes,
		Provenance: provenance(),
	}
	if chance(r, 0.21) && lastDay.Sub(since).Hours() >= 24*120 {
		c.Until = ptr(dateBetween(r, since.AddDate(0, 0, 90), lastDay))
	}
	return c
}

// pairID names a pair of IDs regardless of order, so a collaboration's ID
// does not depend on which organisation was named first.
func pairID(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "/" + b
}

// themeWork names typical joint work on each theme.
var themeWork = map[string][]string{
	"food":                {"Joint holiday hunger programme", "Food bank referral pathway", "Surplus food redistribution", "Shared Friday community meal"},
	"employment":          {"Joint job club", "Work placement scheme", "Shared employability workshops", "Volunteering-to-work pathway"},
	"wellbeing":           {"Social prescribing referrals", "Joint health and wellbeing fair", "Shared warm space programme"},
	"housing":             {"Tenancy sustainment referrals", "Joint homelessness prevention work", "Shared housing advice surgery"},
	"environment":         {"Joint litter picks and clean-ups", "Tree planting programme", "Shared community growing project"},
	"youth":               {"Joint summer holiday programme", "Shared detached youth work", "Youth mentoring partnership"},
	"older-people":        {"Joint befriending scheme", "Shared transport to lunch clubs", "Winter warmth checks"},
	"digital-inclusion":   {"Device lending and digital drop-ins", "Digital champions training", "Shared data bank for mobile data"},
	"financial-inclusion": {"Debt advice outreach sessions", "Benefits check referrals", "Credit union collection point"},
	"arts-culture":        {"Joint community festival", "Shared arts workshops", "Oral history project"},
	"sport":               {"Shared use of pitches", "Joint sports holiday camp", "Walking football sessions"},
	"mental-health":       {"Peer support group referrals", "Mental health first aid training", "Joint suicide prevention work"},
	"community-safety":    {"Joint street safety walks", "Knife crime awareness sessions", "Safer streets lighting campaign"},
	"education":           {"Joint ESOL classes", "After-school tutoring partnership", "Shared adult learning courses"},
	"migrants-refugees":   {"Welcome and orientation sessions", "Shared interpreting pool", "Joint advice for new arrivals"},
}

// generalWork is joint work that is not about one theme.
var generalWork = []string{
	"Shared use of premises", "Joint funding bid", "Volunteer sharing", "Regular information sharing",
	"Cross-referrals between services", "Co-hosted community event",
}

// describe names the joint work of a collaboration on a theme.
func describe(r *rand.Rand, theme string) string {
	if work := themeWork[theme]; len(work) > 0 && !chance(r, 0.25) {
		return pick(r, work)
	}
	return pick(r, generalWork)
}
