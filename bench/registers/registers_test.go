// Package registers_test measures the registers' queries on a large
// synthetic city (size M unless -size says otherwise), with space needs
// and champions added to it. It wipes the database it is given.
//
//	civicgraph neo4j exec -- go test ./bench/registers -run '^$' -bench . -args -size M
package registers_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
	"github.com/civicgraph/civicgraph/internal/neo4jtest"
	"github.com/civicgraph/civicgraph/internal/synth"
)

var (
	size     = flag.String("size", "M", "the synthetic city's size: S, M or L")
	loadCity = flag.Bool("load", true, "wipe the database and load the city; false reuses the city a previous run loaded")
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// load fills the database with a synthetic city, plus a space need for one
// organisation in twenty and a champion for one person in five hundred.
func load(b *testing.B) (*neo4j.Store, *synth.City) {
	b.Helper()
	ctx := context.Background()
	sz, err := synth.SizeNamed(*size)
	if err != nil {
		b.Fatal(err)
	}
	s, err := neo4j.Open(ctx, neo4j.Config{URI: neo4jtest.URI(b), QueryTimeout: 5 * time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close(ctx) })
	c := synth.Generate(sz)
	if !*loadCity {
		return s, c
	}
	neo4jtest.Reset(b, s.Driver())
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := synth.Load(ctx, s, c, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	now := time.Now().UTC()
	prov := civic.Provenance{Source: "bench", CreatedAt: now, UpdatedAt: now}
	var needs []civic.SpaceNeed
	for i := 0; i < len(c.Organisations); i += 20 {
		needs = append(needs, civic.SpaceNeed{
			ID: civic.StableID(civic.KindSpaceNeed, fmt.Sprint(i)), OrganisationID: c.Organisations[i].ID, Description: "A meeting room",
			Uses: []civic.SpaceUse{civic.UseMeeting}, People: ptr(10), WithinKm: 2, Status: civic.NeedOpen, Provenance: prov,
		})
	}
	var champions []civic.Champion
	for i := 0; i < len(c.People); i += 500 {
		champions = append(champions, civic.Champion{
			ID: civic.StableID(civic.KindChampion, fmt.Sprint(i)), PersonID: c.People[i].ID,
			AreaIDs: []string{c.Areas[1+r.IntN(len(c.Areas)-1)].ID}, Themes: []string{"food"}, Provenance: prov,
		})
	}
	if err := s.UpsertSpaceNeeds(ctx, needs); err != nil {
		b.Fatal(err)
	}
	if err := s.UpsertChampions(ctx, champions); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded size %s (%d organisations, %d assets, %d needs, %d champions) in %s",
		sz.Name, len(c.Organisations), len(c.Assets), len(needs), len(champions), time.Since(start).Round(time.Second))
	return s, c
}

func ptr[T any](v T) *T { return &v }

func BenchmarkRegisters(b *testing.B) {
	s, c := load(b)
	ctx := context.Background()
	centre := civic.GeoPoint{Latitude: 52.4797, Longitude: -1.9027}
	var needIDs []string
	for i := 0; i < 20*20; i += 20 {
		needIDs = append(needIDs, civic.StableID(civic.KindSpaceNeed, fmt.Sprint(i)))
	}
	rec, err := s.FindRecommendationByCode(ctx, "BENCH-01")
	if err == nil && rec == nil {
		rec, err = s.CreateRecommendation(ctx, civic.RecommendationInput{Code: ptr("BENCH-01"), Title: ptr("Benchmark")})
	}
	if err != nil {
		b.Fatal(err)
	}
	group := civic.OrgCommunityGroup
	runs := []struct {
		name string
		run  func() error
	}{
		{"FindSpace2km", func() error {
			_, err := s.FindSpace(ctx, civic.SpaceSearch{Near: civic.Place{Point: &centre}, WithinKm: 2, People: ptr(10), Uses: []civic.SpaceUse{civic.UseMeeting}})
			return err
		}},
		{"MatchesFor20Needs", func() error { _, err := s.MatchesForNeeds(ctx, needIDs, 5); return err }},
		{"SharedBuildingsFirst20", func() error {
			_, err := s.FindSharedBuildings(ctx, civic.SharedBuildingFilter{MinOrganisations: ptr(1)}, civic.PageArgs{First: ptr(20)})
			return err
		}},
		{"SharedBuildingsDefault", func() error {
			_, err := s.FindSharedBuildings(ctx, civic.SharedBuildingFilter{}, civic.PageArgs{First: ptr(20)})
			return err
		}},
		{"StrengthsOf69Wards", func() error {
			_, err := s.FindStrengths(ctx, civic.AreaScope{}, civic.PageArgs{First: ptr(69)})
			return err
		}},
		{"StrengthsOfTheCity", func() error { _, err := s.StrengthsOfAreas(ctx, []string{c.Areas[0].ID}); return err }},
		{"ContributionsByArea", func() error { _, err := s.ContributionsByArea(ctx, civic.AreaScope{}, nil); return err }},
		{"ChampionsNear3km", func() error {
			_, err := s.ChampionsNear(ctx, civic.ChampionSearch{Near: civic.Place{Point: &centre}, WithinKm: 3})
			return err
		}},
		{"RegisterContribution", func() error {
			_, err := s.RegisterContribution(ctx, civic.ContributionInput{RecommendationID: rec.ID, Description: "Weekly",
				Organisation: civic.OrganisationRef{Name: ptr("Bench Neighbours"), Kind: &group, Postcode: ptr("B12 9AA")}})
			return err
		}},
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			if err := r.run(); err != nil { // warm the plan
				b.Fatal(err)
			}
			for b.Loop() {
				if err := r.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
