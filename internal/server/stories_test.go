package server_test

import (
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestWhatWorked(t *testing.T) {
	e, c := demoEnv(t), demoCity()
	// Published stories by theme and ward, from the demo data.
	want := map[[2]string][]string{}
	published := 0
	for _, s := range c.Registers.Stories {
		if s.Status == civic.StoryPublished {
			published++
			key := [2]string{s.Themes[0], s.AreaIDs[0]}
			want[key] = append(want[key], s.Title)
		}
	}
	checked := 0
	for key, titles := range want {
		var out struct {
			WhatWorked struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Title, Status string
						Areas         []struct{ ID string }
					}
				}
			}
		}
		e.must(t, `query($theme: String!, $area: ID!) { whatWorked(theme: $theme, areaId: $area, first: 100) { totalCount edges { node { title status areas { id } } } } }`,
			map[string]any{"theme": key[0], "area": key[1]}, &out)
		var got []string
		for _, ed := range out.WhatWorked.Edges {
			got = append(got, ed.Node.Title)
			if ed.Node.Status != "PUBLISHED" || ed.Node.Areas[0].ID != key[1] {
				t.Errorf("%v: %+v", key, ed.Node)
			}
		}
		if !slices.Equal(sortedSet(got), sortedSet(titles)) {
			t.Errorf("what worked for %s in %s: %v, want %v", key[0], key[1], got, titles)
		}
		checked++
	}
	// The whole city: every published demo story on a theme.
	var city struct{ Stories struct{ TotalCount int } }
	e.must(t, `query($city: ID!) { stories(filter: {areaIds: [$city]}) { totalCount } }`, map[string]any{"city": c.Areas[0].ID}, &city)
	if city.Stories.TotalCount != published || checked == 0 {
		t.Errorf("%d published stories in the city, want %d", city.Stories.TotalCount, published)
	}
	e.mustFail(t, `{ whatWorked(theme: "Not A Slug", areaId: "area_x") { totalCount } }`, nil, "BAD_USER_INPUT")
}

const submitMutation = `mutation($in: SubmitStoryInput!) { submitStory(input: $in) { id status kind title } }`

func TestStoryReview(t *testing.T) {
	e := demoEnv(t)
	// An area and organisation of this test's own, outside the demo city.
	var made struct {
		Area, Org struct{ ID string }
	}
	e.must(t, `mutation($area: String!, $org: String!) {
  area: createArea(input: {name: $area, kind: NEIGHBOURHOOD}) { id }
  org: createOrganisation(input: {name: $org, kind: CHARITY}) { id }
}`, map[string]any{"area": uniqueName(t, "Area"), "org": uniqueName(t, "Charity")}, &made)
	story := func(title string) map[string]any {
		return map[string]any{"in": map[string]any{"kind": "INITIATIVE", "title": title, "summary": "What we did.",
			"outcome": "What changed.", "themes": []string{"food"}, "areaIds": []string{made.Area.ID}, "organisationIds": []string{made.Org.ID},
			"startDate": "2024-01-01", "endDate": "2024-06-30"}}
	}
	var sub struct {
		SubmitStory struct{ ID, Status, Kind string }
	}
	e.must(t, submitMutation, story("Community fridge"), &sub)
	id := sub.SubmitStory.ID
	if sub.SubmitStory.Status != "SUBMITTED" || sub.SubmitStory.Kind != "INITIATIVE" {
		t.Fatalf("submitted %+v", sub.SubmitStory)
	}

	type public struct {
		Story      *struct{ ID string }
		Node       *struct{ ID string }
		WhatWorked struct{ TotalCount int }
		Stories    struct{ TotalCount int }
		Review     struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	look := func() (public, bool) {
		var p public
		e.must(t, `query($id: ID!, $area: ID!, $org: ID!) {
  story(id: $id) { id }
  node(id: $id) { id }
  whatWorked(theme: "food", areaId: $area) { totalCount }
  stories(filter: {organisationIds: [$org]}) { totalCount }
  review: storiesForReview(first: 500) { edges { node { id } } }
}`, map[string]any{"id": id, "area": made.Area.ID, "org": made.Org.ID}, &p)
		inReview := slices.ContainsFunc(p.Review.Edges, func(ed struct{ Node struct{ ID string } }) bool { return ed.Node.ID == id })
		return p, inReview
	}
	p, inReview := look()
	if p.Story != nil || p.Node != nil || p.WhatWorked.TotalCount != 0 || p.Stories.TotalCount != 0 || !inReview {
		t.Fatalf("a submitted story is public (%+v) or not in review (%v)", p, inReview)
	}

	var pub struct {
		PublishStory struct{ Status, ReviewNote string }
	}
	e.must(t, `mutation($id: ID!) { publishStory(id: $id, note: "Thank you!") { status reviewNote } }`, map[string]any{"id": id}, &pub)
	if pub.PublishStory.Status != "PUBLISHED" || pub.PublishStory.ReviewNote != "Thank you!" {
		t.Fatalf("published %+v", pub.PublishStory)
	}
	p, inReview = look()
	if p.Story == nil || p.Node == nil || p.WhatWorked.TotalCount != 1 || p.Stories.TotalCount != 1 || inReview {
		t.Fatalf("a published story is not public (%+v) or still in review (%v)", p, inReview)
	}
	const reject = `mutation($id: ID!, $reason: String!) { rejectStory(id: $id, reason: $reason) { status reviewNote } }`
	e.mustFail(t, reject, map[string]any{"id": id, "reason": "Changed our minds"}, "CONFLICT")
	e.mustFail(t, `mutation($id: ID!) { publishStory(id: $id) { status } }`, map[string]any{"id": id}, "CONFLICT")

	e.must(t, submitMutation, story("Pop-up shop"), &sub)
	other := sub.SubmitStory.ID
	e.mustFail(t, reject, map[string]any{"id": other, "reason": "  "}, "BAD_USER_INPUT")
	var rej struct {
		RejectStory struct{ Status, ReviewNote string }
	}
	e.must(t, reject, map[string]any{"id": other, "reason": "Please say what changed."}, &rej)
	if rej.RejectStory.Status != "REJECTED" {
		t.Fatalf("rejected %+v", rej.RejectStory)
	}
	e.mustFail(t, `mutation($id: ID!) { publishStory(id: $id) { status } }`, map[string]any{"id": other}, "CONFLICT")
	e.mustFail(t, `mutation($id: ID!) { publishStory(id: $id) { status } }`, map[string]any{"id": civic.NewID(civic.KindStory)}, "NOT_FOUND")

	bad := []struct {
		name string
		in   map[string]any
		code string
	}{
		{"about nothing", map[string]any{"title": "x", "summary": "y"}, "BAD_USER_INPUT"},
		{"ends before it starts", map[string]any{"title": "x", "summary": "y", "themes": []string{"food"}, "startDate": "2024-02-01", "endDate": "2024-01-01"}, "BAD_USER_INPUT"},
		{"an unknown theme", map[string]any{"title": "x", "summary": "y", "themes": []string{"nope"}}, "BAD_USER_INPUT"},
		{"an unknown organisation", map[string]any{"title": "x", "summary": "y", "organisationIds": []string{civic.NewID(civic.KindOrganisation)}}, "NOT_FOUND"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) { e.mustFail(t, submitMutation, map[string]any{"in": tt.in}, tt.code) })
	}
}
