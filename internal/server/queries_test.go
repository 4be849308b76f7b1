package server_test

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// The read side of the API over HTTP, on the demo city. Every expected
// answer is computed from demo.Generate(), never from an earlier answer of
// the service.

const orgListQuery = `query($f: OrganisationFilter, $o: OrderBy, $first: Int, $after: String, $last: Int, $before: String) {
  organisations(filter: $f, orderBy: $o, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name } }
  }
}`

type orgListData struct{ Organisations refConn }

func TestOrganisationsFilter(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	ladywood, sparkhill := c.ward(t, "Ladywood"), c.ward(t, "Sparkhill")
	var withOrgID civic.Organisation
	for _, o := range c.orgsWhere(func(o civic.Organisation) bool { return strings.HasPrefix(o.OrgID, "GB-CHC-") }) {
		withOrgID = o
		break
	}
	hasTheme := func(o civic.Organisation, slugs ...string) bool {
		for _, s := range slugs {
			if slices.Contains(o.Themes, s) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name    string
		filter  map[string]any
		match   func(civic.Organisation) bool
		atLeast int // fewer matches would prove little
	}{
		{"no filter", nil, func(civic.Organisation) bool { return true }, 374},
		{"one kind", map[string]any{"kinds": []string{"CHARITY"}},
			func(o civic.Organisation) bool { return o.Kind == civic.OrgCharity }, 30},
		{"several kinds", map[string]any{"kinds": []string{"SCHOOL", "UNIVERSITY"}},
			func(o civic.Organisation) bool { return o.Kind == civic.OrgSchool || o.Kind == civic.OrgUniversity }, 20},
		{"one theme", map[string]any{"themes": []string{"food"}},
			func(o civic.Organisation) bool { return hasTheme(o, "food") }, 20},
		{"any of several themes", map[string]any{"themes": []string{"food", "housing"}},
			func(o civic.Organisation) bool { return hasTheme(o, "food", "housing") }, 30},
		{"a ward", map[string]any{"areaIds": []string{ladywood.ID}},
			func(o civic.Organisation) bool { return o.AreaID == ladywood.ID }, 5},
		{"two wards", map[string]any{"areaIds": []string{ladywood.ID, sparkhill.ID}},
			func(o civic.Organisation) bool { return o.AreaID == ladywood.ID || o.AreaID == sparkhill.ID }, 10},
		{"the city includes its wards", map[string]any{"areaIds": []string{c.cityID}},
			func(o civic.Organisation) bool { return c.within(o.AreaID, c.cityID) }, 374},
		{"name contains, in another case", map[string]any{"nameContains": "cAFÉ"},
			func(o civic.Organisation) bool { return strings.Contains(strings.ToLower(o.Name), "café") }, 5},
		{"name contains, upper case", map[string]any{"nameContains": "FOOD"},
			func(o civic.Organisation) bool { return strings.Contains(strings.ToLower(o.Name), "food") }, 3},
		{"org-id", map[string]any{"orgId": withOrgID.OrgID},
			func(o civic.Organisation) bool { return o.ID == withOrgID.ID }, 1},
		{"org-id with a lower-case scheme", map[string]any{"orgId": strings.ToLower(withOrgID.OrgID[:6]) + withOrgID.OrgID[6:]},
			func(o civic.Organisation) bool { return o.ID == withOrgID.ID }, 1},
		{"kinds, theme and area together", map[string]any{"kinds": []string{"CHARITY", "COMMUNITY_GROUP"}, "themes": []string{"food"}, "areaIds": []string{c.cityID}},
			func(o civic.Organisation) bool {
				return (o.Kind == civic.OrgCharity || o.Kind == civic.OrgCommunityGroup) && hasTheme(o, "food")
			}, 10},
		{"kind and ward with no match", map[string]any{"kinds": []string{"UNIVERSITY"}, "areaIds": []string{sparkhill.ID}},
			func(o civic.Organisation) bool { return o.Kind == civic.OrgUniversity && o.AreaID == sparkhill.ID }, 0},
		{"name that nobody has", map[string]any{"nameContains": "no organisation is called this"},
			func(civic.Organisation) bool { return false }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := c.orgsWhere(tt.match)
			if len(want) < tt.atLeast {
				t.Fatalf("the demo city has %d matches, the case needs %d", len(want), tt.atLeast)
			}
			var out orgListData
			e.must(t, orgListQuery, map[string]any{"f": tt.filter, "first": 500}, &out)
			if out.Organisations.TotalCount != len(want) {
				t.Errorf("totalCount %d, want %d", out.Organisations.TotalCount, len(want))
			}
			sameList(t, "organisations", out.Organisations.ids(), ids(want, orgID))
			if out.Organisations.PageInfo.HasNextPage || out.Organisations.PageInfo.HasPreviousPage {
				t.Errorf("one page holds every match, pageInfo %+v", out.Organisations.PageInfo)
			}
		})
	}
}

func TestOrganisationsOrder(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	match := func(o civic.Organisation) bool {
		return o.Kind == civic.OrgSchool || o.Kind == civic.OrgHealth || o.Kind == civic.OrgUniversity
	}
	byNameAsc := c.orgsWhere(match)
	for _, o := range byNameAsc {
		if !o.CreatedAt.Equal(demo.Timestamp) || !o.UpdatedAt.Equal(demo.Timestamp) {
			t.Fatalf("demo organisations are expected to share one timestamp; %s has %v", o.Name, o.CreatedAt)
		}
	}
	byIDAsc := byName(byNameAsc, func(civic.Organisation) string { return "" }, orgID, false)
	filter := map[string]any{"kinds": []string{"SCHOOL", "HEALTH", "UNIVERSITY"}}
	tests := []struct {
		name  string
		order map[string]any
		want  []civic.Organisation
	}{
		{"by name unless told", nil, byNameAsc},
		{"defaults of OrderBy", map[string]any{}, byNameAsc},
		{"name ascending", map[string]any{"field": "NAME", "direction": "ASC"}, byNameAsc},
		{"name descending", map[string]any{"field": "NAME", "direction": "DESC"}, reversed(byNameAsc)},
		{"direction alone sorts by name", map[string]any{"direction": "DESC"}, reversed(byNameAsc)},
		// Demo records share a creation time, so the ID breaks the tie.
		{"created at ascending", map[string]any{"field": "CREATED_AT", "direction": "ASC"}, byIDAsc},
		{"created at descending", map[string]any{"field": "CREATED_AT", "direction": "DESC"}, reversed(byIDAsc)},
		{"updated at descending", map[string]any{"field": "UPDATED_AT", "direction": "DESC"}, reversed(byIDAsc)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out orgListData
			e.must(t, orgListQuery, map[string]any{"f": filter, "o": tt.order, "first": 500}, &out)
			sameList(t, "organisations", out.Organisations.ids(), ids(tt.want, orgID))
		})
	}

	t.Run("created at follows creation, not name", func(t *testing.T) {
		area := newArea(t, e, "DISTRICT", "")
		var made []string
		for _, name := range []string{"Zulu", "Yankee", "X-ray"} {
			made = append(made, newOrg(t, e, map[string]any{"name": unique(t, name), "areaId": area}))
			time.Sleep(5 * time.Millisecond)
		}
		f := map[string]any{"areaIds": []string{area}}
		var out orgListData
		e.must(t, orgListQuery, map[string]any{"f": f, "o": map[string]any{"field": "CREATED_AT"}}, &out)
		sameList(t, "by creation", out.Organisations.ids(), made)
		e.must(t, orgListQuery, map[string]any{"f": f, "o": map[string]any{"field": "CREATED_AT", "direction": "DESC"}}, &out)
		sameList(t, "by creation, newest first", out.Organisations.ids(), reversed(made))
		e.must(t, orgListQuery, map[string]any{"f": f}, &out)
		sameList(t, "by name", out.Organisations.ids(), reversed(made))
	})
}

func reversed[T any](s []T) []T {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func TestOrganisationsPaging(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	filter := map[string]any{"kinds": []string{"CHARITY", "COMMUNITY_GROUP"}, "areaIds": []string{c.cityID}}
	want := ids(c.orgsWhere(func(o civic.Organisation) bool {
		return o.Kind == civic.OrgCharity || o.Kind == civic.OrgCommunityGroup
	}), orgID)
	if len(want) < 100 {
		t.Fatalf("only %d matches in the demo city", len(want))
	}
	page := func(t *testing.T, vars map[string]any) refConn {
		t.Helper()
		vars["f"] = filter
		var out orgListData
		e.must(t, orgListQuery, vars, &out)
		p := out.Organisations
		if p.TotalCount != len(want) {
			t.Fatalf("totalCount %d, want %d", p.TotalCount, len(want))
		}
		if n := len(p.Edges); n > 0 {
			if strOf(p.PageInfo.StartCursor) != p.Edges[0].Cursor || strOf(p.PageInfo.EndCursor) != p.Edges[n-1].Cursor {
				t.Fatalf("pageInfo cursors %q..%q, edges %q..%q", strOf(p.PageInfo.StartCursor), strOf(p.PageInfo.EndCursor), p.Edges[0].Cursor, p.Edges[n-1].Cursor)
			}
		} else if p.PageInfo.StartCursor != nil || p.PageInfo.EndCursor != nil {
			t.Fatalf("an empty page has cursors %+v", p.PageInfo)
		}
		return p
	}

	var cursors []string // cursors[i] is the cursor of want[i]
	t.Run("forwards visits every match once, in order", func(t *testing.T) {
		var got []string
		var after any
		for n := 0; ; n++ {
			p := page(t, map[string]any{"first": 40, "after": after})
			if p.PageInfo.HasPreviousPage != (n > 0) {
				t.Fatalf("page %d: hasPreviousPage %v", n, p.PageInfo.HasPreviousPage)
			}
			for _, ed := range p.Edges {
				got = append(got, ed.Node.ID)
				cursors = append(cursors, ed.Cursor)
			}
			if !p.PageInfo.HasNextPage {
				break
			}
			if len(p.Edges) != 40 || n > 10 {
				t.Fatalf("page %d has %d edges and a next page", n, len(p.Edges))
			}
			after = strOf(p.PageInfo.EndCursor)
		}
		sameList(t, "forwards", got, want)
		if len(slices.Compact(sorted(cursors))) != len(cursors) {
			t.Fatal("two edges share a cursor")
		}
	})
	t.Run("backwards visits every match once, in order", func(t *testing.T) {
		var got []string
		var before any
		for n := 0; ; n++ {
			p := page(t, map[string]any{"last": 40, "before": before})
			if p.PageInfo.HasNextPage != (n > 0) {
				t.Fatalf("page %d from the end: hasNextPage %v", n, p.PageInfo.HasNextPage)
			}
			got = append(p.ids(), got...)
			if !p.PageInfo.HasPreviousPage {
				break
			}
			if len(p.Edges) != 40 || n > 10 {
				t.Fatalf("page %d from the end has %d edges and a previous page", n, len(p.Edges))
			}
			before = strOf(p.PageInfo.StartCursor)
		}
		sameList(t, "backwards", got, want)
	})
	t.Run("descending order forwards", func(t *testing.T) {
		var got []string
		var after any
		for n := 0; n < 10; n++ {
			p := page(t, map[string]any{"first": 64, "after": after, "o": map[string]any{"field": "NAME", "direction": "DESC"}})
			got = append(got, p.ids()...)
			if !p.PageInfo.HasNextPage {
				break
			}
			after = strOf(p.PageInfo.EndCursor)
		}
		sameList(t, "descending", got, reversed(want))
	})
	if len(cursors) != len(want) {
		t.Fatal("paging forwards failed; the cursor cases need its cursors")
	}
	tests := []struct {
		name           string
		vars           map[string]any
		from, to       int // want[from:to]
		hasPrev, hasNx bool
	}{
		{"first: 0", map[string]any{"first": 0}, 0, 0, false, true},
		{"last: 0", map[string]any{"last": 0}, len(want), len(want), true, false},
		{"no arguments give the default page size", map[string]any{}, 0, civic.DefaultPageSize, false, true},
		{"first after a cursor", map[string]any{"first": 5, "after": cursors[9]}, 10, 15, true, true},
		{"first between cursors", map[string]any{"first": 50, "after": cursors[9], "before": cursors[20]}, 10, 20, true, true},
		{"last between cursors", map[string]any{"last": 5, "after": cursors[9], "before": cursors[30]}, 25, 30, true, true},
		{"last before a cursor near the start", map[string]any{"last": 10, "before": cursors[3]}, 0, 3, false, true},
		{"first before a cursor", map[string]any{"first": 5, "before": cursors[30]}, 0, 5, false, true},
		{"last after a cursor", map[string]any{"last": 5, "after": cursors[len(want)-20]}, len(want) - 5, len(want), true, false},
		{"last after a cursor, fewer left", map[string]any{"last": 40, "after": cursors[len(want)-11]}, len(want) - 10, len(want), true, false},
		{"after the last item", map[string]any{"first": 10, "after": cursors[len(want)-1]}, len(want), len(want), true, false},
		{"the last few", map[string]any{"last": 3}, len(want) - 3, len(want), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := page(t, tt.vars)
			sameList(t, "page", p.ids(), want[tt.from:tt.to])
			for i, ed := range p.Edges {
				if ed.Cursor != cursors[tt.from+i] {
					t.Fatalf("edge %d has cursor %q, the same item had %q when paging forwards", i, ed.Cursor, cursors[tt.from+i])
				}
			}
			if p.PageInfo.HasPreviousPage != tt.hasPrev || p.PageInfo.HasNextPage != tt.hasNx {
				t.Errorf("pageInfo %+v, want hasPreviousPage %v hasNextPage %v", p.PageInfo, tt.hasPrev, tt.hasNx)
			}
		})
	}
}

func TestOrganisationsPagingArgumentsAreChecked(t *testing.T) {
	e := demoEnv(t)
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name  string
		vars  map[string]any
		field string
	}{
		{"first over 500", map[string]any{"first": 501}, "first"},
		{"last over 500", map[string]any{"last": 501}, "last"},
		{"negative first", map[string]any{"first": -1}, "first"},
		{"first and last together", map[string]any{"first": 5, "last": 5}, "last"},
		{"after is not base64", map[string]any{"first": 5, "after": "%%%"}, "after"},
		{"after is someone else's cursor", map[string]any{"first": 5, "after": cursor("offset:10")}, "after"},
		{"after a negative offset", map[string]any{"first": 5, "after": cursor("cursor:-1")}, "after"},
		{"before is not a cursor", map[string]any{"last": 5, "before": cursor("page=2")}, "before"},
		{"an opaque ID instead of a cursor", map[string]any{"first": 5, "after": "org_00000000-0000-0000-0000-000000000000"}, "after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustFailWith(t, e, orgListQuery, tt.vars, "BAD_USER_INPUT", tt.field)
		})
	}
	t.Run("500 is allowed", func(t *testing.T) {
		var out orgListData
		e.must(t, orgListQuery, map[string]any{"first": 500, "f": map[string]any{"areaIds": []string{demoCity().cityID}}}, &out)
		if len(out.Organisations.Edges) != 374 {
			t.Errorf("%d edges", len(out.Organisations.Edges))
		}
	})
}

// pickOrganisation returns the first demo organisation, by name, with every
// optional field set and at least one of each kind of link.
func pickOrganisation(t *testing.T, c *city) civic.Organisation {
	t.Helper()
	count := func(n int, ok func(int) bool) int {
		k := 0
		for i := range n {
			if ok(i) {
				k++
			}
		}
		return k
	}
	for _, o := range c.orgsWhere(func(civic.Organisation) bool { return true }) {
		if o.OrgID == "" || o.Website == "" || o.Address == "" || o.Description == "" || o.Location == nil || len(o.Themes) < 2 {
			continue
		}
		m := count(len(c.Memberships), func(i int) bool { return c.Memberships[i].OrganisationID == o.ID })
		s := count(len(c.Stewardships), func(i int) bool { return c.Stewardships[i].OrganisationID == o.ID })
		a := count(len(c.Affiliations), func(i int) bool { return c.Affiliations[i].OrganisationID == o.ID })
		if m > 0 && s > 0 && a > 1 && len(c.collabsOf(o.ID, nil)) >= 5 {
			return o
		}
	}
	t.Fatal("no demo organisation has every field and link")
	return civic.Organisation{}
}

type collabNode struct {
	ID          string
	Intensity   string
	Description string
	Since       *string
	Until       *string
	Active      bool
	Themes      []struct{ Slug string }
	From, To    ref
	Source      string
	CreatedAt   string
}

func (n collabNode) slugs() []string {
	out := make([]string, len(n.Themes))
	for i, t := range n.Themes {
		out[i] = t.Slug
	}
	return out
}

// checkCollab compares a collaboration read through the API with the demo's.
func checkCollab(t *testing.T, got collabNode, want civic.Collaboration) {
	t.Helper()
	if got.ID != want.ID || got.Intensity != upper(want.Intensity) || got.Description != want.Description ||
		strOf(got.Since) != dateOf(want.Since) || strOf(got.Until) != dateOf(want.Until) ||
		got.From.ID != want.FromID || got.To.ID != want.ToID {
		t.Errorf("collaboration %+v, want %+v", got, want)
	}
	if got.Active != activeToday(want.Since, want.Until) {
		t.Errorf("collaboration %s (%s..%s) active %v", want.ID, dateOf(want.Since), dateOf(want.Until), got.Active)
	}
	if !slices.Equal(sorted(got.slugs()), sorted(want.Themes)) {
		t.Errorf("collaboration %s themes %v, want %v", want.ID, got.slugs(), want.Themes)
	}
}

func TestOrganisationByID(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	o := pickOrganisation(t, c)
	var out struct {
		Organisation *struct {
			ID, Name, Kind, OrgID, Description, Website, Postcode, Address string
			Location                                                       *geo
			Area                                                           *struct {
				ID, Name, Kind, Code string
				Location             *geo
				Parent               *struct {
					ID, Name, Kind, Code string
					Parent               *ref
				}
			}
			Themes                       []struct{ ID, Slug, Name, Description string }
			Source, CreatedAt, UpdatedAt string
			Collaborations               struct {
				TotalCount int
				Edges      []struct {
					Node    collabNode
					Partner ref
				}
			}
			Partnerships struct {
				TotalCount int
				Edges      []struct {
					Role  string
					Since *string
					Node  struct{ ID, Name, Kind string }
				}
			}
			Assets struct {
				TotalCount int
				Edges      []struct {
					Role  string
					Since *string
					Node  struct{ ID, Name, Kind, Category string }
				}
			}
			People struct {
				TotalCount int
				Edges      []struct {
					Role         string
					Since, Until *string
					Node         struct {
						ID, Name string
						Skills   []string
					}
				}
			}
		}
	}
	e.must(t, `query($id: ID!) { organisation(id: $id) {
  id name kind orgId description website postcode address
  location { latitude longitude }
  area { id name kind code location { latitude longitude } parent { id name kind code parent { id name } } }
  themes { id slug name description }
  source createdAt updatedAt
  collaborations(first: 500) { totalCount edges {
    node { id intensity description since until active themes { slug } from { id } to { id } }
    partner { id name } } }
  partnerships(first: 100) { totalCount edges { role since node { id name kind } } }
  assets(first: 100) { totalCount edges { role since node { id name kind category } } }
  people(first: 100) { totalCount edges { role since until node { id name skills } } }
} }`, map[string]any{"id": o.ID}, &out)
	got := out.Organisation
	if got == nil {
		t.Fatalf("organisation %s not found", o.ID)
	}

	t.Run("scalar fields", func(t *testing.T) {
		for _, f := range []struct{ name, got, want string }{
			{"id", got.ID, o.ID}, {"name", got.Name, o.Name}, {"kind", got.Kind, upper(o.Kind)}, {"orgId", got.OrgID, o.OrgID},
			{"description", got.Description, o.Description}, {"website", got.Website, o.Website},
			{"postcode", got.Postcode, o.Postcode}, {"address", got.Address, o.Address}, {"source", got.Source, demo.Source},
			{"createdAt", got.CreatedAt, demo.Timestamp.Format(time.RFC3339)}, {"updatedAt", got.UpdatedAt, demo.Timestamp.Format(time.RFC3339)},
		} {
			if f.got != f.want {
				t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
			}
		}
		if got.Location == nil || got.Location.Latitude != o.Location.Latitude || got.Location.Longitude != o.Location.Longitude {
			t.Errorf("location %+v, want %+v", got.Location, o.Location)
		}
	})
	t.Run("area and its parent", func(t *testing.T) {
		w, city := c.area[o.AreaID], c.area[c.cityID]
		a := got.Area
		if a == nil || a.ID != w.ID || a.Name != w.Name || a.Kind != "WARD" || a.Code != w.Code || a.Location == nil || a.Location.Latitude != w.Location.Latitude {
			t.Fatalf("area %+v, want %+v", a, w)
		}
		if p := a.Parent; p == nil || p.ID != city.ID || p.Name != "Birmingham" || p.Kind != "CITY" || p.Code != city.Code || p.Parent != nil {
			t.Fatalf("parent %+v, want the city with no parent", p)
		}
	})
	t.Run("themes", func(t *testing.T) {
		var slugs []string
		for _, th := range got.Themes {
			slugs = append(slugs, th.Slug)
			want := c.theme[th.Slug]
			if th.ID != civic.ThemeID(th.Slug) || th.Name != want.Name || th.Description != want.Description {
				t.Errorf("theme %+v, want %+v", th, want)
			}
		}
		sameList(t, "themes", sorted(slugs), sorted(o.Themes))
	})
	t.Run("collaborations with partners", func(t *testing.T) {
		want := c.collabsOf(o.ID, nil)
		col := got.Collaborations
		if col.TotalCount != len(want) || len(col.Edges) != len(want) {
			t.Fatalf("%d collaborations (totalCount %d), want %d", len(col.Edges), col.TotalCount, len(want))
		}
		for i, ed := range col.Edges {
			checkCollab(t, ed.Node, want[i])
			partner := want[i].ToID
			if partner == o.ID {
				partner = want[i].FromID
			}
			if ed.Partner.ID != partner || ed.Partner.Name != c.org[partner].Name {
				t.Errorf("collaboration %s: partner %+v, want %s", ed.Node.ID, ed.Partner, c.org[partner].Name)
			}
		}
	})
	t.Run("partnerships with roles", func(t *testing.T) {
		var want []civic.Membership
		for _, m := range c.Memberships {
			if m.OrganisationID == o.ID {
				want = append(want, m)
			}
		}
		want = byName(want, func(m civic.Membership) string { return c.partner[m.PartnershipID].Name }, func(m civic.Membership) string { return m.PartnershipID }, false)
		p := got.Partnerships
		if p.TotalCount != len(want) || len(p.Edges) != len(want) {
			t.Fatalf("%d partnerships, want %d", len(p.Edges), len(want))
		}
		for i, ed := range p.Edges {
			w := want[i]
			if ed.Node.ID != w.PartnershipID || ed.Role != upper(w.Role) || strOf(ed.Since) != dateOf(w.Since) || ed.Node.Kind != upper(c.partner[w.PartnershipID].Kind) {
				t.Errorf("partnership edge %+v, want %+v", ed, w)
			}
		}
	})
	t.Run("assets with roles and categories", func(t *testing.T) {
		var want []civic.Stewardship
		for _, s := range c.Stewardships {
			if s.OrganisationID == o.ID {
				want = append(want, s)
			}
		}
		want = byName(want, func(s civic.Stewardship) string { return c.asset[s.AssetID].Name }, func(s civic.Stewardship) string { return s.AssetID }, false)
		a := got.Assets
		if a.TotalCount != len(want) || len(a.Edges) != len(want) {
			t.Fatalf("%d assets, want %d", len(a.Edges), len(want))
		}
		for i, ed := range a.Edges {
			w, asset := want[i], c.asset[want[i].AssetID]
			if ed.Node.ID != w.AssetID || ed.Role != upper(w.Role) || strOf(ed.Since) != dateOf(w.Since) ||
				ed.Node.Kind != upper(asset.Kind) || ed.Node.Category != categoryOf[ed.Node.Kind] {
				t.Errorf("asset edge %+v, want %+v (%s)", ed, w, asset.Kind)
			}
		}
	})
	t.Run("people with roles and skills", func(t *testing.T) {
		var want []civic.Affiliation
		for _, a := range c.Affiliations {
			if a.OrganisationID == o.ID {
				want = append(want, a)
			}
		}
		want = byName(want, func(a civic.Affiliation) string { return c.person[a.PersonID].Name }, func(a civic.Affiliation) string { return a.PersonID }, false)
		p := got.People
		if p.TotalCount != len(want) || len(p.Edges) != len(want) {
			t.Fatalf("%d people, want %d", len(p.Edges), len(want))
		}
		for i, ed := range p.Edges {
			w, person := want[i], c.person[want[i].PersonID]
			if ed.Node.ID != w.PersonID || ed.Node.Name != person.Name || ed.Role != upper(w.Role) ||
				strOf(ed.Since) != dateOf(w.Since) || strOf(ed.Until) != dateOf(w.Until) ||
				!slices.Equal(sorted(ed.Node.Skills), sorted(person.Skills)) {
				t.Errorf("person edge %+v, want %+v with skills %v", ed, w, person.Skills)
			}
		}
	})
}

// categoryOf is the ABCD category of each asset kind, as the schema
// documents it.
var categoryOf = map[string]string{
	"BUILDING": "PHYSICAL", "ROOM": "PHYSICAL", "LAND": "PHYSICAL", "EQUIPMENT": "PHYSICAL", "VEHICLE": "PHYSICAL",
	"GREEN_SPACE": "NATURAL", "SKILL": "HUMAN", "KNOWLEDGE": "HUMAN", "NETWORK": "SOCIAL", "FUND": "FINANCIAL",
}

func TestOrganisationCollaborationsFilter(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	var council civic.Organisation
	for _, o := range c.Organisations {
		if o.Name == "Birmingham City Council" {
			council = o
		}
	}
	rank := map[civic.Intensity]int{civic.IntensityAwareness: 1, civic.IntensityCooperation: 2, civic.IntensityCoordination: 3, civic.IntensityIntegration: 4}
	on := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	runningOn := func(col civic.Collaboration, d time.Time) bool {
		return (col.Since == nil || !col.Since.After(d)) && (col.Until == nil || !col.Until.Before(d))
	}
	tests := []struct {
		name    string
		filter  map[string]any
		match   func(civic.Collaboration) bool
		atLeast int
	}{
		{"no filter", nil, func(civic.Collaboration) bool { return true }, 100},
		{"at least coordination", map[string]any{"minIntensity": "COORDINATION"},
			func(col civic.Collaboration) bool { return rank[col.Intensity] >= 3 }, 10},
		{"awareness or integration", map[string]any{"intensities": []string{"AWARENESS", "INTEGRATION"}},
			func(col civic.Collaboration) bool {
				return col.Intensity == civic.IntensityAwareness || col.Intensity == civic.IntensityIntegration
			}, 10},
		{"running on a day", map[string]any{"activeOn": "2021-03-15"},
			func(col civic.Collaboration) bool { return runningOn(col, on("2021-03-15")) }, 10},
		{"on a theme", map[string]any{"themes": []string{"food"}},
			func(col civic.Collaboration) bool { return slices.Contains(col.Themes, "food") }, 3},
		{"all at once", map[string]any{"minIntensity": "COOPERATION", "themes": []string{"youth", "housing"}, "activeOn": "2025-01-01"},
			func(col civic.Collaboration) bool {
				return rank[col.Intensity] >= 2 && (slices.Contains(col.Themes, "youth") || slices.Contains(col.Themes, "housing")) && runningOn(col, on("2025-01-01"))
			}, 2},
		{"contradictory intensities match nothing", map[string]any{"intensities": []string{"AWARENESS"}, "minIntensity": "COORDINATION"},
			func(civic.Collaboration) bool { return false }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := c.collabsOf(council.ID, tt.match)
			if len(want) < tt.atLeast {
				t.Fatalf("only %d demo collaborations match", len(want))
			}
			var out struct {
				Organisation struct {
					Collaborations struct {
						TotalCount int
						Edges      []struct {
							Node    struct{ ID string }
							Partner struct{ ID string }
						}
					}
				}
			}
			e.must(t, `query($id: ID!, $f: CollaborationFilter) { organisation(id: $id) {
  collaborations(filter: $f, first: 500) { totalCount edges { node { id } partner { id } } } } }`,
				map[string]any{"id": council.ID, "f": tt.filter}, &out)
			got := out.Organisation.Collaborations
			if got.TotalCount != len(want) {
				t.Errorf("totalCount %d, want %d", got.TotalCount, len(want))
			}
			var gotIDs []string
			for i, ed := range got.Edges {
				gotIDs = append(gotIDs, ed.Node.ID)
				if i < len(want) {
					partner := want[i].FromID
					if partner == council.ID {
						partner = want[i].ToID
					}
					if ed.Partner.ID != partner {
						t.Errorf("edge %d: partner %s, want %s", i, ed.Partner.ID, partner)
					}
				}
			}
			sameList(t, "collaborations", gotIDs, ids(want, func(col civic.Collaboration) string { return col.ID }))
		})
	}
}

func TestUnknownIDsReadAsNull(t *testing.T) {
	e := demoEnv(t)
	const none = "00000000-0000-0000-0000-000000000000"
	for _, tt := range []struct{ field, id string }{
		{"organisation", "org_" + none}, {"person", "per_" + none}, {"asset", "ast_" + none},
		{"partnership", "prt_" + none}, {"area", "area_" + none}, {"collaboration", "col_" + none},
	} {
		t.Run(tt.field, func(t *testing.T) {
			r := e.post(t, fmt.Sprintf(`query($id: ID!) { %s(id: $id) { id } }`, tt.field), map[string]any{"id": tt.id})
			if r.Status != 200 || len(r.Errors) > 0 || string(r.Data) != fmt.Sprintf(`{"%s":null}`, tt.field) {
				t.Fatalf("status %d, errors %+v, data %s; want null without errors", r.Status, r.Errors, r.Data)
			}
		})
	}
}

type personNode struct {
	ID, Name, Bio string
	Area          *ref
	Skills        []string
	Source        string
	Organisations struct {
		TotalCount int
		Edges      []struct {
			Role         string
			Since, Until *string
			Node         ref
		}
	}
}

func TestPeople(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	personName := func(p civic.Person) string { return p.Name }
	personID := func(p civic.Person) string { return p.ID }
	peopleWhere := func(match func(civic.Person) bool) []string {
		var out []civic.Person
		for _, p := range c.People {
			if match(p) {
				out = append(out, p)
			}
		}
		return ids(byName(out, personName, personID, false), personID)
	}
	moseley := c.ward(t, "Moseley")
	tests := []struct {
		name    string
		filter  map[string]any
		match   func(civic.Person) bool
		atLeast int
	}{
		{"everybody in the city", map[string]any{"areaIds": []string{c.cityID}}, func(civic.Person) bool { return true }, 500},
		{"a skill", map[string]any{"skills": []string{"bookkeeping"}},
			func(p civic.Person) bool { return slices.Contains(p.Skills, "bookkeeping") }, 10},
		{"any of several skills", map[string]any{"skills": []string{"translation-urdu", "first-aid"}},
			func(p civic.Person) bool {
				return slices.Contains(p.Skills, "translation-urdu") || slices.Contains(p.Skills, "first-aid")
			}, 20},
		{"a ward", map[string]any{"areaIds": []string{moseley.ID}},
			func(p civic.Person) bool { return p.AreaID == moseley.ID }, 3},
		{"name contains, any case", map[string]any{"nameContains": "aN"},
			func(p civic.Person) bool { return strings.Contains(strings.ToLower(p.Name), "an") }, 50},
		{"skill and ward", map[string]any{"skills": []string{"cooking", "gardening"}, "areaIds": []string{c.cityID}},
			func(p civic.Person) bool {
				return slices.Contains(p.Skills, "cooking") || slices.Contains(p.Skills, "gardening")
			}, 10},
		{"a skill nobody has", map[string]any{"skills": []string{"juggling"}}, func(civic.Person) bool { return false }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := peopleWhere(tt.match)
			if len(want) < tt.atLeast {
				t.Fatalf("only %d demo people match", len(want))
			}
			var out struct{ People refConn }
			e.must(t, `query($f: PersonFilter) { people(filter: $f, first: 500) { totalCount edges { node { id name } } } }`,
				map[string]any{"f": tt.filter}, &out)
			if out.People.TotalCount != len(want) {
				t.Errorf("totalCount %d, want %d", out.People.TotalCount, len(want))
			}
			sameList(t, "people", out.People.ids(), want)
		})
	}

	t.Run("a person with their organisations", func(t *testing.T) {
		var p civic.Person
		var affs []civic.Affiliation
		for _, cand := range byName(c.People, personName, personID, false) {
			affs = nil
			for _, a := range c.Affiliations {
				if a.PersonID == cand.ID {
					affs = append(affs, a)
				}
			}
			if len(affs) >= 2 && len(cand.Skills) >= 2 {
				p = cand
				break
			}
		}
		affs = byName(affs, func(a civic.Affiliation) string { return c.org[a.OrganisationID].Name }, func(a civic.Affiliation) string { return a.OrganisationID }, false)
		var out struct{ Person *personNode }
		e.must(t, `query($id: ID!) { person(id: $id) { id name bio area { id name } skills source
  organisations { totalCount edges { role since until node { id name } } } } }`, map[string]any{"id": p.ID}, &out)
		got := out.Person
		if got == nil || got.ID != p.ID || got.Name != p.Name || got.Bio != p.Bio || got.Source != demo.Source ||
			got.Area == nil || got.Area.ID != p.AreaID || got.Area.Name != c.area[p.AreaID].Name {
			t.Fatalf("person %+v, want %+v", got, p)
		}
		sameList(t, "skills", sorted(got.Skills), sorted(p.Skills))
		if got.Organisations.TotalCount != len(affs) || len(got.Organisations.Edges) != len(affs) {
			t.Fatalf("%d organisations, want %d", len(got.Organisations.Edges), len(affs))
		}
		for i, ed := range got.Organisations.Edges {
			w := affs[i]
			if ed.Node.ID != w.OrganisationID || ed.Role != upper(w.Role) || strOf(ed.Since) != dateOf(w.Since) || strOf(ed.Until) != dateOf(w.Until) {
				t.Errorf("edge %+v, want %+v", ed, w)
			}
		}
	})
}

// TestPersonContactDetailsArePrivate checks that the public never sees a
// person's email or phone (who else may is the access policy's matrix).
func TestPersonContactDetailsArePrivate(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	t.Run("the public asking for them gets null", func(t *testing.T) {
		var withContact []string
		for _, p := range c.People {
			if p.Email != "" && p.Phone != "" {
				withContact = append(withContact, p.ID)
			}
		}
		if len(withContact) == 0 {
			t.Fatal("the demo people have no contact details: the test would prove nothing")
		}
		r := e.postAs(t, anonymous, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { name email phone } } }`,
			map[string]any{"ids": withContact[:min(20, len(withContact))]})
		if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"email":null`) || strings.Contains(string(r.Data), "@") {
			t.Fatalf("errors %+v, data %.300s", r.Errors, r.Data)
		}
	})
	t.Run("no response carries them", func(t *testing.T) {
		var emails, phones int
		for _, p := range c.People {
			if p.Email != "" {
				emails++
			}
			if p.Phone != "" {
				phones++
			}
		}
		if emails == 0 || phones == 0 {
			t.Fatal("the demo people have no contact details: the test would prove nothing")
		}
		var bodies []string
		for _, q := range []string{
			`{ people(first: 500) { edges { node { id name bio skills source area { name } } } } }`,
			`{ people(first: 100) { edges { node { name organisations(first: 5) { edges { role node { name website } } } } } } }`,
			`{ organisations(first: 100) { edges { node { name people(first: 10) { edges { role node { id name bio skills } } } } } } }`,
		} {
			res := postRaw(t, e.srv.URL, "", q, nil)
			if res.Status != 200 || res.decode(t).Errors != nil {
				t.Fatalf("status %d, body %.300s", res.Status, res.Body)
			}
			bodies = append(bodies, string(res.Body))
		}
		body := strings.Join(bodies, "\n")
		if !strings.Contains(body, c.People[0].Name) {
			t.Fatal("the people are not in the responses")
		}
		for _, p := range c.People {
			if p.Email != "" && strings.Contains(body, p.Email) || p.Phone != "" && strings.Contains(body, p.Phone) {
				t.Fatalf("the contact details of %s are in a response", p.Name)
			}
		}
	})
}

type assetNode struct {
	ID, Name, Kind, Category, Description, Postcode, Source string
	Shareable                                               bool
	Capacity                                                *int
	Location                                                *geo
	Area                                                    *ref
	Themes                                                  []struct{ Slug string }
	Stewards                                                struct {
		TotalCount int
		Edges      []struct {
			Role  string
			Since *string
			Node  ref
		}
	}
}

func TestAssets(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	assetName := func(a civic.Asset) string { return a.Name }
	assetID := func(a civic.Asset) string { return a.ID }
	assetsWhere := func(match func(civic.Asset) bool) []string {
		var out []civic.Asset
		for _, a := range c.Assets {
			if match(a) {
				out = append(out, a)
			}
		}
		return ids(byName(out, assetName, assetID, false), assetID)
	}
	kindIn := func(a civic.Asset, kinds ...civic.AssetKind) bool { return slices.Contains(kinds, a.Kind) }
	var busiest civic.Asset // the ward with most assets
	perWard := map[string]int{}
	for _, a := range c.Assets {
		perWard[a.AreaID]++
		if a.AreaID != "" && perWard[a.AreaID] > perWard[busiest.AreaID] {
			busiest = a
		}
	}
	tests := []struct {
		name    string
		filter  map[string]any
		match   func(civic.Asset) bool
		atLeast int
	}{
		{"a kind", map[string]any{"kinds": []string{"GREEN_SPACE"}}, func(a civic.Asset) bool { return kindIn(a, civic.AssetGreenSpace) }, 10},
		{"several kinds", map[string]any{"kinds": []string{"ROOM", "BUILDING"}}, func(a civic.Asset) bool { return kindIn(a, civic.AssetRoom, civic.AssetBuilding) }, 50},
		{"a category", map[string]any{"categories": []string{"HUMAN"}}, func(a civic.Asset) bool { return kindIn(a, civic.AssetSkill, civic.AssetKnowledge) }, 20},
		{"several categories", map[string]any{"categories": []string{"NATURAL", "FINANCIAL"}}, func(a civic.Asset) bool { return kindIn(a, civic.AssetGreenSpace, civic.AssetFund) }, 20},
		{"kinds and categories must both hold", map[string]any{"kinds": []string{"ROOM", "FUND"}, "categories": []string{"PHYSICAL"}},
			func(a civic.Asset) bool { return kindIn(a, civic.AssetRoom) }, 10},
		{"a kind outside the category matches nothing", map[string]any{"kinds": []string{"FUND"}, "categories": []string{"NATURAL"}},
			func(civic.Asset) bool { return false }, 0},
		{"shareable", map[string]any{"shareable": true, "areaIds": []string{c.cityID}}, func(a civic.Asset) bool { return a.Shareable && a.AreaID != "" }, 20},
		{"not shareable", map[string]any{"shareable": false, "areaIds": []string{c.cityID}}, func(a civic.Asset) bool { return !a.Shareable && a.AreaID != "" }, 20},
		{"a theme", map[string]any{"themes": []string{"food"}}, func(a civic.Asset) bool { return slices.Contains(a.Themes, "food") }, 5},
		{"a ward", map[string]any{"areaIds": []string{busiest.AreaID}}, func(a civic.Asset) bool { return a.AreaID == busiest.AreaID }, 3},
		{"the city includes its wards", map[string]any{"areaIds": []string{c.cityID}}, func(a civic.Asset) bool { return a.AreaID != "" }, 250},
		{"name contains", map[string]any{"nameContains": "HALL"}, func(a civic.Asset) bool { return strings.Contains(strings.ToLower(a.Name), "hall") }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := assetsWhere(tt.match)
			if len(want) < tt.atLeast {
				t.Fatalf("only %d demo assets match", len(want))
			}
			var out struct{ Assets refConn }
			e.must(t, `query($f: AssetFilter) { assets(filter: $f, first: 500) { totalCount edges { node { id name } } } }`,
				map[string]any{"f": tt.filter}, &out)
			if out.Assets.TotalCount != len(want) {
				t.Errorf("totalCount %d, want %d", out.Assets.TotalCount, len(want))
			}
			sameList(t, "assets", out.Assets.ids(), want)
		})
	}

	t.Run("the category follows from the kind", func(t *testing.T) {
		var out struct {
			Assets struct {
				Edges []struct {
					Node struct{ ID, Kind, Category string }
				}
			}
		}
		e.must(t, `{ assets(first: 500) { edges { node { id kind category } } } }`, nil, &out)
		seen := map[string]bool{}
		for _, ed := range out.Assets.Edges {
			a, ok := c.asset[ed.Node.ID]
			if !ok {
				continue
			}
			seen[ed.Node.Category] = true
			if ed.Node.Kind != upper(a.Kind) || ed.Node.Category != categoryOf[ed.Node.Kind] {
				t.Errorf("asset %s: kind %s category %s", a.Name, ed.Node.Kind, ed.Node.Category)
			}
		}
		if len(seen) != 5 {
			t.Errorf("categories seen: %v, want all five", seen)
		}
	})

	t.Run("an asset with its stewards", func(t *testing.T) {
		var a civic.Asset
		var stewards []civic.Stewardship
		for _, cand := range byName(c.Assets, assetName, assetID, false) {
			stewards = nil
			for _, s := range c.Stewardships {
				if s.AssetID == cand.ID {
					stewards = append(stewards, s)
				}
			}
			if len(stewards) >= 3 && cand.Capacity != nil && cand.Location != nil && cand.AreaID != "" {
				a = cand
				break
			}
		}
		stewards = byName(stewards, func(s civic.Stewardship) string { return c.org[s.OrganisationID].Name }, func(s civic.Stewardship) string { return s.OrganisationID }, false)
		var out struct{ Asset *assetNode }
		e.must(t, `query($id: ID!) { asset(id: $id) { id name kind category description shareable capacity postcode source
  location { latitude longitude } area { id name } themes { slug }
  stewards { totalCount edges { role since node { id name } } } } }`, map[string]any{"id": a.ID}, &out)
		got := out.Asset
		if got == nil || got.Name != a.Name || got.Kind != upper(a.Kind) || got.Category != upper(a.Category()) ||
			got.Description != a.Description || got.Shareable != a.Shareable || got.Capacity == nil || *got.Capacity != *a.Capacity ||
			got.Postcode != a.Postcode || got.Source != demo.Source || got.Location == nil || got.Location.Latitude != a.Location.Latitude ||
			got.Area == nil || got.Area.ID != a.AreaID {
			t.Fatalf("asset %+v, want %+v", got, a)
		}
		var slugs []string
		for _, th := range got.Themes {
			slugs = append(slugs, th.Slug)
		}
		sameList(t, "themes", sorted(slugs), sorted(a.Themes))
		if got.Stewards.TotalCount != len(stewards) || len(got.Stewards.Edges) != len(stewards) {
			t.Fatalf("%d stewards, want %d", len(got.Stewards.Edges), len(stewards))
		}
		for i, ed := range got.Stewards.Edges {
			w := stewards[i]
			if ed.Node.ID != w.OrganisationID || ed.Role != upper(w.Role) || strOf(ed.Since) != dateOf(w.Since) {
				t.Errorf("steward %+v, want %+v", ed, w)
			}
		}
	})
}

func TestPartnerships(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	pName := func(p civic.Partnership) string { return p.Name }
	pID := func(p civic.Partnership) string { return p.ID }
	where := func(match func(civic.Partnership) bool, desc bool) []string {
		var out []civic.Partnership
		for _, p := range c.Partnerships {
			if match(p) {
				out = append(out, p)
			}
		}
		return ids(byName(out, pName, pID, desc), pID)
	}
	ladywood := c.ward(t, "Ladywood")
	all := func(civic.Partnership) bool { return true }
	tests := []struct {
		name    string
		filter  map[string]any
		order   map[string]any
		match   func(civic.Partnership) bool
		desc    bool
		atLeast int
	}{
		{"all, by name", nil, nil, all, false, 20},
		{"all, by name descending", nil, map[string]any{"field": "NAME", "direction": "DESC"}, all, true, 20},
		{"a kind", map[string]any{"kinds": []string{"FORUM"}}, nil, func(p civic.Partnership) bool { return p.Kind == civic.PartnershipForum }, false, 3},
		{"several kinds", map[string]any{"kinds": []string{"BOARD", "CONSORTIUM"}}, nil,
			func(p civic.Partnership) bool {
				return p.Kind == civic.PartnershipBoard || p.Kind == civic.PartnershipConsortium
			}, false, 3},
		{"a theme", map[string]any{"themes": []string{"youth"}}, nil, func(p civic.Partnership) bool { return slices.Contains(p.Themes, "youth") }, false, 3},
		{"a ward", map[string]any{"areaIds": []string{ladywood.ID}}, nil, func(p civic.Partnership) bool { return p.AreaID == ladywood.ID }, false, 1},
		{"the city holds those in its wards", map[string]any{"areaIds": []string{c.cityID}}, nil,
			func(p civic.Partnership) bool { return p.AreaID != "" }, false, 3},
		{"name contains", map[string]any{"nameContains": "FORUM"}, nil,
			func(p civic.Partnership) bool { return strings.Contains(strings.ToLower(p.Name), "forum") }, false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := where(tt.match, tt.desc)
			if len(want) < tt.atLeast {
				t.Fatalf("only %d demo partnerships match", len(want))
			}
			var out struct{ Partnerships refConn }
			e.must(t, `query($f: PartnershipFilter, $o: OrderBy) { partnerships(filter: $f, orderBy: $o, first: 100) { totalCount edges { node { id name } } } }`,
				map[string]any{"f": tt.filter, "o": tt.order}, &out)
			if out.Partnerships.TotalCount != len(want) {
				t.Errorf("totalCount %d, want %d", out.Partnerships.TotalCount, len(want))
			}
			sameList(t, "partnerships", out.Partnerships.ids(), want)
		})
	}

	t.Run("a partnership with its members", func(t *testing.T) {
		var p civic.Partnership
		for _, cand := range c.Partnerships {
			if cand.AreaID == ladywood.ID {
				p = cand
			}
		}
		var members []civic.Membership
		for _, m := range c.Memberships {
			if m.PartnershipID == p.ID {
				members = append(members, m)
			}
		}
		members = byName(members, func(m civic.Membership) string { return c.org[m.OrganisationID].Name }, func(m civic.Membership) string { return m.OrganisationID }, false)
		var out struct {
			Partnership *struct {
				ID, Name, Kind, Description, Source string
				Since                               *string
				Area                                *ref
				Themes                              []struct{ Slug string }
				Members                             struct {
					TotalCount int
					Edges      []struct {
						Role  string
						Since *string
						Node  ref
					}
				}
			}
		}
		e.must(t, `query($id: ID!) { partnership(id: $id) { id name kind description source since area { id name } themes { slug }
  members(first: 100) { totalCount edges { role since node { id name } } } } }`, map[string]any{"id": p.ID}, &out)
		got := out.Partnership
		if got == nil || got.Name != p.Name || got.Kind != upper(p.Kind) || got.Description != p.Description || got.Source != demo.Source ||
			strOf(got.Since) != dateOf(p.Since) || got.Area == nil || got.Area.ID != p.AreaID {
			t.Fatalf("partnership %+v, want %+v", got, p)
		}
		var slugs []string
		for _, th := range got.Themes {
			slugs = append(slugs, th.Slug)
		}
		sameList(t, "themes", sorted(slugs), sorted(p.Themes))
		if got.Members.TotalCount != len(members) || len(got.Members.Edges) != len(members) {
			t.Fatalf("%d members, want %d", len(got.Members.Edges), len(members))
		}
		roles := map[string]bool{}
		for i, ed := range got.Members.Edges {
			w := members[i]
			roles[ed.Role] = true
			if ed.Node.ID != w.OrganisationID || ed.Role != upper(w.Role) || strOf(ed.Since) != dateOf(w.Since) {
				t.Errorf("member %+v, want %+v", ed, w)
			}
		}
		if !roles["CHAIR"] || !roles["MEMBER"] {
			t.Errorf("roles %v: a forum has a chair and members", roles)
		}
	})

	t.Run("a city-wide partnership has no area", func(t *testing.T) {
		var p civic.Partnership
		for _, cand := range c.Partnerships {
			if cand.AreaID == "" {
				p = cand
				break
			}
		}
		var out struct{ Partnership struct{ Area *ref } }
		e.must(t, `query($id: ID!) { partnership(id: $id) { area { id } } }`, map[string]any{"id": p.ID}, &out)
		if out.Partnership.Area != nil {
			t.Errorf("area %+v, want null", out.Partnership.Area)
		}
	})
}

func TestAreas(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	areaName := func(a civic.Area) string { return a.Name }
	areaID := func(a civic.Area) string { return a.ID }
	wardIDs := ids(c.wards, areaID)
	tests := []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"wards", map[string]any{"kinds": []string{"WARD"}}, wardIDs},
		{"the city", map[string]any{"kinds": []string{"CITY"}}, []string{c.cityID}},
		{"within the city", map[string]any{"parentId": c.cityID}, wardIDs},
		{"within a ward", map[string]any{"parentId": c.wards[0].ID}, nil},
		{"name contains", map[string]any{"nameContains": "GREEN", "kinds": []string{"WARD", "CITY"}},
			ids(byName(slices.DeleteFunc(slices.Clone(c.Areas), func(a civic.Area) bool {
				return !strings.Contains(strings.ToLower(a.Name), "green")
			}), areaName, areaID, false), areaID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out struct{ Areas refConn }
			e.must(t, `query($f: AreaFilter) { areas(filter: $f, first: 100) { totalCount edges { node { id name } } } }`, map[string]any{"f": tt.filter}, &out)
			if out.Areas.TotalCount != len(tt.want) {
				t.Errorf("totalCount %d, want %d", out.Areas.TotalCount, len(tt.want))
			}
			sameList(t, "areas", out.Areas.ids(), tt.want)
		})
	}
	if len(wardIDs) != 69 {
		t.Fatalf("%d demo wards", len(wardIDs))
	}

	t.Run("a ward with its parent and charities", func(t *testing.T) {
		w := c.ward(t, "Ladywood")
		want := ids(c.orgsWhere(func(o civic.Organisation) bool { return o.AreaID == w.ID && o.Kind == civic.OrgCharity }), orgID)
		var out struct {
			Area *struct {
				ID, Name, Kind, Code string
				Location             *geo
				Parent               *struct {
					ID, Name, Kind, Code string
					Parent               *ref
				}
				Organisations refConn
			}
		}
		e.must(t, `query($id: ID!) { area(id: $id) { id name kind code location { latitude longitude }
  parent { id name kind code parent { id } }
  organisations(filter: { kinds: [CHARITY] }, first: 100) { totalCount edges { node { id name } } } } }`, map[string]any{"id": w.ID}, &out)
		a := out.Area
		if a == nil || a.Name != w.Name || a.Kind != "WARD" || a.Code != w.Code || a.Location == nil ||
			a.Location.Latitude != w.Location.Latitude || a.Location.Longitude != w.Location.Longitude {
			t.Fatalf("area %+v, want %+v", a, w)
		}
		if a.Parent == nil || a.Parent.ID != c.cityID || a.Parent.Kind != "CITY" || a.Parent.Code != "E08000025" || a.Parent.Parent != nil {
			t.Errorf("parent %+v", a.Parent)
		}
		if len(want) == 0 {
			t.Fatal("no charities in the ward: the test would prove little")
		}
		if a.Organisations.TotalCount != len(want) {
			t.Errorf("totalCount %d, want %d", a.Organisations.TotalCount, len(want))
		}
		sameList(t, "charities", a.Organisations.ids(), want)
	})
	t.Run("the city's organisations include its wards'", func(t *testing.T) {
		var out struct {
			Area struct{ Organisations refConn }
		}
		e.must(t, `query($id: ID!) { area(id: $id) { organisations(first: 500) { totalCount edges { node { id name } } } } }`, map[string]any{"id": c.cityID}, &out)
		want := ids(c.orgsWhere(func(civic.Organisation) bool { return true }), orgID)
		if out.Area.Organisations.TotalCount != len(want) {
			t.Errorf("totalCount %d, want %d", out.Area.Organisations.TotalCount, len(want))
		}
		sameList(t, "organisations", out.Area.Organisations.ids(), want)
	})
	t.Run("every ward's organisations, filtered, in one request", func(t *testing.T) {
		var out struct {
			Areas struct {
				Edges []struct {
					Node struct {
						ID            string
						Organisations refConn
					}
				}
			}
		}
		e.must(t, `{ areas(filter: { kinds: [WARD] }, first: 69) { edges { node { id
  organisations(filter: { themes: ["food", "youth"] }, first: 20) { totalCount edges { node { id name } } } } } } }`, nil, &out)
		if len(out.Areas.Edges) != 69 {
			t.Fatalf("%d wards", len(out.Areas.Edges))
		}
		nonEmpty := 0
		for _, ed := range out.Areas.Edges {
			want := ids(c.orgsWhere(func(o civic.Organisation) bool {
				return o.AreaID == ed.Node.ID && (slices.Contains(o.Themes, "food") || slices.Contains(o.Themes, "youth"))
			}), orgID)
			if len(want) > 0 {
				nonEmpty++
			}
			got := ed.Node.Organisations
			if got.TotalCount != len(want) {
				t.Errorf("ward %s: totalCount %d, want %d", c.area[ed.Node.ID].Name, got.TotalCount, len(want))
			}
			sameList(t, "ward "+c.area[ed.Node.ID].Name, got.ids(), want[:min(20, len(want))])
		}
		if nonEmpty < 20 {
			t.Errorf("only %d wards have matches", nonEmpty)
		}
	})
}

func TestThemes(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	themeName := func(t civic.Theme) string { return t.Name }
	themeID := func(t civic.Theme) string { return t.ID }
	t.Run("all, by name", func(t *testing.T) {
		var out struct{ Themes refConn }
		e.must(t, `{ themes(first: 100) { totalCount edges { node { id name } } } }`, nil, &out)
		want := ids(byName(c.Themes, themeName, themeID, false), themeID)
		if out.Themes.TotalCount != 15 || len(want) != 15 {
			t.Errorf("totalCount %d, want 15", out.Themes.TotalCount)
		}
		sameList(t, "themes", out.Themes.ids(), want)
	})
	t.Run("name contains, descending", func(t *testing.T) {
		var out struct{ Themes refConn }
		e.must(t, `{ themes(filter: { nameContains: "IN" }, orderBy: { field: NAME, direction: DESC }, first: 100) { totalCount edges { node { id name } } } }`, nil, &out)
		want := ids(byName(slices.DeleteFunc(slices.Clone(c.Themes), func(t civic.Theme) bool {
			return !strings.Contains(strings.ToLower(t.Name), "in")
		}), themeName, themeID, true), themeID)
		if len(want) < 3 {
			t.Fatalf("%d matches", len(want))
		}
		sameList(t, "themes", out.Themes.ids(), want)
	})
	for _, tt := range []struct{ name, args string }{{"by id", `id: "thm_food"`}, {"by slug", `slug: "food"`}} {
		t.Run(tt.name+" with its organisations", func(t *testing.T) {
			var out struct {
				Theme *struct {
					ID, Slug, Name, Description, Source string
					Organisations                       refConn
					Charities                           refConn
				}
			}
			e.must(t, `{ theme(`+tt.args+`) { id slug name description source
  organisations(first: 500) { totalCount edges { node { id name } } }
  charities: organisations(filter: { kinds: [CHARITY] }, first: 500) { totalCount edges { node { id name } } } } }`, nil, &out)
			th, want := out.Theme, c.theme["food"]
			if th == nil || th.ID != "thm_food" || th.Slug != "food" || th.Name != want.Name || th.Description != want.Description || th.Source != demo.Source {
				t.Fatalf("theme %+v, want %+v", th, want)
			}
			all := ids(c.orgsWhere(func(o civic.Organisation) bool { return slices.Contains(o.Themes, "food") }), orgID)
			charities := ids(c.orgsWhere(func(o civic.Organisation) bool {
				return slices.Contains(o.Themes, "food") && o.Kind == civic.OrgCharity
			}), orgID)
			if th.Organisations.TotalCount != len(all) || th.Charities.TotalCount != len(charities) || len(charities) == 0 {
				t.Errorf("totalCount %d and %d, want %d and %d", th.Organisations.TotalCount, th.Charities.TotalCount, len(all), len(charities))
			}
			sameList(t, "organisations", th.Organisations.ids(), all)
			sameList(t, "charities", th.Charities.ids(), charities)
		})
	}
	for _, tt := range []struct{ name, args string }{{"unknown slug", `slug: "no-such-theme"`}, {"unknown id", `id: "thm_no-such-theme"`}} {
		t.Run(tt.name+" is null", func(t *testing.T) {
			r := e.post(t, `{ theme(`+tt.args+`) { id } }`, nil)
			if len(r.Errors) > 0 || string(r.Data) != `{"theme":null}` {
				t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
			}
		})
	}
	t.Run("both id and slug", func(t *testing.T) {
		mustFailWith(t, e, `{ theme(id: "thm_food", slug: "food") { id } }`, nil, "BAD_USER_INPUT")
	})
	t.Run("neither id nor slug", func(t *testing.T) {
		mustFailWith(t, e, `{ theme { id } }`, nil, "BAD_USER_INPUT")
	})
}

func TestCollaborations(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	on := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	colID := func(col civic.Collaboration) string { return col.ID }
	rank := map[civic.Intensity]int{civic.IntensityAwareness: 1, civic.IntensityCooperation: 2, civic.IntensityCoordination: 3, civic.IntensityIntegration: 4}
	tests := []struct {
		name    string
		filter  map[string]any
		match   func(civic.Collaboration) bool
		atLeast int
	}{
		{"all", nil, func(civic.Collaboration) bool { return true }, 1500},
		{"one intensity", map[string]any{"intensities": []string{"INTEGRATION"}},
			func(col civic.Collaboration) bool { return col.Intensity == civic.IntensityIntegration }, 50},
		{"at least coordination", map[string]any{"minIntensity": "COORDINATION"},
			func(col civic.Collaboration) bool { return rank[col.Intensity] >= 3 }, 100},
		{"running on a day", map[string]any{"activeOn": "2016-06-01"},
			func(col civic.Collaboration) bool {
				d := on("2016-06-01")
				return !col.Since.After(d) && (col.Until == nil || !col.Until.Before(d))
			}, 20},
		{"themes", map[string]any{"themes": []string{"food", "sport"}},
			func(col civic.Collaboration) bool {
				return slices.Contains(col.Themes, "food") || slices.Contains(col.Themes, "sport")
			}, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := ids(c.collabsOf("", tt.match), colID)
			if len(want) < tt.atLeast {
				t.Fatalf("only %d demo collaborations match", len(want))
			}
			var got []string
			var after any
			for n := 0; n < 5; n++ {
				var out struct{ Collaborations refConn }
				e.must(t, `query($f: CollaborationFilter, $after: String) { collaborations(filter: $f, first: 500, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, map[string]any{"f": tt.filter, "after": after}, &out)
				if out.Collaborations.TotalCount != len(want) {
					t.Fatalf("totalCount %d, want %d", out.Collaborations.TotalCount, len(want))
				}
				got = append(got, out.Collaborations.ids()...)
				if !out.Collaborations.PageInfo.HasNextPage {
					break
				}
				after = strOf(out.Collaborations.PageInfo.EndCursor)
			}
			sameList(t, "collaborations, newest first", got, want)
		})
	}

	t.Run("fields, and active computed from the dates", func(t *testing.T) {
		var out struct {
			Collaborations struct{ Edges []struct{ Node collabNode } }
		}
		e.must(t, `{ collaborations(first: 300) { edges { node {
  id intensity description since until active themes { slug } from { id name } to { id name } source createdAt } } } }`, nil, &out)
		want := c.collabsOf("", nil)
		active := map[bool]int{}
		for i, ed := range out.Collaborations.Edges {
			checkCollab(t, ed.Node, want[i])
			active[ed.Node.Active]++
			if ed.Node.Source != demo.Source || ed.Node.CreatedAt != demo.Timestamp.Format(time.RFC3339) ||
				ed.Node.From.Name != c.org[want[i].FromID].Name || ed.Node.To.Name != c.org[want[i].ToID].Name {
				t.Errorf("collaboration %+v", ed.Node)
			}
		}
		if len(out.Collaborations.Edges) != 300 || active[true] == 0 || active[false] == 0 {
			t.Errorf("%d collaborations, active %v: want both active and ended ones", len(out.Collaborations.Edges), active)
		}
	})
	t.Run("one by id", func(t *testing.T) {
		var ended civic.Collaboration
		for _, col := range c.Collaborations {
			if col.Until != nil {
				ended = col
				break
			}
		}
		var out struct{ Collaboration *collabNode }
		e.must(t, `query($id: ID!) { collaboration(id: $id) { id intensity description since until active themes { slug } from { id } to { id } } }`,
			map[string]any{"id": ended.ID}, &out)
		if out.Collaboration == nil {
			t.Fatal("not found")
		}
		checkCollab(t, *out.Collaboration, ended)
	})
}

// typedNode is a node read with its __typename.
type typedNode struct {
	Typename  string `json:"__typename"`
	ID        string
	Name      string
	Intensity string
}

func TestNode(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	known := []struct{ typename, id, name string }{
		{"Organisation", c.Organisations[3].ID, c.Organisations[3].Name},
		{"Person", c.People[7].ID, c.People[7].Name},
		{"Asset", c.Assets[11].ID, c.Assets[11].Name},
		{"Partnership", c.Partnerships[2].ID, c.Partnerships[2].Name},
		{"Area", c.wards[5].ID, c.wards[5].Name},
		{"Theme", "thm_housing", "Housing"},
		{"Collaboration", c.Collaborations[42].ID, upper(c.Collaborations[42].Intensity)},
	}
	const nodeQuery = `query($id: ID!) { node(id: $id) { __typename id
  ... on Organisation { name } ... on Person { name } ... on Asset { name } ... on Partnership { name }
  ... on Area { name } ... on Theme { name } ... on Collaboration { intensity } } }`
	for _, k := range known {
		t.Run(k.typename, func(t *testing.T) {
			var out struct{ Node *typedNode }
			e.must(t, nodeQuery, map[string]any{"id": k.id}, &out)
			if out.Node == nil || out.Node.Typename != k.typename || out.Node.ID != k.id || out.Node.Name+out.Node.Intensity != k.name {
				t.Fatalf("node %+v, want %+v", out.Node, k)
			}
		})
	}
	for _, prefix := range []string{"org", "per", "ast", "prt", "area", "thm", "col"} {
		t.Run("unknown "+prefix+" id is null", func(t *testing.T) {
			r := e.post(t, nodeQuery, map[string]any{"id": prefix + "_00000000-0000-0000-0000-000000000000"})
			if len(r.Errors) > 0 || string(r.Data) != `{"node":null}` {
				t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
			}
		})
	}
	for _, bad := range []string{"nope", "xyz_123", "org_", "", "ORG_123", "_123"} {
		t.Run(fmt.Sprintf("malformed id %q", bad), func(t *testing.T) {
			mustFailWith(t, e, nodeQuery, map[string]any{"id": bad}, "BAD_USER_INPUT")
		})
	}
	t.Run("nodes keep order, null for unknown", func(t *testing.T) {
		var ask []any
		var want []string
		for i, k := range known {
			ask = append(ask, k.id)
			want = append(want, k.typename+":"+k.id)
			if i%3 == 1 {
				ask = append(ask, "org_00000000-0000-0000-0000-00000000000"+fmt.Sprint(i))
				want = append(want, "null")
			}
		}
		ask = append(ask, known[0].id)
		want = append(want, known[0].typename+":"+known[0].id)
		var out struct{ Nodes []*typedNode }
		e.must(t, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": ask}, &out)
		var got []string
		for _, n := range out.Nodes {
			if n == nil {
				got = append(got, "null")
			} else {
				got = append(got, n.Typename+":"+n.ID)
			}
		}
		sameList(t, "nodes", got, want)
	})
	t.Run("nodes with a malformed id", func(t *testing.T) {
		mustFailWith(t, e, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{known[0].id, "nope"}}, "BAD_USER_INPUT")
	})
	t.Run("no nodes", func(t *testing.T) {
		r := e.post(t, `{ nodes(ids: []) { id } }`, nil)
		if len(r.Errors) > 0 || string(r.Data) != `{"nodes":[]}` {
			t.Fatalf("errors %+v, data %s", r.Errors, r.Data)
		}
	})
}

// TestAnalystRequest is the request the service exists for: a page of
// organisations filtered by kind, theme and area, and for each its area,
// its collaborations with their properties, its partners and their
// partners, its partnerships with their members, its assets with their
// stewards and its people, all in one request.
func TestAnalystRequest(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	type collabEdge struct {
		Node    collabNode
		Partner struct {
			ID, Name       string
			Collaborations struct {
				TotalCount int
				Edges      []struct {
					Node    struct{ ID string }
					Partner ref
				}
			}
		}
	}
	var out struct {
		Organisations struct {
			TotalCount int
			PageInfo   pageInfo
			Edges      []struct {
				Node struct {
					ID, Name, Kind string
					Area           struct {
						ID, Name string
						Parent   ref
					}
					Themes         []struct{ Slug string }
					Collaborations struct {
						TotalCount int
						Edges      []collabEdge
					}
					Partnerships struct {
						TotalCount int
						Edges      []struct {
							Role string
							Node struct {
								ID, Name string
								Members  struct {
									TotalCount int
									Edges      []struct {
										Role string
										Node ref
									}
								}
							}
						}
					}
					Assets struct {
						TotalCount int
						Edges      []struct {
							Role string
							Node struct {
								ID, Name, Category string
								Stewards           struct {
									TotalCount int
									Edges      []struct {
										Role string
										Node ref
									}
								}
							}
						}
					}
					People struct {
						TotalCount int
						Edges      []struct {
							Role string
							Node struct {
								ID, Name string
								Skills   []string
							}
						}
					}
				}
			}
		}
	}
	e.must(t, `query($city: ID!) {
  organisations(first: 3, filter: { kinds: [CHARITY, COMMUNITY_GROUP], themes: ["food"], areaIds: [$city] }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name kind
      area { id name parent { id name } }
      themes { slug }
      collaborations(first: 10) { totalCount edges {
        node { id intensity description since until active themes { slug } from { id } to { id } }
        partner { id name collaborations(first: 10) { totalCount edges { node { id } partner { id name } } } }
      } }
      partnerships(first: 10) { totalCount edges { role node { id name members(first: 50) { totalCount edges { role node { id name } } } } } }
      assets(first: 10) { totalCount edges { role node { id name category stewards(first: 10) { totalCount edges { role node { id name } } } } } }
      people(first: 10) { totalCount edges { role node { id name skills } } }
    } }
  }
}`, map[string]any{"city": c.cityID}, &out)

	wantPage := c.orgsWhere(func(o civic.Organisation) bool {
		return (o.Kind == civic.OrgCharity || o.Kind == civic.OrgCommunityGroup) && slices.Contains(o.Themes, "food")
	})
	page := out.Organisations
	if page.TotalCount != len(wantPage) || !page.PageInfo.HasNextPage || page.PageInfo.EndCursor == nil || len(page.Edges) != 3 {
		t.Fatalf("page: totalCount %d (want %d), %d edges, pageInfo %+v", page.TotalCount, len(wantPage), len(page.Edges), page.PageInfo)
	}
	partnerOf := func(col civic.Collaboration, of string) string {
		if col.FromID == of {
			return col.ToID
		}
		return col.FromID
	}
	links := 0
	for i, ed := range page.Edges {
		o, n := wantPage[i], ed.Node
		if n.ID != o.ID || n.Name != o.Name || n.Kind != upper(o.Kind) {
			t.Fatalf("organisation %d is %s, want %s", i, n.Name, o.Name)
		}
		if n.Area.ID != o.AreaID || n.Area.Name != c.area[o.AreaID].Name || n.Area.Parent.ID != c.cityID {
			t.Errorf("%s: area %+v", o.Name, n.Area)
		}
		var slugs []string
		for _, th := range n.Themes {
			slugs = append(slugs, th.Slug)
		}
		sameList(t, o.Name+" themes", sorted(slugs), sorted(o.Themes))

		cols := c.collabsOf(o.ID, nil)
		if n.Collaborations.TotalCount != len(cols) || len(n.Collaborations.Edges) != min(10, len(cols)) {
			t.Fatalf("%s: %d of %d collaborations, want %d", o.Name, len(n.Collaborations.Edges), n.Collaborations.TotalCount, len(cols))
		}
		for j, ce := range n.Collaborations.Edges {
			checkCollab(t, ce.Node, cols[j])
			p := partnerOf(cols[j], o.ID)
			if ce.Partner.ID != p || ce.Partner.Name != c.org[p].Name {
				t.Errorf("%s: partner %s, want %s", o.Name, ce.Partner.Name, c.org[p].Name)
			}
			pcols := c.collabsOf(p, nil)
			pc := ce.Partner.Collaborations
			if pc.TotalCount != len(pcols) || len(pc.Edges) != min(10, len(pcols)) {
				t.Fatalf("%s's partners' collaborations: %d of %d, want %d", c.org[p].Name, len(pc.Edges), pc.TotalCount, len(pcols))
			}
			for k, pe := range pc.Edges {
				if pe.Node.ID != pcols[k].ID || pe.Partner.ID != partnerOf(pcols[k], p) {
					t.Errorf("%s: collaboration %d is %s with %s, want %s with %s", c.org[p].Name, k, pe.Node.ID, pe.Partner.ID, pcols[k].ID, partnerOf(pcols[k], p))
				}
				links++
			}
		}

		var mem []civic.Membership
		for _, m := range c.Memberships {
			if m.OrganisationID == o.ID {
				mem = append(mem, m)
			}
		}
		mem = byName(mem, func(m civic.Membership) string { return c.partner[m.PartnershipID].Name }, func(m civic.Membership) string { return m.PartnershipID }, false)
		if n.Partnerships.TotalCount != len(mem) || len(n.Partnerships.Edges) != len(mem) {
			t.Fatalf("%s: %d partnerships, want %d", o.Name, len(n.Partnerships.Edges), len(mem))
		}
		for j, pe := range n.Partnerships.Edges {
			var members []string
			for _, m := range c.Memberships {
				if m.PartnershipID == mem[j].PartnershipID {
					members = append(members, m.OrganisationID)
				}
			}
			if pe.Node.ID != mem[j].PartnershipID || pe.Role != upper(mem[j].Role) || pe.Node.Members.TotalCount != len(members) {
				t.Errorf("%s: partnership %+v, want %+v with %d members", o.Name, pe.Node.Name, mem[j], len(members))
			}
			var gotMembers []string
			for _, me := range pe.Node.Members.Edges {
				gotMembers = append(gotMembers, me.Node.ID)
			}
			if !slices.Contains(gotMembers, o.ID) && len(members) <= 50 {
				t.Errorf("%s is not among the members of %s", o.Name, pe.Node.Name)
			}
			links += len(gotMembers)
		}

		var st []civic.Stewardship
		for _, s := range c.Stewardships {
			if s.OrganisationID == o.ID {
				st = append(st, s)
			}
		}
		st = byName(st, func(s civic.Stewardship) string { return c.asset[s.AssetID].Name }, func(s civic.Stewardship) string { return s.AssetID }, false)
		if n.Assets.TotalCount != len(st) || len(n.Assets.Edges) != min(10, len(st)) {
			t.Fatalf("%s: %d assets, want %d", o.Name, len(n.Assets.Edges), len(st))
		}
		for j, ae := range n.Assets.Edges {
			stewards := 0
			for _, s := range c.Stewardships {
				if s.AssetID == st[j].AssetID {
					stewards++
				}
			}
			if ae.Node.ID != st[j].AssetID || ae.Role != upper(st[j].Role) || ae.Node.Category != upper(c.asset[st[j].AssetID].Category()) ||
				ae.Node.Stewards.TotalCount != stewards || len(ae.Node.Stewards.Edges) != min(10, stewards) {
				t.Errorf("%s: asset edge %+v, want %+v with %d stewards", o.Name, ae, st[j], stewards)
			}
			links += len(ae.Node.Stewards.Edges)
		}

		var aff []civic.Affiliation
		for _, a := range c.Affiliations {
			if a.OrganisationID == o.ID {
				aff = append(aff, a)
			}
		}
		aff = byName(aff, func(a civic.Affiliation) string { return c.person[a.PersonID].Name }, func(a civic.Affiliation) string { return a.PersonID }, false)
		if n.People.TotalCount != len(aff) || len(n.People.Edges) != min(10, len(aff)) {
			t.Fatalf("%s: %d people, want %d", o.Name, len(n.People.Edges), len(aff))
		}
		for j, pe := range n.People.Edges {
			p := c.person[aff[j].PersonID]
			if pe.Node.ID != p.ID || pe.Role != upper(aff[j].Role) || !slices.Equal(sorted(pe.Node.Skills), sorted(p.Skills)) {
				t.Errorf("%s: person %+v, want %s as %s", o.Name, pe, p.Name, aff[j].Role)
			}
		}
	}
	if links < 30 {
		t.Errorf("only %d second-level links came back: the request proves little", links)
	}
}

func TestFilterArgumentsAreChecked(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	tests := []struct {
		name, query string
		code, field string
	}{
		{"organisations: an area ID of another kind", `{ organisations(filter: { areaIds: ["org_1"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.areaIds"},
		{"organisations: not a theme slug", `{ organisations(filter: { themes: ["Food Bank"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.themes"},
		{"organisations: an unknown kind", `{ organisations(filter: { kinds: [GUILD] }) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", ""},
		{"people: not a skill slug", `{ people(filter: { skills: ["first aid"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.skills"},
		{"people: a malformed area ID", `{ people(filter: { areaIds: ["nope"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.areaIds"},
		{"assets: a malformed area ID", `{ assets(filter: { areaIds: ["per_1"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.areaIds"},
		{"assets: an unknown category", `{ assets(filter: { categories: [SPIRITUAL] }) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", ""},
		{"partnerships: not a theme slug", `{ partnerships(filter: { themes: ["a b"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.themes"},
		{"areas: a malformed parent", `{ areas(filter: { parentId: "org_1" }) { totalCount } }`, "BAD_USER_INPUT", "filter.parentId"},
		{"collaborations: not a theme slug", `{ collaborations(filter: { themes: ["NOT OK"] }) { totalCount } }`, "BAD_USER_INPUT", "filter.themes"},
		{"collaborations: an invalid day", `{ collaborations(filter: { activeOn: "2023-02-29" }) { totalCount } }`, "BAD_USER_INPUT", ""},
		{"nested: an organisation's collaborations", fmt.Sprintf(`{ organisation(id: %q) { collaborations(filter: { themes: ["bad slug"] }) { totalCount } } }`, c.Organisations[0].ID), "BAD_USER_INPUT", "filter.themes"},
		{"nested: an area's organisations", fmt.Sprintf(`{ area(id: %q) { organisations(filter: { areaIds: ["bad"] }) { totalCount } } }`, c.cityID), "BAD_USER_INPUT", "filter.areaIds"},
		{"nested: paging arguments", fmt.Sprintf(`{ area(id: %q) { organisations(first: 501) { totalCount } } }`, c.cityID), "BAD_USER_INPUT", "first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.field == "" {
				mustFailWith(t, e, tt.query, nil, tt.code)
			} else {
				mustFailWith(t, e, tt.query, nil, tt.code, tt.field)
			}
		})
	}
}

// TestNestedPages pages through the children of many parents at once,
// from the start and from the end.
func TestNestedPages(t *testing.T) {
	e := demoEnv(t)
	c := demoCity()
	t.Run("each ward's last organisations", func(t *testing.T) {
		var out struct {
			Areas struct {
				Edges []struct {
					Node struct {
						ID            string
						Organisations refConn
					}
				}
			}
		}
		e.must(t, `{ areas(filter: { kinds: [WARD] }, first: 30) { edges { node { id
  organisations(last: 3) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { id name } } } } } } }`, nil, &out)
		if len(out.Areas.Edges) != 30 {
			t.Fatalf("%d wards", len(out.Areas.Edges))
		}
		for _, ed := range out.Areas.Edges {
			want := ids(c.orgsWhere(func(o civic.Organisation) bool { return o.AreaID == ed.Node.ID }), orgID)
			got := ed.Node.Organisations
			sameList(t, c.area[ed.Node.ID].Name, got.ids(), want[max(0, len(want)-3):])
			if got.TotalCount != len(want) || got.PageInfo.HasNextPage || got.PageInfo.HasPreviousPage != (len(want) > 3) {
				t.Errorf("%s: totalCount %d (want %d), pageInfo %+v", c.area[ed.Node.ID].Name, got.TotalCount, len(want), got.PageInfo)
			}
		}
	})
	t.Run("each organisation's oldest collaborations", func(t *testing.T) {
		var out struct {
			Organisations struct {
				Edges []struct {
					Node struct {
						ID             string
						Collaborations struct {
							TotalCount int
							Edges      []struct {
								Node    struct{ ID string }
								Partner struct{ ID string }
							}
						}
					}
				}
			}
		}
		e.must(t, `{ organisations(first: 40) { edges { node { id collaborations(last: 4) { totalCount edges { node { id } partner { id } } } } } } }`, nil, &out)
		for _, ed := range out.Organisations.Edges {
			want := c.collabsOf(ed.Node.ID, nil)
			want = want[max(0, len(want)-4):]
			var got []string
			for _, ce := range ed.Node.Collaborations.Edges {
				got = append(got, ce.Node.ID)
			}
			sameList(t, c.org[ed.Node.ID].Name, got, ids(want, func(col civic.Collaboration) string { return col.ID }))
		}
	})
}
