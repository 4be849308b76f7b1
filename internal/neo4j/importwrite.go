package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// readCurrent reads, one statement per kind, the stored rows of every node
// and edge the plan touches (deleted ones too: an import may update them).
func (p *plan) readCurrent(ctx context.Context, t tx) error {
	nodeKeys := map[*nodeKind][]string{}
	edgeKeys := map[edgeKind][]map[string]any{}
	for _, rp := range p.records {
		for _, it := range rp.items {
			switch {
			case it.isNew:
			case it.node != nil:
				nodeKeys[it.node] = append(nodeKeys[it.node], it.it.key)
			default:
				edgeKeys[*it.edge] = append(edgeKeys[*it.edge], map[string]any{"key": it.it.key, "from": it.it.from, "to": it.it.to, "role": it.it.role})
			}
		}
	}
	for _, k := range nodeKinds {
		keys := nodeKeys[k]
		if len(keys) == 0 {
			continue
		}
		extra := ""
		if k == &orgKind {
			extra = ", identifiers: [(n)-[:IDENTIFIED_BY]->(i_:Identifier) | i_.id]"
		}
		row := strings.TrimSuffix(k.row, "}") + extra + "}"
		recs, err := t.run(ctx, "importRead"+k.label, fmt.Sprintf("UNWIND $keys AS key MATCH (n:%s {id: key}) RETURN key, %s AS row", k.label, row), map[string]any{"keys": keys})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			row := asProps(field(rec, "row"))
			if ids, ok := row["identifiers"].([]any); ok {
				slices.SortFunc(ids, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
			}
			p.current[k.label+":"+field(rec, "key").(string)] = row
		}
	}
	for e, keys := range edgeKeys {
		match := fmt.Sprintf("MATCH (a:%s)-[r:%s {id: key.key}]->(b:%s)", e.from, e.rel, e.to)
		if !e.byID {
			match = fmt.Sprintf("MATCH (a:%s {id: key.from})-[r:%s]->(b:%s {id: key.to}) WHERE NOT $byRole OR r.role = key.role", e.from, e.rel, e.to)
		}
		recs, err := t.run(ctx, "importRead"+e.rel, "UNWIND $keys AS key "+match+" RETURN key.key AS key, r {.*, fromId: a.id, toId: b.id} AS row",
			map[string]any{"keys": keys, "byRole": e.byRole})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			p.current[e.rel+":"+field(rec, "key").(string)] = asProps(field(rec, "row"))
		}
	}
	return nil
}

// alwaysPartial are properties an import sets only when a file gives them:
// an import never undeletes, unmerges or forgets a verification.
var alwaysPartial = map[string]bool{"deletedAt": true, "mergedInto": true, "lastVerified": true}

// desired returns what the record wants stored of an item, as a row like
// the stored one, and the properties to set (nil values remove).
func (p *plan) desired(it *planned, cur props) (want map[string]any, set map[string]any, links map[string]any) {
	want, set, links = map[string]any{}, map[string]any{}, map[string]any{}
	for k, v := range it.it.props {
		if (it.partial || alwaysPartial[k]) && emptyValue(jsonValue(v)) {
			continue
		}
		want[k], set[k] = v, v
	}
	if it.node == &orgKind && it.partial && cur != nil && cur.str("orgId") != "" {
		// A register that names the organisation differently does not
		// change its primary identifier; it adds one.
		delete(want, "orgId")
		delete(set, "orgId")
	}
	for k, v := range it.it.links {
		if it.partial && emptyValue(jsonValue(v)) {
			continue
		}
		if it.partial && listProps[k] && cur != nil {
			// A register that says an organisation works on food does not
			// say it works on nothing else: its themes are added.
			v = sortedUnion(strList(cur[k]), v.([]string))
		}
		want[k], links[k] = v, v
	}
	if it.edge != nil {
		want["fromId"], want["toId"] = it.it.from, it.it.to
	}
	if it.node == &orgKind {
		var have []string
		for _, x := range cur["identifiers"].([]any) {
			have = append(have, x.(string))
		}
		want["identifiers"] = sortedUnion(have, it.idents)
	}
	return want, set, links
}

// compare decides what record i does to each of its items and adds the
// rows that write it to the plan.
func (p *plan) compare(i int) (civic.ImportOutcome, string) {
	rp := p.records[i]
	if rp.reject != "" {
		return civic.Rejected, rp.reject
	}
	for _, it := range rp.items {
		cur := p.current[it.kindKey()]
		if it.edge != nil && cur != nil && (cur.str("fromId") != it.it.from || cur.str("toId") != it.it.to) {
			return civic.Rejected, fmt.Sprintf("%s %s already joins other organisations", strings.ToLower(it.edge.rel), it.it.key)
		}
	}
	outcome := civic.Unchanged
	for _, it := range rp.items {
		cur := p.current[it.kindKey()]
		if it.node == &orgKind && cur == nil {
			cur = props{"identifiers": []any{}}
		}
		want, set, links := p.desired(it, cur)
		var before props
		op := civic.OpCreate
		if p.current[it.kindKey()] != nil {
			before, op = props{}, civic.OpUpdate
			for k := range want {
				before[k] = cur[k]
			}
		}
		fields := diff(before, want)
		if op == civic.OpUpdate && len(fields) == 0 {
			continue
		}
		if op == civic.OpCreate {
			outcome = civic.Created
		} else if outcome == civic.Unchanged {
			outcome = civic.Updated
		}
		p.addRow(it, op, cur, set, links, fields)
	}
	return outcome, ""
}

// addRow adds the write of one item, its identifiers and its change.
func (p *plan) addRow(it *planned, op civic.ChangeOp, cur props, set, links map[string]any, fields []civic.FieldChange) {
	prov := it.it.prov
	created, updated := times(prov)
	row := map[string]any{"id": it.it.key, "props": set, "links": links,
		"createdAt": p.now, "createdBy": p.actor, "updatedAt": p.now, "updatedBy": p.actor,
		"source": p.dataset, "sourceRecord": emptyToNil(prov.SourceRecord)}
	if op == civic.OpUpdate {
		row["createdAt"], row["createdBy"] = cur["createdAt"], cur["createdBy"]
	}
	if created != nil {
		row["createdAt"] = *created
	}
	if updated != nil {
		row["updatedAt"] = *updated
	}
	restoring := created != nil // a record with its provenance, as an export writes it
	for k, v := range map[string]string{"createdBy": prov.CreatedBy, "updatedBy": prov.UpdatedBy, "source": prov.Source} {
		switch {
		case v != "":
			row[k] = v
		case restoring:
			row[k] = nil
		}
	}
	var idents []map[string]any
	for _, ident := range it.idents {
		if p.lookup(ident) == it.it.key && p.known[ident] == "" {
			idents = append(idents, identifierRow(ident, it.it.key))
		}
	}
	source, _ := row["source"].(string)
	change := changeRow(it.it.key, op, fields, source, prov.SourceRecord, p.actor, p.now)
	if op == civic.OpCreate {
		// New nodes and edges are created outright, with their change, in
		// one statement per kind: the fast path of a first import.
		row["change"], row["idents"] = change, nonNilRows(idents)
		if it.node != nil {
			p.createNodes[it.node] = append(p.createNodes[it.node], row)
		} else {
			row["from"], row["to"] = it.it.from, it.it.to
			p.createEdges[*it.edge] = append(p.createEdges[*it.edge], row)
		}
		return
	}
	if it.node != nil {
		p.nodeRows[it.node] = append(p.nodeRows[it.node], row)
	} else {
		row["from"], row["to"], row["role"] = it.it.from, it.it.to, it.it.role
		p.edgeRows[*it.edge] = append(p.edgeRows[*it.edge], row)
	}
	p.identRows = append(p.identRows, idents...)
	p.changes = append(p.changes, change)
}

func nonNilRows(r []map[string]any) []map[string]any {
	if r == nil {
		return []map[string]any{}
	}
	return r
}

// identifierRow is the row that writes one identifier of an organisation.
func identifierRow(ident, orgID string) map[string]any {
	scheme, value := "src", strings.TrimPrefix(ident, "src:")
	if i, ok := civic.ParseIdentifier(ident); ok {
		scheme, value = i.Scheme, i.Value
	}
	return map[string]any{"id": ident, "scheme": scheme, "value": value, "org": orgID}
}

const writeIdentifiers = `UNWIND $rows AS row
MATCH (o:Organisation {id: row.org})
MERGE (i:Identifier {id: row.id}) SET i.scheme = row.scheme, i.value = row.value, i.org = row.org
MERGE (o)-[:IDENTIFIED_BY]->(i)`

// write runs the plan's statements: nodes (what others link to first),
// identifiers, edges, then the changes.
func (p *plan) write(ctx context.Context, t tx) error {
	for _, k := range nodeKinds {
		if rows := p.createNodes[k]; len(rows) > 0 {
			if _, err := t.run(ctx, "importCreate"+k.label, createNodeCypher(k), map[string]any{"rows": rows}); err != nil {
				return err
			}
		}
	}
	for e, rows := range p.createEdges {
		cypher := fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%s {id: row.from}) MATCH (b:%s {id: row.to})
CREATE (a)-[r:%s]->(b) SET r = row.props, r.createdAt = row.createdAt, r.createdBy = row.createdBy, r.updatedAt = row.updatedAt,
  r.updatedBy = row.updatedBy, r.source = row.source, r.sourceRecord = row.sourceRecord
CREATE (ch:Change) SET ch = row.change`, e.from, e.to, e.rel)
		if e.byID {
			cypher += "\nSET r.id = row.id"
		}
		if _, err := t.run(ctx, "importCreate"+e.rel, cypher, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	for _, k := range nodeKinds {
		rows := p.nodeRows[k]
		if len(rows) == 0 {
			continue
		}
		cypher := fmt.Sprintf(`UNWIND $rows AS row
MERGE (n:%s {id: row.id})
SET n += row.props, n.createdAt = row.createdAt, n.createdBy = row.createdBy, n.updatedAt = row.updatedAt,
  n.updatedBy = row.updatedBy, n.source = row.source, n.sourceRecord = row.sourceRecord
%s`, k.label, k.body)
		if _, err := t.run(ctx, "importWrite"+k.label, cypher, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(p.identRows) > 0 {
		if _, err := t.run(ctx, "importIdentifiers", writeIdentifiers, map[string]any{"rows": p.identRows}); err != nil {
			return err
		}
	}
	for e, rows := range p.edgeRows {
		key := ""
		switch {
		case e.byID:
			key = " {id: row.id}"
		case e.byRole:
			key = " {role: row.role}"
		}
		cypher := fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%s {id: row.from}), (b:%s {id: row.to})
MERGE (a)-[r:%s%s]->(b)
SET r += row.props, r.createdAt = row.createdAt, r.createdBy = row.createdBy, r.updatedAt = row.updatedAt,
  r.updatedBy = row.updatedBy, r.source = row.source, r.sourceRecord = row.sourceRecord`, e.from, e.to, e.rel, key)
		if e.byID {
			cypher += ", r.id = row.id"
		}
		if _, err := t.run(ctx, "importWrite"+e.rel, cypher, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(p.changes) > 0 {
		if _, err := t.run(ctx, "importChanges", createChanges, map[string]any{"changes": p.changes}); err != nil {
			return err
		}
	}
	return nil
}

// createNodeCypher creates new nodes of a kind with their links,
// identifiers and changes. Nothing needs matching or replacing: they are new.
func createNodeCypher(k *nodeKind) string {
	var b strings.Builder
	fmt.Fprintf(&b, `UNWIND $rows AS row
CREATE (n:%s) SET n = row.props, n.id = row.id, n.createdAt = row.createdAt, n.createdBy = row.createdBy, n.updatedAt = row.updatedAt,
  n.updatedBy = row.updatedBy, n.source = row.source, n.sourceRecord = row.sourceRecord
CREATE (ch:Change) SET ch = row.change`, k.label)
	if len(k.links) > 0 || k == &orgKind {
		b.WriteString("\nWITH n, row")
	}
	const edge = " {source: row.source, createdAt: row.createdAt, updatedAt: row.createdAt}"
	for _, l := range k.links {
		switch l {
		case "areaId":
			b.WriteString("\nCALL (n, row) { WITH * WHERE coalesce(row.links.areaId, '') <> '' MATCH (t_:Area {id: row.links.areaId}) CREATE (n)-[:LOCATED_IN" + edge + "]->(t_) }")
		case "parentId":
			b.WriteString("\nCALL (n, row) { WITH * WHERE coalesce(row.links.parentId, '') <> '' MATCH (t_:Area {id: row.links.parentId}) CREATE (n)-[:PART_OF" + edge + "]->(t_) }")
		case "themes":
			b.WriteString("\nCALL (n, row) { UNWIND coalesce(row.links.themes, []) AS slug MATCH (t_:Theme {slug: slug}) CREATE (n)-[:HAS_THEME" + edge + "]->(t_) }")
		case "skills":
			b.WriteString("\nCALL (n, row) { UNWIND coalesce(row.links.skills, []) AS slug MERGE (t_:Skill {slug: slug}) CREATE (n)-[:HAS_SKILL" + edge + "]->(t_) }")
		}
	}
	if k == &orgKind {
		b.WriteString("\nCALL (n, row) { UNWIND row.idents AS x CREATE (i:Identifier) SET i = x CREATE (n)-[:IDENTIFIED_BY]->(i) }")
		b.WriteString(keepThemeSlugs)
	}
	if k == &personKind {
		b.WriteString(keepDiscoverableLabel)
	}
	return b.String()
}

// strList reads a stored list of strings.
func strList(v any) []string {
	var out []string
	for _, x := range list(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
