// Package synth generates large, deterministic, realistic networks for
// benchmarks: the demo city's wards and themes, with as many organisations,
// people, assets and collaborations as a size asks for. Collaborations follow
// preferential attachment mixed with a preference for the same ward, so a few
// hubs have hundreds of partners and most groups have a handful, as in real
// collaboration networks.
package synth

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// Size says how big a generated city is.
type Size struct {
	Name           string
	Organisations  int
	People         int
	Assets         int
	Collaborations int
}

// The sizes the benchmarks use.
var (
	S = Size{Name: "S", Organisations: 2_000, People: 5_000, Assets: 3_000, Collaborations: 20_000}
	M = Size{Name: "M", Organisations: 20_000, People: 50_000, Assets: 30_000, Collaborations: 200_000}
	L = Size{Name: "L", Organisations: 200_000, People: 100_000, Assets: 60_000, Collaborations: 2_000_000}
)

// SizeNamed returns the size called name (S, M or L).
func SizeNamed(name string) (Size, error) {
	for _, s := range []Size{S, M, L} {
		if s.Name == name {
			return s, nil
		}
	}
	return Size{}, fmt.Errorf("synth: unknown size %q (want S, M or L)", name)
}

// Source is the provenance source of every generated record.
const Source = "synth"

var created = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// City is a generated city. Its collaborations are produced on demand,
// because at size L they do not fit comfortably in memory.
type City struct {
	Size          Size
	Areas         []civic.Area
	Themes        []civic.Theme
	Organisations []civic.Organisation
	People        []civic.Person
	Assets        []civic.Asset
	Affiliations  []civic.Affiliation
	Stewardships  []civic.Stewardship
	wards         []civic.Area
	orgWard       []int32 // orgWard[i] is the ward index of organisation i
	byWard        [][]int32
}

var kinds = []civic.OrganisationKind{
	civic.OrgCommunityGroup, civic.OrgCommunityGroup, civic.OrgCommunityGroup, civic.OrgCharity, civic.OrgCharity,
	civic.OrgInformalGroup, civic.OrgInformalGroup, civic.OrgFaithGroup, civic.OrgSocialEnterprise, civic.OrgSchool,
	civic.OrgBusiness, civic.OrgHealth, civic.OrgPublicBody, civic.OrgHousingAssociation, civic.OrgCooperative,
}

var activities = []string{"Food Bank", "Youth Club", "Lunch Club", "Advice Centre", "Community Garden", "Choir",
	"Sports Club", "Credit Union", "Tenants' Association", "Women's Group", "Men's Shed", "Homework Club",
	"Digital Drop-in", "Arts Collective", "Refugee Welcome", "Carers' Group", "Walking Group", "Repair Cafe"}

// Generate builds the nodes of a city of the given size. It is
// deterministic: the same size always gives the same city.
func Generate(size Size) *City {
	base := demo.Generate()
	c := &City{Size: size, Areas: base.Areas, Themes: base.Themes}
	for _, a := range base.Areas {
		if a.Kind == civic.AreaWard {
			c.wards = append(c.wards, a)
		}
	}
	c.byWard = make([][]int32, len(c.wards))
	r := rand.New(rand.NewPCG(uint64(size.Organisations), 0x5EED))
	prov := civic.Provenance{Source: Source, CreatedAt: created, UpdatedAt: created}

	c.Organisations = make([]civic.Organisation, size.Organisations)
	c.orgWard = make([]int32, size.Organisations)
	for i := range c.Organisations {
		w := r.IntN(len(c.wards))
		ward := c.wards[w]
		kind := kinds[r.IntN(len(kinds))]
		c.Organisations[i] = civic.Organisation{
			ID:         civic.StableID(civic.KindOrganisation, fmt.Sprintf("synth-%d", i)),
			Name:       fmt.Sprintf("%s %s %d", ward.Name, activities[r.IntN(len(activities))], i),
			Kind:       kind,
			AreaID:     ward.ID,
			Location:   jitter(r, ward.Location, 1.2),
			Themes:     themes(r, c.Themes, 1+r.IntN(3)),
			Provenance: prov,
		}
		c.orgWard[i] = int32(w)
		c.byWard[w] = append(c.byWard[w], int32(i))
	}

	c.People = make([]civic.Person, size.People)
	for i := range c.People {
		ward := c.wards[r.IntN(len(c.wards))]
		c.People[i] = civic.Person{
			ID: civic.StableID(civic.KindPerson, fmt.Sprintf("synth-%d", i)), Name: fmt.Sprintf("Resident %d", i),
			AreaID: ward.ID, Skills: skills(r), Provenance: prov,
		}
		for range 1 + r.IntN(2) {
			c.Affiliations = append(c.Affiliations, civic.Affiliation{
				PersonID: c.People[i].ID, OrganisationID: c.Organisations[r.IntN(len(c.Organisations))].ID,
				Role: civic.AffiliationRoles[r.IntN(len(civic.AffiliationRoles))], Provenance: prov,
			})
		}
	}

	c.Assets = make([]civic.Asset, size.Assets)
	for i := range c.Assets {
		owner := r.IntN(len(c.Organisations))
		ward := c.wards[c.orgWard[owner]]
		kind := civic.AssetKinds[r.IntN(len(civic.AssetKinds))]
		c.Assets[i] = civic.Asset{
			ID: civic.StableID(civic.KindAsset, fmt.Sprintf("synth-%d", i)), Name: fmt.Sprintf("%s %s %d", ward.Name, kind, i),
			Kind: kind, Shareable: r.IntN(2) == 0, AreaID: ward.ID, Location: jitter(r, ward.Location, 1.2),
			Themes: themes(r, c.Themes, 1), Provenance: prov,
		}
		c.Stewardships = append(c.Stewardships, civic.Stewardship{
			OrganisationID: c.Organisations[owner].ID, AssetID: c.Assets[i].ID, Role: civic.StewardOwns, Provenance: prov,
		})
	}
	c.addDiscovery()
	return c
}

// Collaborations yields the city's collaborations, the same every time.
// Each new organisation links to partners chosen either in proportion to
// their degree (so hubs emerge) or among organisations of its own ward.
func (c *City) Collaborations() iter.Seq[civic.Collaboration] {
	return func(yield func(civic.Collaboration) bool) {
		n := len(c.Organisations)
		if n < 2 {
			return
		}
		r := rand.New(rand.NewPCG(uint64(c.Size.Collaborations), 0xC011AB))
		perNode := max(1, int(math.Ceil(float64(c.Size.Collaborations)/float64(n))))
		ends := make([]int32, 0, 2*c.Size.Collaborations) // every edge's two ends: degree-proportional sampling
		seen := make(map[uint64]struct{}, c.Size.Collaborations)
		emitted := 0
		prov := civic.Provenance{Source: Source, CreatedAt: created, UpdatedAt: created}
		for u := 1; u < n && emitted < c.Size.Collaborations; u++ {
			links := min(u, perNode)
			if r.IntN(4) == 0 { // some organisations are more outgoing than others
				links = min(u, 2*perNode)
			}
			for range links {
				var v int
				switch {
				case len(ends) > 0 && r.IntN(2) == 0:
					v = int(ends[r.IntN(len(ends))])
				default:
					local := c.byWard[c.orgWard[u]]
					v = int(local[r.IntN(len(local))])
				}
				if v >= u {
					v = r.IntN(u)
				}
				key := uint64(v)<<32 | uint64(u)
				if _, dup := seen[key]; dup {
					continue
				}
				seen[key] = struct{}{}
				ends = append(ends, int32(u), int32(v))
				since := created.AddDate(0, 0, -r.IntN(14*365))
				col := civic.Collaboration{
					ID:     civic.StableID(civic.KindCollaboration, fmt.Sprintf("synth-%d-%d", v, u)),
					FromID: c.Organisations[v].ID, ToID: c.Organisations[u].ID,
					Intensity: civic.Intensities[weightedIntensity(r)], Since: &since,
					Themes: c.Organisations[u].Themes[:1], Provenance: prov,
				}
				if r.IntN(5) == 0 {
					until := since.AddDate(0, 1+r.IntN(48), 0)
					if until.Before(created) {
						col.Until = &until
					}
				}
				if !yield(col) {
					return
				}
				if emitted++; emitted == c.Size.Collaborations {
					return
				}
			}
		}
	}
}

// weightedIntensity favours the weaker intensities, as real networks do.
func weightedIntensity(r *rand.Rand) int {
	switch x := r.IntN(10); {
	case x < 4:
		return 0
	case x < 7:
		return 1
	case x < 9:
		return 2
	default:
		return 3
	}
}

func jitter(r *rand.Rand, p *civic.GeoPoint, km float64) *civic.GeoPoint {
	if p == nil {
		return nil
	}
	dLat := (r.Float64()*2 - 1) * km / 111.0
	dLon := (r.Float64()*2 - 1) * km / (111.0 * math.Cos(p.Latitude*math.Pi/180))
	return &civic.GeoPoint{Latitude: p.Latitude + dLat, Longitude: p.Longitude + dLon}
}

func themes(r *rand.Rand, all []civic.Theme, n int) []string {
	out := make([]string, 0, n)
	for _, i := range r.Perm(len(all))[:n] {
		out = append(out, all[i].Slug)
	}
	return out
}

func skills(r *rand.Rand) []string {
	if r.IntN(3) == 0 {
		return nil
	}
	return []string{demo.Skills[r.IntN(len(demo.Skills))]}
}
