package discovery

import (
	"cmp"
	"math"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// ReasonKind names why an organisation is suggested.
type ReasonKind string

// Reason kinds, in the order a suggestion lists them.
const (
	ReasonTheyHave           ReasonKind = "they_have"
	ReasonCommonPartners     ReasonKind = "common_partners"
	ReasonSharedThemes       ReasonKind = "shared_themes"
	ReasonNearby             ReasonKind = "nearby"
	ReasonTheyNeed           ReasonKind = "they_need"
	ReasonSharedPartnerships ReasonKind = "shared_partnerships"
)

// Reason is one reason for a suggestion: the points it adds and a sentence
// saying it, such as "3 km away" or "both work on food".
type Reason struct {
	Kind   ReasonKind
	Points float64
	Text   string
}

// Suggestion is an organisation suggested as a partner, with its score and
// the reasons that make it up: Score is the sum of the reasons' points.
type Suggestion struct {
	OrganisationID string
	Score          float64
	DistanceKm     *float64
	Reasons        []Reason
}

// Score scores one candidate. A candidate with nothing in its favour
// scores 0 and has no reasons.
func Score(c civic.PartnerCandidate, w Weights) Suggestion {
	s := Suggestion{OrganisationID: c.OrganisationID, DistanceKm: c.DistanceKm}
	add := func(kind ReasonKind, points float64, text string) {
		if points = round2(points); points > 0 {
			s.Reasons = append(s.Reasons, Reason{Kind: kind, Points: points, Text: text})
			s.Score += points
		}
	}
	count := func(n int) float64 { return float64(min(n, w.MaxPerReason)) }

	if have := needCount(c.TheyHave); have > 0 {
		add(ReasonTheyHave, w.TheyHave*count(have), theyHaveText(c.TheyHave))
	}
	if c.CommonPartners > 0 {
		add(ReasonCommonPartners, w.CommonPartner*count(c.CommonPartners), commonPartnersText(c.CommonPartners, c.CommonPartnerNames))
	}
	if n := len(c.SharedThemes); n > 0 {
		add(ReasonSharedThemes, w.SharedTheme*count(n), sharedThemesText(c.SharedThemes))
	}
	if d := c.DistanceKm; d != nil && w.RangeKm > 0 {
		add(ReasonNearby, w.Proximity*math.Max(0, 1-*d/w.RangeKm), distanceText(*d))
	}
	if need := needCount(c.TheyNeed); need > 0 {
		add(ReasonTheyNeed, w.TheyNeed*count(need), theyNeedText(c.TheyNeed))
	}
	if n := len(c.SharedPartnerships); n > 0 {
		add(ReasonSharedPartnerships, w.SharedPartnership*count(n), sharedPartnershipsText(c.SharedPartnerships))
	}
	s.Score = round2(s.Score)
	return s
}

// Rank scores the candidates and returns the best first of them, highest
// score first; ties go to the nearer, then to the lower ID, so the order is
// stable. Candidates scoring 0 are left out.
func Rank(cands []civic.PartnerCandidate, w Weights, first int) []Suggestion {
	out := make([]Suggestion, 0, len(cands))
	for _, c := range cands {
		if s := Score(c, w); s.Score > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			compareDistance(a.DistanceKm, b.DistanceKm),
			cmp.Compare(a.OrganisationID, b.OrganisationID),
		)
	})
	return out[:min(first, len(out))]
}

// compareDistance orders known distances before unknown ones.
func compareDistance(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

func needCount(n civic.Needs) int { return len(n.Skills) + len(n.AssetKinds) }

func round2(x float64) float64 { return math.Round(x*100) / 100 }
