package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Champions' network sizes.
const (
	championCount       = 24
	citywideChampions   = 3 // the first few serve the whole city
	formerChampions     = 3 // the last few have stood down
	introductionsAtMost = 5 // per champion
)

// championStatements are what champions say they offer; %s is a place.
var championStatements = []string{
	"I have lived in %s for years and know most of the groups here. Ask me who to talk to.",
	"I connect new groups in %s with halls, funders and volunteers.",
	"I help people in %s find their way round the council and the voluntary sector.",
	"I run a residents' WhatsApp group in %s and love putting people in touch.",
	"Retired youth worker in %s; I know which doors to knock on.",
}

// champions appoints residents to the champions' network: most for their
// own ward (some for the ward next door as well), a few for the whole city.
func (g *generator) champions() {
	r := rng("champions")
	people := g.city.People
	for n, pi := range r.Perm(len(people))[:championCount] {
		p, w := people[pi], g.residents[pi].ward
		place := pick(r, wards[w].places)
		areas := []string{g.wardIDs[w]}
		switch {
		case n < citywideChampions:
			areas, place = []string{g.cityID}, "Birmingham"
		case chance(r, 0.3):
			areas = append(areas, g.wardIDs[nearestWard(w)])
		}
		since := dateBetween(r, day(2017, 6, 1), day(2025, 12, 31))
		c := civic.Champion{
			ID: stableID(civic.KindChampion, p.Name), PersonID: p.ID, AreaIDs: areas,
			Themes:    championThemes(r, p.Skills),
			Statement: fmt.Sprintf(pick(r, championStatements), place),
			Since:     ptr(since), Provenance: provenance(),
		}
		if n >= championCount-formerChampions {
			c.Until = ptr(dateBetween(r, since.AddDate(1, 0, 0), lastDay))
		}
		g.city.Registers.Champions = append(g.city.Registers.Champions, c)
	}
}

// nearestWard returns the ward whose centroid is nearest to ward w's.
func nearestWard(w int) int {
	best, bestD := -1, 0.0
	for i := range wards {
		if d := distanceKm(wards[w].centroid(), wards[i].centroid()); i != w && (best < 0 || d < bestD) {
			best, bestD = i, d
		}
	}
	return best
}

// skillThemes are the themes a skill suggests a champion cares about.
var skillThemes = map[string]string{
	"cooking": "food", "gardening": "environment", "youth-work": "youth", "befriending": "older-people",
	"counselling": "mental-health", "legal-advice": "housing", "bookkeeping": "financial-inclusion",
	"web-design": "digital-inclusion", "social-media": "digital-inclusion", "teaching-esol": "migrants-refugees",
	"coaching": "sport", "mentoring": "employment", "music": "arts-culture", "photography": "arts-culture",
}

// championThemes returns one or two themes, led by the person's skills.
func championThemes(r *rand.Rand, skills []string) []string {
	var out []string
	for _, s := range skills {
		if t, ok := skillThemes[s]; ok && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	for len(out) == 0 || len(out) < 2 && chance(r, 0.4) {
		if t := pick(r, themeDefs).slug; !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out[:min(2, len(out))]
}

// introductionOutcomes say what came of introductions that did not (yet)
// lead to a collaboration.
var introductionOutcomes = []string{
	"Met once; no follow-up yet.",
	"Swapped contacts; waiting to hear back.",
	"Had a call, but the timing was wrong for both.",
	"",
}

// introductions records the introductions champions made between
// organisations in their areas. Some come a few weeks before a
// collaboration the city already has, so that they led to it; the others
// introduce organisations that have never collaborated.
func (g *generator) introductions() {
	r := rng("introductions")
	index := map[string]int{}
	for i, o := range g.city.Organisations {
		index[o.ID] = i
	}
	collaborated := map[pairKey]bool{}
	for _, c := range g.city.Collaborations {
		collaborated[pairOf(index[c.FromID], index[c.ToID])] = true
	}
	for _, c := range g.city.Registers.Champions {
		local := g.orgsServed(c)
		if len(local) < 2 {
			continue
		}
		end := lastDay
		if c.Until != nil {
			end = *c.Until
		}
		// Collaborations of the champion's organisations that began while
		// they served, at least two weeks after they started.
		var followed []civic.Collaboration
		for _, col := range g.city.Collaborations {
			if col.Since != nil && col.Since.After(c.Since.AddDate(0, 0, 14)) && !col.Since.After(end) &&
				(slices.Contains(local, index[col.FromID]) || slices.Contains(local, index[col.ToID])) {
				followed = append(followed, col)
			}
		}
		slices.SortFunc(followed, func(a, b civic.Collaboration) int { return cmp.Compare(a.ID, b.ID) })
		n := 1 + r.IntN(introductionsAtMost)
		for k := range n {
			in := civic.Introduction{ChampionID: c.ID, Provenance: provenance()}
			if len(followed) > 0 && chance(r, 0.5) {
				col := followed[r.IntN(len(followed))]
				in.OrganisationIDs = [2]string{col.FromID, col.ToID}
				in.Date = col.Since.AddDate(0, 0, -14-r.IntN(90))
				if in.Date.Before(*c.Since) {
					in.Date = *c.Since
				}
				in.Outcome = "They met and started working together."
			} else {
				u, v := local[r.IntN(len(local))], local[r.IntN(len(local))]
				if u == v || collaborated[pairOf(u, v)] {
					continue
				}
				in.OrganisationIDs = [2]string{g.city.Organisations[u].ID, g.city.Organisations[v].ID}
				in.Date = dateBetween(r, *c.Since, end)
				in.Outcome = pick(r, introductionOutcomes)
			}
			in.ID = stableID(civic.KindIntroduction, fmt.Sprintf("%s/%d", c.ID, k))
			g.city.Registers.Introductions = append(g.city.Registers.Introductions, in)
		}
	}
}

// orgsServed returns the organisations based in the areas a champion
// serves: every local organisation for a city-wide champion.
func (g *generator) orgsServed(c civic.Champion) []int {
	var out []int
	for _, a := range c.AreaIDs {
		if a == g.cityID {
			return g.orgsIn(-1)
		}
		out = append(out, g.orgsIn(slices.Index(g.wardIDs, a))...)
	}
	return out
}
