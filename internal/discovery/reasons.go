package discovery

import (
	"fmt"
	"math"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The sentences of reasons. They are written to be read by a champion, in
// plain words: "3 km away", "both work on food and housing".

// distanceText says how far away something is: "450 m away", "3.2 km
// away", "12 km away".
func distanceText(km float64) string {
	switch {
	case km < 0.01:
		return "under 10 m away"
	case km < 1:
		return fmt.Sprintf("%d m away", int(math.Round(km*100))*10)
	case km < 10:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", km), ".0") + " km away"
	default:
		return fmt.Sprintf("%.0f km away", km)
	}
}

// sharedThemesText: "both work on food and housing".
func sharedThemesText(names []string) string {
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	return "both work on " + listOf(lower)
}

// theyHaveText: "can offer what you need: bookkeeping and a vehicle".
func theyHaveText(n civic.Needs) string { return "can offer what you need: " + listOf(needWords(n)) }

// theyNeedText: "needs what you can offer: a room".
func theyNeedText(n civic.Needs) string { return "needs what you can offer: " + listOf(needWords(n)) }

// commonPartnersText: "1 partner in common: Aston Youth Club", "2 partners
// in common: A and B", "5 partners in common, including A, B and C".
func commonPartnersText(n int, names []string) string {
	head := fmt.Sprintf("%d partner%s in common", n, plural(n))
	switch {
	case len(names) == 0:
		return head
	case len(names) < n:
		return head + ", including " + listOf(names)
	default:
		return head + ": " + listOf(names)
	}
}

// sharedPartnershipsText: "both members of the Food Network", or "both
// members of 2 partnerships: A and B".
func sharedPartnershipsText(names []string) string {
	if len(names) == 1 {
		return "both members of " + names[0]
	}
	return fmt.Sprintf("both members of %d partnerships: %s", len(names), listOf(names))
}

// assetWords say what an asset of each kind is, in a sentence.
var assetWords = map[civic.AssetKind]string{
	civic.AssetBuilding:   "a building",
	civic.AssetRoom:       "a room",
	civic.AssetLand:       "land",
	civic.AssetGreenSpace: "green space",
	civic.AssetEquipment:  "equipment",
	civic.AssetVehicle:    "a vehicle",
	civic.AssetSkill:      "skilled volunteers",
	civic.AssetKnowledge:  "know-how",
	civic.AssetNetwork:    "a network",
	civic.AssetFund:       "funding",
}

// needWords lists skills then assets in words.
func needWords(n civic.Needs) []string {
	out := make([]string, 0, len(n.Skills)+len(n.AssetKinds))
	for _, s := range n.Skills {
		out = append(out, skillWords(s))
	}
	for _, k := range n.AssetKinds {
		if w, ok := assetWords[k]; ok {
			out = append(out, w)
		} else {
			out = append(out, string(k))
		}
	}
	return out
}

// skillWords turns a skill slug into words: "first-aid" is "first aid",
// "translation-urdu" is "Urdu translation", "teaching-esol" is "ESOL teaching".
func skillWords(slug string) string {
	if lang, ok := strings.CutPrefix(slug, "translation-"); ok && lang != "" {
		return strings.ToUpper(lang[:1]) + lang[1:] + " translation"
	}
	if slug == "teaching-esol" {
		return "ESOL teaching"
	}
	return strings.ReplaceAll(slug, "-", " ")
}

// listOf joins items as a sentence does: "a", "a and b", "a, b and c".
func listOf(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
