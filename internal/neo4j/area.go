package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// areaRow projects an area n with its parent.
const areaRow = "n {.*, parentId: " + parentIDOf + "}"

var areas = entity[civic.Area]{
	kind: civic.KindArea, label: "Area", row: areaRow, mapRow: mapArea,
	tail: linkParent("$setParent", "$parentId", "$source") + "\nRETURN " + areaRow + " AS row",
}

func mapArea(p props) *civic.Area {
	return &civic.Area{
		ID:         p.str("id"),
		Name:       p.str("name"),
		Kind:       civic.AreaKind(p.str("kind")),
		Code:       p.str("code"),
		ParentID:   p.str("parentId"),
		Location:   p.point("location"),
		DeletedAt:  p.time("deletedAt"),
		Provenance: p.provenance(),
	}
}

// FindAreaByID returns the area, or nil if there is none.
func (s *Store) FindAreaByID(ctx context.Context, id string) (*civic.Area, error) {
	return areas.byID(ctx, s, id)
}

// FindAreasByIDs returns areas in the order of ids, nil for unknown IDs.
func (s *Store) FindAreasByIDs(ctx context.Context, ids []string) ([]*civic.Area, error) {
	return areas.byIDs(ctx, s, ids)
}

// FindAreas returns a page of areas.
func (s *Store) FindAreas(ctx context.Context, f civic.AreaFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Area], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Area]{}, err
	}
	q := newFilter("n.deletedAt IS NULL")
	q.nameContains(f.NameContains)
	if len(f.Kinds) > 0 {
		q.add("n.kind IN $kinds", "kinds", f.Kinds)
	}
	if f.ParentID != nil {
		q.add("EXISTS { (n)-[:PART_OF]->(:Area {id: $parentId}) }", "parentId", *f.ParentID)
	}
	ord, rev := nameOrder(o)
	return listPage(ctx, s, listQuery{name: "areas", match: "MATCH (n:Area)", filter: q, order: ord, reverse: rev, project: areaRow}, p, mapArea)
}

func areaProps(in civic.AreaInput) setter {
	p := setter{}
	p.text("name", in.Name)
	enum(p, "kind", in.Kind)
	p.text("code", in.Code)
	p.value("location", pointValue(in.Location), in.Location != nil)
	p.text("source", in.Source)
	return p
}

func areaParams(in civic.AreaInput, source any) map[string]any {
	return map[string]any{"setParent": in.ParentID != nil, "parentId": strOr(in.ParentID, ""), "source": source}
}

// CreateArea validates the input and creates an area.
func (s *Store) CreateArea(ctx context.Context, in civic.AreaInput) (*civic.Area, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := areaProps(in)
	props["source"] = civic.SourceOr(in.Source)
	return areas.create(ctx, s, newRefs().node("parentId", civic.KindArea, in.ParentID), props, areaParams(in, props["source"]))
}

// UpdateArea validates the input and changes the given fields. An area
// cannot be moved inside itself.
func (s *Store) UpdateArea(ctx context.Context, id string, in civic.AreaInput) (*civic.Area, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	r := newRefs().node("parentId", civic.KindArea, in.ParentID)
	if in.ParentID != nil && *in.ParentID != "" {
		r.also(func(ctx context.Context, t tx) error { return checkNoCycle(ctx, t, id, *in.ParentID) })
	}
	return areas.update(ctx, s, id, r, areaProps(in), areaParams(in, civic.SourceOr(in.Source)))
}

// checkNoCycle rejects making parentID the parent of id when parentID is id
// or lies within it.
func checkNoCycle(ctx context.Context, t tx, id, parentID string) error {
	recs, err := t.run(ctx, "areaCycle",
		"RETURN $id = $parentId OR EXISTS { (:Area {id: $parentId})-[:PART_OF*1..]->(:Area {id: $id}) } AS cycle",
		map[string]any{"id": id, "parentId": parentID})
	if err != nil {
		return err
	}
	if cycle, _ := field(recs[0], "cycle").(bool); cycle {
		var p civic.Problems
		p.Add("parentId", "an area cannot lie within itself")
		return p.Err()
	}
	return nil
}

// DeleteArea marks an area deleted.
func (s *Store) DeleteArea(ctx context.Context, id string) (*civic.Area, error) {
	return areas.softDelete(ctx, s, id)
}

// UpsertAreas writes areas as given, with IDs and provenance. Parents must
// come before their children or already exist.
func (s *Store) UpsertAreas(ctx context.Context, in []civic.Area) error {
	rows := make([]map[string]any, len(in))
	for i, a := range in {
		rows[i] = map[string]any{
			"id": a.ID, "parentId": a.ParentID, "source": a.Source,
			"props": map[string]any{
				"id": a.ID, "name": a.Name, "kind": string(a.Kind), "code": emptyToNil(a.Code),
				"location": pointValue(a.Location), "source": a.Source,
				"createdAt": a.CreatedAt, "updatedAt": a.UpdatedAt, "deletedAt": timeValue(a.DeletedAt),
			},
		}
	}
	return areas.upsert(ctx, s, rows, linkParent("true", "row.parentId", "row.source"))
}
