package demo

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// spaceUsesByName are the uses of a shareable space, by a word in its name;
// the first that matches wins, and a space matching none is offered for
// meetings and activities.
var spaceUsesByName = []struct {
	word string
	uses []civic.SpaceUse
}{
	{"Main Hall", []civic.SpaceUse{civic.UseEvent, civic.UseActivity, civic.UseMeeting}},
	{"Activity Room", []civic.SpaceUse{civic.UseActivity, civic.UseWorkshop}},
	{"Kitchen", []civic.SpaceUse{civic.UseKitchen}},
	{"Meeting Room", []civic.SpaceUse{civic.UseMeeting}},
	{"Training Room", []civic.SpaceUse{civic.UseMeeting, civic.UseWorkshop}},
	{"IT Suite", []civic.SpaceUse{civic.UseWorkshop, civic.UseDropIn}},
	{"Sports Hall", []civic.SpaceUse{civic.UseActivity, civic.UseEvent}},
	{"Counselling Room", []civic.SpaceUse{civic.UseDropIn, civic.UseMeeting}},
	{"Studio", []civic.SpaceUse{civic.UseActivity, civic.UseWorkshop}},
	{"Office", []civic.SpaceUse{civic.UseOffice}},
	{"Store", []civic.SpaceUse{civic.UseStorage}},
	{"Scout Hut", []civic.SpaceUse{civic.UseActivity, civic.UseMeeting, civic.UseStorage}},
	{"Youth Centre", []civic.SpaceUse{civic.UseActivity, civic.UseMeeting, civic.UseWorkshop}},
	{"Pavilion", []civic.SpaceUse{civic.UseActivity, civic.UseEvent}},
	{"Enterprise Centre", []civic.SpaceUse{civic.UseOffice, civic.UseMeeting, civic.UseWorkshop}},
	{"Hall", []civic.SpaceUse{civic.UseEvent, civic.UseActivity, civic.UseMeeting, civic.UseKitchen}},
	{"Centre", []civic.SpaceUse{civic.UseMeeting, civic.UseActivity, civic.UseEvent, civic.UseKitchen, civic.UseDropIn}},
	{"Hub", []civic.SpaceUse{civic.UseMeeting, civic.UseOffice, civic.UseDropIn, civic.UseEvent}},
}

func usesOf(name string) []civic.SpaceUse {
	for _, u := range spaceUsesByName {
		if strings.Contains(name, u.word) {
			return slices.Clone(u.uses)
		}
	}
	return []civic.SpaceUse{civic.UseMeeting, civic.UseActivity}
}

// roomTypes are the rooms a shared building is divided into.
var roomTypes = []struct {
	name     string
	capacity [2]int
}{
	{"Main Hall", [2]int{60, 200}},
	{"Meeting Room", [2]int{8, 20}},
	{"Kitchen", [2]int{6, 15}},
	{"Activity Room", [2]int{15, 40}},
	{"Office", [2]int{2, 6}},
	{"Store", [2]int{0, 0}},
}

// sharedBuildingsWithRooms is how many shareable buildings are divided into rooms.
const sharedBuildingsWithRooms = 20

// rooms divides some shareable buildings into rooms. A room has no
// location of its own (it is where its building is); the building's first
// steward manages it, and a neighbouring group often uses it.
func (g *generator) rooms() {
	r := rng("rooms")
	var shared []int
	for i, a := range g.city.Assets {
		if a.Kind == civic.AssetBuilding && a.Shareable {
			shared = append(shared, i)
		}
	}
	for _, bi := range r.Perm(len(shared))[:min(sharedBuildingsWithRooms, len(shared))] {
		b := g.city.Assets[shared[bi]]
		manager := g.firstSteward(b.ID)
		for _, ti := range r.Perm(len(roomTypes))[:1+r.IntN(3)] {
			t := roomTypes[ti]
			name := t.name + ", " + b.Name
			room := civic.Asset{
				ID: stableID(civic.KindAsset, "room/"+name), Name: name, Kind: civic.AssetRoom,
				Description: t.name + " in " + b.Name + ".", Shareable: true, Postcode: b.Postcode,
				AreaID: b.AreaID, Themes: slices.Clone(b.Themes), Provenance: provenance(),
			}
			if t.capacity[1] > 0 {
				room.Capacity = ptr(t.capacity[0] + r.IntN(t.capacity[1]-t.capacity[0]+1))
			}
			g.city.Registers.Rooms = append(g.city.Registers.Rooms, room)
			g.city.Registers.SpaceOffers = append(g.city.Registers.SpaceOffers, offer(r, room, b.ID))
			stewards := []int{manager}
			if near := g.nearbyOrgs(*b.Location, stewards, 6); chance(r, 0.5) && len(near) > 0 {
				stewards = append(stewards, pick(r, near))
			}
			for k, oi := range stewards {
				role := civic.StewardManages
				if k > 0 {
					role = civic.StewardUses
				}
				g.city.Registers.RoomStewardships = append(g.city.Registers.RoomStewardships, civic.Stewardship{
					OrganisationID: g.city.Organisations[oi].ID, AssetID: room.ID, Role: role,
					Since: ptr(dateBetween(r, day(2015, 1, 1), lastDay)), Provenance: provenance(),
				})
			}
		}
	}
}

// firstSteward returns the index of the organisation that first holds asset id.
func (g *generator) firstSteward(id string) int {
	for _, s := range g.city.Stewardships {
		if s.AssetID == id {
			for i, o := range g.city.Organisations {
				if o.ID == s.OrganisationID {
					return i
				}
			}
		}
	}
	return g.council
}

// spaceOffers says how the city's shareable buildings and rooms are offered.
func (g *generator) spaceOffers() {
	r := rng("space-offers")
	for _, a := range g.city.Assets {
		if (a.Kind == civic.AssetBuilding || a.Kind == civic.AssetRoom) && a.Shareable {
			g.city.Registers.SpaceOffers = append(g.city.Registers.SpaceOffers, offer(r, a, ""))
		}
	}
}

var spaceNotes = []string{
	"Book two weeks ahead.", "Step-free access and a hearing loop.", "Tea and coffee included.",
	"Ask the caretaker for the key.", "Parking for four cars.", "",
}

// offer says how a space is offered: its uses follow its name; a quarter do
// not say when they are open ("ask").
func offer(r *rand.Rand, a civic.Asset, within string) civic.SpaceOffer {
	o := civic.SpaceOffer{AssetID: a.ID, WithinID: within, Offered: true, Uses: usesOf(a.Name),
		Terms: pick(r, []civic.SpaceTerms{civic.TermsFree, civic.TermsAtCost, civic.TermsAtCost, civic.TermsCommercial}),
		Notes: pick(r, spaceNotes)}
	if chance(r, 0.75) {
		o.Days = subset(r, civic.Weekdays, 2, 6)
		o.Times = subset(r, civic.TimesOfDay, 1, 3)
	}
	return o
}

// subset returns between least and most of list, in list order.
func subset[T any](r *rand.Rand, list []T, least, most int) []T {
	n := least + r.IntN(most-least+1)
	keep := r.Perm(len(list))[:n]
	var out []T
	for i, v := range list {
		if slices.Contains(keep, i) {
			out = append(out, v)
		}
	}
	return out
}

// spaceNeedDefs are what organisations look for.
var spaceNeedDefs = []struct {
	description string
	uses        []civic.SpaceUse
	people      [2]int
}{
	{"A hall for a weekly lunch club", []civic.SpaceUse{civic.UseEvent, civic.UseKitchen}, [2]int{25, 60}},
	{"A room for our committee to meet monthly", []civic.SpaceUse{civic.UseMeeting}, [2]int{6, 14}},
	{"Somewhere to run an advice surgery", []civic.SpaceUse{civic.UseDropIn}, [2]int{4, 12}},
	{"Desk space for two part-time staff", []civic.SpaceUse{civic.UseOffice}, [2]int{2, 3}},
	{"Storage for food bank stock", []civic.SpaceUse{civic.UseStorage}, [2]int{1, 2}},
	{"A space for an after-school club", []civic.SpaceUse{civic.UseActivity}, [2]int{15, 35}},
	{"A kitchen to cook community meals", []civic.SpaceUse{civic.UseKitchen}, [2]int{6, 12}},
	{"A hall for a Saturday dance class", []civic.SpaceUse{civic.UseActivity}, [2]int{12, 30}},
	{"A workshop for a repair café", []civic.SpaceUse{civic.UseWorkshop, civic.UseEvent}, [2]int{10, 30}},
}

// spaceNeedCount is how many needs for space the city's groups have.
const spaceNeedCount = 30

// spaceNeeds records the groups looking for space: mostly small groups
// without a building of their own.
func (g *generator) spaceNeeds() {
	r := rng("space-needs")
	held := map[string]bool{}
	for _, s := range g.city.Stewardships {
		held[s.OrganisationID] = true
	}
	w := make([]float64, len(g.city.Organisations))
	for i, o := range g.city.Organisations {
		switch {
		case g.orgs[i].citywide, o.Kind == civic.OrgBusiness, o.Kind == civic.OrgCouncil:
		case held[o.ID]:
			w[i] = 0.3
		default:
			w[i] = 1
		}
	}
	for k, oi := range sampleWeighted(r, w, spaceNeedCount) {
		o, d := g.city.Organisations[oi], pick(r, spaceNeedDefs)
		n := civic.SpaceNeed{
			ID: stableID(civic.KindSpaceNeed, o.Name+"/"+d.description), OrganisationID: o.ID,
			Description: d.description, Uses: slices.Clone(d.uses),
			People:   ptr(d.people[0] + r.IntN(d.people[1]-d.people[0]+1)),
			WithinKm: float64(2 + r.IntN(3)), Status: civic.NeedOpen, Provenance: provenance(),
		}
		if chance(r, 0.5) {
			n.Days = subset(r, civic.Weekdays, 2, 4)
		}
		if chance(r, 0.5) {
			n.Times = subset(r, civic.TimesOfDay, 1, 2)
		}
		switch {
		case k%6 == 5:
			n.Status = civic.NeedMet
		case k%10 == 9:
			n.Status = civic.NeedWithdrawn
		}
		g.city.Registers.SpaceNeeds = append(g.city.Registers.SpaceNeeds, n)
	}
}
