package server_test

import (
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// TestRegistersChangeAndDelete covers the changes and deletions of the
// registers, and their lookups by ID, over HTTP.
func TestRegistersChangeAndDelete(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	var made struct {
		Rec              struct{ ID string }
		P                struct{ ID string } `json:"p"`
		A, B, Asset, Org struct{ ID string }
	}
	e.must(t, `mutation($p: String!, $a: String!, $b: String!, $asset: String!) {
  rec: createRecommendation(input: {code: "T-CRUD-01", title: "To change", theme: "food"}) { id }
  p: createPerson(input: {name: $p}) { id }
  a: createOrganisation(input: {name: $a, kind: CHARITY}) { id }
  b: createOrganisation(input: {name: $b, kind: CHARITY}) { id }
  asset: createAsset(input: {name: $asset, kind: GREEN_SPACE}) { id }
}`, map[string]any{"p": uniqueName(t, "Person"), "a": uniqueName(t, "A"), "b": uniqueName(t, "B"), "asset": uniqueName(t, "Park")}, &made)

	// Recommendations.
	var rec struct {
		UpdateRecommendation struct {
			Code  string
			Theme *struct{ Slug string }
		}
	}
	e.must(t, `mutation($id: ID!) { updateRecommendation(id: $id, input: {code: "t-crud-02", theme: ""}) { code theme { slug } } }`, map[string]any{"id": made.Rec.ID}, &rec)
	if rec.UpdateRecommendation.Code != "T-CRUD-02" || rec.UpdateRecommendation.Theme != nil {
		t.Fatalf("updated %+v", rec.UpdateRecommendation)
	}
	e.mustFail(t, `mutation($id: ID!) { updateRecommendation(id: $id, input: {code: "SI-01"}) { code } }`, map[string]any{"id": made.Rec.ID}, "CONFLICT")
	e.mustFail(t, `mutation($id: ID!) { updateRecommendation(id: $id, input: {theme: "nope"}) { code } }`, map[string]any{"id": made.Rec.ID}, "BAD_USER_INPUT")
	e.must(t, `mutation($id: ID!) { deleteRecommendation(id: $id) { id } }`, map[string]any{"id": made.Rec.ID}, nil)
	e.mustFail(t, `mutation($id: ID!) { deleteRecommendation(id: $id) { id } }`, map[string]any{"id": made.Rec.ID}, "NOT_FOUND")

	// Champions: change, look up, filter.
	var ch struct{ AppointChampion struct{ ID string } }
	e.must(t, `mutation($p: ID!, $area: ID!) { appointChampion(input: {personId: $p, areaIds: [$area], since: "2024-01-01"}) { id } }`,
		map[string]any{"p": made.P.ID, "area": c.Areas[5].ID}, &ch)
	var upd struct {
		UpdateChampion struct {
			Statement string
			Themes    []struct{ Slug string }
			Areas     []struct{ ID string }
		}
	}
	e.must(t, `mutation($id: ID!) { updateChampion(id: $id, input: {themes: ["youth"], statement: "Ask me"}) { statement themes { slug } areas { id } } }`,
		map[string]any{"id": ch.AppointChampion.ID}, &upd)
	if upd.UpdateChampion.Statement != "Ask me" || len(upd.UpdateChampion.Themes) != 1 || len(upd.UpdateChampion.Areas) != 1 {
		t.Fatalf("updated champion %+v", upd.UpdateChampion)
	}
	e.mustFail(t, `mutation($id: ID!) { updateChampion(id: $id, input: {areaIds: [], themes: []}) { id } }`, map[string]any{"id": ch.AppointChampion.ID}, "BAD_USER_INPUT")
	e.mustFail(t, `mutation($id: ID!) { updateChampion(id: $id, input: {themes: ["food"]}) { id } }`, map[string]any{"id": civic.NewID(civic.KindChampion)}, "NOT_FOUND")
	var found struct {
		Champion  struct{ Person struct{ ID string } }
		Champions struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.must(t, `query($id: ID!, $area: ID!) { champion(id: $id) { person { id } } champions(first: 500, filter: {areaIds: [$area], themes: ["youth"]}) { edges { node { id } } } }`,
		map[string]any{"id": ch.AppointChampion.ID, "area": c.Areas[5].ID}, &found)
	if found.Champion.Person.ID != made.P.ID || !slices.ContainsFunc(found.Champions.Edges, func(ed struct{ Node struct{ ID string } }) bool { return ed.Node.ID == ch.AppointChampion.ID }) {
		t.Fatalf("looked up %+v", found)
	}

	// Introductions: change and delete.
	var in struct{ RecordIntroduction struct{ ID string } }
	e.must(t, `mutation($c: ID!, $a: ID!, $b: ID!) { recordIntroduction(input: {championId: $c, organisationIds: [$a, $b], date: "2024-05-01"}) { id } }`,
		map[string]any{"c": ch.AppointChampion.ID, "a": made.A.ID, "b": made.B.ID}, &in)
	var ui struct{ UpdateIntroduction struct{ Outcome string } }
	e.must(t, `mutation($id: ID!) { updateIntroduction(id: $id, input: {outcome: "Meeting again in June"}) { outcome } }`, map[string]any{"id": in.RecordIntroduction.ID}, &ui)
	if ui.UpdateIntroduction.Outcome != "Meeting again in June" {
		t.Fatalf("outcome %q", ui.UpdateIntroduction.Outcome)
	}
	var got struct{ Introduction *struct{ ID string } }
	e.must(t, `mutation($id: ID!) { deleteIntroduction(id: $id) { id } }`, map[string]any{"id": in.RecordIntroduction.ID}, nil)
	e.must(t, `query($id: ID!) { introduction(id: $id) { id } }`, map[string]any{"id": in.RecordIntroduction.ID}, &got)
	if got.Introduction != nil {
		t.Fatal("a deleted introduction is still found")
	}
	e.mustFail(t, `mutation($id: ID!) { updateIntroduction(id: $id, input: {outcome: "x"}) { id } }`, map[string]any{"id": in.RecordIntroduction.ID}, "NOT_FOUND")

	// Listings: look up and delete.
	var l struct{ RecordListing struct{ ID string } }
	e.must(t, `mutation($asset: ID!, $org: ID!, $ref: String!) { recordListing(input: {assetId: $asset, reference: $ref, nominatorId: $org, nominationDate: "2025-01-01"}) { id } }`,
		map[string]any{"asset": made.Asset.ID, "org": made.A.ID, "ref": uniqueName(t, "ACV")}, &l)
	var gl struct {
		Listing *struct {
			Status string
			Asset  struct{ ID string }
		}
	}
	e.must(t, `query($id: ID!) { listing(id: $id) { status asset { id } } }`, map[string]any{"id": l.RecordListing.ID}, &gl)
	if gl.Listing == nil || gl.Listing.Status != "NOMINATED" || gl.Listing.Asset.ID != made.Asset.ID {
		t.Fatalf("listing %+v", gl.Listing)
	}
	e.must(t, `mutation($id: ID!) { deleteListing(id: $id) { id } }`, map[string]any{"id": l.RecordListing.ID}, nil)
	e.must(t, `query($id: ID!) { listing(id: $id) { status asset { id } } }`, map[string]any{"id": l.RecordListing.ID}, &gl)
	if gl.Listing != nil {
		t.Fatal("a deleted listing is still found")
	}
	e.mustFail(t, `mutation($id: ID!) { deleteListing(id: $id) { id } }`, map[string]any{"id": l.RecordListing.ID}, "NOT_FOUND")

	// Space needs: filter by organisation and status.
	var n struct{ RecordSpaceNeed struct{ ID string } }
	e.must(t, `mutation($org: ID!, $area: ID!) { recordSpaceNeed(input: {organisationId: $org, description: "Storage", uses: [STORAGE], areaId: $area}) { id } }`,
		map[string]any{"org": made.B.ID, "area": c.Areas[5].ID}, &n)
	var needs struct {
		Open, Withdrawn struct{ TotalCount int }
	}
	e.must(t, `mutation($id: ID!) { updateSpaceNeed(id: $id, input: {status: WITHDRAWN}) { status } }`, map[string]any{"id": n.RecordSpaceNeed.ID}, nil)
	e.must(t, `query($org: ID!) {
  open: spaceNeeds(filter: {organisationIds: [$org], statuses: [OPEN]}) { totalCount }
  withdrawn: spaceNeeds(filter: {organisationIds: [$org], statuses: [WITHDRAWN], uses: [STORAGE]}) { totalCount }
}`, map[string]any{"org": made.B.ID}, &needs)
	if needs.Open.TotalCount != 0 || needs.Withdrawn.TotalCount != 1 {
		t.Fatalf("needs %+v", needs)
	}
	e.mustFail(t, `mutation($id: ID!) { updateSpaceNeed(id: $id, input: {withinKm: 100, uses: []}) { id } }`, map[string]any{"id": n.RecordSpaceNeed.ID}, "BAD_USER_INPUT")
	e.mustFail(t, `mutation($id: ID!) { updateSpaceNeed(id: $id, input: {status: MET}) { id } }`, map[string]any{"id": civic.NewID(civic.KindSpaceNeed)}, "NOT_FOUND")
}
