package neo4j

import (
	"context"
	"fmt"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A space need is a node (o:Organisation)-[:NEEDS]->(n:SpaceNeed), in an
// area when one is given. It is visible while neither it nor its
// organisation is deleted.

const (
	needMatch   = "MATCH (o:Organisation)-[:NEEDS]->(n:SpaceNeed)"
	needVisible = "n.deletedAt IS NULL AND o.deletedAt IS NULL"
)

// needHere is where the search for need n of organisation o starts: its own
// location, else its area's centroid, else the organisation's location.
func needHere(n, o string) string {
	return fmt.Sprintf("coalesce(%[1]s.location, [(%[1]s)-[:LOCATED_IN]->(a_:Area) WHERE a_.deletedAt IS NULL | a_.location][0], %[2]s.location)", n, o)
}

var needRow = "n {.*, organisationId: o.id, areaId: " + areaIDOf + ", here: " + needHere("n", "o") + "}"

func mapSpaceNeed(p props) *civic.SpaceNeed {
	within, _ := p["withinKm"].(float64)
	return &civic.SpaceNeed{
		ID:             p.str("id"),
		OrganisationID: p.str("organisationId"),
		Description:    p.str("description"),
		Uses:           enums[civic.SpaceUse](p.strs("uses")),
		People:         p.intPtr("people"),
		Days:           enums[civic.Weekday](p.strs("days")),
		Times:          enums[civic.TimeOfDay](p.strs("times")),
		AreaID:         p.str("areaId"),
		Location:       p.point("here"),
		WithinKm:       within,
		NeededFrom:     p.time("neededFrom"),
		Status:         civic.NeedStatus(p.str("status")),
		DeletedAt:      p.time("deletedAt"),
		Provenance:     p.provenance(),
	}
}

// FindSpaceNeedsByIDs returns needs in the order of ids, nil for unknown IDs.
func (s *Store) FindSpaceNeedsByIDs(ctx context.Context, ids []string) ([]*civic.SpaceNeed, error) {
	return indexed(ctx, s, "spaceNeedsByIDs", `MATCH (o:Organisation)-[:NEEDS]->(n:SpaceNeed {id: $ids[i]}) WHERE `+needVisible+`
RETURN i, `+needRow+` AS row`, ids, nil, mapSpaceNeed)
}

// FindSpaceNeeds returns a page of needs, newest first.
func (s *Store) FindSpaceNeeds(ctx context.Context, f civic.SpaceNeedFilter, p civic.PageArgs) (civic.Page[*civic.SpaceNeed], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.SpaceNeed]{}, err
	}
	q := newFilter(needVisible)
	if len(f.OrganisationIDs) > 0 {
		q.add("o.id IN $organisationIds", "organisationIds", f.OrganisationIDs)
	}
	if len(f.AreaIDs) > 0 {
		// A need without an area of its own is where its organisation is.
		q.add("EXISTS { MATCH (x:Area)-[:PART_OF*0..]->(a:Area) WHERE a.id IN $areaIds AND x.id = coalesce("+areaIDOf+
			", [(o)-[:LOCATED_IN]->(y_:Area) | y_.id][0]) }", "areaIds", f.AreaIDs)
	}
	if len(f.Statuses) > 0 {
		q.add("n.status IN $statuses", "statuses", strs(f.Statuses))
	}
	if len(f.Uses) > 0 {
		q.add("any(u IN n.uses WHERE u IN $uses)", "uses", strs(f.Uses))
	}
	return listPage(ctx, s, listQuery{
		name: "spaceNeeds", match: needMatch, filter: q,
		order: "n.createdAt DESC, n.id DESC", reverse: "n.createdAt ASC, n.id ASC", project: needRow,
	}, p, mapSpaceNeed)
}

func needProps(in civic.SpaceNeedInput) setter {
	p := setter{}
	p.text("description", in.Description)
	p.value("uses", strs(in.Uses), in.Uses != nil)
	p.value("people", deref(in.People), in.People != nil)
	p.value("days", strs(in.Days), in.Days != nil)
	p.value("times", strs(in.Times), in.Times != nil)
	p.value("location", pointValue(in.Location), in.Location != nil)
	p.value("withinKm", deref(in.WithinKm), in.WithinKm != nil)
	p.value("neededFrom", dateValue(in.NeededFrom), in.NeededFrom != nil)
	enum(p, "status", in.Status)
	p.text("source", in.Source)
	return p
}

// needTail links need n to its area and returns it, failing the write
// unless it has somewhere to search from.
func needTail(ctx context.Context, t tx, name, head string, params map[string]any) (*civic.SpaceNeed, error) {
	n, err := writeOne(ctx, t, name, head+linkArea("$setArea", "$areaId", "$source")+"\nRETURN "+needRow+" AS row", params, mapSpaceNeed)
	if err == nil && n != nil && n.Location == nil {
		var p civic.Problems
		p.Add("location", "give a location or an area: the organisation has no location to search from")
		return nil, p.Err()
	}
	return n, err
}

// RecordSpaceNeed records that an organisation needs space.
func (s *Store) RecordSpaceNeed(ctx context.Context, in civic.SpaceNeedInput) (*civic.SpaceNeed, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := needProps(in)
	props["id"], props["source"] = civic.NewID(civic.KindSpaceNeed), civic.SourceOr(in.Source)
	if in.WithinKm == nil {
		props["withinKm"] = civic.DefaultWithinKm
	}
	if in.Status == nil {
		props["status"] = string(civic.NeedOpen)
	}
	params := withLinks(map[string]any{"orgId": *in.OrganisationID, "props": props}, in.AreaID, nil, props["source"])
	return write(ctx, s, "recordSpaceNeed", func(t tx) (*civic.SpaceNeed, error) {
		if err := areaThemeRefs(in.AreaID, nil).node("organisationId", civic.KindOrganisation, in.OrganisationID).check(ctx, t); err != nil {
			return nil, err
		}
		return needTail(ctx, t, "recordSpaceNeed", `MATCH (o:Organisation {id: $orgId})
CREATE (o)-[:NEEDS `+newEdge+`]->(n:SpaceNeed) SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime()`, params)
	})
}

// UpdateSpaceNeed changes a need, for instance its status once it is met.
func (s *Store) UpdateSpaceNeed(ctx context.Context, id string, in civic.SpaceNeedInput) (*civic.SpaceNeed, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	params := withLinks(map[string]any{"id": id, "props": needProps(in)}, in.AreaID, nil, civic.SourceOr(in.Source))
	return write(ctx, s, "updateSpaceNeed", func(t tx) (*civic.SpaceNeed, error) {
		if err := areaThemeRefs(in.AreaID, nil).check(ctx, t); err != nil {
			return nil, err
		}
		n, err := needTail(ctx, t, "updateSpaceNeed", needMatch+" WHERE n.id = $id AND "+needVisible+`
SET n += $props, n.updatedAt = datetime()`, params)
		if err == nil && n == nil {
			return nil, civic.NotFound(civic.KindSpaceNeed, id)
		}
		return n, err
	})
}

// UpsertSpaceNeeds writes needs as given, for loaders.
func (s *Store) UpsertSpaceNeeds(ctx context.Context, in []civic.SpaceNeed) error {
	rows := make([]map[string]any, len(in))
	for i, n := range in {
		rows[i] = map[string]any{
			"orgId": n.OrganisationID, "areaId": n.AreaID, "source": n.Source, "edge": edgeOf(n.Provenance),
			"props": map[string]any{
				"id": n.ID, "description": n.Description, "uses": strs(n.Uses), "people": deref(n.People),
				"days": strs(n.Days), "times": strs(n.Times), "location": pointValue(n.Location), "withinKm": n.WithinKm,
				"neededFrom": dateValue(n.NeededFrom), "status": string(n.Status), "source": n.Source,
				"createdAt": n.CreatedAt, "updatedAt": n.UpdatedAt, "deletedAt": timeValue(n.DeletedAt),
			},
		}
	}
	return upsert(ctx, s, "upsertSpaceNeeds", `MATCH (o:Organisation {id: row.orgId})
MERGE (n:SpaceNeed {id: row.props.id}) SET n += row.props
MERGE (o)-[e:NEEDS]->(n) ON CREATE SET e += row.edge`+linkArea("true", "row.areaId", "row.source"), rows)
}
