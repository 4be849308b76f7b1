package demo

import (
	"slices"
	"sort"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// What champions need from the demo city: organisations that say what they
// need, people who agreed to be found, and a postcode table.

// needsByTheme are what groups working on a theme commonly look for from
// partners: skills, and kinds of asset (those that are civic.AssetKinds).
var needsByTheme = map[string][]string{
	"food":                {"vehicle", "driving", "cooking", "equipment"},
	"employment":          {"mentoring", "web-design", "room"},
	"wellbeing":           {"first-aid", "green_space", "coaching"},
	"housing":             {"legal-advice", "bookkeeping"},
	"environment":         {"gardening", "land", "equipment"},
	"youth":               {"youth-work", "safeguarding", "mentoring", "room"},
	"older-people":        {"befriending", "driving", "vehicle"},
	"digital-inclusion":   {"equipment", "web-design", "social-media"},
	"financial-inclusion": {"bookkeeping", "legal-advice"},
	"arts-culture":        {"room", "photography", "music", "event-planning"},
	"sport":               {"coaching", "green_space", "first-aid"},
	"mental-health":       {"counselling", "befriending", "room"},
	"community-safety":    {"event-planning", "social-media"},
	"education":           {"teaching-esol", "mentoring", "room"},
	"migrants-refugees":   {"translation-arabic", "translation-somali", "legal-advice", "teaching-esol"},
}

// everyGroupNeeds are needs of any small organisation, whatever its work.
var everyGroupNeeds = []string{"bookkeeping", "bid-writing", "fundraising", "safeguarding", "social-media", "first-aid"}

// needers are the kinds of organisation that publish needs; large
// institutions find what they need through procurement instead.
var needers = []civic.OrganisationKind{
	civic.OrgCharity, civic.OrgCommunityGroup, civic.OrgInformalGroup, civic.OrgSocialEnterprise,
	civic.OrgFaithGroup, civic.OrgCooperative, civic.OrgSchool,
}

// needs gives about six in ten smaller organisations one to three needs
// that fit their themes and that they cannot meet themselves: a group with
// a bookkeeper among its people does not ask for one, and a group without
// a hall of its own asks for a room.
func (g *generator) needs() {
	r := rng("needs")
	skills := map[string][]string{} // organisation ID -> its people's skills
	people := map[string]civic.Person{}
	for _, p := range g.city.People {
		people[p.ID] = p
	}
	for _, a := range g.city.Affiliations {
		if a.Until == nil {
			skills[a.OrganisationID] = append(skills[a.OrganisationID], people[a.PersonID].Skills...)
		}
	}
	kinds := map[string][]civic.AssetKind{} // organisation ID -> kinds of asset it holds
	assetKind := map[string]civic.AssetKind{}
	for _, a := range g.city.Assets {
		assetKind[a.ID] = a.Kind
	}
	for _, s := range g.city.Stewardships {
		if s.Role != civic.StewardUses {
			kinds[s.OrganisationID] = append(kinds[s.OrganisationID], assetKind[s.AssetID])
		}
	}
	for i := range g.city.Organisations {
		o := &g.city.Organisations[i]
		if !slices.Contains(needers, o.Kind) || !chance(r, 0.6) {
			continue
		}
		var options []string
		for _, t := range o.Themes {
			options = append(options, needsByTheme[t]...)
		}
		options = append(options, everyGroupNeeds...)
		if !slices.Contains(kinds[o.ID], civic.AssetBuilding) && !slices.Contains(kinds[o.ID], civic.AssetRoom) {
			options = append(options, "room", "room")
		}
		want := 1 + weighted(r, []float64{45, 35, 20})
		for tries := 0; len(o.Needs.Skills)+len(o.Needs.AssetKinds) < want && tries < 20; tries++ {
			n := pick(r, options)
			if k := civic.AssetKind(n); k.Valid() {
				if !slices.Contains(kinds[o.ID], k) && !slices.Contains(o.Needs.AssetKinds, k) {
					o.Needs.AssetKinds = append(o.Needs.AssetKinds, k)
				}
			} else if !slices.Contains(skills[o.ID], n) && !slices.Contains(o.Needs.Skills, n) {
				o.Needs.Skills = append(o.Needs.Skills, n)
			}
		}
	}
}

// consent records that about four in ten residents agreed to be found by
// champions.
func (g *generator) consent() {
	r := rng("consent")
	for i := range g.city.People {
		g.city.People[i].Discoverable = chance(r, 0.4)
	}
}

// postcodes derives the demo postcode table from the demo data: every
// postcode an organisation or asset has, at the mean of their locations,
// and one more postcode at the centre of each ward, so that every ward has
// a postcode to search from. Like the postcodes themselves, the table is
// invented, not ONS data.
func (g *generator) postcodes() {
	type acc struct {
		lat, lon float64
		n        int
	}
	sums := map[string]*acc{}
	add := func(pc string, p *civic.GeoPoint) {
		if pc == "" || p == nil {
			return
		}
		a := sums[pc]
		if a == nil {
			a = &acc{}
			sums[pc] = a
		}
		a.lat, a.lon, a.n = a.lat+p.Latitude, a.lon+p.Longitude, a.n+1
	}
	for _, o := range g.city.Organisations {
		add(o.Postcode, o.Location)
	}
	for _, a := range g.city.Assets {
		add(a.Postcode, a.Location)
	}
	r := rng("postcodes")
	for _, w := range wards {
		pc := w.postcode(r)
		for sums[pc] != nil {
			pc = w.postcode(r)
		}
		add(pc, ptr(w.centroid()))
	}
	codes := make([]string, 0, len(sums))
	for pc := range sums {
		codes = append(codes, pc)
	}
	sort.Strings(codes)
	for _, pc := range codes {
		a := sums[pc]
		g.city.Postcodes = append(g.city.Postcodes, civic.Postcode{
			Postcode:   pc,
			Location:   civic.GeoPoint{Latitude: round6(a.lat / float64(a.n)), Longitude: round6(a.lon / float64(a.n))},
			Provenance: provenance(),
		})
	}
}
