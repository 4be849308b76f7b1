package server_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
)

const suggestQuery = `query($for: ID!, $first: Int, $f: SuggestionFilter, $w: SuggestionWeightsInput) {
  suggestPartners(for: $for, first: $first, filter: $f, weights: $w) {
    score distanceKm
    organisation { id name area { name } }
    reasons { kind points text }
  }
}`

type suggestions struct {
	SuggestPartners []struct {
		Score        float64
		DistanceKm   *float64
		Organisation struct {
			ID, Name string
			Area     struct{ Name string }
		}
		Reasons []struct {
			Kind   string
			Points float64
			Text   string
		}
	}
}

// partnersOf returns, from the demo data, everyone an organisation has
// collaborated with.
func demoPartnersOf(id string) map[string]bool {
	out := map[string]bool{}
	for _, c := range demoCity().Collaborations {
		if c.FromID == id {
			out[c.ToID] = true
		}
		if c.ToID == id {
			out[c.FromID] = true
		}
	}
	return out
}

func TestSuggestPartnersOverHTTP(t *testing.T) {
	e := demoEnv(t)
	me := demoOrg(t, "Birmingham Food Justice Trust")
	partners := demoPartnersOf(me.ID)
	var out suggestions
	e.must(t, suggestQuery, map[string]any{"for": me.ID, "first": 20}, &out)
	got := out.SuggestPartners
	if len(got) != 20 {
		t.Fatalf("got %d suggestions, want 20", len(got))
	}
	kinds := map[string]bool{}
	for i, s := range got {
		if partners[s.Organisation.ID] || s.Organisation.ID == me.ID {
			t.Errorf("%s already collaborates with %s", s.Organisation.Name, me.Name)
		}
		sum := 0.0
		for _, r := range s.Reasons {
			sum += r.Points
			kinds[r.Kind] = true
			if r.Text == "" || r.Points <= 0 {
				t.Errorf("%s: reason %+v", s.Organisation.Name, r)
			}
		}
		if math.Abs(sum-s.Score) > 0.011 || s.Score <= 0 {
			t.Errorf("%s: score %v, reasons add up to %v", s.Organisation.Name, s.Score, sum)
		}
		if i > 0 && s.Score > got[i-1].Score {
			t.Errorf("%d: not sorted by score", i)
		}
		if s.Organisation.Area.Name == "" {
			t.Errorf("%s: no area", s.Organisation.Name)
		}
	}
	// The trust needs bookkeeping, driving and equipment: the best
	// suggestions offer some of it, and come through its partners.
	for _, k := range []string{"THEY_HAVE", "COMMON_PARTNERS", "SHARED_THEMES", "NEARBY"} {
		if !kinds[k] {
			t.Errorf("no suggestion gives a %s reason", k)
		}
	}
}

func TestSuggestPartnersWeightsOverHTTP(t *testing.T) {
	e := demoEnv(t)
	me := demoOrg(t, "Birmingham Food Justice Trust")
	var w struct{ SuggestionWeights discovery.Weights }
	e.must(t, `{ suggestionWeights { proximity rangeKm sharedTheme theyHave theyNeed commonPartner sharedPartnership maxPerReason } }`, nil, &w)
	if w.SuggestionWeights != discovery.DefaultWeights() {
		t.Errorf("weights = %+v, want the defaults", w.SuggestionWeights)
	}
	// With nearness alone, suggestions are the nearest organisations
	// within the range that the trust has not worked with, nearest first.
	zero := 0.0
	var out suggestions
	e.must(t, suggestQuery, map[string]any{"for": me.ID, "first": 8, "w": map[string]any{
		"sharedTheme": zero, "theyHave": zero, "theyNeed": zero, "commonPartner": zero, "sharedPartnership": zero, "rangeKm": 3,
	}}, &out)
	partners := demoPartnersOf(me.ID)
	want := within(t, *me.Location, 3, func(o civic.Organisation) bool { return o.ID != me.ID && !partners[o.ID] })
	var names []string
	for _, s := range out.SuggestPartners {
		names = append(names, s.Organisation.Name)
		if len(s.Reasons) != 1 || s.Reasons[0].Kind != "NEARBY" || !strings.HasSuffix(s.Reasons[0].Text, " away") {
			t.Errorf("%s: reasons %+v", s.Organisation.Name, s.Reasons)
		}
	}
	if !slices.Equal(names, want[:8]) {
		t.Errorf("by distance: %v\nwant %v", names, want[:8])
	}
	// A filter narrows the suggestions.
	e.must(t, suggestQuery, map[string]any{"for": me.ID, "f": map[string]any{"organisationKinds": []string{"SCHOOL"}, "maxDistanceKm": 4}}, &out)
	for _, s := range out.SuggestPartners {
		if s.DistanceKm == nil || *s.DistanceKm > 4 {
			t.Errorf("%s is %v km away", s.Organisation.Name, s.DistanceKm)
		}
	}
}

func TestSuggestPartnersBadInputOverHTTP(t *testing.T) {
	e := demoEnv(t)
	me := demoOrg(t, "Birmingham Food Justice Trust")
	tests := []struct {
		name string
		vars map[string]any
		code string
	}{
		{"unknown organisation", map[string]any{"for": civic.NewID(civic.KindOrganisation)}, "NOT_FOUND"},
		{"not an organisation", map[string]any{"for": me.AreaID}, "BAD_USER_INPUT"},
		{"negative weight", map[string]any{"for": me.ID, "w": map[string]any{"theyHave": -1}}, "BAD_USER_INPUT"},
		{"range", map[string]any{"for": me.ID, "w": map[string]any{"rangeKm": 0}}, "BAD_USER_INPUT"},
		{"too many", map[string]any{"for": me.ID, "first": 51}, "BAD_USER_INPUT"},
		{"filter", map[string]any{"for": me.ID, "f": map[string]any{"themes": []string{"Food Poverty"}}}, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { e.mustFail(t, suggestQuery, tt.vars, tt.code) })
	}
}

func TestSuggestPartnersRoundTrips(t *testing.T) {
	e := demoEnv(t)
	me := demoOrg(t, "Birmingham Food Justice Trust")
	for _, n := range []int{3, 30} {
		before := e.store.QueryCount()
		e.must(t, suggestQuery, map[string]any{"for": me.ID, "first": n}, nil)
		// The candidates, then their organisations (with their areas).
		if trips := e.store.QueryCount() - before; trips != 2 {
			t.Errorf("first %d: %d round trips, want 2", n, trips)
		}
	}
}
