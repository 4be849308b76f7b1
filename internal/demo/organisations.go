package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// orgMeta is what later stages need to know about an organisation beyond
// civic.Organisation.
type orgMeta struct {
	ward  int    // index into wards
	place string // neighbourhood it is named after or based in
	// fitness is how strongly other organisations seek it out as a partner.
	fitness float64
	// citywide organisations work everywhere, so distance barely matters to
	// whom they partner with or employ.
	citywide bool
	hall     string // name of its hall, for faith groups; "" otherwise
}

// cityCouncil is the name of the local authority, which owns much of the
// city's land and buildings.
const cityCouncil = "Birmingham City Council"

// streets are common English street names for demo addresses. Real
// Birmingham arterial roads are left out so no address points at a real
// building by accident.
var streets = []string{
	"Church Road", "Station Road", "Victoria Road", "Park Road", "Green Lane",
	"High Street", "Albert Road", "Grove Road", "Mill Lane", "School Road",
	"Queens Road", "King Street", "Chapel Street", "Oak Tree Lane", "Hall Road",
	"Manor Road", "Elm Road", "Springfield Road", "Westfield Road", "The Parade",
	"Holly Lane", "Poplar Avenue", "Brook Lane", "Cedar Road", "Windmill Lane",
}

// organisations builds the fixed organisations and then the generated ones.
func (g *generator) organisations() {
	r := rng("organisations")
	names := map[string]bool{}
	orgIDs := map[string]bool{}
	for _, f := range fixedOrgs {
		w := wardIndex(f.ward)
		o := civic.Organisation{
			Name: f.name, Kind: f.kind, Description: f.desc,
			Postcode: wards[w].postcode(r), Location: jitter(r, wards[w].centroid(), 0.8),
			AreaID: g.wardIDs[w], Themes: slices.Clone(f.themes), Provenance: provenance(),
		}
		// Real bodies keep their real names only: an invented charity number
		// or website attached to them would look authoritative and be wrong.
		if !f.real {
			o.OrgID = newOrgID(r, f.kind, 1, orgIDs)
			o.Website = website(f.name)
			o.Address = address(r, wards[w].places[0])
		}
		// Only the city council among the councils works across the whole city.
		citywide := f.kind != civic.OrgCouncil || f.name == cityCouncil
		if f.name == cityCouncil {
			g.council = len(g.city.Organisations)
		}
		g.addOrg(o, orgMeta{ward: w, place: wards[w].places[0], fitness: f.fitness, citywide: citywide})
		names[f.name] = true
	}

	weights := make([]float64, len(wards))
	for i, w := range wards {
		weights[i] = float64(w.pop)
	}
	for _, plan := range kindPlans {
		for made, tries := 0, 0; made < plan.count && tries < 100*plan.count; tries++ {
			w := weighted(r, weights)
			place := pick(r, wards[w].places)
			t := pick(r, plan.templates)
			fill := strings.NewReplacer("{place}", place, "{saint's}", possessive(pick(r, saints))).Replace
			name := fill(t.name)
			if names[name] {
				continue
			}
			names[name] = true
			made++

			themes := slices.Clone(t.themes)
			if len(themes) < 3 && chance(r, 0.25) {
				if extra := pick(r, relatedThemes[themes[0]]); !slices.Contains(themes, extra) {
					themes = append(themes, extra)
				}
			}
			o := civic.Organisation{
				Name: name, Kind: plan.kind, Description: fill(t.desc),
				OrgID:    newOrgID(r, plan.kind, 0.7, orgIDs),
				Postcode: wards[w].postcode(r), Location: jitter(r, wards[w].centroid(), 0.9),
				AreaID: g.wardIDs[w], Themes: themes, Provenance: provenance(),
			}
			if chance(r, plan.website) {
				o.Website = website(name)
			}
			// Informal groups meet in members' homes and borrowed rooms.
			if plan.kind != civic.OrgInformalGroup {
				o.Address = address(r, place)
			}
			meta := orgMeta{ward: w, place: place, fitness: plan.fitness * (0.6 + 0.8*r.Float64())}
			if t.hall != "" {
				meta.hall = fill(t.hall)
			}
			g.addOrg(o, meta)
		}
	}
}

// possessive returns "St Mary's" for Mary and "St James'" for James, as
// the churches spell it.
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// addOrg appends an organisation, giving it its ID.
func (g *generator) addOrg(o civic.Organisation, m orgMeta) {
	o.ID = stableID(civic.KindOrganisation, o.Name)
	g.city.Organisations = append(g.city.Organisations, o)
	g.orgs = append(g.orgs, m)
}

// newOrgID returns, with probability p, an org-id.guide identifier in the
// register an organisation of this kind would be on, unique among used; or
// "" for kinds that have no register or when the draw says none is known.
// The numbers are invented but have the shape of real ones.
func newOrgID(r *rand.Rand, kind civic.OrganisationKind, p float64, used map[string]bool) string {
	gen := map[civic.OrganisationKind]func() string{
		civic.OrgCharity: func() string {
			// Charities registered since the 1990s have seven-digit
			// numbers; older ones six.
			if chance(r, 0.75) {
				return fmt.Sprintf("GB-CHC-%d", 1_000_000+r.IntN(210_000))
			}
			return fmt.Sprintf("GB-CHC-%d", 200_000+r.IntN(330_000))
		},
		civic.OrgSocialEnterprise:   func() string { return companyNumber(r) },
		civic.OrgBusiness:           func() string { return companyNumber(r) },
		civic.OrgHousingAssociation: func() string { return companyNumber(r) },
		civic.OrgCooperative:        func() string { return fmt.Sprintf("GB-MPR-%dR", 10_000+r.IntN(25_000)) },
		civic.OrgSchool:             func() string { return fmt.Sprintf("GB-EDU-%d", 103_000+r.IntN(47_000)) },
	}[kind]
	if gen == nil || !chance(r, p) {
		return ""
	}
	for {
		if id := gen(); !used[id] {
			used[id] = true
			return id
		}
	}
}

// companyNumber returns a Companies House identifier: eight digits, with
// the leading zeros older companies have.
func companyNumber(r *rand.Rand) string {
	return fmt.Sprintf("GB-COH-%08d", 1_000_000+r.IntN(15_000_000))
}

// website returns an example.org address for a name, or "" when the name is
// too long to be one DNS label.
func website(name string) string {
	s := slug(name)
	if len(s) > 63 {
		return ""
	}
	return "https://" + s + ".example.org"
}

// address returns a demo street address in a neighbourhood.
func address(r *rand.Rand, place string) string {
	return fmt.Sprintf("%d %s, %s, Birmingham", 1+r.IntN(240), pick(r, streets), place)
}
