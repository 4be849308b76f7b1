package civic

import "slices"

// Needs are what an organisation looks for from partners: kinds of asset
// (a room, a vehicle) and skills (bookkeeping, first-aid). Suggestions match
// them against what other organisations hold and whom they have.
type Needs struct {
	AssetKinds []AssetKind
	Skills     []string // skill slugs
}

// AssetKindsOf reads asset kinds as written; validation names the unknown.
func AssetKindsOf(in []string) []AssetKind {
	out := make([]AssetKind, len(in))
	for i, s := range in {
		out[i] = AssetKind(s)
	}
	return out
}

// MaxNeeds bounds each list of needs.
const MaxNeeds = 20

// Normalise lower-cases and de-duplicates the skills and de-duplicates the kinds.
func (n *Needs) Normalise() {
	n.Skills = normaliseSlugs(n.Skills)
	var kinds []AssetKind
	for _, k := range n.AssetKinds {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	n.AssetKinds = kinds
}

// check records problems with the needs under field.
func (n Needs) check(p *Problems, field string) {
	if len(n.AssetKinds) > MaxNeeds {
		p.Add(field+".assetKinds", "must have at most %d items", MaxNeeds)
	}
	for _, k := range n.AssetKinds {
		if !k.Valid() {
			p.Add(field+".assetKinds", "%q is not an asset kind", k)
		}
	}
	p.CheckSlugs(field+".skills", n.Skills, MaxNeeds)
}

// Empty reports whether nothing is needed.
func (n Needs) Empty() bool { return len(n.AssetKinds) == 0 && len(n.Skills) == 0 }
