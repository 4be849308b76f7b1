package neo4j_test

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
	"github.com/civicgraph/civicgraph/internal/exporter"
	"github.com/civicgraph/civicgraph/internal/importer"
)

// instant returns the time now, a moment after what came before it, so
// that changes before and after it are told apart.
func instant(t *testing.T) time.Time {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	at := time.Now().UTC()
	time.Sleep(20 * time.Millisecond)
	return at
}

func TestHistoryAndAsOf(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := civic.WithActor(context.Background(), "alice")
	before := instant(t)
	o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: ptr("Old Name Group"), Kind: ptr(civic.OrgCharity), Themes: []string{"food"}, AreaID: &f.ward.ID})
	if err != nil {
		t.Fatal(err)
	}
	partner := createOrg(t, s, "Partner", civic.OrgCharity, "")
	col, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: o.ID, ToID: partner.ID, Intensity: civic.IntensityCooperation})
	if err != nil {
		t.Fatal(err)
	}
	created := instant(t)
	if _, err := s.UpdateOrganisation(civic.WithActor(context.Background(), "bob"), o.ID, civic.OrganisationInput{Name: ptr("New Name Group"), Themes: []string{"food", "housing"}, Source: ptr("survey-2026")}); err != nil {
		t.Fatal(err)
	}
	renamed := instant(t)
	if _, err := s.DeleteOrganisation(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	deleted := instant(t)

	// history(id): newest first, each change with its fields, source and actor.
	hist, err := s.HistoryOf(ctx, []string{o.ID}, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	h := hist[0].Items
	if len(h) != 3 || h[0].Op != civic.OpDelete || h[1].Op != civic.OpUpdate || h[2].Op != civic.OpCreate {
		t.Fatalf("history %+v", h)
	}
	upd := h[1]
	fields := map[string]civic.FieldChange{}
	for _, fc := range upd.Fields {
		fields[fc.Field] = fc
	}
	if upd.Actor != "bob" || upd.Source != "survey-2026" || *fields["name"].Old != `"Old Name Group"` || *fields["name"].New != `"New Name Group"` ||
		*fields["themes"].Old != `["food"]` || *fields["themes"].New != `["food","housing"]` || len(upd.Fields) != 2 {
		t.Fatalf("the update recorded %+v", upd)
	}
	if h[2].Actor != "alice" || h[0].Actor != "alice" {
		t.Fatalf("actors %q %q", h[2].Actor, h[0].Actor)
	}

	// asOf: before it existed, as created, as renamed, after the delete.
	for _, tt := range []struct {
		at   time.Time
		name string // "" when it did not exist (or was deleted)
	}{{before, ""}, {created, "Old Name Group"}, {renamed, "New Name Group"}, {deleted, ""}} {
		got, err := s.FindOrganisationAsOf(ctx, o.ID, tt.at)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.name == "" && got != nil:
			t.Errorf("at %v it should not exist, got %q", tt.at, got.Name)
		case tt.name != "" && (got == nil || got.Name != tt.name):
			t.Errorf("at %v: %+v, want %q", tt.at, got, tt.name)
		}
	}
	if got, _ := s.FindOrganisationAsOf(ctx, o.ID, created); strings.Join(got.Themes, ",") != "food" || got.AreaID != f.ward.ID {
		t.Errorf("as created: themes %v area %q", got.Themes, got.AreaID)
	}
	page, err := s.FindOrganisations(ctx, civic.OrganisationFilter{AsOf: &created}, nil, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range page.Items {
		names = append(names, x.Name)
	}
	if strings.Join(names, ",") != "Old Name Group,Partner" {
		t.Fatalf("organisations as created: %v", names)
	}
	// The collaboration existed while both ends did.
	cols, err := s.FindCollaborations(ctx, civic.CollaborationFilter{AsOf: &renamed}, civic.PageArgs{})
	if err != nil || cols.Total != 1 || cols.Items[0].ID != col.ID {
		t.Fatalf("collaborations as renamed: %+v %v", cols, err)
	}
	cols, _ = s.FindCollaborations(ctx, civic.CollaborationFilter{AsOf: &deleted}, civic.PageArgs{})
	if cols.Total != 0 {
		t.Fatalf("a collaboration of a deleted organisation counted: %+v", cols)
	}
	withPartner, _ := s.CollaborationsOf(ctx, []string{partner.ID}, civic.CollaborationFilter{AsOf: &created}, civic.PageArgs{})
	if withPartner[0].Total != 1 || withPartner[0].Items[0].Partner.Name != "Old Name Group" {
		t.Fatalf("the partner's collaborations as created: %+v", withPartner[0])
	}

	// Restore undoes the delete, and is recorded.
	if err := s.Restore(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindOrganisationByID(ctx, o.ID); got == nil || got.Name != "New Name Group" {
		t.Fatalf("restored: %+v", got)
	}
	if got, _ := s.FindOrganisationAsOf(ctx, o.ID, deleted); got != nil {
		t.Fatalf("restoring changed the past: at the delete it existed")
	}
	if got, _ := s.FindOrganisationAsOf(ctx, o.ID, instant(t)); got == nil {
		t.Fatalf("not there after the restore")
	}
	wantCode(t, s.Restore(ctx, o.ID), civic.CodeConflict)
	wantCode(t, s.Restore(ctx, "org_nope"), civic.CodeNotFound)
}

func TestLinkAndCollaborationHistory(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	a := createOrg(t, s, "A", civic.OrgCharity, "")
	b := createOrg(t, s, "B", civic.OrgCharity, "")
	p, err := s.CreatePartnership(ctx, civic.PartnershipInput{Name: ptr("Forum"), Kind: ptr(civic.PartnershipForum)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMembership(ctx, civic.MembershipInput{OrganisationID: a.ID, PartnershipID: p.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMembership(ctx, civic.MembershipInput{OrganisationID: a.ID, PartnershipID: p.ID, Role: ptr(civic.MemberRoleChair)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveMembership(ctx, a.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	c, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityAwareness})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EndCollaboration(ctx, c.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	hist, err := s.HistoryOf(ctx, []string{civic.LinkKey("MEMBER_OF", a.ID, p.ID, ""), c.ID}, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, ch := range hist[0].Items {
		ops = append(ops, string(ch.Op))
	}
	if strings.Join(ops, ",") != "delete,update,create" || hist[0].Items[1].Fields[0].Field != "role" {
		t.Fatalf("membership history %v %+v", ops, hist[0].Items)
	}
	if hist[1].Total != 2 || hist[1].Items[0].Fields[0].Field != "until" {
		t.Fatalf("collaboration history %+v", hist[1].Items)
	}
}

func TestMergeOrganisations(t *testing.T) {
	s := openStore(t)
	ctx := civic.WithActor(context.Background(), "admin")
	seedFixture(t, s)
	keep := createOrg(t, s, "Sparkhill Food Bank", civic.OrgCharity, "", "food")
	dup, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: ptr("Sparkhill Foodbank"), Kind: ptr(civic.OrgCharity), OrgID: ptr("GB-CHC-1164883"),
		Website: ptr("https://foodbank.example.org"), Themes: []string{"housing"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddIdentifier(ctx, dup.ID, "GB-COH-1234567"); err != nil {
		t.Fatal(err)
	}
	other := createOrg(t, s, "Other", civic.OrgCharity, "")
	c1, _ := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: dup.ID, ToID: other.ID, Intensity: civic.IntensityCooperation})
	between, _ := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: keep.ID, ToID: dup.ID, Intensity: civic.IntensityAwareness})
	p, _ := s.CreatePartnership(ctx, civic.PartnershipInput{Name: ptr("Food Network"), Kind: ptr(civic.PartnershipNetwork)})
	if _, err := s.AddMembership(ctx, civic.MembershipInput{OrganisationID: dup.ID, PartnershipID: p.ID}); err != nil {
		t.Fatal(err)
	}

	merged, err := s.MergeOrganisations(ctx, keep.ID, dup.ID)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(merged.Themes)
	if merged.OrgID != "GB-CHC-1164883" || merged.Website != "https://foodbank.example.org" || strings.Join(merged.Themes, ",") != "food,housing" {
		t.Fatalf("kept organisation %+v", merged)
	}
	ids, _ := s.IdentifiersOf(ctx, []string{keep.ID, dup.ID})
	if len(ids[0]) != 2 || ids[0][0].ID != "GB-CHC-1164883" || ids[0][1].ID != "GB-COH-01234567" || len(ids[1]) != 0 {
		t.Fatalf("identifiers after the merge: %v", ids)
	}
	if got, _ := s.FindCollaborationByID(ctx, c1.ID); got == nil || got.FromID != keep.ID {
		t.Fatalf("collaboration moved: %+v", got)
	}
	if got, _ := s.FindCollaborationByID(ctx, between.ID); got != nil {
		t.Fatalf("the collaboration between the two should be deleted, it would join the kept one to itself")
	}
	mem, _ := s.MembershipsOfOrganisations(ctx, []string{keep.ID}, civic.PageArgs{})
	if mem[0].Total != 1 || mem[0].Items[0].Partnership.ID != p.ID {
		t.Fatalf("memberships of the kept organisation %+v", mem[0])
	}
	if got, _ := s.FindOrganisationByID(ctx, dup.ID); got != nil {
		t.Fatalf("the merged organisation is still visible")
	}
	if n := count(t, s, "MATCH (m:Organisation {mergedInto: '"+keep.ID+"'})-[:MERGED_INTO]->(:Organisation {id: '"+keep.ID+"'}) WHERE m.deletedAt IS NOT NULL RETURN count(m)"); n != 1 {
		t.Fatalf("the merged organisation is not kept as merged")
	}
	// The kept one's history holds both histories.
	hist, _ := s.HistoryOf(ctx, []string{keep.ID}, civic.PageArgs{First: ptr(100)})
	targets := map[string]int{}
	for _, ch := range hist[0].Items {
		targets[ch.TargetID]++
	}
	if targets[keep.ID] < 2 || targets[dup.ID] < 3 {
		t.Fatalf("history after the merge covers %v", targets)
	}
	// An import naming the merged organisation's identifier finds the kept one.
	path := writeTemp(t, "orgs.csv", "name,kind,orgId\nSparkhill Food Bank,charity,GB-COH-1234567\n")
	sum := importFile(t, s, path, "t", false, ownCSV)
	if sum.Created != 0 || count(t, s, "MATCH (o:Organisation) RETURN count(o)") != 3 {
		t.Fatalf("import after merge: %+v", sum)
	}
	wantCode(t, s.Restore(ctx, dup.ID), civic.CodeConflict)
	_, err = s.MergeOrganisations(ctx, keep.ID, keep.ID)
	wantCode(t, err, civic.CodeBadUserInput)
	_, err = s.MergeOrganisations(ctx, keep.ID, dup.ID)
	wantCode(t, err, civic.CodeNotFound)
}

func TestDuplicateCandidates(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	mk := func(name, postcode string, lat, lon float64) *civic.Organisation {
		in := civic.OrganisationInput{Name: &name, Kind: ptr(civic.OrgCharity)}
		if postcode != "" {
			in.Postcode = &postcode
		}
		if lat != 0 {
			in.Location = &civic.GeoPoint{Latitude: lat, Longitude: lon}
		}
		o, err := s.CreateOrganisation(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	a := mk("Sparkhill Food Bank", "B11 4BW", 0, 0)
	b := mk("The Sparkhill Foodbank Ltd", "B11 4BW", 0, 0)
	mk("Ladywood Youth Club", "B11 4BW", 0, 0)
	c := mk("Moseley Community Choir", "", 52.4450, -1.8870)
	d := mk("Moseley Community Choir CIC", "", 52.4452, -1.8871)
	mk("Moseley Community Choir", "", 52.5000, -1.9500) // same name, far away
	e := mk("Acocks Green Allotments", "", 0, 0)
	f := mk("AG Allotment Society", "", 0, 0)
	// One has the company number as a spreadsheet left it, from before
	// identifiers were normalised.
	exec(t, s, "MATCH (o:Organisation {id: '"+e.ID+"'}) SET o.orgId = 'GB-COH-1234567'")
	if _, err := s.AddIdentifier(ctx, f.ID, "GB-COH-01234567"); err != nil {
		t.Fatal(err)
	}
	cands, err := s.DuplicateCandidates(ctx, 0.5, 10)
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[[2]string]civic.DuplicateCandidate{}
	for _, cd := range cands {
		pairs[[2]string{cd.A.ID, cd.B.ID}] = cd
		pairs[[2]string{cd.B.ID, cd.A.ID}] = cd
	}
	if len(cands) != 3 {
		t.Fatalf("%d candidates: %+v", len(cands), cands)
	}
	if cd := pairs[[2]string{e.ID, f.ID}]; cd.Score != 1 || !strings.Contains(cd.Reasons[0], "same identifier") {
		t.Fatalf("shared identifier: %+v", cd)
	}
	if cd := pairs[[2]string{a.ID, b.ID}]; cd.Score < 0.9 || !strings.Contains(cd.Reasons[0], "same postcode") {
		t.Fatalf("same postcode: %+v", cd)
	}
	if cd := pairs[[2]string{c.ID, d.ID}]; cd.Score < 0.85 || !strings.Contains(cd.Reasons[0], "m apart") {
		t.Fatalf("nearby: %+v", cd)
	}
	if cands[0].Score != 1 {
		t.Fatalf("not best first: %+v", cands)
	}
}

func TestStaleRecords(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	fresh := createOrg(t, s, "Fresh", civic.OrgCharity, "")
	old := createOrg(t, s, "Old", civic.OrgCharity, "")
	never := createOrg(t, s, "Never", civic.OrgCharity, "")
	exec(t, s, "MATCH (o:Organisation {id: '"+old.ID+"'}) SET o.lastVerified = date('2020-01-01')")
	exec(t, s, "MATCH (o:Organisation {id: '"+never.ID+"'}) SET o.lastVerified = null, o.createdAt = datetime('2019-06-01T00:00:00Z')")
	cutoff := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	page, err := s.StaleRecords(ctx, cutoff, nil, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || page.Items[0].ID != never.ID || page.Items[0].LastVerified != nil || page.Items[1].ID != old.ID {
		t.Fatalf("stale records %+v", page.Items)
	}
	if err := s.MarkVerified(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	page, _ = s.StaleRecords(ctx, cutoff, []civic.EntityKind{civic.KindOrganisation}, civic.PageArgs{})
	if page.Total != 1 || page.Items[0].ID != never.ID {
		t.Fatalf("after verifying: %+v", page.Items)
	}
	_ = fresh
	_, err = s.StaleRecords(ctx, cutoff, []civic.EntityKind{civic.KindTheme}, civic.PageArgs{})
	wantCode(t, err, civic.CodeBadUserInput)
}

// TestExportRoundTrip exports the demo city (with deletes and a merge),
// imports the export into an empty database and exports again: the two
// exports are the same, byte for byte.
func TestExportRoundTrip(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	if err := demo.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	page, _ := s.FindOrganisations(ctx, civic.OrganisationFilter{}, nil, civic.PageArgs{First: ptr(3)})
	if _, err := s.DeleteOrganisation(ctx, page.Items[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeOrganisations(ctx, page.Items[1].ID, page.Items[2].ID); err != nil {
		t.Fatal(err)
	}
	sum := importFile(t, s, "../importer/testdata/360giving/grants.json", "grants", false, func(f *os.File) (importer.Reader, error) {
		return importer.Giving360JSON(f, "grants")
	})
	if sum.Created != 3 {
		t.Fatalf("grants: %+v", sum)
	}
	var first bytes.Buffer
	n, err := exporter.JSON(ctx, s, &first)
	if err != nil {
		t.Fatal(err)
	}
	if n < 3000 {
		t.Fatalf("only %d records exported", n)
	}
	// Consents and needs are part of what must come back.
	for _, want := range []string{`"contactConsent":true`, `"discoverable":true`, `"needsAssetKinds":[`, `"needsSkills":[`} {
		if !bytes.Contains(first.Bytes(), []byte(want)) {
			t.Errorf("the export of the demo city has no %s", want)
		}
	}
	resetStore(t, s)
	r, err := importer.OwnJSON(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sum, err = importer.Run(ctx, s, r, importer.Options{Dataset: "restore"})
	if err != nil || sum.Created != n || sum.Rejected != 0 {
		t.Fatalf("importing the export: %+v %v", sum, err)
	}
	var second bytes.Buffer
	if _, err := exporter.JSON(ctx, s, &second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		a, b := strings.Split(first.String(), "\n"), strings.Split(second.String(), "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("exports differ at line %d:\n%s\n%s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("exports differ in length: %d and %d lines", len(a), len(b))
	}
}
