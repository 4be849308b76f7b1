package civic_test

import (
	"math"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestNormaliseName(t *testing.T) {
	for in, want := range map[string]string{
		"The Sparkhill Food Bank Ltd.": "sparkhill food bank",
		"sparkhill food-bank":          "sparkhill food bank",
		"Women's Aid & Advice CIC":     "womens aid and advice",
		"  ":                           "",
	} {
		if got := civic.NormaliseName(in); got != want {
			t.Errorf("NormaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameSimilarity(t *testing.T) {
	// Values worked out by hand: "abc" and "abd" have bigrams {ab, bc} and
	// {ab, bd}; one in common of four, so 2*1/4.
	if got := civic.NameSimilarity("abc", "abd"); got != 0.5 {
		t.Fatalf("abc/abd: %v, want 0.5", got)
	}
	if got := civic.NameSimilarity("The Food Bank Ltd", "food bank"); got != 1 {
		t.Fatalf("same name but for its legal form: %v", got)
	}
	if got := civic.NameSimilarity("Sparkhill Food Bank", "Ladywood Youth Club"); got > 0.3 {
		t.Fatalf("different names: %v", got)
	}
	if got := civic.NameSimilarity("", ""); got != 0 {
		t.Fatalf("empty names: %v", got)
	}
}

func TestScoreDuplicate(t *testing.T) {
	a := &civic.Organisation{Name: "Sparkhill Food Bank", Postcode: "B11 4BW"}
	b := &civic.Organisation{Name: "Sparkhill Foodbank", Postcode: "B11 4BW"}
	c := &civic.Organisation{Name: "Ladywood Youth Club", Postcode: "B11 4BW"}
	// "sparkhill food bank" / "sparkhill foodbank": bigrams 8+3+3=14 and
	// 8+7=15; in common the 8 of sparkhill, fo, oo, od, ba, an, nk: 14,
	// so 2*14/29.
	sim := 28.0 / 29
	score, reasons := civic.ScoreDuplicate(a, b, civic.DuplicateEvidence{SamePostcode: true, DistanceMetres: -1})
	if math.Abs(score-(0.5+0.45*sim)) > 1e-9 || len(reasons) != 1 {
		t.Fatalf("same postcode, similar names: %v %v", score, reasons)
	}
	if score, _ := civic.ScoreDuplicate(a, c, civic.DuplicateEvidence{SamePostcode: true, DistanceMetres: -1}); score != 0 {
		t.Fatalf("same postcode, different names: %v", score)
	}
	if score, reasons := civic.ScoreDuplicate(a, c, civic.DuplicateEvidence{SharedIdentifier: "GB-CHC-1", DistanceMetres: -1}); score != 1 || len(reasons) != 1 {
		t.Fatalf("shared identifier: %v %v", score, reasons)
	}
	// Near with very similar names: the nearer, the likelier.
	if score, _ := civic.ScoreDuplicate(a, b, civic.DuplicateEvidence{DistanceMetres: 100}); math.Abs(score-(0.4+0.5*sim*0.9)) > 1e-9 {
		t.Fatalf("near with very similar names: %v", score)
	}
	if score, _ := civic.ScoreDuplicate(a, c, civic.DuplicateEvidence{DistanceMetres: 10}); score != 0 {
		t.Fatalf("near with different names: %v", score)
	}
	d := &civic.Organisation{Name: "Sparkhill Food Bank Ltd"}
	if score, _ := civic.ScoreDuplicate(a, d, civic.DuplicateEvidence{DistanceMetres: 0}); math.Abs(score-0.9) > 1e-9 {
		t.Fatalf("same place, same name: %v, want 0.9", score)
	}
}
