package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

func TestOrganisationNeeds(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: ptr("Stirchley Lunch Club"), Kind: ptr(civic.OrgCommunityGroup),
		Needs: &civic.Needs{AssetKinds: []civic.AssetKind{civic.AssetRoom}, Skills: []string{"Cooking", "driving", "cooking"}}})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(o.Needs) != "{[room] [cooking driving]}" {
		t.Errorf("created with needs %v", o.Needs)
	}
	// An update without needs keeps them; with needs replaces them.
	if o, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Description: ptr("Hot meals on Tuesdays.")}); err != nil || fmt.Sprint(o.Needs) != "{[room] [cooking driving]}" {
		t.Errorf("kept = %v, %v", o.Needs, err)
	}
	if o, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Needs: &civic.Needs{Skills: []string{"bookkeeping"}}}); err != nil || fmt.Sprint(o.Needs) != "{[] [bookkeeping]}" {
		t.Errorf("replaced = %v, %v", o.Needs, err)
	}
	if o, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Needs: &civic.Needs{}}); err != nil || !o.Needs.Empty() {
		t.Errorf("cleared = %v, %v", o.Needs, err)
	}
	if n := count(t, s, "MATCH (o:Organisation) WHERE o.needsSkills IS NOT NULL OR o.needsAssetKinds IS NOT NULL RETURN count(o)"); n != 0 {
		t.Errorf("cleared needs left %d properties", n)
	}
	before := graphSize(t, s)
	_, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Needs: &civic.Needs{AssetKinds: []civic.AssetKind{"castle"}}})
	wantCode(t, err, civic.CodeBadUserInput)
	if after := graphSize(t, s); after != before {
		t.Errorf("a rejected update wrote: %v -> %v", before, after)
	}
}

func TestPersonConsent(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p, err := s.CreatePerson(ctx, civic.PersonInput{Name: ptr("Grace Adeyemi")})
	if err != nil || p.Discoverable {
		t.Fatalf("a person is discoverable unless they say so: %+v, %v", p, err)
	}
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Discoverable: ptr(true)}); err != nil || !p.Discoverable {
		t.Fatalf("consent = %+v, %v", p, err)
	}
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Bio: ptr("Retired nurse.")}); err != nil || !p.Discoverable {
		t.Fatalf("an update without consent kept it? %+v, %v", p, err)
	}
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Discoverable: ptr(false)}); err != nil || p.Discoverable {
		t.Fatalf("withdrawn = %+v, %v", p, err)
	}
}

// themeSlugs reads the copy of an organisation's theme slugs on its node.
func themeSlugs(t *testing.T, s *neo4j.Store, id string) string {
	t.Helper()
	res, err := bolt.ExecuteQuery(context.Background(), s.Driver(), "MATCH (n:Organisation {id: $id}) RETURN n.themeSlugs AS slugs",
		map[string]any{"id": id}, bolt.EagerResultTransformer, bolt.ExecuteQueryWithDatabase(s.Database()))
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("themeSlugs: %v", err)
	}
	v, _ := res.Records[0].Get("slugs")
	if v == nil {
		return "<none>"
	}
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func TestThemeSlugsFollowThemes(t *testing.T) {
	s := openStore(t)
	seedFixture(t, s)
	ctx := context.Background()
	o := createOrg(t, s, "Acocks Green Food Bank", civic.OrgCharity, "", "food", "housing")
	if got := themeSlugs(t, s, o.ID); got != "food,housing" {
		t.Errorf("created: %s", got)
	}
	if _, err := s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Themes: []string{"youth"}}); err != nil {
		t.Fatal(err)
	}
	if got := themeSlugs(t, s, o.ID); got != "youth" {
		t.Errorf("updated: %s", got)
	}
	if _, err := s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Name: ptr("Acocks Green Pantry")}); err != nil {
		t.Fatal(err)
	}
	if got := themeSlugs(t, s, o.ID); got != "youth" {
		t.Errorf("an update without themes changed them: %s", got)
	}
	up := civic.Organisation{ID: civic.NewID(civic.KindOrganisation), Name: "Upserted", Kind: civic.OrgCharity, Themes: []string{"housing", "food"}}
	if err := s.UpsertOrganisations(ctx, []civic.Organisation{up}); err != nil {
		t.Fatal(err)
	}
	if got := themeSlugs(t, s, up.ID); got != "food,housing" {
		t.Errorf("upserted: %s", got)
	}
	// Organisations stored before the copy existed get it at the next migration.
	if _, err := bolt.ExecuteQuery(ctx, s.Driver(), "MATCH (n:Organisation) REMOVE n.themeSlugs", nil, bolt.EagerResultTransformer,
		bolt.ExecuteQueryWithDatabase(s.Database())); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if got := themeSlugs(t, s, o.ID) + " " + themeSlugs(t, s, up.ID); got != "youth food,housing" {
		t.Errorf("backfilled: %s", got)
	}
}

// TestThemeSlugsFollowImportsAndMerges checks that the themeSlugs copy
// that partner suggestions read stays equal to the HAS_THEME edges through
// the own CSV format, an Open Referral import that adds themes, and a merge.
func TestThemeSlugsFollowImportsAndMerges(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	stale := func(when string) {
		t.Helper()
		n := count(t, s, `MATCH (o:Organisation)
WITH o, [(o)-[:HAS_THEME]->(t:Theme) | t.slug] AS edges
WHERE size(coalesce(o.themeSlugs, [])) <> size(edges) OR any(x IN edges WHERE NOT x IN coalesce(o.themeSlugs, []))
RETURN count(o)`)
		if n != 0 {
			t.Errorf("%s: %d organisations have theme slugs unlike their themes", when, n)
		}
	}
	importFile(t, s, "../../examples/organisations.csv", "own", false, ownCSV)
	stale("after the own CSV")
	importFile(t, s, "../importer/testdata/hsds/package", "dir", false, func(*os.File) (importer.Reader, error) {
		return importer.HSDSDir("../importer/testdata/hsds/package", "dir")
	})
	stale("after Open Referral")
	if n := count(t, s, "MATCH (o:Organisation) WHERE size(o.themeSlugs) > 0 RETURN count(o)"); n == 0 {
		t.Fatal("no organisation has themes: the test proves nothing")
	}
	// Merge one organisation with themes into another.
	var keep, merge string
	page, err := s.FindOrganisations(ctx, civic.OrganisationFilter{}, nil, civic.PageArgs{First: ptr(100)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range page.Items {
		switch {
		case merge == "" && len(o.Themes) > 0:
			merge = o.ID
		case keep == "":
			keep = o.ID
		}
	}
	if keep == "" || merge == "" {
		t.Fatal("no pair to merge")
	}
	if _, err := s.MergeOrganisations(civic.WithActor(ctx, "tester"), keep, merge); err != nil {
		t.Fatal(err)
	}
	stale("after a merge")
}
