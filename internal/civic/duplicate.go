package civic

import (
	"fmt"
	"math"
	"strings"
	"unicode"
)

// Thresholds of name similarity (0..1) for proposing duplicates.
const (
	SimilarNames     = 0.8  // at the same postcode
	VerySimilarNames = 0.9  // merely near each other
	NearbyMetres     = 500. // how near "nearby" is
)

// legalWords are words that say what form an organisation takes rather
// than which it is; names are compared without them.
var legalWords = map[string]bool{
	"the": true, "ltd": true, "limited": true, "cic": true, "cio": true, "plc": true, "llp": true,
	"inc": true, "incorporated": true, "co": true, "company": true, "uk": true,
}

// NormaliseName reduces an organisation's name to what identifies it:
// lower case, "&" as "and", punctuation dropped, legal forms (Ltd, CIC,
// The...) removed and spaces collapsed. "The Sparkhill Food Bank Ltd." and
// "sparkhill food-bank" both become "sparkhill food bank".
func NormaliseName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "&", " and "))
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		if r == '\'' || r == '’' || r == '.' {
			return -1
		}
		return ' '
	}, s)
	var words []string
	for _, w := range strings.Fields(s) {
		if !legalWords[w] {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// NameSimilarity is the Sørensen-Dice coefficient of the letter pairs of
// two normalised names: 1 for the same name, 0 for names with no pair in
// common. It forgives typos, reordering and missing words.
func NameSimilarity(a, b string) float64 {
	return ProfileName(a).Similarity(ProfileName(b))
}

// NameProfile is a name prepared for comparing with many others.
type NameProfile struct {
	norm    string
	bigrams map[string]int
	total   int
}

// ProfileName prepares a name for NameProfile.Similarity.
func ProfileName(name string) NameProfile {
	p := NameProfile{norm: NormaliseName(name)}
	p.bigrams = bigrams(p.norm)
	for _, n := range p.bigrams {
		p.total += n
	}
	return p
}

// Similarity is NameSimilarity of the two names.
func (p NameProfile) Similarity(q NameProfile) float64 {
	if p.norm == q.norm {
		if p.norm == "" {
			return 0
		}
		return 1
	}
	if p.total == 0 || q.total == 0 {
		return 0
	}
	common := 0
	for g, n := range p.bigrams {
		common += min(n, q.bigrams[g])
	}
	return 2 * float64(common) / float64(p.total+q.total)
}

func bigrams(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if len(r) == 1 {
			out[w]++
		}
		for i := 0; i+1 < len(r); i++ {
			out[string(r[i:i+2])]++
		}
	}
	return out
}

// IdentifierKey is what two spellings of one identifier share: the scheme
// and the number without leading zeros, upper case. GB-COH-1234567 and
// GB-COH-01234567 have the same key.
func IdentifierKey(id string) string {
	parts := strings.SplitN(strings.ToUpper(strings.TrimSpace(id)), "-", 3)
	if len(parts) != 3 {
		return strings.ToUpper(id)
	}
	v := strings.TrimLeft(strings.ReplaceAll(parts[2], " ", ""), "0")
	return parts[0] + "-" + parts[1] + "-" + v
}

// DuplicateEvidence is what is known of a pair of organisations that may
// be one.
type DuplicateEvidence struct {
	SharedIdentifier string  // an identifier both have (in any spelling)
	SamePostcode     bool    // both have the same, non-empty postcode
	DistanceMetres   float64 // between their locations; negative if unknown
}

// ScoreDuplicate scores a pair of organisations from 0 (surely two) to 1
// (surely one), with the reasons, or 0 when the evidence is too weak to
// propose them: a shared identifier is decisive; the same postcode needs
// similar names; nearness needs very similar names.
func ScoreDuplicate(a, b *Organisation, e DuplicateEvidence) (float64, []string) {
	return ScoreEvidence(NameSimilarity(a.Name, b.Name), a.Postcode, e)
}

// ScoreEvidence is ScoreDuplicate for names whose similarity is known.
func ScoreEvidence(sim float64, postcode string, e DuplicateEvidence) (float64, []string) {
	var score float64
	var reasons []string
	if e.SharedIdentifier != "" {
		score = 1
		reasons = append(reasons, "same identifier "+e.SharedIdentifier)
	}
	if e.SamePostcode && sim >= SimilarNames {
		score = max(score, 0.5+0.45*sim)
		reasons = append(reasons, fmt.Sprintf("same postcode %s and similar names (%.2f)", postcode, sim))
	}
	if e.DistanceMetres >= 0 && e.DistanceMetres <= NearbyMetres && sim >= VerySimilarNames {
		score = max(score, 0.4+0.5*sim*(1-e.DistanceMetres/(2*NearbyMetres)))
		reasons = append(reasons, fmt.Sprintf("%.0f m apart with very similar names (%.2f)", e.DistanceMetres, sim))
	}
	if len(reasons) == 0 {
		return 0, nil
	}
	return score, reasons
}

// DistanceMetres is the great-circle distance between two points.
func DistanceMetres(a, b GeoPoint) float64 {
	const earthRadius = 6371008.8
	rad := math.Pi / 180
	dLat, dLon := (b.Latitude-a.Latitude)*rad, (b.Longitude-a.Longitude)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Latitude*rad)*math.Cos(b.Latitude*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadius * math.Asin(math.Sqrt(h))
}
