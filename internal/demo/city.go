// Package demo builds a deterministic, realistic demo city: Birmingham,
// England, with the organisations, people, assets and partnerships of its
// voluntary, community and public sectors and the collaborations between
// them.
//
// The wards, their ONS codes and the statutory bodies and universities are
// real. Every other organisation, every person and every identifier, postcode,
// address, website, email and phone number is invented; websites and emails
// use example.org and phones use Ofcom's drama range so that none of them can
// reach anybody.
package demo

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// City is the whole demo data set, ready to load.
type City struct {
	Areas          []civic.Area
	Themes         []civic.Theme
	Organisations  []civic.Organisation
	People         []civic.Person
	Assets         []civic.Asset
	Partnerships   []civic.Partnership
	Collaborations []civic.Collaboration
	Memberships    []civic.Membership
	Stewardships   []civic.Stewardship
	Affiliations   []civic.Affiliation
	Registers      Registers        // see registers.go
	Postcodes      []civic.Postcode // the demo postcode table
}

// Source is the provenance source of every demo record, so that demo data
// can be told apart from real data and removed.
const Source = "demo"

// Timestamp is the creation and update time of every demo record. It is
// fixed because a clock reading would make every call differ.
var Timestamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Dates in the demo city lie between firstDay and lastDay.
var (
	firstDay = day(2012, 1, 1)
	lastDay  = day(2026, 10, 31)
)

// seed fixes the random stream. Changing it gives a different but equally
// valid city.
const seed = 0xB1A2_2018

// Generate builds the demo city. It is deterministic: every call returns identical data.
func Generate() *City {
	g := &generator{city: &City{}}
	g.areas()
	g.themes()
	g.organisations()
	g.people()
	g.affiliations()
	g.assets()
	g.partnerships()
	g.collaborations()
	g.registers()
	g.needs()
	g.consent()
	g.postcodes()
	return g.city
}

// generator holds the city under construction and what the stages need to
// know about it beyond the civic types.
type generator struct {
	city      *City
	cityID    string
	wardIDs   []string     // area ID of wards[i]
	orgs      []orgMeta    // orgs[i] describes city.Organisations[i]
	council   int          // index of the city council in city.Organisations
	residents []personMeta // residents[i] describes city.People[i]
}

// rng returns the random stream of one stage. Each stage has its own stream
// so that changing how one stage draws numbers does not reshuffle the draws
// of the stages after it.
func rng(stage string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(stage))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// provenance is the provenance of every demo record.
func provenance() civic.Provenance {
	return civic.Provenance{Source: Source, CreatedAt: Timestamp, UpdatedAt: Timestamp}
}

// stableID derives an entity's ID from a key that names it, so that loading
// the demo twice updates rather than duplicates it.
func stableID(kind civic.EntityKind, key string) string {
	return civic.StableID(kind, "demo/"+string(kind)+"/"+key)
}

// day returns midnight UTC of a calendar day.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// dateBetween returns a day drawn uniformly from [from, to].
func dateBetween(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, r.IntN(days+1))
}

// recentDateBetween returns a day in [from, to] whose density rises towards
// to, because the sector's recorded links grow year on year.
func recentDateBetween(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, int(float64(days)*math.Sqrt(r.Float64())))
}

func ptr[T any](v T) *T { return &v }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// weighted returns an index drawn with probability proportional to its
// weight, or -1 if no weight is positive.
func weighted(r *rand.Rand, w []float64) int {
	var total float64
	for _, x := range w {
		total += x
	}
	if total <= 0 {
		return -1
	}
	t := r.Float64() * total
	last := -1
	for i, x := range w {
		if x <= 0 {
			continue
		}
		if t < x {
			return i
		}
		t -= x
		last = i
	}
	return last // rounding left t just above the last weight
}

// sampleWeighted draws up to n distinct indexes, each draw proportional to
// the remaining weights.
func sampleWeighted(r *rand.Rand, w []float64, n int) []int {
	w = append([]float64(nil), w...)
	var out []int
	for len(out) < n {
		i := weighted(r, w)
		if i < 0 {
			break
		}
		out = append(out, i)
		w[i] = 0
	}
	return out
}

// slug turns a name into a lowercase-hyphen slug: "St Mary's Church & Hall"
// becomes "st-marys-church-and-hall".
func slug(name string) string {
	name = strings.NewReplacer("&", " and ", "é", "e").Replace(strings.ToLower(name))
	var b strings.Builder
	hyphen := false
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			hyphen = false
		case c == '\'' || c == '\u2019':
			// "St Mary's" reads better as "st-marys" than "st-mary-s".
		default:
			hyphen = true
		}
	}
	return b.String()
}

// areas builds the city and its wards.
func (g *generator) areas() {
	g.cityID = stableID(civic.KindArea, "birmingham")
	g.city.Areas = append(g.city.Areas, civic.Area{
		ID: g.cityID, Name: "Birmingham", Kind: civic.AreaCity, Code: cityCode,
		Location: ptr(cityCentre), Provenance: provenance(),
	})
	for _, w := range wards {
		id := stableID(civic.KindArea, w.code)
		g.wardIDs = append(g.wardIDs, id)
		g.city.Areas = append(g.city.Areas, civic.Area{
			ID: id, Name: w.name, Kind: civic.AreaWard, Code: w.code, ParentID: g.cityID,
			Location: ptr(w.centroid()), Provenance: provenance(),
		})
	}
}
