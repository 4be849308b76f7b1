package neo4j

import (
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// An import writes each kind of node and edge with one UNWIND statement per
// batch. nodeKind says how one kind of node is read back (for comparing)
// and written; its rows carry id, props (the node's own properties, nil to
// remove one) and the links the body sets.
type nodeKind struct {
	label string
	row   string // projection of n, as compared with what a file says
	body  string // Cypher after the node's MERGE and SET, linking it
	// links are the fields of row that come from edges, not properties.
	links []string
}

var (
	themeKind = nodeKind{label: "Theme", row: themeRow}
	areaKind  = nodeKind{label: "Area", row: areaRow, links: []string{"parentId"},
		body: linkParent("row.links.parentId IS NOT NULL", "row.links.parentId", "row.source")}
	orgKind = nodeKind{label: "Organisation", row: organisationRow, links: []string{"areaId", "themes"},
		body: linkArea("row.links.areaId IS NOT NULL", "row.links.areaId", "row.source") + linkThemes("row.links.themes IS NOT NULL", "row.links.themes", "row.source") + keepThemeSlugs}
	personKind = nodeKind{label: "Person", row: personRow, links: []string{"areaId", "skills"},
		body: linkArea("row.links.areaId IS NOT NULL", "row.links.areaId", "row.source") + linkSkills("row.links.skills IS NOT NULL", "row.links.skills", "row.source") + keepDiscoverableLabel}
	assetKind = nodeKind{label: "Asset", row: assetRow, links: []string{"areaId", "themes"},
		body: linkArea("row.links.areaId IS NOT NULL", "row.links.areaId", "row.source") + linkThemes("row.links.themes IS NOT NULL", "row.links.themes", "row.source")}
	partnershipKind = nodeKind{label: "Partnership", row: partnershipRow, links: []string{"areaId", "themes"},
		body: linkArea("row.links.areaId IS NOT NULL", "row.links.areaId", "row.source") + linkThemes("row.links.themes IS NOT NULL", "row.links.themes", "row.source")}
)

// nodeKinds lists the kinds in the order a batch writes them: what others
// link to first.
var nodeKinds = []*nodeKind{&themeKind, &areaKind, &orgKind, &personKind, &assetKind, &partnershipKind}

// item is one node or edge a record writes: its key (ID, or a link's
// key), what the file says of it (props and links), and its provenance.
type item struct {
	key   string
	props map[string]any
	links map[string]any
	prov  civic.Provenance
	// deletedAt comes with the props of complete records only.
	ifNew bool
	// ends of an edge
	from, to string
	role     string
}

func times(p civic.Provenance) (created, updated *time.Time) {
	if !p.CreatedAt.IsZero() {
		created = &p.CreatedAt
	}
	if !p.UpdatedAt.IsZero() {
		updated = &p.UpdatedAt
	}
	return created, updated
}

func common(p civic.Provenance, deletedAt *time.Time) map[string]any {
	return map[string]any{"lastVerified": dateValue(p.LastVerified), "deletedAt": timeValue(deletedAt)}
}

func themeItem(t civic.Theme) item {
	props := common(t.Provenance, t.DeletedAt)
	props["slug"], props["name"], props["description"] = t.Slug, t.Name, emptyToNil(t.Description)
	return item{key: civic.ThemeID(t.Slug), props: props, prov: t.Provenance}
}

func areaItem(a civic.Area) item {
	props := common(a.Provenance, a.DeletedAt)
	props["name"], props["kind"], props["code"], props["location"] = a.Name, string(a.Kind), emptyToNil(a.Code), pointValue(a.Location)
	return item{key: a.ID, props: props, links: map[string]any{"parentId": a.ParentID}, prov: a.Provenance}
}

func orgItem(o civic.Organisation) item {
	props := common(o.Provenance, o.DeletedAt)
	props["name"], props["kind"], props["orgId"] = o.Name, string(o.Kind), emptyToNil(o.OrgID)
	props["description"], props["website"] = emptyToNil(o.Description), emptyToNil(o.Website)
	props["postcode"], props["address"], props["location"] = emptyToNil(o.Postcode), emptyToNil(o.Address), pointValue(o.Location)
	props["mergedInto"] = emptyToNil(o.MergedInto)
	props["needsAssetKinds"], props["needsSkills"] = listValue(o.Needs.AssetKinds), listValue(o.Needs.Skills)
	return item{key: o.ID, props: props, links: map[string]any{"areaId": o.AreaID, "themes": nonNil(o.Themes)}, prov: o.Provenance}
}

func personItem(p civic.Person) item {
	props := common(p.Provenance, p.DeletedAt)
	props["name"], props["bio"], props["email"], props["phone"] = p.Name, emptyToNil(p.Bio), emptyToNil(p.Email), emptyToNil(p.Phone)
	props["contactConsent"], props["discoverable"] = p.ContactConsent, p.Discoverable
	return item{key: p.ID, props: props, links: map[string]any{"areaId": p.AreaID, "skills": nonNil(p.Skills)}, prov: p.Provenance}
}

func assetItem(a civic.Asset) item {
	props := common(a.Provenance, a.DeletedAt)
	props["name"], props["kind"], props["description"] = a.Name, string(a.Kind), emptyToNil(a.Description)
	props["shareable"], props["capacity"], props["postcode"], props["location"] = a.Shareable, deref(a.Capacity), emptyToNil(a.Postcode), pointValue(a.Location)
	return item{key: a.ID, props: props, links: map[string]any{"areaId": a.AreaID, "themes": nonNil(a.Themes)}, prov: a.Provenance}
}

func partnershipItem(p civic.Partnership) item {
	props := common(p.Provenance, p.DeletedAt)
	props["name"], props["kind"], props["description"], props["since"] = p.Name, string(p.Kind), emptyToNil(p.Description), dateValue(p.Since)
	return item{key: p.ID, props: props, links: map[string]any{"areaId": p.AreaID, "themes": nonNil(p.Themes)}, prov: p.Provenance}
}

func collabItem(c civic.Collaboration) item {
	props := common(c.Provenance, c.DeletedAt)
	props["intensity"], props["description"] = string(c.Intensity), emptyToNil(c.Description)
	props["since"], props["until"], props["themes"] = dateValue(c.Since), dateValue(c.Until), nonNil(c.Themes)
	return item{key: c.ID, props: props, prov: c.Provenance, from: c.FromID, to: c.ToID}
}

func fundingItem(f civic.Funding) item {
	props := common(f.Provenance, f.DeletedAt)
	props["grantId"], props["title"], props["description"] = emptyToNil(f.GrantID), emptyToNil(f.Title), emptyToNil(f.Description)
	props["amount"], props["currency"], props["awardDate"], props["programme"] = f.Amount, emptyToNil(f.Currency), dateValue(f.AwardDate), emptyToNil(f.Programme)
	return item{key: f.ID, props: props, prov: f.Provenance, from: f.FunderID, to: f.RecipientID}
}

// edgeKind says how one kind of edge is read back and written.
type edgeKind struct {
	rel      string
	from, to string // labels
	byID     bool   // keyed by an id property (collaborations, grants)
	byRole   bool   // keyed by its ends and role
}

var (
	collabEdge  = edgeKind{rel: "COLLABORATES_WITH", from: "Organisation", to: "Organisation", byID: true}
	fundingEdge = edgeKind{rel: "FUNDED", from: "Organisation", to: "Organisation", byID: true}
	linkEdges   = map[civic.LinkRel]edgeKind{
		civic.RelMembership:  {rel: "MEMBER_OF", from: "Organisation", to: "Partnership"},
		civic.RelStewardship: {rel: "STEWARDS", from: "Organisation", to: "Asset", byRole: true},
		civic.RelAffiliation: {rel: "AFFILIATED_WITH", from: "Person", to: "Organisation", byRole: true},
	}
)

func linkItem(l civic.ImportLink, from, to string) item {
	props := map[string]any{"role": l.Role, "since": dateValue(l.Since), "until": dateValue(l.Until), "deletedAt": timeValue(l.DeletedAt)}
	if l.Rel == civic.RelMembership || l.Rel == civic.RelStewardship {
		delete(props, "until")
	}
	role := l.Role
	if !linkEdges[l.Rel].byRole {
		role = ""
	}
	return item{key: civic.LinkKey(string(l.Rel), from, to, role), props: props, prov: l.Provenance, from: from, to: to, role: l.Role}
}
