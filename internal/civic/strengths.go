package civic

// AreaStrengths is an asset-based view of a place: what it has, grouped the
// ABCD way, before anything it lacks. Everything located in the area or in
// an area within it counts.
type AreaStrengths struct {
	AreaID string
	// Assets counts the area's assets by ABCD category, in the order of
	// AssetCategories, zeros included.
	Assets []CategoryCount
	// SkilledPeople counts the people living there who offer at least
	// one skill: human assets that are not recorded as assets.
	SkilledPeople int
	// Skills counts the distinct skills they offer.
	Skills int
	// Associations counts the community, informal, faith and cooperative
	// groups based there: the social assets ABCD starts from.
	Associations int
	// Organisations counts every organisation based there.
	Organisations int
}

// CategoryCount is how many assets of one category an area has.
type CategoryCount struct {
	Category AssetCategory
	Count    int
}

// TotalAssets returns the number of assets of every category.
func (s AreaStrengths) TotalAssets() int {
	n := 0
	for _, c := range s.Assets {
		n += c.Count
	}
	return n
}

// AssociationKinds are the kinds of organisation counted as associations.
var AssociationKinds = []OrganisationKind{OrgCommunityGroup, OrgInformalGroup, OrgFaithGroup, OrgCooperative}

// CategoryCounts turns counts by asset kind into counts by category, in
// the order of AssetCategories, with zeros for categories it lacks.
func CategoryCounts(byKind map[AssetKind]int) []CategoryCount {
	out := make([]CategoryCount, len(AssetCategories))
	for i, c := range AssetCategories {
		out[i].Category = c
		for k, n := range byKind {
			if k.Category() == c {
				out[i].Count += n
			}
		}
	}
	return out
}
