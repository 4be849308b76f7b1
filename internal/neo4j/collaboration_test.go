package neo4j_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestRecordCollaboration(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	a := createOrg(t, s, "A", civic.OrgCharity, f.ward.ID, "food")
	b := createOrg(t, s, "B", civic.OrgCouncil, f.ward.ID)

	c, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityCooperation,
		Description: ptr("Holiday hunger programme"), Since: date("2021-03-01"), Themes: []string{"food"}, Source: ptr("survey")})
	if err != nil {
		t.Fatal(err)
	}
	if c.FromID != a.ID || c.ToID != b.ID || c.Intensity != civic.IntensityCooperation || !c.Since.Equal(*date("2021-03-01")) ||
		c.Until != nil || len(c.Themes) != 1 || c.Source != "survey" || c.CreatedAt.IsZero() {
		t.Fatalf("recorded %+v", c)
	}
	if got, err := s.FindCollaborationByID(ctx, c.ID); err != nil || got == nil || got.ID != c.ID {
		t.Fatalf("find = %+v, %v", got, err)
	}

	before := graphSize(t, s)
	bad := []struct {
		name string
		in   civic.CollaborationInput
		code civic.Code
	}{
		{"with itself", civic.CollaborationInput{FromID: a.ID, ToID: a.ID, Intensity: civic.IntensityAwareness}, civic.CodeBadUserInput},
		{"unknown organisation", civic.CollaborationInput{FromID: a.ID, ToID: civic.NewID(civic.KindOrganisation), Intensity: civic.IntensityAwareness}, civic.CodeNotFound},
		{"duplicate active, either direction", civic.CollaborationInput{FromID: b.ID, ToID: a.ID, Intensity: civic.IntensityIntegration}, civic.CodeConflict},
		{"unknown theme", civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityAwareness, Until: date("2020-01-01"), Themes: []string{"nope"}}, civic.CodeBadUserInput},
		{"until before since", civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityAwareness, Since: date("2020-02-01"), Until: date("2020-01-01")}, civic.CodeBadUserInput},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.RecordCollaboration(ctx, tt.in)
			wantCode(t, err, tt.code)
			if after := graphSize(t, s); after != before {
				t.Fatalf("graph changed from %v to %v", before, after)
			}
		})
	}

	// A past, ended collaboration between the same pair is history, not a duplicate.
	if _, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityAwareness,
		Since: date("2015-01-01"), Until: date("2016-01-01")}); err != nil {
		t.Fatalf("recording an ended collaboration: %v", err)
	}

	// Ending it frees the pair for a new one.
	_, err = s.EndCollaboration(ctx, c.ID, *date("2021-02-01"))
	wantCode(t, err, civic.CodeBadUserInput)
	ended, err := s.EndCollaboration(ctx, c.ID, *date("2024-12-31"))
	if err != nil || ended.Until == nil || !ended.Until.Equal(*date("2024-12-31")) {
		t.Fatalf("end = %+v, %v", ended, err)
	}
	_, err = s.EndCollaboration(ctx, c.ID, *date("2025-01-31"))
	wantCode(t, err, civic.CodeConflict)
	next, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityIntegration, Since: date("2025-01-01")})
	if err != nil {
		t.Fatalf("recording after the end: %v", err)
	}
	// Reopening the ended one would make two active ones.
	_, err = s.UpdateCollaboration(ctx, c.ID, civic.CollaborationUpdate{Until: date("2999-01-01")})
	wantCode(t, err, civic.CodeConflict)

	up, err := s.UpdateCollaboration(ctx, next.ID, civic.CollaborationUpdate{Intensity: ptr(civic.IntensityCoordination), Description: ptr("Joint board")})
	if err != nil || up.Intensity != civic.IntensityCoordination || up.Description != "Joint board" || !up.Since.Equal(*date("2025-01-01")) {
		t.Fatalf("update = %+v, %v", up, err)
	}
	_, err = s.UpdateCollaboration(ctx, next.ID, civic.CollaborationUpdate{Until: date("2024-01-01")})
	wantCode(t, err, civic.CodeBadUserInput)

	del, err := s.DeleteCollaboration(ctx, next.ID)
	if err != nil || del.DeletedAt == nil {
		t.Fatalf("delete = %+v, %v", del, err)
	}
	if got, _ := s.FindCollaborationByID(ctx, next.ID); got != nil {
		t.Fatal("deleted collaboration is still visible")
	}
	_, err = s.EndCollaboration(ctx, next.ID, time.Now())
	wantCode(t, err, civic.CodeNotFound)
}

// TestRecordCollaborationConcurrently records the same pair from many
// goroutines at once: exactly one may win.
func TestRecordCollaborationConcurrently(t *testing.T) {
	s := openStore(t)
	a := createOrg(t, s, "A", civic.OrgCharity, "")
	b := createOrg(t, s, "B", civic.OrgCharity, "")
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := a.ID, b.ID
			if i%2 == 1 {
				from, to = to, from
			}
			_, errs[i] = s.RecordCollaboration(context.Background(), civic.CollaborationInput{FromID: from, ToID: to, Intensity: civic.IntensityAwareness})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case civic.ErrorCode(err) != civic.CodeConflict:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of %d concurrent records succeeded, want 1", ok, n)
	}
	if c := count(t, s, "MATCH ()-[c:COLLABORATES_WITH]->() RETURN count(c)"); c != 1 {
		t.Fatalf("%d collaborations stored", c)
	}
}

func TestCollaborationsOf(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	hub := createOrg(t, s, "Hub", civic.OrgCouncil, f.ward.ID)
	var spokes []*civic.Organisation
	for i, in := range []civic.Intensity{civic.IntensityAwareness, civic.IntensityCooperation, civic.IntensityCoordination, civic.IntensityIntegration} {
		o := createOrg(t, s, string(rune('A'+i))+" spoke", civic.OrgCharity, f.ward.ID)
		spokes = append(spokes, o)
		since := date([]string{"2018-01-01", "2019-01-01", "2020-01-01", "2021-01-01"}[i])
		var until *time.Time
		if i == 0 {
			until = date("2018-12-31")
		}
		from, to := hub.ID, o.ID
		if i%2 == 1 {
			from, to = to, from // direction must not matter
		}
		if _, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: from, ToID: to, Intensity: in, Since: since, Until: until, Themes: []string{"food"}[:i%2]}); err != nil {
			t.Fatal(err)
		}
	}
	lonely := createOrg(t, s, "Lonely", civic.OrgCharity, "")

	pages, err := s.CollaborationsOf(ctx, []string{hub.ID, spokes[2].ID, lonely.ID, "org_unknown"}, civic.CollaborationFilter{}, civic.PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 4 || pages[0].Total != 4 || pages[1].Total != 1 || pages[2].Total != 0 || pages[3].Total != 0 {
		t.Fatalf("totals = %d %d %d %d", pages[0].Total, pages[1].Total, pages[2].Total, pages[3].Total)
	}
	// Newest first, partner is always the other end.
	if p := pages[0].Items[0]; p.Partner.ID != spokes[3].ID || p.Intensity != civic.IntensityIntegration {
		t.Fatalf("hub's newest = %+v with %s", p.Collaboration, p.Partner.Name)
	}
	if p := pages[1].Items[0]; p.Partner.ID != hub.ID {
		t.Fatalf("spoke's partner = %s", p.Partner.Name)
	}

	filters := []struct {
		name string
		f    civic.CollaborationFilter
		want int
	}{
		{"min intensity", civic.CollaborationFilter{MinIntensity: ptr(civic.IntensityCoordination)}, 2},
		{"intensities", civic.CollaborationFilter{Intensities: []civic.Intensity{civic.IntensityAwareness}}, 1},
		{"active on a date", civic.CollaborationFilter{ActiveOn: date("2019-06-01")}, 1},
		{"active later", civic.CollaborationFilter{ActiveOn: date("2022-06-01")}, 3},
		{"theme", civic.CollaborationFilter{Themes: []string{"food"}}, 2},
	}
	for _, tt := range filters {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := s.CollaborationsOf(ctx, []string{hub.ID}, tt.f, civic.PageArgs{})
			if err != nil {
				t.Fatal(err)
			}
			if pages[0].Total != tt.want || len(pages[0].Items) != tt.want {
				t.Fatalf("total %d, items %d, want %d", pages[0].Total, len(pages[0].Items), tt.want)
			}
			all, err := s.FindCollaborations(ctx, tt.f, civic.PageArgs{})
			if err != nil || all.Total != tt.want {
				t.Fatalf("city-wide total %d, %v; want %d", all.Total, err, tt.want)
			}
		})
	}

	// A deleted partner takes its collaborations out of sight.
	if _, err := s.DeleteOrganisation(ctx, spokes[3].ID); err != nil {
		t.Fatal(err)
	}
	pages, err = s.CollaborationsOf(ctx, []string{hub.ID}, civic.CollaborationFilter{}, civic.PageArgs{First: ptr(2)})
	if err != nil || pages[0].Total != 3 || len(pages[0].Items) != 2 || !pages[0].HasNext() {
		t.Fatalf("after delete: %+v, %v", pages[0], err)
	}
	if n := count(t, s, "MATCH ()-[c:COLLABORATES_WITH]->() RETURN count(c)"); n != 4 {
		t.Fatalf("stored collaborations = %d, want all 4 kept", n)
	}
}

// TestCollaborationsOfWithPartners reads two levels of a small network in
// one round trip; the expected pages are worked out by hand.
func TestCollaborationsOfWithPartners(t *testing.T) {
	s := openStore(t)
	f := seedFixture(t, s)
	ctx := context.Background()
	org := map[string]*civic.Organisation{}
	for _, name := range []string{"A", "B", "C", "D", "E", "F"} {
		org[name] = createOrg(t, s, name, civic.OrgCharity, f.ward.ID)
	}
	for _, c := range []struct {
		from, to, since string
		in              civic.Intensity
	}{
		{"A", "B", "2020-01-01", civic.IntensityCoordination},
		{"C", "A", "2021-01-01", civic.IntensityAwareness},
		{"B", "D", "2019-01-01", civic.IntensityAwareness},
		{"E", "B", "2022-01-01", civic.IntensityAwareness},
		{"C", "D", "2018-01-01", civic.IntensityCooperation},
		{"B", "F", "2023-01-01", civic.IntensityIntegration},
	} {
		if _, err := s.RecordCollaboration(ctx, civic.CollaborationInput{FromID: org[c.from].ID, ToID: org[c.to].ID, Intensity: c.in, Since: date(c.since)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteOrganisation(ctx, org["F"].ID); err != nil {
		t.Fatal(err)
	}
	names := func(p civic.Page[civic.CollaborationWithPartner]) string {
		var out string
		for _, it := range p.Items {
			out += it.Partner.Name
		}
		return out
	}

	pages, next, err := s.CollaborationsOfWithPartners(ctx, []string{org["A"].ID, org["D"].ID}, civic.CollaborationFilter{}, civic.PageArgs{First: ptr(2)}, civic.NextLevel{Page: civic.PageArgs{First: ptr(1)}})
	if err != nil {
		t.Fatal(err)
	}
	// A: C (2021), B (2020); D: B (2019), C (2018).
	if names(pages[0]) != "CB" || pages[0].Total != 2 || names(pages[1]) != "BC" || pages[1].Total != 2 {
		t.Fatalf("first level: %q of %d, %q of %d", names(pages[0]), pages[0].Total, names(pages[1]), pages[1].Total)
	}
	// B: E (2022), A (2020), D (2019), F deleted; C: A (2021), D (2018).
	want := map[string]struct {
		names string
		total int
	}{org["B"].ID: {"E", 3}, org["C"].ID: {"A", 2}}
	if len(next) != len(want) {
		t.Fatalf("second level for %d partners, want %d", len(next), len(want))
	}
	for id, w := range want {
		if p := next[id]; names(p) != w.names || p.Total != w.total || !p.HasNext() {
			t.Errorf("partner %s: %q of %d, want %q of %d", id, names(p), p.Total, w.names, w.total)
		}
	}
	// The filter applies to the first level only.
	pages, next, err = s.CollaborationsOfWithPartners(ctx, []string{org["A"].ID}, civic.CollaborationFilter{MinIntensity: ptr(civic.IntensityCooperation)}, civic.PageArgs{}, civic.NextLevel{Page: civic.PageArgs{First: ptr(5)}})
	if err != nil {
		t.Fatal(err)
	}
	if names(pages[0]) != "B" || names(next[org["B"].ID]) != "EAD" {
		t.Fatalf("filtered: %q then %q", names(pages[0]), names(next[org["B"].ID]))
	}
	// Both levels agree with CollaborationsOf.
	one, err := s.CollaborationsOf(ctx, []string{org["B"].ID}, civic.CollaborationFilter{}, civic.PageArgs{First: ptr(5)})
	if err != nil || names(one[0]) != names(next[org["B"].ID]) || one[0].Total != next[org["B"].ID].Total {
		t.Fatalf("CollaborationsOf(B) = %q, %v", names(one[0]), err)
	}
	// Slim partners are the same partners, without area and themes.
	slim, err := s.CollaborationsOfSlim(ctx, []string{org["B"].ID}, civic.CollaborationFilter{}, civic.PageArgs{First: ptr(5)})
	if err != nil || names(slim[0]) != names(one[0]) || slim[0].Total != one[0].Total {
		t.Fatalf("CollaborationsOfSlim(B) = %q, %v; want %q", names(slim[0]), err, names(one[0]))
	}
	for i, it := range slim[0].Items {
		whole := one[0].Items[i].Partner
		if !it.Partner.Slim || it.Partner.Area != nil || it.Partner.AreaID != "" || whole.Slim || whole.Area == nil {
			t.Fatalf("slim %+v, whole %+v", it.Partner, whole)
		}
	}
	// The organisation itself comes with the same two levels.
	a, page, next, err := s.FindOrganisationWithCollaborations(ctx, org["A"].ID, civic.CollaborationFilter{}, civic.PageArgs{First: ptr(2)}, civic.NextLevel{Page: civic.PageArgs{First: ptr(1)}})
	if err != nil || a == nil || a.Name != "A" || a.AreaID != f.ward.ID || a.Area == nil || a.Area.Name != f.ward.Name {
		t.Fatalf("organisation = %+v, %v", a, err)
	}
	if names(page) != "CB" || page.Total != 2 || names(next[org["B"].ID]) != "E" || names(next[org["C"].ID]) != "A" {
		t.Fatalf("with organisation: %q, then %q and %q", names(page), names(next[org["B"].ID]), names(next[org["C"].ID]))
	}
	// Whole partners come with their area and themes; slim ones with
	// neither, and say so.
	for _, it := range page.Items {
		if it.Partner.Slim || it.Partner.Area == nil || it.Partner.AreaID != f.ward.ID {
			t.Fatalf("whole partner %s: slim %v, area %v", it.Partner.Name, it.Partner.Slim, it.Partner.Area)
		}
	}
	_, page, next, err = s.FindOrganisationWithCollaborations(ctx, org["A"].ID, civic.CollaborationFilter{}, civic.PageArgs{First: ptr(2)},
		civic.NextLevel{Page: civic.PageArgs{First: ptr(1)}, SlimPartners: true, SlimNextPartners: true})
	if err != nil || names(page) != "CB" || names(next[org["B"].ID]) != "E" {
		t.Fatalf("slim: %q, then %q, %v", names(page), names(next[org["B"].ID]), err)
	}
	for _, p := range []*civic.Organisation{page.Items[0].Partner, next[org["B"].ID].Items[0].Partner} {
		if !p.Slim || p.Area != nil || p.AreaID != "" || p.Name == "" {
			t.Fatalf("slim partner %+v", p)
		}
	}
	for _, id := range []string{"org_unknown", org["F"].ID} {
		if o, _, _, err := s.FindOrganisationWithCollaborations(ctx, id, civic.CollaborationFilter{}, civic.PageArgs{}, civic.NextLevel{}); err != nil || o != nil {
			t.Fatalf("unknown or deleted %s = %+v, %v", id, o, err)
		}
	}
}
