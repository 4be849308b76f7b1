package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// peopleCount is how many residents the demo city has.
const peopleCount = 500

// personMeta is what later stages need to know about a person.
type personMeta struct{ ward int }

// people builds the residents. Names are unique so that each person's ID,
// derived from the name, is too.
func (g *generator) people() {
	r := rng("people")
	groupWeights := make([]float64, len(nameGroups))
	for i, ng := range nameGroups {
		groupWeights[i] = ng.share
	}
	wardWeights := make([]float64, len(wards))
	for i, w := range wards {
		wardWeights[i] = float64(w.pop)
	}
	// Ofcom keeps 0121 496 0000 to 0999 for drama, so these numbers ring nobody.
	phones := r.Perm(1000)
	names := map[string]bool{}
	for len(g.city.People) < peopleCount {
		group := nameGroups[weighted(r, groupWeights)]
		surnames := group.surnames
		// Some people's surnames come from another heritage: mixed families
		// and married names.
		if chance(r, 0.07) {
			surnames = nameGroups[weighted(r, groupWeights)].surnames
		}
		name := pick(r, group.given) + " " + pick(r, surnames)
		if names[name] {
			continue
		}
		names[name] = true

		w := weighted(r, wardWeights)
		skills := drawSkills(r, group.languages)
		p := civic.Person{
			ID: stableID(civic.KindPerson, name), Name: name,
			Bio:    bio(r, pick(r, wards[w].places), skills),
			AreaID: g.wardIDs[w], Skills: skills, Provenance: provenance(),
		}
		if chance(r, 0.85) {
			p.Email = email(name)
		}
		if chance(r, 0.6) {
			p.Phone = fmt.Sprintf("0121 496 0%03d", phones[len(g.city.People)])
		}
		// Three in four of those with contact details agreed to share them
		// with champions. (Decided by position, not by a random draw, so
		// that the rest of the city stays as it was.)
		p.ContactConsent = (p.Email != "" || p.Phone != "") && len(g.city.People)%4 != 3
		g.city.People = append(g.city.People, p)
		g.residents = append(g.residents, personMeta{ward: w})
	}
}

// generalSkills are the skills anyone may have; translation skills follow
// the languages of a person's name group.
var generalSkills = slices.DeleteFunc(slices.Clone(Skills), func(s string) bool {
	return strings.HasPrefix(s, "translation-")
})

// drawSkills returns 0 to 4 skills, sometimes leading with a language.
func drawSkills(r *rand.Rand, languages []string) []string {
	n := weighted(r, []float64{10, 30, 30, 20, 10})
	if n == 0 {
		return nil
	}
	var out []string
	if len(languages) > 0 && chance(r, 0.45) {
		out = append(out, pick(r, languages))
	}
	for len(out) < n {
		if s := pick(r, generalSkills); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// bio writes a one- or two-sentence bio.
func bio(r *rand.Rand, place string, skills []string) string {
	first := pick(r, occupations) + " from " + place + "."
	if len(skills) == 0 {
		return first + " Keen to get more involved in local projects."
	}
	return first + " " + skillPhrases[skills[0]]
}

// email returns an example.org address built from a name.
func email(name string) string {
	parts := strings.Fields(strings.ToLower(name))
	local := strings.Join(parts[:len(parts)-1], "") + "." + parts[len(parts)-1]
	local = strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c == '.' {
			return c
		}
		return -1
	}, local)
	return local + "@example.org"
}

// affiliationRoles are drawn in this order with the weights below.
var affiliationRoles = []civic.AffiliationRole{
	civic.AffiliationStaff, civic.AffiliationVolunteer, civic.AffiliationTrustee, civic.AffiliationChampion,
}

// roleWeights gives, per organisation kind, the weights of affiliationRoles:
// institutions are mostly staff, small groups mostly volunteers and
// committee members, and about one link in ten is a champion.
func roleWeights(k civic.OrganisationKind) []float64 {
	switch k {
	case civic.OrgCouncil, civic.OrgPublicBody, civic.OrgUniversity, civic.OrgHealth,
		civic.OrgHousingAssociation, civic.OrgSchool:
		return []float64{75, 10, 5, 10}
	case civic.OrgBusiness:
		return []float64{85, 0, 0, 15}
	case civic.OrgCharity, civic.OrgSocialEnterprise, civic.OrgCooperative:
		return []float64{30, 38, 22, 10}
	case civic.OrgInformalGroup:
		return []float64{0, 88, 0, 12}
	default: // community and faith groups
		return []float64{5, 60, 25, 10}
	}
}

// affiliations links most people to one to three organisations, mostly
// near where they live.
func (g *generator) affiliations() {
	r := rng("affiliations")
	orgs := g.city.Organisations
	w := make([]float64, len(orgs))
	for pi, p := range g.city.People {
		if !chance(r, 0.88) {
			continue
		}
		home := wards[g.residents[pi].ward].centroid()
		for i, o := range orgs {
			m := g.orgs[i]
			if m.citywide {
				// Big employers draw from the whole city, but damped so that
				// local groups still hold most volunteers.
				w[i] = 0.12 * math.Sqrt(m.fitness)
				continue
			}
			d := distanceKm(home, *o.Location) / 1.5
			w[i] = (0.5 + m.fitness) / (1 + d*d)
		}
		n := 1 + weighted(r, []float64{60, 30, 10})
		for _, oi := range sampleWeighted(r, w, n) {
			since := dateBetween(r, day(2008, 1, 1), lastDay)
			a := civic.Affiliation{
				PersonID: p.ID, OrganisationID: orgs[oi].ID,
				Role:  affiliationRoles[weighted(r, roleWeights(orgs[oi].Kind))],
				Since: ptr(since), Provenance: provenance(),
			}
			if chance(r, 0.1) && since.Before(lastDay.AddDate(0, 0, -60)) {
				a.Until = ptr(dateBetween(r, since.AddDate(0, 0, 30), lastDay))
			}
			g.city.Affiliations = append(g.city.Affiliations, a)
		}
	}
}
