package discovery_test

import (
	"math"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
)

func km(v float64) *float64 { return &v }

// weights are the default weights with a range of 5 km, which the sums
// below are worked out with.
func weights() discovery.Weights {
	w := discovery.DefaultWeights()
	w.RangeKm = 5
	return w
}

func TestScoreAddsUpWeightedReasons(t *testing.T) {
	w := weights()
	c := civic.PartnerCandidate{
		OrganisationID: "org_a",
		DistanceKm:     km(2),
		SharedThemes:   []string{"Food", "Older People"},
		TheyHave:       civic.Needs{Skills: []string{"bookkeeping"}, AssetKinds: []civic.AssetKind{civic.AssetVehicle}},
		TheyNeed:       civic.Needs{AssetKinds: []civic.AssetKind{civic.AssetRoom}},
		CommonPartners: 5, CommonPartnerNames: []string{"A", "B", "C"},
		SharedPartnerships: []string{"Food Network"},
	}
	s := discovery.Score(c, w)
	// By hand, with the weights (proximity 3 over 5 km, theme 2,
	// they have 3, they need 1.5, common partner 1.5, partnership 1, cap 3):
	// they have 2 × 3 = 6; common partners min(5, 3) × 1.5 = 4.5; themes 2 × 2 = 4;
	// nearby 3 × (1 − 2/5) = 1.8; they need 1 × 1.5 = 1.5; partnerships 1 × 1 = 1.
	want := []struct {
		kind   discovery.ReasonKind
		points float64
		text   string
	}{
		{discovery.ReasonTheyHave, 6, "can offer what you need: bookkeeping and a vehicle"},
		{discovery.ReasonCommonPartners, 4.5, "5 partners in common, including A, B and C"},
		{discovery.ReasonSharedThemes, 4, "both work on food and older people"},
		{discovery.ReasonNearby, 1.8, "2 km away"},
		{discovery.ReasonTheyNeed, 1.5, "needs what you can offer: a room"},
		{discovery.ReasonSharedPartnerships, 1, "both members of Food Network"},
	}
	if len(s.Reasons) != len(want) {
		t.Fatalf("reasons = %+v", s.Reasons)
	}
	for i, r := range s.Reasons {
		if r.Kind != want[i].kind || math.Abs(r.Points-want[i].points) > 1e-9 || r.Text != want[i].text {
			t.Errorf("reason %d = %+v, want %+v", i, r, want[i])
		}
	}
	if s.Score != 18.8 {
		t.Errorf("score = %v, want 18.8", s.Score)
	}
	if s.OrganisationID != "org_a" || s.DistanceKm == nil || *s.DistanceKm != 2 {
		t.Errorf("suggestion = %+v", s)
	}
}

func TestScoreLeavesOutReasonsWorthNothing(t *testing.T) {
	w := weights()
	// Beyond the range, nearness is worth nothing; with no distance there
	// is no nearness at all.
	for _, d := range []*float64{km(5), km(9), nil} {
		s := discovery.Score(civic.PartnerCandidate{OrganisationID: "org_a", DistanceKm: d}, w)
		if s.Score != 0 || len(s.Reasons) != 0 {
			t.Errorf("distance %v: %+v", d, s)
		}
	}
	w.SharedTheme = 0
	s := discovery.Score(civic.PartnerCandidate{SharedThemes: []string{"Food"}}, w)
	if s.Score != 0 || len(s.Reasons) != 0 {
		t.Errorf("a zero weight still gave %+v", s)
	}
}

func TestScoreCapsCounts(t *testing.T) {
	w := weights()
	w.MaxPerReason = 2
	s := discovery.Score(civic.PartnerCandidate{SharedThemes: []string{"A", "B", "C", "D"}}, w)
	if s.Score != 4 || !strings.Contains(s.Reasons[0].Text, "a, b, c and d") {
		t.Errorf("four themes capped at two = %+v, want 4 points naming all four", s)
	}
}

func TestRankOrdersByScoreThenDistanceThenID(t *testing.T) {
	w := weights()
	theme := []string{"Food"}
	cands := []civic.PartnerCandidate{
		{OrganisationID: "org_far", SharedThemes: theme, DistanceKm: km(4)},         // 2 + 0.6
		{OrganisationID: "org_near", SharedThemes: theme, DistanceKm: km(1)},        // 2 + 2.4
		{OrganisationID: "org_nothing", DistanceKm: km(7)},                          // 0: left out
		{OrganisationID: "org_b_nowhere", SharedThemes: []string{"X", "Y"}},         // 4, no distance
		{OrganisationID: "org_a_nowhere", SharedThemes: []string{"X", "Y"}},         // 4, no distance
		{OrganisationID: "org_tie", SharedThemes: []string{"X"}, DistanceKm: km(5)}, // 2 + 0
		{OrganisationID: "org_partner", CommonPartners: 1, DistanceKm: km(6)},       // 1.5
	}
	got := discovery.Rank(cands, w, 10)
	var ids []string
	for _, s := range got {
		ids = append(ids, s.OrganisationID)
	}
	// Scores 4.4, 4, 4, 2.6, 2, 1.5; the two 4s have no distance, so the ID decides.
	want := "org_near org_a_nowhere org_b_nowhere org_far org_tie org_partner"
	if strings.Join(ids, " ") != want {
		t.Errorf("order = %v, want %s", ids, want)
	}
	if top := discovery.Rank(cands, w, 2); len(top) != 2 || top[1].OrganisationID != "org_a_nowhere" {
		t.Errorf("first 2 = %+v", top)
	}
	// Equal scores: the nearer first.
	tied := discovery.Rank([]civic.PartnerCandidate{
		{OrganisationID: "org_1", SharedThemes: theme, DistanceKm: km(6)},
		{OrganisationID: "org_2", SharedThemes: theme, DistanceKm: km(5.5)},
	}, w, 10)
	if tied[0].OrganisationID != "org_2" {
		t.Errorf("tie went to %s, want the nearer org_2", tied[0].OrganisationID)
	}
}

func TestReasonTexts(t *testing.T) {
	w := weights()
	w.RangeKm = 50
	tests := []struct {
		name string
		c    civic.PartnerCandidate
		want string
	}{
		{"metres", civic.PartnerCandidate{DistanceKm: km(0.4537)}, "450 m away"},
		{"next door", civic.PartnerCandidate{DistanceKm: km(0.001)}, "under 10 m away"},
		{"whole km", civic.PartnerCandidate{DistanceKm: km(3.04)}, "3 km away"},
		{"tenths", civic.PartnerCandidate{DistanceKm: km(3.26)}, "3.3 km away"},
		{"far", civic.PartnerCandidate{DistanceKm: km(12.4)}, "12 km away"},
		{"one partner", civic.PartnerCandidate{CommonPartners: 1, CommonPartnerNames: []string{"Aston Youth Club"}}, "1 partner in common: Aston Youth Club"},
		{"two partners", civic.PartnerCandidate{CommonPartners: 2, CommonPartnerNames: []string{"A", "B"}}, "2 partners in common: A and B"},
		{"partnerships", civic.PartnerCandidate{SharedPartnerships: []string{"A", "B"}}, "both members of 2 partnerships: A and B"},
		{"skills in words", civic.PartnerCandidate{TheyHave: civic.Needs{Skills: []string{"first-aid", "translation-urdu", "teaching-esol"}}},
			"can offer what you need: first aid, Urdu translation and ESOL teaching"},
		{"assets in words", civic.PartnerCandidate{TheyNeed: civic.Needs{AssetKinds: []civic.AssetKind{civic.AssetGreenSpace, civic.AssetFund}}},
			"needs what you can offer: green space and funding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := discovery.Score(tt.c, w)
			if len(s.Reasons) != 1 || s.Reasons[0].Text != tt.want {
				t.Errorf("reasons = %+v, want %q", s.Reasons, tt.want)
			}
		})
	}
}
