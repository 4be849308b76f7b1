package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// HSDSDir reads an HSDS data package: a directory of CSV files, one per
// table (organizations.csv, locations.csv, taxonomy_terms.csv, services.csv,
// physical_addresses.csv, service_taxonomy.csv, service_at_location.csv).
// The tables that join others (services and what links them, addresses) are
// held in memory, keyed by ID; the large ones (organizations, locations)
// stream. Rows are numbered by line; reasons name their file.
func HSDSDir(dir, dataset string) (Reader, error) {
	if _, err := os.Stat(filepath.Join(dir, "organizations.csv")); err != nil {
		return nil, fmt.Errorf("%s has no organizations.csv: is it an HSDS data package?", dir)
	}
	j := &hsdsJoins{terms: map[string]hsdsTerm{}, serviceOrg: map[string]string{}, orgTerms: map[string][]string{},
		addresses: map[string]hsdsAddress{}, locationOrgs: map[string][]string{}}
	if err := j.load(dir); err != nil {
		return nil, err
	}
	h := hsdsMapper{dataset: dataset}
	steps := []struct {
		file string
		rec  func(r row) civic.ImportRecord
	}{
		{"taxonomy_terms.csv", func(r row) civic.ImportRecord {
			th, ok := hsdsTermOf(r).theme()
			if !ok {
				return badRecord(r.line, "term %q has no name", r.get("id"))
			}
			return civic.ImportRecord{Num: r.line, Partial: true, Themes: []civic.Theme{th}}
		}},
		{"organizations.csv", func(r row) civic.ImportRecord {
			o := hsdsOrganization{ID: r.get("id"), Name: r.get("name"), Description: r.get("description"), URL: r.get("url", "website"),
				CharityNumber: r.get("charity_number"), CompanyNumber: r.get("company_number")}
			for _, t := range j.orgTerms[o.ID] {
				o.Services = append(o.Services, hsdsService{TaxonomyTerms: []hsdsTerm{j.terms[t]}})
			}
			return h.organization(r.line, o)
		}},
		{"locations.csv", func(r row) civic.ImportRecord {
			l := hsdsLocation{ID: r.get("id"), Name: r.get("name"), Description: r.get("description"),
				Latitude: rawString(r.get("latitude")), Longitude: rawString(r.get("longitude")), address: j.addresses[r.get("id")]}
			orgs := j.locationOrgs[l.ID]
			if o := r.get("organization_id"); o != "" {
				orgs = append([]string{o}, orgs...)
			}
			if len(orgs) == 0 {
				return badRecord(r.line, "location %q belongs to no organization", l.ID)
			}
			var themes []string
			for _, t := range j.orgTerms[orgs[0]] {
				if th, ok := j.terms[t].theme(); ok {
					themes = append(themes, th.Slug)
				}
			}
			a, err := h.location(l, themes)
			if err != nil {
				return badRecord(r.line, "%v", err)
			}
			rec := civic.ImportRecord{Num: r.line, Partial: true, Assets: []civic.Asset{a}}
			seen := map[string]bool{}
			for _, o := range orgs {
				if !seen[o] {
					seen[o] = true
					rec.Links = append(rec.Links, civic.ImportLink{Rel: civic.RelStewardship, From: civic.OrgRef{Identifiers: []string{civic.SourceKey(dataset, o)}},
						To: civic.OrgRef{ID: a.ID}, Role: string(civic.StewardUses)})
				}
			}
			return rec
		}},
	}
	step, in, f := 0, (*csvRows)(nil), (*os.File)(nil)
	return csvLines(func() (civic.ImportRecord, error) {
		for step < len(steps) {
			if in == nil {
				var err error
				f, err = os.Open(filepath.Join(dir, steps[step].file))
				if errors.Is(err, fs.ErrNotExist) {
					step++
					continue
				}
				if err != nil {
					return civic.ImportRecord{}, err
				}
				if in, err = newCSVRows(f); err != nil {
					f.Close()
					return civic.ImportRecord{}, fmt.Errorf("%s: %w", steps[step].file, err)
				}
			}
			r, err := in.next()
			if err == io.EOF {
				f.Close()
				in, step = nil, step+1
				continue
			}
			if err != nil {
				rec := badRecord(r.line, "%v", err)
				rec.File = steps[step].file
				return rec, nil
			}
			rec := steps[step].rec(r)
			rec.File = steps[step].file
			return rec, nil
		}
		return civic.ImportRecord{}, io.EOF
	}), nil
}

func rawString(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(`"` + s + `"`)
}

func hsdsTermOf(r row) hsdsTerm {
	return hsdsTerm{ID: r.get("id"), Name: r.get("name"), Term: r.get("term"), Description: r.get("description"), Vocabulary: r.get("vocabulary")}
}

// hsdsJoins are the small tables that link the large ones.
type hsdsJoins struct {
	terms        map[string]hsdsTerm
	serviceOrg   map[string]string
	orgTerms     map[string][]string // organization -> term IDs of its services
	addresses    map[string]hsdsAddress
	locationOrgs map[string][]string
}

func (j *hsdsJoins) load(dir string) error {
	each := func(file string, fn func(r row)) error {
		f, err := os.Open(filepath.Join(dir, file))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		defer f.Close()
		rows, err := newCSVRows(f)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		for {
			r, err := rows.next()
			if err == io.EOF {
				return nil
			}
			if err == nil {
				fn(r)
			}
		}
	}
	serviceTerms := map[string][]string{}
	return errors.Join(
		each("taxonomy_terms.csv", func(r row) { j.terms[r.get("id")] = hsdsTermOf(r) }),
		each("services.csv", func(r row) { j.serviceOrg[r.get("id")] = r.get("organization_id") }),
		each("service_taxonomy.csv", func(r row) {
			s, t := r.get("service_id"), r.get("taxonomy_id", "taxonomy_term_id")
			serviceTerms[s] = append(serviceTerms[s], t)
			if o := j.serviceOrg[s]; o != "" {
				j.orgTerms[o] = append(j.orgTerms[o], t)
			}
		}),
		each("physical_addresses.csv", func(r row) {
			j.addresses[r.get("location_id")] = hsdsAddress{Address1: r.get("address_1"), City: r.get("city"), PostalCode: r.get("postal_code")}
		}),
		each("service_at_location.csv", func(r row) {
			if o := j.serviceOrg[r.get("service_id")]; o != "" {
				j.locationOrgs[r.get("location_id")] = append(j.locationOrgs[r.get("location_id")], o)
			}
		}),
	)
}
