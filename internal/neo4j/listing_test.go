package neo4j_test

import (
	"context"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

func createAsset(t *testing.T, s *neo4j.Store, name string, kind civic.AssetKind, areaID string, loc *civic.GeoPoint, capacity *int) *civic.Asset {
	t.Helper()
	in := civic.AssetInput{Name: &name, Kind: &kind, Location: loc, Capacity: capacity}
	if areaID != "" {
		in.AreaID = &areaID
	}
	a, err := s.CreateAsset(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func dayString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func TestListings(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	other, err := s.CreateArea(ctx, civic.AreaInput{Name: ptr("Moseley"), Kind: ptr(civic.AreaWard), ParentID: &f.city.ID})
	if err != nil {
		t.Fatal(err)
	}
	pub := createAsset(t, s, "The Red Lion", civic.AssetBuilding, f.ward.ID, nil, nil)
	park := createAsset(t, s, "Farm Park", civic.AssetGreenSpace, other.ID, nil, nil)
	hall := createAsset(t, s, "Old Library", civic.AssetBuilding, f.ward.ID, nil, nil)
	friends := createOrg(t, s, "Friends of the Red Lion", civic.OrgInformalGroup, f.ward.ID)
	listed, refused := civic.DecisionListed, civic.DecisionRefused

	l, err := s.RecordListing(ctx, civic.ListingInput{AssetID: &pub.ID, Reference: ptr("ACV/2022/01"), NominatorID: &friends.ID,
		NominationDate: date("2022-01-10"), Decision: &listed, DecisionDate: date("2022-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	if l.AssetID != pub.ID || l.NominatorID != friends.ID || dayString(l.ListedDate) != "2022-03-01" || dayString(l.ExpiryDate) != "2027-03-01" {
		t.Fatalf("recorded %+v", l)
	}
	// The owner gives notice to sell; a group asks to bid.
	u, err := s.UpdateListing(ctx, l.ID, civic.ListingInput{NoticeToSellDate: date("2025-09-01"), FullMoratoriumEnd: date("2026-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	if dayString(u.InterimMoratoriumEnd) != "2025-10-13" || dayString(u.ProtectedPeriodEnd) != "2027-03-01" || u.Reference != "ACV/2022/01" {
		t.Fatalf("after notice %+v", u)
	}
	pk, err := s.RecordListing(ctx, civic.ListingInput{AssetID: &park.ID, Reference: ptr("ACV/2024/02"), NominatorID: &friends.ID,
		NominationDate: date("2024-05-01"), Decision: &listed, DecisionDate: date("2024-06-01"), ExpiryDate: date("2026-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	rf, err := s.RecordListing(ctx, civic.ListingInput{AssetID: &hall.ID, Reference: ptr("ACV/2024/03"), NominatorID: &friends.ID,
		NominationDate: date("2024-05-01"), Decision: &refused, DecisionDate: date("2024-06-20")})
	if err != nil {
		t.Fatal(err)
	}

	find := func(f civic.ListingFilter) []string {
		t.Helper()
		page, err := s.FindListings(ctx, f, civic.PageArgs{})
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, l := range page.Items {
			refs = append(refs, l.Reference)
		}
		return refs
	}
	asOf := date("2026-01-15")
	tests := []struct {
		name   string
		filter civic.ListingFilter
		want   []string
	}{
		{"all", civic.ListingFilter{}, []string{"ACV/2022/01", "ACV/2024/02", "ACV/2024/03"}},
		// The park expires 2026-12-31 (350 days on), the pub 2027-03-01 (410 days).
		{"expiring within 350 days", civic.ListingFilter{AsOf: asOf, ExpiringWithinDays: ptr(350)}, []string{"ACV/2024/02"}},
		{"expiring within 410 days, soonest first", civic.ListingFilter{AsOf: asOf, ExpiringWithinDays: ptr(410)}, []string{"ACV/2024/02", "ACV/2022/01"}},
		{"expiring within 349 days", civic.ListingFilter{AsOf: asOf, ExpiringWithinDays: ptr(349)}, nil},
		{"in the ward", civic.ListingFilter{AreaIDs: []string{f.ward.ID}}, []string{"ACV/2022/01", "ACV/2024/03"}},
		{"in the city", civic.ListingFilter{AreaIDs: []string{f.city.ID}, Decisions: []civic.ListingDecision{listed}}, []string{"ACV/2022/01", "ACV/2024/02"}},
		{"under moratorium on its last day", civic.ListingFilter{AsOf: date("2026-03-01"), UnderMoratorium: ptr(true)}, []string{"ACV/2022/01"}},
		{"under moratorium the day after", civic.ListingFilter{AsOf: date("2026-03-02"), UnderMoratorium: ptr(true)}, nil},
		{"listed in 2028", civic.ListingFilter{AsOf: date("2028-01-01"), Statuses: []civic.ListingStatus{civic.ListingExpired}}, []string{"ACV/2022/01", "ACV/2024/02"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := find(tt.filter); len(got) != len(tt.want) || len(got) > 0 && got[0] != tt.want[0] || len(got) > 1 && got[1] != tt.want[1] {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if cur, _ := s.CurrentListingsOfAssets(ctx, []string{pub.ID, park.ID, friends.ID}); cur[0].ID != l.ID || cur[1].ID != pk.ID || cur[2] != nil {
		t.Fatalf("current listings %+v", cur)
	}

	before := graphSize(t, s)
	bad := []struct {
		name   string
		record *civic.ListingInput
		update *civic.ListingInput
		code   civic.Code
	}{
		{"second open listing of the pub", &civic.ListingInput{AssetID: &pub.ID, Reference: ptr("ACV/2026/09"), NominatorID: &friends.ID,
			NominationDate: date("2025-01-01")}, nil, civic.CodeConflict},
		{"reference taken", &civic.ListingInput{AssetID: &hall.ID, Reference: ptr("ACV/2022/01"), NominatorID: &friends.ID,
			NominationDate: date("2025-01-01")}, nil, civic.CodeConflict},
		{"unknown nominator", &civic.ListingInput{AssetID: &hall.ID, Reference: ptr("ACV/2026/10"), NominatorID: ptr(civic.NewID(civic.KindOrganisation)),
			NominationDate: date("2025-01-01")}, nil, civic.CodeNotFound},
		{"decision before nomination", &civic.ListingInput{AssetID: &hall.ID, Reference: ptr("ACV/2026/11"), NominatorID: &friends.ID,
			NominationDate: date("2025-01-01"), Decision: &listed, DecisionDate: date("2024-12-31")}, nil, civic.CodeBadUserInput},
		{"notice before listing", nil, &civic.ListingInput{NoticeToSellDate: date("2021-01-01")}, civic.CodeBadUserInput},
		{"expiry moved before the notice", nil, &civic.ListingInput{ExpiryDate: date("2025-06-01")}, civic.CodeBadUserInput},
		{"refusing a listed asset with a notice", nil, &civic.ListingInput{Decision: &refused}, civic.CodeBadUserInput},
		{"changing the asset", nil, &civic.ListingInput{AssetID: &hall.ID}, civic.CodeBadUserInput},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.record != nil {
				_, err = s.RecordListing(ctx, *tt.record)
			} else {
				_, err = s.UpdateListing(ctx, l.ID, *tt.update)
			}
			wantCode(t, err, tt.code)
			if after := graphSize(t, s); after != before {
				t.Fatalf("graph changed from %v to %v", before, after)
			}
		})
	}
	// A refused nomination does not stop a new one.
	if _, err := s.RecordListing(ctx, civic.ListingInput{AssetID: &hall.ID, Reference: ptr("ACV/2025/04"), NominatorID: &friends.ID,
		NominationDate: date("2025-02-01")}); err != nil {
		t.Fatalf("renominating after a refusal: %v", err)
	}
	if cur, _ := s.CurrentListingsOfAssets(ctx, []string{hall.ID}); cur[0].Reference != "ACV/2025/04" || cur[0].Decision != civic.DecisionPending {
		t.Fatalf("current listing of the hall %+v", cur[0])
	}
	_ = rf
}
