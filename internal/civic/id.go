package civic

import (
	"strings"

	"github.com/google/uuid"
)

// EntityKind names a kind of node or edge that has a global ID.
type EntityKind string

// Entity kinds. Each global ID starts with its kind's prefix, so that
// node(id) can tell what an ID refers to without a lookup.
const (
	KindOrganisation  EntityKind = "org"
	KindPerson        EntityKind = "per"
	KindAsset         EntityKind = "ast"
	KindPartnership   EntityKind = "prt"
	KindArea          EntityKind = "area"
	KindTheme         EntityKind = "thm"
	KindCollaboration EntityKind = "col"
	KindFunding       EntityKind = "fnd"

	// The registers: recommendations and what organisations contribute to
	// them, champions and their introductions, assets of community value,
	// space needs, and stories of what worked.
	KindRecommendation EntityKind = "rec"
	KindContribution   EntityKind = "con"
	KindChampion       EntityKind = "chp"
	KindIntroduction   EntityKind = "itr"
	KindListing        EntityKind = "acv"
	KindSpaceNeed      EntityKind = "need"
	KindStory          EntityKind = "sty"
)

var kindNames = map[EntityKind]string{
	KindOrganisation:  "organisation",
	KindPerson:        "person",
	KindAsset:         "asset",
	KindPartnership:   "partnership",
	KindArea:          "area",
	KindTheme:         "theme",
	KindCollaboration: "collaboration",
	KindFunding:       "funding",

	KindRecommendation: "recommendation",
	KindContribution:   "contribution",
	KindChampion:       "champion",
	KindIntroduction:   "introduction",
	KindListing:        "listing",
	KindSpaceNeed:      "space need",
	KindStory:          "story",
}

// Name returns the human name of the kind ("organisation").
func (k EntityKind) Name() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return string(k)
}

// idNamespace seeds deterministic IDs so that the same key always yields the same ID.
var idNamespace = uuid.MustParse("6f1c2a52-3f7e-4d0b-9a51-8f0c7a2b9e10")

// NewID returns a fresh random global ID of the given kind.
func NewID(kind EntityKind) string {
	return string(kind) + "_" + uuid.NewString()
}

// StableID returns a global ID derived from key, the same on every call.
// Seeders and importers use it so that loading the same data twice is idempotent.
func StableID(kind EntityKind, key string) string {
	return string(kind) + "_" + uuid.NewSHA1(idNamespace, []byte(string(kind)+":"+key)).String()
}

// ThemeID returns the global ID of the theme with the given slug.
func ThemeID(slug string) string { return string(KindTheme) + "_" + slug }

// KindOfID returns the kind encoded in a global ID.
func KindOfID(id string) (EntityKind, bool) {
	prefix, rest, ok := strings.Cut(id, "_")
	if !ok || rest == "" {
		return "", false
	}
	k := EntityKind(prefix)
	_, known := kindNames[k]
	return k, known
}

// CheckID reports a problem if id is not an ID of the wanted kind.
func (p *Problems) CheckID(field, id string, want EntityKind) {
	if k, ok := KindOfID(id); !ok || k != want {
		p.Add(field, "must be %s ID (starting %q)", article(want.Name()), string(want)+"_")
	}
}

func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
