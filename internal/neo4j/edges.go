package neo4j

import "fmt"

// Cypher shared by the entities that sit in an area and have themes
// (organisations, assets, partnerships, people). The arguments are Cypher
// expressions written in this package ("$areaId", "row.areaId"), never input.

// linkArea makes n LOCATED_IN the area with ID areaExpr, replacing any other,
// or leaves n in no area when areaExpr is null or empty. It does nothing
// unless cond holds, so that an update can leave the area alone.
func linkArea(cond, areaExpr, sourceExpr string) string {
	return linkOne(cond, "LOCATED_IN", "Area", "id", areaExpr, sourceExpr)
}

// linkParent makes area n PART_OF the area with ID parentExpr.
func linkParent(cond, parentExpr, sourceExpr string) string {
	return linkOne(cond, "PART_OF", "Area", "id", parentExpr, sourceExpr)
}

func linkOne(cond, rel, label, key, expr, sourceExpr string) string {
	return fmt.Sprintf(`
WITH *
CALL (*) { WITH * WHERE %[1]s
  OPTIONAL MATCH (n)-[old:%[2]s]->(target_:%[3]s) WHERE target_.%[4]s <> coalesce(%[5]s, '') DELETE old }
CALL (*) { WITH * WHERE %[1]s AND coalesce(%[5]s, '') <> ''
  MATCH (target_:%[3]s {%[4]s: %[5]s})
  MERGE (n)-[r:%[2]s]->(target_) ON CREATE SET r.source = %[6]s, r.createdAt = datetime(), r.updatedAt = datetime() }`,
		cond, rel, label, key, expr, sourceExpr)
}

// linkThemes makes n HAS_THEME exactly the themes whose slugs are in
// themesExpr, when cond holds.
func linkThemes(cond, themesExpr, sourceExpr string) string {
	return linkMany(cond, "HAS_THEME", "Theme", themesExpr, sourceExpr, "MATCH")
}

// linkSkills makes n HAS_SKILL exactly the skills in skillsExpr, creating
// skills that are new: skills are a free vocabulary.
func linkSkills(cond, skillsExpr, sourceExpr string) string {
	return linkMany(cond, "HAS_SKILL", "Skill", skillsExpr, sourceExpr, "MERGE")
}

func linkMany(cond, rel, label, listExpr, sourceExpr, find string) string {
	return fmt.Sprintf(`
WITH *
CALL (*) { WITH * WHERE %[1]s
  OPTIONAL MATCH (n)-[old:%[2]s]->(target_:%[3]s) WHERE NOT target_.slug IN %[4]s DELETE old }
CALL (*) { WITH * WHERE %[1]s
  UNWIND %[4]s AS slug
  %[6]s (target_:%[3]s {slug: slug})
  MERGE (n)-[r:%[2]s]->(target_) ON CREATE SET r.source = %[5]s, r.createdAt = datetime(), r.updatedAt = datetime() }`,
		cond, rel, label, listExpr, sourceExpr, find)
}

// Projections of the edges above, for reading them back with a node n. Their
// variables end in _ so that they never capture a variable of the query
// they are used in.
const (
	areaIDOf   = "[(n)-[:LOCATED_IN]->(area_:Area) WHERE area_.deletedAt IS NULL | area_.id][0]"
	themesOf   = "[(n)-[:HAS_THEME]->(theme_:Theme) WHERE theme_.deletedAt IS NULL | theme_.slug]"
	skillsOf   = "[(n)-[:HAS_SKILL]->(skill_:Skill) | skill_.slug]"
	parentIDOf = "[(n)-[:PART_OF]->(parent_:Area) WHERE parent_.deletedAt IS NULL | parent_.id][0]"
	// areaOf and themeRowsOf read the area and themes themselves, as areaRow
	// and theme rows, so that asking for them costs no further round trip.
	areaOf = "[(n)-[:LOCATED_IN]->(area_:Area) WHERE area_.deletedAt IS NULL | " +
		"area_ {.*, parentId: [(area_)-[:PART_OF]->(parent_:Area) WHERE parent_.deletedAt IS NULL | parent_.id][0]}][0]"
	themeRowsOf = "[(n)-[:HAS_THEME]->(theme_:Theme) WHERE theme_.deletedAt IS NULL | theme_ {.*}]"
)
