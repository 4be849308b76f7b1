package neo4j_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

// network is a food bank (me) and the organisations around it:
//
//	ally         1 km   food; a bookkeeper volunteers; needs a room and cooking
//	vanLender    2 km   owns a shared vehicle
//	vanUser      2.5 km only uses a shared vehicle
//	oncePartner  2.7 km its collaboration with me was deleted (recorded in error)
//	exPartner    0.5 km collaborated with me until 2022
//	partner1     20 km  collaborates with me
//	partner2     25 km  collaborates with me
//	friend       30 km  youth; collaborates with both partners
//	coMember     40 km  food; in the Food Network with me
//	stranger     20 km  nothing in common
//	gone         0.3 km deleted
//
// Me works on food and housing, needs bookkeeping and a vehicle, has a cook
// among its volunteers and manages a shared room.
type network struct {
	ward                                                 *civic.Area
	me, ally, vanLender, vanUser, oncePartner, exPartner *civic.Organisation
	partner1, partner2, friend, coMember, stranger, gone *civic.Organisation
}

func seedNetwork(t *testing.T, s *neo4j.Store) network {
	t.Helper()
	ctx := context.Background()
	f := seedFixture(t, s)
	org := func(name string, north, east float64, needs *civic.Needs, themes ...string) *civic.Organisation {
		o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: &name, Kind: ptr(civic.OrgCharity), Location: offset(centre, north, east),
			AreaID: &f.ward.ID, Themes: themes, Needs: needs})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	collab := func(a, b *civic.Organisation, until string) *civic.Collaboration {
		in := civic.CollaborationInput{FromID: a.ID, ToID: b.ID, Intensity: civic.IntensityCooperation, Since: date("2020-01-01")}
		if until != "" {
			in.Until = date(until)
		}
		c, err := s.RecordCollaboration(ctx, in)
		must(c, err)
		return c
	}
	volunteer := func(o *civic.Organisation, name string, skills ...string) {
		p, err := s.CreatePerson(ctx, civic.PersonInput{Name: &name, Skills: skills})
		must(p, err)
		must(s.AddAffiliation(ctx, civic.AffiliationInput{PersonID: p.ID, OrganisationID: o.ID, Role: civic.AffiliationVolunteer}))
	}
	holds := func(o *civic.Organisation, name string, kind civic.AssetKind, role civic.StewardshipRole) {
		a, err := s.CreateAsset(ctx, civic.AssetInput{Name: &name, Kind: &kind, Shareable: ptr(true)})
		must(a, err)
		must(s.AddStewardship(ctx, civic.StewardshipInput{OrganisationID: o.ID, AssetID: a.ID, Role: role}))
	}

	n := network{ward: f.ward}
	n.me = org("Sparkhill Food Bank", 0, 0, &civic.Needs{Skills: []string{"bookkeeping"}, AssetKinds: []civic.AssetKind{civic.AssetVehicle}}, "food", "housing")
	n.ally = org("Near Ally", 1, 0, &civic.Needs{Skills: []string{"cooking", "gardening"}, AssetKinds: []civic.AssetKind{civic.AssetRoom}}, "food")
	n.vanLender = org("Van Lender", 0, 2, nil)
	n.vanUser = org("Van User", 0, -2.5, nil)
	n.oncePartner = org("Once Partner", -2.7, 0, nil)
	n.exPartner = org("Ex Partner", 0.5, 0, nil, "food")
	n.partner1 = org("Partner One", 20, 0, nil)
	n.partner2 = org("Partner Two", 0, 25, nil)
	n.friend = org("Friend of Friends", 30, 0, nil, "youth")
	n.coMember = org("Co-member", 0, -40, nil, "food")
	n.stranger = org("Stranger", -20, 0, nil, "food")
	n.gone = org("Gone", 0.3, 0, nil, "food")
	must(s.DeleteOrganisation(ctx, n.gone.ID))

	volunteer(n.me, "Cook", "cooking")
	volunteer(n.ally, "Bookkeeper", "bookkeeping")
	holds(n.me, "Food Bank Meeting Room", civic.AssetRoom, civic.StewardManages)
	holds(n.vanLender, "Lender's Van", civic.AssetVehicle, civic.StewardOwns)
	holds(n.vanUser, "Borrowed Van", civic.AssetVehicle, civic.StewardUses)

	collab(n.me, n.partner1, "")
	collab(n.partner2, n.me, "")
	collab(n.me, n.exPartner, "2022-12-31")
	must(s.DeleteCollaboration(ctx, collab(n.oncePartner, n.me, "").ID))
	collab(n.partner1, n.friend, "")
	collab(n.friend, n.partner2, "")

	p, err := s.CreatePartnership(ctx, civic.PartnershipInput{Name: ptr("Food Network"), Kind: ptr(civic.PartnershipNetwork)})
	must(p, err)
	must(s.AddMembership(ctx, civic.MembershipInput{OrganisationID: n.me.ID, PartnershipID: p.ID}))
	must(s.AddMembership(ctx, civic.MembershipInput{OrganisationID: n.coMember.ID, PartnershipID: p.ID}))
	return n
}

func TestPartnerCandidates(t *testing.T) {
	s := openStore(t)
	n := seedNetwork(t, s)
	cands, err := s.PartnerCandidates(context.Background(), n.me.ID, civic.SuggestionFilter{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]civic.PartnerCandidate{}
	for _, c := range cands {
		byID[c.OrganisationID] = c
	}
	// Within 5 km, through the partners, or through the partnership; never
	// partners past or present, nor the deleted, nor the stranger.
	want := map[*civic.Organisation]string{
		n.ally:        "themes [Food] have {[] [bookkeeping]} need {[room] [cooking]} common 0 [] partnerships []",
		n.vanLender:   "themes [] have {[vehicle] []} need {[] []} common 0 [] partnerships []",
		n.vanUser:     "themes [] have {[] []} need {[] []} common 0 [] partnerships []",
		n.oncePartner: "themes [] have {[] []} need {[] []} common 0 [] partnerships []",
		n.friend:      "themes [] have {[] []} need {[] []} common 2 [Partner One Partner Two] partnerships []",
		n.coMember:    "themes [Food] have {[] []} need {[] []} common 0 [] partnerships [Food Network]",
	}
	if len(cands) != len(want) {
		var names []string
		for _, c := range cands {
			names = append(names, c.OrganisationID)
		}
		t.Errorf("got %d candidates, want %d: %v", len(cands), len(want), names)
	}
	for o, facts := range want {
		c, ok := byID[o.ID]
		if !ok {
			t.Errorf("%s is not a candidate", o.Name)
			continue
		}
		got := fmt.Sprintf("themes %v have %v need %v common %d %v partnerships %v",
			c.SharedThemes, c.TheyHave, c.TheyNeed, c.CommonPartners, c.CommonPartnerNames, c.SharedPartnerships)
		if got != facts {
			t.Errorf("%s: %s\nwant %s", o.Name, got, facts)
		}
		if d := haversineKm(*n.me.Location, *o.Location); c.DistanceKm == nil || math.Abs(*c.DistanceKm-d) > d*1e-6 {
			t.Errorf("%s: distance %v, want %.3f", o.Name, c.DistanceKm, d)
		}
	}
}

func TestPartnerCandidatesFilter(t *testing.T) {
	s := openStore(t)
	n := seedNetwork(t, s)
	ctx := context.Background()
	names := func(f civic.SuggestionFilter) string {
		t.Helper()
		cands, err := s.PartnerCandidates(ctx, n.me.ID, f, 5)
		if err != nil {
			t.Fatal(err)
		}
		lookup := map[string]string{}
		for _, o := range []*civic.Organisation{n.ally, n.vanLender, n.vanUser, n.oncePartner, n.friend, n.coMember} {
			lookup[o.ID] = o.Name
		}
		var out []string
		for _, c := range cands {
			out = append(out, lookup[c.OrganisationID])
		}
		return strings.Join(slices.Sorted(slices.Values(out)), ", ")
	}
	if got := names(civic.SuggestionFilter{Themes: []string{"food"}}); got != "Co-member, Near Ally" {
		t.Errorf("food: %s", got)
	}
	if got := names(civic.SuggestionFilter{MaxDistanceKm: ptr(2.2)}); got != "Near Ally, Van Lender" {
		t.Errorf("within 2.2 km: %s", got)
	}
	if got := names(civic.SuggestionFilter{OrganisationKinds: []civic.OrganisationKind{civic.OrgSchool}}); got != "" {
		t.Errorf("schools: %s", got)
	}
	if got := names(civic.SuggestionFilter{AreaIDs: []string{n.ward.ID}, Themes: []string{"youth"}}); got != "Friend of Friends" {
		t.Errorf("youth in the ward: %s", got)
	}
	_, err := s.PartnerCandidates(ctx, civic.NewID(civic.KindOrganisation), civic.SuggestionFilter{}, 5)
	wantCode(t, err, civic.CodeNotFound)
	_, err = s.PartnerCandidates(ctx, n.ward.ID, civic.SuggestionFilter{}, 5)
	wantCode(t, err, civic.CodeBadUserInput)
	_, err = s.PartnerCandidates(ctx, n.gone.ID, civic.SuggestionFilter{}, 5)
	wantCode(t, err, civic.CodeNotFound)
}

func TestSuggestPartners(t *testing.T) {
	s := openStore(t)
	n := seedNetwork(t, s)
	got, err := discovery.Suggest(context.Background(), s, n.me.ID, civic.SuggestionFilter{}, nil, discovery.DefaultWeights())
	if err != nil {
		t.Fatal(err)
	}
	// By hand, with the default weights (see discovery.DefaultWeights:
	// nearness is worth 3 points at 0 km, falling to 0 at 3 km):
	//   ally       has bookkeeping 3 + food 2 + 1 km 3×2/3=2 + needs room and cooking 2×1.5=3 = 10
	//   vanLender  has a vehicle 3 + 2 km 3×1/3=1                                             = 4
	//   friend     2 common partners 2×1.5                                                    = 3 (30 km)
	//   coMember   food 2 + Food Network 1                                                    = 3 (40 km)
	//   vanUser    2.5 km 3×0.5/3                                                             = 0.5
	//   oncePartner 2.7 km 3×0.3/3                                                            = 0.3
	want := []struct {
		o     *civic.Organisation
		score float64
	}{{n.ally, 10}, {n.vanLender, 4}, {n.friend, 3}, {n.coMember, 3}, {n.vanUser, 0.5}, {n.oncePartner, 0.3}}
	if len(got) != len(want) {
		t.Fatalf("got %d suggestions: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		sum := 0.0
		for _, r := range g.Reasons {
			sum += r.Points
		}
		if g.OrganisationID != w.o.ID || math.Abs(g.Score-w.score) > 0.011 || math.Abs(sum-g.Score) > 1e-9 {
			t.Errorf("%d: %s scored %v (reasons sum to %v), want %s with %v", i, g.OrganisationID, g.Score, sum, w.o.Name, w.score)
		}
	}
	if texts := reasonTexts(got[0]); texts != "can offer what you need: bookkeeping; both work on food; 1 km away; needs what you can offer: cooking and a room" {
		t.Errorf("reasons for the ally: %s", texts)
	}
	if texts := reasonTexts(got[2]); texts != "2 partners in common: Partner One and Partner Two" {
		t.Errorf("reasons for the friend: %s", texts)
	}

	// Other weights give another order: with distance alone, nearest first.
	only := discovery.Weights{Proximity: 1, RangeKm: 50, MaxPerReason: 1}
	got, err = discovery.Suggest(context.Background(), s, n.me.ID, civic.SuggestionFilter{}, ptr(3), only)
	if err != nil || len(got) != 3 || got[0].OrganisationID != n.ally.ID || got[1].OrganisationID != n.vanLender.ID || got[2].OrganisationID != n.vanUser.ID {
		t.Errorf("by distance: %+v, %v", got, err)
	}
	_, err = discovery.Suggest(context.Background(), s, n.me.ID, civic.SuggestionFilter{}, ptr(51), discovery.DefaultWeights())
	wantCode(t, err, civic.CodeBadUserInput)
}

func reasonTexts(s discovery.Suggestion) string {
	var out []string
	for _, r := range s.Reasons {
		out = append(out, r.Text)
	}
	return strings.Join(out, "; ")
}
