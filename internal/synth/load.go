package synth

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// chunk is how many records one transaction writes. Large cities are loaded
// in many transactions so that Neo4j's transaction state stays small.
const chunk = 5_000

// Load writes the city through the store's bulk upserts, in chunks. It is
// idempotent: loading the same city again changes nothing.
func Load(ctx context.Context, s demo.Store, c *City, log *slog.Logger) error {
	start := time.Now()
	steps := []struct {
		what string
		run  func() error
	}{
		{"themes", func() error { return s.UpsertThemes(ctx, c.Themes) }},
		{"areas", func() error { return s.UpsertAreas(ctx, c.Areas) }},
		{"organisations", func() error { return inChunks(ctx, c.Organisations, s.UpsertOrganisations) }},
		{"people", func() error { return inChunks(ctx, c.People, s.UpsertPeople) }},
		{"assets", func() error { return inChunks(ctx, c.Assets, s.UpsertAssets) }},
		{"affiliations", func() error { return inChunks(ctx, c.Affiliations, s.UpsertAffiliations) }},
		{"stewardships", func() error { return inChunks(ctx, c.Stewardships, s.UpsertStewardships) }},
		{"collaborations", func() error {
			batch := make([]civic.Collaboration, 0, chunk)
			for col := range c.Collaborations() {
				if batch = append(batch, col); len(batch) == chunk {
					if err := s.UpsertCollaborations(ctx, batch); err != nil {
						return err
					}
					batch = batch[:0]
				}
			}
			return s.UpsertCollaborations(ctx, batch)
		}},
	}
	for _, step := range steps {
		t := time.Now()
		if err := step.run(); err != nil {
			return fmt.Errorf("synth: loading %s: %w", step.what, err)
		}
		if log != nil {
			log.Info("loaded", "what", step.what, "size", c.Size.Name, "took", time.Since(t).Round(time.Millisecond))
		}
	}
	if log != nil {
		log.Info("synthetic city loaded", "size", c.Size.Name, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func inChunks[T any](ctx context.Context, items []T, write func(context.Context, []T) error) error {
	for start := 0; start < len(items); start += chunk {
		if err := write(ctx, items[start:min(start+chunk, len(items))]); err != nil {
			return err
		}
	}
	return nil
}
