package neo4j

import (
	"maps"
	"slices"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// items resolves everything record r names and returns the nodes and edges
// it writes, with the identifiers it gives to organisations. Names that
// earlier items of the record create count as known.
func (p *plan) items(r *civic.ImportRecord) (*recPlan, map[string]string, error) {
	rp := &recPlan{}
	assigned := map[string]string{}
	// The record's own items resolve against each other; target commits
	// them only if the record joins the batch.
	p.local, p.localAssigned = map[string]bool{}, map[string]string{}
	defer func() { p.local, p.localAssigned = nil, nil }()
	add := func(n *nodeKind, e *edgeKind, it item, idents []string) *planned {
		pl := &planned{node: n, edge: e, it: it, partial: r.Partial, idents: idents}
		rp.items = append(rp.items, pl)
		return pl
	}
	for _, t := range r.Themes {
		it := themeItem(t)
		add(&themeKind, nil, it, nil)
		p.local["Theme:"+t.Slug] = true
	}
	for _, a := range r.Areas {
		parent, ok := p.areaID(a.ParentID)
		if !ok {
			return nil, nil, importError("area %q is not known", a.ParentID)
		}
		a.ParentID = parent
		if a.ID == "" {
			a.ID = civic.StableID(civic.KindArea, p.dataset+":"+a.Code+":"+a.Name)
		}
		add(&areaKind, nil, areaItem(a), nil)
		p.local["Area:"+a.ID] = true
		if a.Code != "" && p.areaCode[a.Code] == "" {
			p.areaCode[a.Code] = a.ID
			defer delete(p.areaCode, a.Code) // target commits it if the record joins the batch
		}
	}
	for _, o := range r.Organisations {
		givenID := o.ID
		id, isNew, err := p.orgTarget(o)
		if err != nil {
			return nil, nil, err
		}
		if o.IfNew && !isNew {
			continue
		}
		if err := p.linkable(&o.AreaID, o.Themes, r.Partial); err != nil {
			return nil, nil, err
		}
		o.ID = id
		it := orgItem(o.Organisation)
		it.ifNew = o.IfNew
		idents := o.Ref().Identifiers
		// A new organisation found by none of its names is not stored
		// under its ID either, unless the file gave that ID.
		add(&orgKind, nil, it, idents).isNew = isNew && givenID == ""
		for _, ident := range idents {
			assigned[ident], p.localAssigned[ident] = id, id
		}
		p.local["Organisation:"+id] = true
	}
	for _, x := range r.People {
		if err := p.linkable(&x.AreaID, nil, r.Partial); err != nil {
			return nil, nil, err
		}
		add(&personKind, nil, personItem(x), nil)
		p.local["Person:"+x.ID] = true
	}
	for _, a := range r.Assets {
		if err := p.linkable(&a.AreaID, a.Themes, r.Partial); err != nil {
			return nil, nil, err
		}
		add(&assetKind, nil, assetItem(a), nil)
		p.local["Asset:"+a.ID] = true
	}
	for _, x := range r.Partnerships {
		if err := p.linkable(&x.AreaID, x.Themes, r.Partial); err != nil {
			return nil, nil, err
		}
		add(&partnershipKind, nil, partnershipItem(x), nil)
		p.local["Partnership:"+x.ID] = true
	}
	for _, c := range r.Collaborations {
		from, to := p.endID("Organisation", c.From), p.endID("Organisation", c.To)
		if err := unknownEnds("organisation", c.From, from, c.To, to); err != nil {
			return nil, nil, err
		}
		if from == to {
			return nil, nil, importError("an organisation cannot collaborate with itself (%s)", from)
		}
		if slug, ok := p.themesKnown(c.Themes); !ok {
			return nil, nil, importError("no theme has the slug %q", slug)
		}
		if c.ID == "" && from > to {
			// A collaboration has no direction: the same pair named the
			// other way round is the same collaboration.
			from, to = to, from
		}
		c.FromID, c.ToID = from, to
		if c.ID == "" {
			since := ""
			if c.Since != nil {
				since = c.Since.Format("2006-01-02")
			}
			c.ID = civic.StableID(civic.KindCollaboration, from+":"+to+":"+since)
		}
		add(nil, &collabEdge, collabItem(c.Collaboration), nil)
	}
	for _, f := range r.Fundings {
		from, to := p.endID("Organisation", f.Funder), p.endID("Organisation", f.Recipient)
		if err := unknownEnds("funder", f.Funder, from, f.Recipient, to); err != nil {
			return nil, nil, err
		}
		f.FunderID, f.RecipientID = from, to
		if f.ID == "" {
			f.ID = civic.StableID(civic.KindFunding, f.GrantID)
		}
		add(nil, &fundingEdge, fundingItem(f.Funding), nil)
	}
	for _, l := range r.Links {
		e := linkEdges[l.Rel]
		from, to := p.endID(e.from, l.From), p.endID(e.to, l.To)
		if err := unknownEnds(labelName(e.from), l.From, from, l.To, to); err != nil {
			return nil, nil, err
		}
		add(nil, &e, linkItem(l, from, to), nil)
	}
	return rp, assigned, nil
}

// linkable resolves an area reference in place and checks the themes.
// Records that say only what they know drop an unknown area instead of
// failing (their registers use areas this city may not have).
func (p *plan) linkable(areaRef *string, themes []string, partial bool) error {
	id, ok := p.areaID(*areaRef)
	switch {
	case !ok && partial:
		id = ""
	case !ok:
		return importError("area %q is not known", *areaRef)
	}
	*areaRef = id
	if slug, ok := p.themesKnown(themes); !ok {
		return importError("no theme has the slug %q", slug)
	}
	return nil
}

func unknownEnds(what string, fromRef civic.OrgRef, from string, toRef civic.OrgRef, to string) error {
	switch {
	case from == "":
		return importError("%s %s is not known", what, fromRef)
	case to == "":
		return importError("%s %s is not known", endName(what), toRef)
	}
	return nil
}

func endName(what string) string {
	if what == "funder" {
		return "recipient"
	}
	return what
}

func labelName(label string) string {
	for k, l := range labels {
		if l == label {
			return k.Name()
		}
	}
	return label
}

// sortedUnion returns the sorted union of two lists of strings.
func sortedUnion(a, b []string) []string {
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	for _, s := range b {
		set[s] = true
	}
	return slices.Sorted(maps.Keys(set))
}
