// Package exporter writes the whole city out in civicgraph's own formats:
// JSON (one file, one record a line, which `import json` reads back to the
// same graph) and CSV (one file per kind of record, each of which
// `import csv` reads). Records are read from the store a page at a time,
// so memory does not grow with the size of the city.
package exporter

import (
	"context"
	"slices"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/importer"
)

// Source is where records come from: the store, a page at a time.
type Source interface {
	ExportPage(ctx context.Context, kind, after string, limit int) ([]civic.ImportRecord, string, error)
}

// Kinds are the kinds of record, in the order an import needs them.
var Kinds = []string{"theme", "area", "organisation", "person", "asset", "partnership",
	"collaboration", "funding", "membership", "stewardship", "affiliation"}

// pageSize is how many records one read fetches.
const pageSize = 2000

// each calls fn with every record of a kind, in order.
func each(ctx context.Context, src Source, kind string, fn func(importer.Record) error) error {
	after := ""
	for {
		recs, next, err := src.ExportPage(ctx, kind, after, pageSize)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := fn(Record(kind, r)); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		after = next
	}
}

func day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func instant(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func location(g *civic.GeoPoint) *importer.Location {
	if g == nil {
		return nil
	}
	return &importer.Location{Latitude: g.Latitude, Longitude: g.Longitude}
}

func provenance(r *importer.Record, p civic.Provenance, deleted *time.Time) {
	r.Source, r.SourceRecord, r.CreatedBy, r.UpdatedBy = p.Source, p.SourceRecord, p.CreatedBy, p.UpdatedBy
	r.CreatedAt, r.UpdatedAt, r.LastVerified, r.DeletedAt = instant(&p.CreatedAt), instant(&p.UpdatedAt), day(p.LastVerified), instant(deleted)
}

// Record turns a record read from the store into the own format: the
// inverse of importer.Record.Import.
func Record(kind string, in civic.ImportRecord) importer.Record {
	r := importer.Record{Type: kind}
	switch {
	case len(in.Themes) > 0:
		t := in.Themes[0]
		r.ID, r.Slug, r.Name, r.Description = t.ID, t.Slug, t.Name, t.Description
		provenance(&r, t.Provenance, t.DeletedAt)
	case len(in.Areas) > 0:
		a := in.Areas[0]
		r.ID, r.Name, r.Kind, r.Code, r.Parent, r.Location = a.ID, a.Name, string(a.Kind), a.Code, a.ParentID, location(a.Location)
		provenance(&r, a.Provenance, a.DeletedAt)
	case len(in.Organisations) > 0:
		o := in.Organisations[0]
		r.ID, r.Name, r.Kind, r.OrgID, r.Identifiers = o.ID, o.Name, string(o.Kind), o.OrgID, o.Identifiers
		r.Description, r.Website, r.Postcode, r.Address, r.Location = o.Description, o.Website, o.Postcode, o.Address, location(o.Location)
		r.Area, r.Themes, r.MergedInto = o.AreaID, o.Themes, o.MergedInto
		for _, k := range o.Needs.AssetKinds {
			r.NeedsAssetKinds = append(r.NeedsAssetKinds, string(k))
		}
		r.NeedsSkills = o.Needs.Skills
		provenance(&r, o.Provenance, o.DeletedAt)
	case len(in.People) > 0:
		p := in.People[0]
		r.ID, r.Name, r.Bio, r.Email, r.Phone, r.Area, r.Skills = p.ID, p.Name, p.Bio, p.Email, p.Phone, p.AreaID, p.Skills
		if p.ContactConsent {
			r.ContactConsent = &p.ContactConsent
		}
		if p.Discoverable {
			r.Discoverable = &p.Discoverable
		}
		provenance(&r, p.Provenance, p.DeletedAt)
	case len(in.Assets) > 0:
		a := in.Assets[0]
		r.ID, r.Name, r.Kind, r.Description, r.Capacity = a.ID, a.Name, string(a.Kind), a.Description, a.Capacity
		r.Postcode, r.Location, r.Area, r.Themes = a.Postcode, location(a.Location), a.AreaID, a.Themes
		shareable := a.Shareable
		r.Shareable = &shareable
		provenance(&r, a.Provenance, a.DeletedAt)
	case len(in.Partnerships) > 0:
		p := in.Partnerships[0]
		r.ID, r.Name, r.Kind, r.Description, r.Since, r.Area, r.Themes = p.ID, p.Name, string(p.Kind), p.Description, day(p.Since), p.AreaID, p.Themes
		provenance(&r, p.Provenance, p.DeletedAt)
	case len(in.Collaborations) > 0:
		c := in.Collaborations[0]
		r.ID, r.From, r.To, r.Intensity, r.Description = c.ID, c.FromID, c.ToID, string(c.Intensity), c.Description
		r.Since, r.Until, r.Themes = day(c.Since), day(c.Until), c.Themes
		provenance(&r, c.Provenance, c.DeletedAt)
	case len(in.Fundings) > 0:
		f := in.Fundings[0]
		amount := f.Amount
		r.ID, r.GrantID, r.From, r.To, r.Title, r.Description = f.ID, f.GrantID, f.FunderID, f.RecipientID, f.Title, f.Description
		r.Amount, r.Currency, r.AwardDate, r.Programme = &amount, f.Currency, day(f.AwardDate), f.Programme
		provenance(&r, f.Provenance, f.DeletedAt)
	case len(in.Links) > 0:
		l := in.Links[0]
		r.From, r.To, r.Role, r.Since, r.Until = l.From.ID, l.To.ID, l.Role, day(l.Since), day(l.Until)
		provenance(&r, l.Provenance, l.DeletedAt)
	}
	// Sets are written sorted, so that two exports of one graph are the same.
	slices.Sort(r.Identifiers)
	slices.Sort(r.Themes)
	slices.Sort(r.Skills)
	return r
}
