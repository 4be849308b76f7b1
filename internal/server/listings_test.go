package server_test

import (
	"slices"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestListingQueries(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	areaOf := map[string]string{}
	for _, a := range c.Assets {
		areaOf[a.ID] = a.AreaID
	}
	// Computed from the register's dates, independently of the domain's rules.
	var expiring, moratorium, inWard []string
	ward := ""
	for _, l := range c.Registers.Listings {
		if l.Decision == civic.DecisionListed {
			expiry := l.ListedDate.AddDate(5, 0, 0)
			if !l.ListedDate.After(asOf) && !expiry.Before(asOf) && !expiry.After(asOf.AddDate(0, 0, 90)) {
				expiring = append(expiring, l.Reference)
			}
		}
		if l.NoticeToSellDate != nil {
			end := l.NoticeToSellDate.AddDate(0, 0, 42)
			if l.FullMoratoriumEnd != nil {
				end = *l.FullMoratoriumEnd
			}
			if !l.NoticeToSellDate.After(asOf) && !end.Before(asOf) {
				moratorium = append(moratorium, l.Reference)
			}
		}
		if ward == "" {
			ward = areaOf[l.AssetID]
		}
		if areaOf[l.AssetID] == ward {
			inWard = append(inWard, l.Reference)
		}
	}
	if len(expiring) == 0 || len(moratorium) == 0 {
		t.Fatalf("the demo has %d expiring listings and %d under moratorium: the test would prove little", len(expiring), len(moratorium))
	}
	type page struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				Reference       string
				Status          string
				UnderMoratorium bool
				MoratoriumEnd   *string
				Asset           struct {
					Listing struct{ Reference string }
				}
			}
		}
	}
	var out struct{ Expiring, Moratorium, Ward page }
	e.must(t, `query($on: Date!, $ward: ID!) {
  expiring: listings(first: 100, filter: {expiringWithinDays: 90, asOf: $on}) { totalCount edges { node { reference status(on: $on) } } }
  moratorium: listings(first: 100, filter: {underMoratorium: true, asOf: $on}) { totalCount edges { node { reference underMoratorium(on: $on) moratoriumEnd asset { listing { reference } } } } }
  ward: listings(first: 100, filter: {areaIds: [$ward]}) { totalCount edges { node { reference } } }
}`, map[string]any{"on": "2026-11-01", "ward": ward}, &out)
	refs := func(p page) []string {
		var out []string
		for _, ed := range p.Edges {
			out = append(out, ed.Node.Reference)
		}
		return out
	}
	if got := refs(out.Expiring); !slices.Equal(sortedSet(got), sortedSet(expiring)) {
		t.Errorf("expiring within 90 days: %v, want %v", got, expiring)
	}
	for _, ed := range out.Expiring.Edges {
		if ed.Node.Status != "LISTED" {
			t.Errorf("%s has status %s", ed.Node.Reference, ed.Node.Status)
		}
	}
	if got := refs(out.Moratorium); !slices.Equal(sortedSet(got), sortedSet(moratorium)) {
		t.Errorf("under moratorium: %v, want %v", got, moratorium)
	}
	for _, ed := range out.Moratorium.Edges {
		if !ed.Node.UnderMoratorium || ed.Node.MoratoriumEnd == nil || ed.Node.Asset.Listing.Reference != ed.Node.Reference {
			t.Errorf("listing under moratorium %+v", ed.Node)
		}
	}
	if got := refs(out.Ward); !slices.Equal(sortedSet(got), sortedSet(inWard)) {
		t.Errorf("in the ward: %v, want %v", got, inWard)
	}
	r := e.post(t, `{ listings(filter: {expiringWithinDays: -1}) { totalCount } }`, nil)
	if r.code() != "BAD_USER_INPUT" || !slices.Equal(fieldsOfError(r), []string{"filter.expiringWithinDays"}) {
		t.Errorf("negative days: %+v", r.Errors)
	}
}

func TestListingMutations(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	var made struct {
		Pub, Hall struct{ ID string }
		Friends   struct{ ID string }
	}
	e.must(t, `mutation($pub: String!, $hall: String!, $friends: String!) {
  pub: createAsset(input: {name: $pub, kind: BUILDING}) { id }
  hall: createAsset(input: {name: $hall, kind: BUILDING}) { id }
  friends: createOrganisation(input: {name: $friends, kind: INFORMAL_GROUP}) { id }
}`, map[string]any{"pub": uniqueName(t, "The Plough"), "hall": uniqueName(t, "Old Hall"), "friends": uniqueName(t, "Friends of the Plough")}, &made)

	const record = `mutation($in: RecordListingInput!) { recordListing(input: $in) {
  id reference decision listedDate expiryDate status(on: "2026-01-01") asset { id } nominator { id } } }`
	listing := func(asset, ref string, extra map[string]any) map[string]any {
		in := map[string]any{"assetId": asset, "reference": ref, "nominatorId": made.Friends.ID, "nominationDate": "2024-01-08"}
		for k, v := range extra {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	var rec struct {
		RecordListing struct {
			ID, Reference, Decision, ListedDate, ExpiryDate, Status string
		}
	}
	ref := uniqueName(t, "ACV")
	e.must(t, record, listing(made.Pub.ID, ref, map[string]any{"decision": "LISTED", "decisionDate": "2024-02-29"}), &rec)
	if l := rec.RecordListing; l.Decision != "LISTED" || l.ListedDate != "2024-02-29" || l.ExpiryDate != "2029-03-01" || l.Status != "LISTED" {
		t.Fatalf("recorded %+v", l)
	}
	const update = `mutation($id: ID!, $in: UpdateListingInput!) { updateListing(id: $id, input: $in) {
  noticeToSellDate interimMoratoriumEnd protectedPeriodEnd underMoratorium(on: "2025-06-01") } }`
	var upd struct {
		UpdateListing struct {
			NoticeToSellDate, InterimMoratoriumEnd, ProtectedPeriodEnd string
			UnderMoratorium                                            bool
		}
	}
	e.must(t, update, map[string]any{"id": rec.RecordListing.ID, "in": map[string]any{"noticeToSellDate": "2025-05-20"}}, &upd)
	if u := upd.UpdateListing; u.InterimMoratoriumEnd != "2025-07-01" || u.ProtectedPeriodEnd != "2026-11-20" || !u.UnderMoratorium {
		t.Fatalf("after the notice %+v", u)
	}

	bad := []struct {
		name   string
		query  string
		vars   map[string]any
		code   string
		fields []string
	}{
		{"decision before nomination", record, listing(made.Hall.ID, ref+"-2", map[string]any{"decision": "LISTED", "decisionDate": "2024-01-07"}),
			"BAD_USER_INPUT", []string{"decisionDate"}},
		{"listed before decided", record, listing(made.Hall.ID, ref+"-2", map[string]any{"decision": "LISTED", "decisionDate": "2024-03-01", "listedDate": "2024-02-01"}),
			"BAD_USER_INPUT", []string{"listedDate"}},
		{"expiry before listing", record, listing(made.Hall.ID, ref+"-2", map[string]any{"decision": "LISTED", "decisionDate": "2024-03-01", "expiryDate": "2024-03-01"}),
			"BAD_USER_INPUT", []string{"expiryDate"}},
		{"moratorium without notice", record, listing(made.Hall.ID, ref+"-2", map[string]any{"decision": "LISTED", "decisionDate": "2024-03-01", "fullMoratoriumEnd": "2024-10-01"}),
			"BAD_USER_INPUT", []string{"fullMoratoriumEnd"}},
		{"notice on a pending nomination", record, listing(made.Hall.ID, ref+"-2", map[string]any{"noticeToSellDate": "2024-06-01"}),
			"BAD_USER_INPUT", []string{"noticeToSellDate"}},
		{"full moratorium before the interim one ends", update, map[string]any{"id": rec.RecordListing.ID, "in": map[string]any{"fullMoratoriumEnd": "2025-06-01"}},
			"BAD_USER_INPUT", []string{"fullMoratoriumEnd"}},
		{"notice before listing", update, map[string]any{"id": rec.RecordListing.ID, "in": map[string]any{"noticeToSellDate": "2024-01-01"}},
			"BAD_USER_INPUT", []string{"noticeToSellDate"}},
		{"a second open listing", record, listing(made.Pub.ID, ref+"-3", nil), "CONFLICT", nil},
		{"a reference taken", record, listing(made.Hall.ID, c.Registers.Listings[0].Reference, nil), "CONFLICT", nil},
		{"an unknown asset", record, listing(civic.NewID(civic.KindAsset), ref+"-4", nil), "NOT_FOUND", []string{"assetId"}},
		{"an unknown listing", update, map[string]any{"id": civic.NewID(civic.KindListing), "in": map[string]any{"notes": "x"}}, "NOT_FOUND", nil},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := e.mustFail(t, tt.query, tt.vars, tt.code)
			if tt.fields != nil && !slices.Equal(fieldsOfError(r), tt.fields) {
				t.Errorf("fields %v, want %v", fieldsOfError(r), tt.fields)
			}
		})
	}
	var node struct {
		Node struct {
			Typename  string `json:"__typename"`
			Reference string
		}
	}
	e.must(t, `query($id: ID!) { node(id: $id) { __typename ... on Listing { reference } } }`, map[string]any{"id": rec.RecordListing.ID}, &node)
	if node.Node.Typename != "Listing" || node.Node.Reference != ref {
		t.Fatalf("node %+v", node)
	}
}
