package demo_test

import (
	"math"
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

func TestPostcodeTableCoversTheDemoCity(t *testing.T) {
	c := city()
	table := map[string]civic.GeoPoint{}
	for _, pc := range c.Postcodes {
		if n, ok := civic.NormalisePostcode(pc.Postcode); !ok || n != pc.Postcode {
			t.Errorf("%q is not a normalised postcode", pc.Postcode)
		}
		if _, dup := table[pc.Postcode]; dup {
			t.Errorf("%s appears twice", pc.Postcode)
		}
		if pc.Source != demo.Source {
			t.Errorf("%s: source %q, want %q", pc.Postcode, pc.Source, demo.Source)
		}
		table[pc.Postcode] = pc.Location
	}
	// Every organisation's and asset's postcode is in the table, at the
	// mean of the locations that carry it (for a postcode used once: the
	// location itself).
	sums := map[string][3]float64{}
	for _, o := range c.Organisations {
		s := sums[o.Postcode]
		sums[o.Postcode] = [3]float64{s[0] + o.Location.Latitude, s[1] + o.Location.Longitude, s[2] + 1}
	}
	for _, a := range c.Assets {
		if a.Postcode != "" {
			s := sums[a.Postcode]
			sums[a.Postcode] = [3]float64{s[0] + a.Location.Latitude, s[1] + a.Location.Longitude, s[2] + 1}
		}
	}
	for pc, s := range sums {
		got, ok := table[pc]
		if !ok {
			t.Errorf("postcode %s is used but not in the table", pc)
			continue
		}
		if math.Abs(got.Latitude-s[0]/s[2]) > 1e-6 || math.Abs(got.Longitude-s[1]/s[2]) > 1e-6 {
			t.Errorf("%s at %+v, want the mean of its %v uses", pc, got, s[2])
		}
	}
	// And each ward has a postcode at its centre.
	for _, a := range c.Areas {
		if a.Kind != civic.AreaWard {
			continue
		}
		found := false
		for _, loc := range table {
			found = found || km(loc, *a.Location) < 0.001
		}
		if !found {
			t.Errorf("ward %s has no postcode at its centre", a.Name)
		}
	}
	if len(table) < len(sums)+60 {
		t.Errorf("%d postcodes for %d used ones and the wards", len(table), len(sums))
	}
}

func TestOrganisationNeeds(t *testing.T) {
	c := city()
	skills := map[string][]string{}
	people := map[string][]string{}
	for _, p := range c.People {
		people[p.ID] = p.Skills
	}
	for _, a := range c.Affiliations {
		if a.Until == nil {
			skills[a.OrganisationID] = append(skills[a.OrganisationID], people[a.PersonID]...)
		}
	}
	withNeeds, kinds, rooms := 0, 0, 0
	for _, o := range c.Organisations {
		if o.Needs.Empty() {
			continue
		}
		withNeeds++
		kinds += len(o.Needs.AssetKinds)
		if slices.Contains(o.Needs.AssetKinds, civic.AssetRoom) {
			rooms++
		}
		in := civic.OrganisationInput{Needs: &o.Needs}
		if err := in.Validate(false); err != nil {
			t.Errorf("%s: %v", o.Name, err)
		}
		if n := len(o.Needs.AssetKinds) + len(o.Needs.Skills); n > 3 {
			t.Errorf("%s needs %d things", o.Name, n)
		}
		for _, s := range o.Needs.Skills {
			if slices.Contains(skills[o.ID], s) {
				t.Errorf("%s needs %s, which one of its own people has", o.Name, s)
			}
		}
		if o.Kind == civic.OrgCouncil || o.Kind == civic.OrgUniversity {
			t.Errorf("%s, a %s, publishes needs", o.Name, o.Kind)
		}
	}
	n := len(c.Organisations)
	if withNeeds < n/4 || withNeeds > n*3/4 || kinds == 0 || rooms == 0 {
		t.Errorf("%d of %d organisations have needs (%d kinds of asset, %d rooms)", withNeeds, n, kinds, rooms)
	}
}

func TestSomePeopleAgreeToBeFound(t *testing.T) {
	found := 0
	for _, p := range city().People {
		if p.Discoverable {
			found++
		}
	}
	if n := len(city().People); found < n/5 || found > n*3/5 {
		t.Errorf("%d of %d people are discoverable", found, n)
	}
}
