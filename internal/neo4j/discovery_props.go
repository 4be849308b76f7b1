package neo4j

// Properties of an organisation's node that discovery reads.

// An organisation's needs are stored as two list properties of its node,
// needsAssetKinds and needsSkills, which suggestions compare with what other
// organisations hold.

// keepThemeSlugs copies the slugs of organisation n's themes into its
// themeSlugs property, after its HAS_THEME edges are written. Partner
// suggestions compare the themes of thousands of organisations at once;
// reading one property of each costs far less than walking each one's
// relationships (its collaborations, people and assets as well as its
// themes). The edges stay the truth: a slug of a theme deleted since is
// harmless, as suggestions compare slugs with the live themes of the
// organisation they are for.
const keepThemeSlugs = "\nSET n.themeSlugs = [(n)-[:HAS_THEME]->(theme_:Theme) | theme_.slug]"

// backfills fill in properties that organisations written before they
// existed lack. Each is idempotent and cheap once done.
var backfills = []string{
	"MATCH (n:Organisation) WHERE n.themeSlugs IS NULL SET n.themeSlugs = [(n)-[:HAS_THEME]->(theme_:Theme) | theme_.slug]",
}

// listValue returns a list property as strings, or nil for an empty list so
// that the property is removed rather than stored empty.
func listValue[S ~string](items []S) any {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = string(s)
	}
	return out
}
