package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// listingPlan is the story of one listing: when it was nominated and what
// happened next. Zero dates did not happen.
type listingPlan struct {
	nominated, decided time.Time
	refused            bool
	notice, fullEnd    time.Time // an owner's notice to sell; the end of a full moratorium
}

// listingPlans give the register a bit of everything: undecided
// nominations, refusals, listings that expire late in 2026 and early in
// 2027, expired ones, assets under moratorium, and plain listings. Those
// after the plans are listed on random dates.
var listingPlans = []listingPlan{
	{nominated: day(2026, 8, 14)},
	{nominated: day(2026, 9, 30)},
	{nominated: day(2026, 10, 12)},
	{nominated: day(2023, 5, 2), decided: day(2023, 6, 26), refused: true},
	{nominated: day(2025, 1, 20), decided: day(2025, 3, 14), refused: true},
	{nominated: day(2021, 9, 27), decided: day(2021, 11, 20)},
	{nominated: day(2021, 10, 18), decided: day(2021, 12, 15)},
	{nominated: day(2021, 11, 29), decided: day(2022, 1, 20)},
	{nominated: day(2019, 3, 4), decided: day(2019, 5, 1)},
	{nominated: day(2020, 1, 13), decided: day(2020, 3, 10)},
	{nominated: day(2023, 2, 6), decided: day(2023, 4, 3), notice: day(2026, 10, 20)},
	{nominated: day(2022, 4, 4), decided: day(2022, 6, 1), notice: day(2026, 9, 1), fullEnd: day(2027, 3, 1)},
	{nominated: day(2020, 12, 7), decided: day(2021, 2, 1), notice: day(2024, 3, 1)},
}

// listingCount is how many listings the register has.
const listingCount = 20

// listingNotes are what the register says about a listing.
var listingNotes = []string{
	"Nominated as the last meeting place in the neighbourhood.",
	"Residents use it for clubs, celebrations and surgeries.",
	"Open space used for play, growing and festivals.",
	"",
}

// listings nominates buildings, green spaces and land to the register of
// assets of community value, each by a community group of its ward.
func (g *generator) listings() {
	r := rng("listings")
	seq := map[int]int{} // references per year
	var candidates []int
	for i, a := range g.city.Assets {
		if a.AreaID != "" && (a.Kind == civic.AssetBuilding || a.Kind == civic.AssetGreenSpace || a.Kind == civic.AssetLand) {
			candidates = append(candidates, i)
		}
	}
	for _, ai := range r.Perm(len(candidates)) {
		if len(g.city.Registers.Listings) == listingCount {
			break
		}
		a := g.city.Assets[candidates[ai]]
		nominator := g.nominator(r, slices.Index(g.wardIDs, a.AreaID))
		if nominator < 0 {
			continue
		}
		n := len(g.city.Registers.Listings)
		plan := randomListing(r)
		if n < len(listingPlans) {
			plan = listingPlans[n]
		}
		year := plan.nominated.Year()
		seq[year]++
		in := civic.ListingInput{
			Reference:   ptr(fmt.Sprintf("ACV/%d/%02d", year, seq[year])),
			NominatorID: &g.city.Organisations[nominator].ID, NominationDate: ptr(plan.nominated),
			Notes: ptr(pick(r, listingNotes)),
		}
		if !plan.decided.IsZero() {
			d := civic.DecisionListed
			if plan.refused {
				d = civic.DecisionRefused
			}
			in.Decision, in.DecisionDate = &d, ptr(plan.decided)
		}
		if !plan.notice.IsZero() {
			in.NoticeToSellDate = ptr(plan.notice)
		}
		if !plan.fullEnd.IsZero() {
			in.FullMoratoriumEnd = ptr(plan.fullEnd)
		}
		l := civic.Listing{ID: stableID(civic.KindListing, *in.Reference), AssetID: a.ID, Provenance: provenance()}.Apply(in)
		g.city.Registers.Listings = append(g.city.Registers.Listings, l)
	}
}

// randomListing is a nomination listed eight weeks later, some time since 2022.
func randomListing(r *rand.Rand) listingPlan {
	nominated := dateBetween(r, day(2022, 3, 1), day(2026, 6, 30))
	return listingPlan{nominated: nominated, decided: nominated.AddDate(0, 0, 56)}
}

// nominator returns a community group of ward w to nominate an asset, or
// any local organisation of it, or -1 when the ward has none.
func (g *generator) nominator(r *rand.Rand, w int) int {
	local := g.orgsIn(w)
	if len(local) == 0 {
		return -1
	}
	groups := slices.DeleteFunc(slices.Clone(local), func(i int) bool { return !g.isAssociation(i) })
	if len(groups) > 0 {
		return pick(r, groups)
	}
	return pick(r, local)
}
