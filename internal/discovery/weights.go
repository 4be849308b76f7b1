// Package discovery ranks partner suggestions for champions: which
// organisations a group should meet next, and why. The store gathers the
// facts about each candidate (civic.PartnerCandidate); this package turns
// them into a score that is the plain sum of a few weighted reasons, each
// shown with its points and a sentence, so that anyone can see why one
// organisation ranks above another and change the weights.
//
// It also reads postcode tables in the ONS Postcode Directory layout.
package discovery

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Weights say how many points each reason is worth. A suggestion's score is
//
//	Proximity × max(0, 1 − distance/RangeKm)
//	+ SharedTheme × themes both work on
//	+ TheyHave × things the candidate has that the group needs
//	+ TheyNeed × things the group has that the candidate needs
//	+ CommonPartner × organisations both already collaborate with
//	+ SharedPartnership × partnerships both are members of
//
// where every count stops adding points at MaxPerReason. Things had and
// needed are skills (of people currently affiliated) and kinds of asset
// (shared and held in a role that can lend them).
type Weights struct {
	Proximity         float64
	RangeKm           float64
	SharedTheme       float64
	TheyHave          float64
	TheyNeed          float64
	CommonPartner     float64
	SharedPartnership float64
	MaxPerReason      int
}

// DefaultWeights favour what a group needs and whom it already knows
// through its partners, then what it works on, then nearness: a group
// next door that shares nothing scores 3, one 1.5 km away 1.5, a partner's
// partner on the other side of the city with two themes in common 5.5.
// Nearby means within 3 km: in a city, a bus ride or a long walk.
func DefaultWeights() Weights {
	return Weights{
		Proximity:         3,
		RangeKm:           3,
		SharedTheme:       2,
		TheyHave:          3,
		TheyNeed:          1.5,
		CommonPartner:     1.5,
		SharedPartnership: 1,
		MaxPerReason:      3,
	}
}

// Bounds of the weights.
const (
	MaxWeight       = 100
	MaxRangeKm      = 50
	MaxPerReasonCap = 20
)

// Validate checks that the weights are usable: points between 0 and
// MaxWeight, a range above 0 and at most MaxRangeKm, and a cap from 1 to
// MaxPerReasonCap.
func (w Weights) Validate() error {
	var p civic.Problems
	for _, f := range w.fields() {
		if f.int != nil {
			if *f.int < 1 || *f.int > MaxPerReasonCap {
				p.Add("weights."+f.name, "must be between 1 and %d", MaxPerReasonCap)
			}
			continue
		}
		v := *f.float
		switch {
		case math.IsNaN(v) || v < 0 || v > MaxWeight:
			p.Add("weights."+f.name, "must be between 0 and %d", MaxWeight)
		case f.key == "range_km" && (v <= 0 || v > MaxRangeKm):
			p.Add("weights."+f.name, "must be more than 0 and at most %d", MaxRangeKm)
		}
	}
	return p.Err()
}

// WeightsInput overrides some weights; nil fields keep their value.
type WeightsInput struct {
	Proximity         *float64
	RangeKm           *float64
	SharedTheme       *float64
	TheyHave          *float64
	TheyNeed          *float64
	CommonPartner     *float64
	SharedPartnership *float64
	MaxPerReason      *int
}

// With returns w with the overrides of in applied.
func (w Weights) With(in *WeightsInput) Weights {
	if in == nil {
		return w
	}
	set := func(dst *float64, v *float64) {
		if v != nil {
			*dst = *v
		}
	}
	set(&w.Proximity, in.Proximity)
	set(&w.RangeKm, in.RangeKm)
	set(&w.SharedTheme, in.SharedTheme)
	set(&w.TheyHave, in.TheyHave)
	set(&w.TheyNeed, in.TheyNeed)
	set(&w.CommonPartner, in.CommonPartner)
	set(&w.SharedPartnership, in.SharedPartnership)
	if in.MaxPerReason != nil {
		w.MaxPerReason = *in.MaxPerReason
	}
	return w
}

// ParseWeights reads overrides of the default weights written as
// "key=value" pairs separated by commas, such as
// "shared_theme=3, range_km=8". An empty string gives the defaults.
func ParseWeights(s string) (Weights, error) {
	w := DefaultWeights()
	byKey := map[string]weightField{}
	for _, f := range w.fields() {
		byKey[f.key] = f
	}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		f, known := byKey[k]
		if !ok || !known {
			return w, fmt.Errorf("discovery: weight %q: want key=value with key one of %s", pair, strings.Join(WeightKeys(), ", "))
		}
		var err error
		if f.int != nil {
			*f.int, err = strconv.Atoi(v)
		} else {
			*f.float, err = strconv.ParseFloat(v, 64)
		}
		if err != nil {
			return w, fmt.Errorf("discovery: weight %s: %q is not a number", k, v)
		}
	}
	if err := w.Validate(); err != nil {
		return w, fmt.Errorf("discovery: %s", civic.ErrorMessage(err))
	}
	return w, nil
}

// WeightKeys lists the keys ParseWeights accepts.
func WeightKeys() []string {
	var w Weights
	var keys []string
	for _, f := range w.fields() {
		keys = append(keys, f.key)
	}
	sort.Strings(keys)
	return keys
}

// weightField is one weight, addressable for parsing and validation.
type weightField struct {
	key, name string // config key and GraphQL field name
	float     *float64
	int       *int
}

func (w *Weights) fields() []weightField {
	return []weightField{
		{"proximity", "proximity", &w.Proximity, nil},
		{"range_km", "rangeKm", &w.RangeKm, nil},
		{"shared_theme", "sharedTheme", &w.SharedTheme, nil},
		{"they_have", "theyHave", &w.TheyHave, nil},
		{"they_need", "theyNeed", &w.TheyNeed, nil},
		{"common_partner", "commonPartner", &w.CommonPartner, nil},
		{"shared_partnership", "sharedPartnership", &w.SharedPartnership, nil},
		{"max_per_reason", "maxPerReason", nil, &w.MaxPerReason},
	}
}
