package bench

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Canon puts an answer in canonical form for comparison: themes, which
// have no order, are sorted by slug. It works on decoded JSON.
func Canon(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Canon(e)
		}
		if ts, ok := out["themes"].([]any); ok {
			sort.SliceStable(ts, func(i, j int) bool { return fmt.Sprint(ts[i]) < fmt.Sprint(ts[j]) })
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Canon(e)
		}
		return out
	}
	return v
}

// Same reports whether two answers are equal in canonical form, and if
// not, where they first differ.
func Same(a, b any) (bool, string) {
	ca, cb := Canon(roundTrip(a)), Canon(roundTrip(b))
	if reflect.DeepEqual(ca, cb) {
		return true, ""
	}
	return false, firstDiff("data", ca, cb)
}

// roundTrip makes v plain decoded JSON (maps, slices, float64s).
func roundTrip(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func firstDiff(path string, a, b any) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !reflect.DeepEqual(x[k], y[k]) {
				return firstDiff(path+"."+k, x[k], y[k])
			}
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			break
		}
		for i := range x {
			if !reflect.DeepEqual(x[i], y[i]) {
				return firstDiff(fmt.Sprintf("%s[%d]", path, i), x[i], y[i])
			}
		}
	}
	return fmt.Sprintf("%s: %s != %s", path, short(a), short(b))
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// Helpers for mapping @neo4j/graphql's answers onto civicgraph's shape.

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func arr(v any) []any          { a, _ := v.([]any); return a }

// upper turns @neo4j/graphql's enum values (stored lowercase) into
// civicgraph's (upper case).
func upper(v any) any {
	if s, ok := v.(string); ok {
		return strings.ToUpper(s)
	}
	return v
}

func pickFields(v any, fields ...string) any {
	m := obj(v)
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		out[f] = m[f]
	}
	return out
}

// connection maps a relationship connection of @neo4j/graphql onto a
// civicgraph collaboration connection: properties become node, node
// becomes partner.
func connection(v any, node func(props map[string]any) any, partner func(n map[string]any) any) any {
	c := obj(v)
	edges := []any{}
	for _, e := range arr(c["edges"]) {
		em := obj(e)
		edges = append(edges, map[string]any{"node": node(obj(em["properties"])), "partner": partner(obj(em["node"]))})
	}
	return map[string]any{"totalCount": c["totalCount"], "edges": edges}
}

func collabNode(p map[string]any) any {
	return map[string]any{"id": p["id"], "intensity": upper(p["intensity"]), "since": p["since"]}
}

func fromNeoOrganisation(data any) any {
	orgs := arr(obj(data)["organisations"])
	if len(orgs) == 0 {
		return map[string]any{"organisation": nil}
	}
	o := obj(orgs[0])
	return map[string]any{"organisation": map[string]any{
		"id": o["id"], "name": o["name"], "kind": upper(o["kind"]),
		"area": pickFields(o["area"], "id", "name"), "themes": o["themes"],
		"collaborations": connection(o["collaborationsConnection"], collabNode, func(p map[string]any) any {
			return map[string]any{
				"id": p["id"], "name": p["name"], "kind": upper(p["kind"]),
				"collaborations": connection(p["collaborationsConnection"], collabNode, func(q map[string]any) any {
					return pickFields(q, "id", "name")
				}),
			}
		}),
	}}
}

func fromNeoPage(data any) any {
	c := obj(obj(data)["organisationsConnection"])
	edges := []any{}
	for _, e := range arr(c["edges"]) {
		n := obj(obj(e)["node"])
		edges = append(edges, map[string]any{"node": map[string]any{
			"id": n["id"], "name": n["name"], "kind": upper(n["kind"]),
			"area": pickFields(n["area"], "id", "name"), "themes": n["themes"],
			"collaborations": connection(n["collaborationsConnection"],
				func(p map[string]any) any { return map[string]any{"intensity": upper(p["intensity"])} },
				func(q map[string]any) any { return pickFields(q, "id", "name") }),
		}})
	}
	return map[string]any{"organisations": map[string]any{"totalCount": c["totalCount"], "edges": edges}}
}

func fromNeoDashboard(data any) any {
	edges := []any{}
	for _, a := range arr(obj(data)["areas"]) {
		edges = append(edges, map[string]any{"node": pickFields(a, "id", "name", "all", "onTheme")})
	}
	return map[string]any{"areas": map[string]any{"edges": edges}}
}

func fromNeoNearby(data any) any {
	edges := []any{}
	for _, n := range arr(obj(data)["nearbyPartners"]) {
		m := obj(n)
		edges = append(edges, map[string]any{"distanceKm": m["distanceKm"], "node": pickFields(m, "id", "name")})
	}
	return map[string]any{"nearbyPartners": map[string]any{"edges": edges}}
}

// fromNeoPath turns the list of organisations on the path into
// civicgraph's NetworkPath; an empty list is no path.
func fromNeoPath(data any) any {
	orgs := arr(obj(data)["path"])
	if len(orgs) == 0 {
		return map[string]any{"path": nil}
	}
	nodes := make([]any, len(orgs))
	for i, o := range orgs {
		nodes[i] = map[string]any{"id": obj(o)["id"], "label": obj(o)["name"]}
	}
	return map[string]any{"path": map[string]any{"length": float64(len(orgs) - 1), "nodes": nodes}}
}

// pathCompared keeps what every right answer to a shortest-path question
// shares: its length, how many nodes it has and its two ends. Two
// organisations usually have several shortest paths, and which one a
// breadth-first search meets first depends on the order Neo4j stores
// relationships in and on the plan, so the nodes between the ends may
// differ between systems and are not compared.
func pathCompared(data any) any {
	p := obj(obj(data)["path"])
	if p == nil {
		return map[string]any{"path": nil}
	}
	nodes := arr(p["nodes"])
	if len(nodes) == 0 {
		return map[string]any{"path": map[string]any{"length": p["length"], "nodes": 0}}
	}
	return map[string]any{"path": map[string]any{
		"length": p["length"], "nodes": float64(len(nodes)),
		"from": obj(nodes[0])["id"], "to": obj(nodes[len(nodes)-1])["id"],
	}}
}
