package neo4j

import (
	"context"
	"fmt"
)

// schema lists the constraints and indexes civicgraph needs. Every statement
// is idempotent (IF NOT EXISTS), so Migrate can run at every start.
var schema = []string{
	// Global IDs are unique within each label.
	"CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT asset_id IF NOT EXISTS FOR (n:Asset) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT partnership_id IF NOT EXISTS FOR (n:Partnership) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT area_id IF NOT EXISTS FOR (n:Area) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT theme_slug IF NOT EXISTS FOR (n:Theme) REQUIRE n.slug IS UNIQUE",
	"CREATE CONSTRAINT skill_slug IF NOT EXISTS FOR (n:Skill) REQUIRE n.slug IS UNIQUE",
	// An org-id identifier names one organisation.
	"CREATE CONSTRAINT organisation_org_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.orgId IS UNIQUE",
	"CREATE CONSTRAINT collaboration_id IF NOT EXISTS FOR ()-[r:COLLABORATES_WITH]-() REQUIRE r.id IS UNIQUE",
	// API keys are found by the hash of the key a request presents.
	"CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
	"CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE",
	// Lists filter and sort by these.
	"CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name)",
	"CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
	"CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
	"CREATE INDEX asset_name IF NOT EXISTS FOR (n:Asset) ON (n.name)",
	"CREATE INDEX asset_kind IF NOT EXISTS FOR (n:Asset) ON (n.kind)",
	"CREATE INDEX partnership_name IF NOT EXISTS FOR (n:Partnership) ON (n.name)",
	"CREATE INDEX area_name IF NOT EXISTS FOR (n:Area) ON (n.name)",
	"CREATE INDEX collaboration_since IF NOT EXISTS FOR ()-[r:COLLABORATES_WITH]-() ON (r.since)",
	// Distance searches use point indexes.
	"CREATE POINT INDEX organisation_location IF NOT EXISTS FOR (n:Organisation) ON (n.location)",
	"CREATE POINT INDEX asset_location IF NOT EXISTS FOR (n:Asset) ON (n.location)",
	"CREATE POINT INDEX area_location IF NOT EXISTS FOR (n:Area) ON (n.location)",

	// The registers.
	"CREATE CONSTRAINT recommendation_id IF NOT EXISTS FOR (n:Recommendation) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT recommendation_code IF NOT EXISTS FOR (n:Recommendation) REQUIRE n.code IS UNIQUE",
	"CREATE CONSTRAINT contribution_id IF NOT EXISTS FOR ()-[r:CONTRIBUTES_TO]-() REQUIRE r.id IS UNIQUE",
	"CREATE CONSTRAINT champion_id IF NOT EXISTS FOR (n:Champion) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT listing_id IF NOT EXISTS FOR (n:Listing) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT listing_reference IF NOT EXISTS FOR (n:Listing) REQUIRE n.reference IS UNIQUE",
	"CREATE CONSTRAINT space_need_id IF NOT EXISTS FOR (n:SpaceNeed) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT story_id IF NOT EXISTS FOR (n:Story) REQUIRE n.id IS UNIQUE",
	// Locks serialise writes that must not race (see lock.go).
	"CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (n:Lock) REQUIRE n.name IS UNIQUE",
	// Registering a contribution matches organisations on name and postcode.
	"CREATE INDEX organisation_postcode IF NOT EXISTS FOR (n:Organisation) ON (n.postcode)",
	"CREATE INDEX story_status IF NOT EXISTS FOR (n:Story) ON (n.status)",
	"CREATE INDEX listing_expiry IF NOT EXISTS FOR (n:Listing) ON (n.expiryDate)",

	// The postcode table: one node per postcode.
	"CREATE CONSTRAINT postcode_postcode IF NOT EXISTS FOR (n:Postcode) REQUIRE n.postcode IS UNIQUE",
	// Full-text search over everything a champion may look for by name or
	// words, and the people who agreed to be found (see search.go). One
	// index for all of them, so that scores are comparable.
	"CREATE FULLTEXT INDEX search_text IF NOT EXISTS FOR (n:Organisation|Asset|Partnership|Discoverable) ON EACH [n.name, n.description, n.bio]",
}

// Migrate creates the constraints and indexes that are missing and waits
// until every index is online. It is safe to run at every start.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range schema {
		if err := s.exec(ctx, "migrate", stmt, nil); err != nil {
			return fmt.Errorf("neo4j: migration %q: %w", stmt, err)
		}
	}
	if err := s.exec(ctx, "migrate", "CALL db.awaitIndexes(300)", nil); err != nil {
		return fmt.Errorf("neo4j: waiting for indexes: %w", err)
	}
	for _, stmt := range backfills {
		if err := s.exec(ctx, "migrate", stmt, nil); err != nil {
			return fmt.Errorf("neo4j: backfill %q: %w", stmt, err)
		}
	}
	return nil
}
