package neo4j

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// plan is one import transaction being worked out: what the database
// knows of the names the records use, what each record writes, and the
// rows of the statements that write it.
type plan struct {
	dataset, actor string
	now            time.Time

	known    map[string]string // identifier -> organisation ID, as stored
	exists   map[string]bool   // "Label:id" of nodes that exist (or this batch creates)
	areaCode map[string]string // ONS code -> area ID

	assigned map[string]string // identifier -> organisation ID given in this batch
	// What the record being worked out creates, seen by its own later
	// items; target adds it to exists and assigned if the record joins.
	local         map[string]bool
	localAssigned map[string]string
	touched       map[string]*planned // "kind:key" -> what an earlier record of the batch writes
	records       map[int]*recPlan

	current map[string]props // "kind:key" -> stored row

	createNodes map[*nodeKind][]map[string]any
	createEdges map[edgeKind][]map[string]any
	nodeRows    map[*nodeKind][]map[string]any
	edgeRows    map[edgeKind][]map[string]any
	identRows   []map[string]any
	changes     []map[string]any
}

// planned is one node or edge a record writes.
type planned struct {
	node    *nodeKind
	edge    *edgeKind
	it      item
	partial bool
	idents  []string // an organisation's identifiers
	isNew   bool     // known not to be stored: nothing to read back
}

func (p *planned) kindKey() string {
	if p.node != nil {
		return p.node.label + ":" + p.it.key
	}
	return p.edge.rel + ":" + p.it.key
}

type recPlan struct {
	items  []*planned
	reject string
}

func newPlan(dataset, actor string, now time.Time) *plan {
	return &plan{dataset: dataset, actor: actor, now: now,
		known: map[string]string{}, exists: map[string]bool{}, areaCode: map[string]string{},
		assigned: map[string]string{}, touched: map[string]*planned{}, records: map[int]*recPlan{},
		current: map[string]props{}, createNodes: map[*nodeKind][]map[string]any{}, createEdges: map[edgeKind][]map[string]any{}, nodeRows: map[*nodeKind][]map[string]any{}, edgeRows: map[edgeKind][]map[string]any{}}
}

// resolve asks the database, in one round trip, which of the identifiers,
// IDs, theme slugs and area codes the records use it knows.
func (p *plan) resolve(ctx context.Context, t tx, recs []civic.ImportRecord, todo []int) error {
	var idents, themes, codes []string
	ids := map[string][]string{}
	ref := func(label string, r civic.OrgRef) {
		if r.ID != "" {
			ids[label] = append(ids[label], r.ID)
		}
		idents = append(idents, r.Identifiers...)
	}
	area := func(id string) {
		if id == "" {
			return
		}
		if strings.HasPrefix(id, "area_") {
			ids["Area"] = append(ids["Area"], id)
		} else {
			codes = append(codes, id)
		}
	}
	for _, i := range todo {
		r := &recs[i]
		for _, o := range r.Organisations {
			ref("Organisation", o.Ref())
			themes = append(themes, o.Themes...)
			area(o.AreaID)
		}
		for _, a := range r.Areas {
			area(a.ParentID)
		}
		for _, x := range r.People {
			area(x.AreaID)
		}
		for _, a := range r.Assets {
			themes = append(themes, a.Themes...)
			area(a.AreaID)
		}
		for _, x := range r.Partnerships {
			themes = append(themes, x.Themes...)
			area(x.AreaID)
		}
		for _, c := range r.Collaborations {
			ref("Organisation", c.From)
			ref("Organisation", c.To)
			themes = append(themes, c.Themes...)
		}
		for _, f := range r.Fundings {
			ref("Organisation", f.Funder)
			ref("Organisation", f.Recipient)
		}
		for _, l := range r.Links {
			e := linkEdges[l.Rel]
			ref(e.from, l.From)
			ref(e.to, l.To)
		}
	}
	recs2, err := t.run(ctx, "importResolve", `CALL () {
  UNWIND $idents AS k
  OPTIONAL MATCH (i:Identifier {id: k})
  OPTIONAL MATCH (o:Organisation {orgId: k})
  WITH k, coalesce(i.org, o.id) AS org WHERE org IS NOT NULL
  RETURN collect([k, org]) AS idents }
RETURN idents,
  [x IN $orgs WHERE EXISTS { MATCH (:Organisation {id: x}) }] AS orgs,
  [x IN $people WHERE EXISTS { MATCH (:Person {id: x}) }] AS people,
  [x IN $assets WHERE EXISTS { MATCH (:Asset {id: x}) }] AS assets,
  [x IN $partnerships WHERE EXISTS { MATCH (:Partnership {id: x}) }] AS partnerships,
  [x IN $areas WHERE EXISTS { MATCH (:Area {id: x}) }] AS areas,
  [x IN $themes WHERE EXISTS { MATCH (:Theme {slug: x}) }] AS themes,
  COLLECT { UNWIND $codes AS c MATCH (a:Area {code: c}) RETURN [c, a.id] } AS codes`,
		map[string]any{"idents": nonNil(idents), "orgs": nonNil(ids["Organisation"]), "people": nonNil(ids["Person"]),
			"assets": nonNil(ids["Asset"]), "partnerships": nonNil(ids["Partnership"]), "areas": nonNil(ids["Area"]),
			"themes": nonNil(themes), "codes": nonNil(codes)})
	if err != nil {
		return err
	}
	rec := recs2[0]
	for _, kv := range list(field(rec, "idents")) {
		pair := list(kv)
		p.known[pair[0].(string)] = pair[1].(string)
	}
	for col, label := range map[string]string{"orgs": "Organisation", "people": "Person", "assets": "Asset", "partnerships": "Partnership", "areas": "Area", "themes": "Theme"} {
		for _, x := range list(field(rec, col)) {
			p.exists[label+":"+x.(string)] = true
		}
	}
	for _, kv := range list(field(rec, "codes")) {
		pair := list(kv)
		p.areaCode[pair[0].(string)] = pair[1].(string)
	}
	return nil
}

// lookup finds the organisation an identifier names, in this record, this
// batch or stored.
func (p *plan) lookup(ident string) string {
	if id, ok := p.localAssigned[ident]; ok {
		return id
	}
	if id, ok := p.assigned[ident]; ok {
		return id
	}
	return p.known[ident]
}

// has reports whether a node ("Label:id") exists, or this batch or record creates it.
func (p *plan) has(key string) bool { return p.local[key] || p.exists[key] }

// endID resolves a reference to a node of the given label, "" if unknown.
func (p *plan) endID(label string, r civic.OrgRef) string {
	if r.ID != "" {
		if p.has(label + ":" + r.ID) {
			return r.ID
		}
		return ""
	}
	if label != "Organisation" {
		return ""
	}
	for _, ident := range r.Identifiers {
		if id := p.lookup(ident); id != "" {
			return id
		}
	}
	return ""
}

// areaID resolves an area ID or ONS code; ok is false if it is unknown.
func (p *plan) areaID(ref string) (string, bool) {
	switch {
	case ref == "":
		return "", true
	case strings.HasPrefix(ref, "area_"):
		return ref, p.has("Area:" + ref)
	}
	id, ok := p.areaCode[ref]
	return id, ok
}

func (p *plan) themesKnown(slugs []string) (string, bool) {
	for _, s := range slugs {
		if !p.has("Theme:" + s) {
			return s, false
		}
	}
	return "", true
}

// orgTarget decides which organisation an imported organisation is: the
// one its ID or identifiers name, or a new one.
func (p *plan) orgTarget(o civic.ImportOrganisation) (id string, isNew bool, err error) {
	r := o.Ref()
	found := map[string]bool{}
	var first string
	if r.ID != "" && p.has("Organisation:"+r.ID) {
		found[r.ID], first = true, r.ID
	}
	for _, ident := range r.Identifiers {
		if id := p.lookup(ident); id != "" && !found[id] {
			found[id] = true
			if first == "" {
				first = id
			}
		}
	}
	switch {
	case len(found) > 1:
		var ids []string
		for id := range found {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return "", false, importError("its identifiers belong to different organisations (%s): merge them first", strings.Join(ids, ", "))
	case len(found) == 1:
		return first, false, nil
	case r.ID != "":
		return r.ID, true, nil
	}
	return civic.StableID(civic.KindOrganisation, r.Identifiers[0]), true, nil
}

// target works out what record i writes and adds it to the plan. It
// returns false, adding nothing, if the record touches differently what an
// earlier record of the batch touches: it belongs in the next batch.
func (p *plan) target(r *civic.ImportRecord, i int) bool {
	rp, assigned, err := p.items(r)
	if err != nil {
		p.records[i] = &recPlan{reject: reason(err)}
		return true
	}
	kept := rp.items[:0]
	for _, it := range rp.items {
		prev, ok := p.touched[it.kindKey()]
		switch {
		case !ok:
			kept = append(kept, it)
		case it.it.ifNew || reflect.DeepEqual(prev.it.props, it.it.props) && reflect.DeepEqual(prev.it.links, it.it.links):
			// Already written by this batch, the same way.
		default:
			if len(p.records) == 0 {
				kept = append(kept, it)
				continue
			}
			return false
		}
	}
	rp.items = kept
	for _, it := range kept {
		p.touched[it.kindKey()] = it
		if it.node == &areaKind {
			if code, _ := it.it.props["code"].(string); code != "" {
				p.areaCode[code] = it.it.key
			}
		}
		if it.node != nil {
			p.exists[it.node.label+":"+it.it.key] = true
			if it.node == &themeKind {
				p.exists["Theme:"+it.it.props["slug"].(string)] = true
			}
		}
	}
	for k, v := range assigned {
		p.assigned[k] = v
	}
	p.records[i] = rp
	return true
}
