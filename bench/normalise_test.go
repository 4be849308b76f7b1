package bench

import "testing"

// Two shortest paths with the same ends and length but different middles
// compare equal; a path with another end, another length, or none at all
// does not.
func TestPathComparedKeepsLengthAndEnds(t *testing.T) {
	path := func(ids ...string) any {
		nodes := make([]any, len(ids))
		for i, id := range ids {
			nodes[i] = map[string]any{"id": id, "label": "name of " + id}
		}
		return map[string]any{"path": map[string]any{"length": float64(len(ids) - 1), "nodes": nodes}}
	}
	same := func(a, b any) bool { ok, _ := Same(pathCompared(a), pathCompared(b)); return ok }
	if !same(path("a", "x", "b"), path("a", "y", "b")) {
		t.Error("paths a-x-b and a-y-b should compare equal")
	}
	if same(path("a", "x", "b"), path("a", "x", "c")) {
		t.Error("paths ending at b and at c compared equal")
	}
	if same(path("a", "x", "b"), path("a", "x", "y", "b")) {
		t.Error("paths of 2 and 3 hops compared equal")
	}
	if same(path("a", "x", "b"), map[string]any{"path": nil}) {
		t.Error("a path and no path compared equal")
	}
}

// @neo4j/graphql's list of organisations on the path becomes civicgraph's
// NetworkPath: n organisations are n-1 hops, and an empty list no path.
func TestFromNeoPath(t *testing.T) {
	got := fromNeoPath(map[string]any{"path": []any{
		map[string]any{"id": "a", "name": "A"}, map[string]any{"id": "b", "name": "B"},
	}})
	want := map[string]any{"path": map[string]any{"length": 1.0, "nodes": []any{
		map[string]any{"id": "a", "label": "A"}, map[string]any{"id": "b", "label": "B"},
	}}}
	if ok, diff := Same(got, want); !ok {
		t.Error(diff)
	}
	if ok, diff := Same(fromNeoPath(map[string]any{"path": []any{}}), map[string]any{"path": nil}); !ok {
		t.Error(diff)
	}
}

func TestFromNeoNearby(t *testing.T) {
	got := fromNeoNearby(map[string]any{"nearbyPartners": []any{
		map[string]any{"id": "a", "name": "A", "distanceKm": 0.25},
	}})
	want := map[string]any{"nearbyPartners": map[string]any{"edges": []any{
		map[string]any{"distanceKm": 0.25, "node": map[string]any{"id": "a", "name": "A"}},
	}}}
	if ok, diff := Same(got, want); !ok {
		t.Error(diff)
	}
}
