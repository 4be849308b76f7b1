package demo

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// tangible reports whether assets of kind k have a place: buildings, rooms,
// land, green space, equipment and vehicles. These have a location and
// postcode and are always held by one to three organisations.
func tangible(k civic.AssetKind) bool {
	c := k.Category()
	return c == civic.CategoryPhysical || c == civic.CategoryNatural
}

// assets builds the assets and who stewards them. Each asset is anchored on
// an organisation that holds it, so names, places and themes agree.
func (g *generator) assets() {
	r := rng("assets")
	orgs := g.city.Organisations
	held := make([]int, len(orgs)) // assets per organisation, to spread them out
	halls := map[int]bool{}        // faith groups whose hall is already an asset
	names := map[string]bool{}
	for _, plan := range assetPlans {
		for made, tries := 0, 0; made < plan.count && tries < 100*plan.count; tries++ {
			pat := pick(r, plan.patterns)
			w := make([]float64, len(orgs))
			for i, o := range orgs {
				if !slices.Contains(pat.anchors, o.Kind) || pat.name == "{hall}" && (halls[i] || g.orgs[i].hall == "") {
					continue
				}
				// A themed asset goes to an organisation working on that
				// theme, so no law centre ends up with a recording studio.
				fit := 1
				if pat.themes != nil {
					fit = overlap(pat.themes, o.Themes)
				}
				w[i] = float64(fit) * math.Sqrt(g.orgs[i].fitness) / float64(1+held[i])
			}
			ai := weighted(r, w)
			if ai < 0 {
				continue
			}
			anchor, meta := orgs[ai], g.orgs[ai]
			name := strings.NewReplacer("{place}", meta.place, "{org}", anchor.Name,
				"{hall}", meta.hall, "{street}", pick(r, streets)).Replace(pat.name)
			if names[name] {
				continue
			}
			names[name] = true
			if pat.name == "{hall}" {
				halls[ai] = true
			}
			held[ai]++
			made++

			themes := slices.Clone(pat.themes)
			if themes == nil {
				themes = slices.Clone(anchor.Themes)
			}
			a := civic.Asset{
				ID: stableID(civic.KindAsset, name), Name: name, Kind: plan.kind,
				Description: assetDescription(plan.kind, anchor.Name, meta.place),
				Shareable:   chance(r, plan.shareable), Themes: themes, Provenance: provenance(),
			}
			if plan.capacity[1] > 0 {
				a.Capacity = ptr(plan.capacity[0] + r.IntN(plan.capacity[1]-plan.capacity[0]+1))
			}
			if tangible(plan.kind) {
				a.AreaID = g.wardIDs[meta.ward]
				switch plan.kind {
				case civic.AssetLand, civic.AssetGreenSpace:
					// Open land is somewhere in the neighbourhood, not at the
					// group's address.
					a.Location = jitter(r, wards[meta.ward].centroid(), 1)
					a.Postcode = wards[meta.ward].postcode(r)
				default:
					a.Location, a.Postcode = ptr(*anchor.Location), anchor.Postcode
				}
			} else if !meta.citywide {
				a.AreaID = g.wardIDs[meta.ward]
			}
			g.city.Assets = append(g.city.Assets, a)
			g.steward(r, a, ai, plan)
		}
	}
}

// steward records who holds asset a: the anchor organisation first, then,
// for some, the city council as freeholder, then nearby groups that use it.
func (g *generator) steward(r *rand.Rand, a civic.Asset, anchor int, plan assetPlan) {
	bcc := g.council
	first := civic.StewardManages
	switch plan.kind {
	case civic.AssetBuilding, civic.AssetRoom:
		if chance(r, 0.4) {
			first = civic.StewardOwns
		}
	case civic.AssetEquipment, civic.AssetVehicle:
		first = civic.StewardOwns
	case civic.AssetGreenSpace:
		if chance(r, 0.3) {
			first = civic.StewardUses
		}
	}
	if anchor == bcc {
		first = civic.StewardOwns
	}
	stewards := []int{anchor}
	roles := []civic.StewardshipRole{first}
	// Most parks, and much community land and many community centres, are
	// council freeholds that a local group manages under a lease.
	councilOwns := map[civic.AssetKind]float64{civic.AssetGreenSpace: 0.85, civic.AssetLand: 0.5, civic.AssetBuilding: 0.3}[a.Kind]
	if anchor != bcc && first != civic.StewardOwns && chance(r, councilOwns) {
		stewards = append(stewards, bcc)
		roles = append(roles, civic.StewardOwns)
	}
	want := min(3, len(stewards)+weighted(r, plan.extra))
	userRole := civic.StewardUses
	if plan.kind == civic.AssetBuilding {
		userRole = civic.StewardOccupies
	}
	// Co-stewards are neighbours whose work fits the asset; businesses
	// sponsor and donate but rarely share a hall or a minibus.
	near := g.nearbyOrgs(*g.city.Organisations[anchor].Location, stewards, 12)
	w := make([]float64, len(near))
	for j, oi := range near {
		if o := g.city.Organisations[oi]; o.Kind != civic.OrgBusiness {
			w[j] = 0.25 + float64(overlap(a.Themes, o.Themes))
		}
	}
	for _, j := range sampleWeighted(r, w, want-len(stewards)) {
		oi := near[j]
		stewards = append(stewards, oi)
		role := civic.StewardUses
		if chance(r, 0.5) {
			role = userRole
		}
		roles = append(roles, role)
	}
	for i, oi := range stewards {
		since := dateBetween(r, day(2005, 1, 1), lastDay)
		g.city.Stewardships = append(g.city.Stewardships, civic.Stewardship{
			OrganisationID: g.city.Organisations[oi].ID, AssetID: a.ID,
			Role: roles[i], Since: ptr(since), Provenance: provenance(),
		})
	}
}

// nearbyOrgs returns up to n local organisations nearest to p, nearest
// first, leaving out those in skip. City-wide bodies are left out: the
// groups sharing a hall are its neighbours.
func (g *generator) nearbyOrgs(p civic.GeoPoint, skip []int, n int) []int {
	type cand struct {
		i int
		d float64
	}
	var cs []cand
	for i, o := range g.city.Organisations {
		if !g.orgs[i].citywide && !slices.Contains(skip, i) {
			cs = append(cs, cand{i, distanceKm(p, *o.Location)})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.i, b.i)) })
	var out []int
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.i)
	}
	return out
}

// assetDescription writes a sentence about an asset.
func assetDescription(k civic.AssetKind, org, place string) string {
	switch k {
	case civic.AssetBuilding:
		return "Community building in " + place + " looked after by " + org + ", with a main hall, kitchen and toilets."
	case civic.AssetRoom:
		return "Room at " + org + " that local groups can book."
	case civic.AssetLand:
		return "Land in " + place + " used for growing and community projects."
	case civic.AssetGreenSpace:
		return "Green space in " + place + " cared for by local volunteers."
	case civic.AssetEquipment:
		return "Equipment kept by " + org + " and lent for community events."
	case civic.AssetVehicle:
		return "Vehicle run by " + org + " for trips, deliveries and transport to activities."
	case civic.AssetSkill:
		return "Skilled volunteers, coordinated by " + org + ", who give their time to local groups."
	case civic.AssetKnowledge:
		return "Know-how gathered by " + org + " and shared with other groups."
	case civic.AssetNetwork:
		return "Connections between people in and around " + place + ", kept up by " + org + "."
	default:
		return "Money held by " + org + " for local groups and residents in need."
	}
}
