package discovery_test

import (
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
)

func TestDefaultWeightsAreValid(t *testing.T) {
	if err := discovery.DefaultWeights().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestParseWeights(t *testing.T) {
	w, err := discovery.ParseWeights(" shared_theme=3.5, range_km = 8,max_per_reason=5 ")
	if err != nil {
		t.Fatal(err)
	}
	want := discovery.DefaultWeights()
	want.SharedTheme, want.RangeKm, want.MaxPerReason = 3.5, 8, 5
	if w != want {
		t.Errorf("parsed %+v, want %+v", w, want)
	}
	if w, err := discovery.ParseWeights(""); err != nil || w != discovery.DefaultWeights() {
		t.Errorf("empty = %+v, %v; want the defaults", w, err)
	}
	for _, bad := range []string{"shared_themes=3", "proximity", "proximity=x", "range_km=0", "they_have=-1", "max_per_reason=0", "max_per_reason=1.5", "proximity=NaN"} {
		if _, err := discovery.ParseWeights(bad); err == nil {
			t.Errorf("ParseWeights(%q) accepted", bad)
		}
	}
	if len(discovery.WeightKeys()) != 8 {
		t.Errorf("keys = %v", discovery.WeightKeys())
	}
}

func TestWeightsWithOverrides(t *testing.T) {
	p, n := 0.5, 7
	w := discovery.DefaultWeights().With(&discovery.WeightsInput{Proximity: &p, MaxPerReason: &n})
	want := discovery.DefaultWeights()
	want.Proximity, want.MaxPerReason = 0.5, 7
	if w != want {
		t.Errorf("with = %+v, want %+v", w, want)
	}
	if discovery.DefaultWeights().With(nil) != discovery.DefaultWeights() {
		t.Error("no overrides changed the weights")
	}
}

func TestWeightsValidateNamesFields(t *testing.T) {
	w := discovery.DefaultWeights()
	w.RangeKm, w.CommonPartner = 51, 101
	err := w.Validate()
	if civic.ErrorCode(err) != civic.CodeBadUserInput {
		t.Fatalf("err = %v", err)
	}
	msg := civic.ErrorMessage(err)
	if !strings.Contains(msg, "weights.rangeKm") || !strings.Contains(msg, "weights.commonPartner") {
		t.Errorf("message %q does not name both fields", msg)
	}
}
