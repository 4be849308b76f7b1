package civic_test

import (
	"math"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestOrganisationNeeds(t *testing.T) {
	in := civic.OrganisationInput{Needs: &civic.Needs{
		AssetKinds: []civic.AssetKind{civic.AssetRoom, civic.AssetRoom, civic.AssetVehicle},
		Skills:     []string{" Bookkeeping", "bookkeeping", "first-aid"},
	}}
	in.Normalise()
	if got := in.Needs; len(got.AssetKinds) != 2 || got.AssetKinds[1] != civic.AssetVehicle || strings.Join(got.Skills, ",") != "bookkeeping,first-aid" {
		t.Errorf("normalised needs = %+v", got)
	}
	if err := in.Validate(false); err != nil {
		t.Errorf("valid needs: %v", err)
	}
	bad := civic.OrganisationInput{Needs: &civic.Needs{AssetKinds: []civic.AssetKind{"castle"}, Skills: []string{"Book Keeping"}}}
	if got := strings.Join(fieldsOf(t, bad.Validate(false)), ","); got != "needs.assetKinds,needs.skills" {
		t.Errorf("invalid fields = %s", got)
	}
	many := civic.OrganisationInput{Needs: &civic.Needs{Skills: make([]string, civic.MaxNeeds+1)}}
	if got := fieldsOf(t, many.Validate(false)); len(got) != 1 || got[0] != "needs.skills" {
		t.Errorf("too many needs: invalid fields = %v", got)
	}
}

func TestNearbyQueryValidate(t *testing.T) {
	pt := &civic.GeoPoint{Latitude: 52.45, Longitude: -1.86}
	tests := []struct {
		name string
		q    civic.NearbyQuery
		want []string
	}{
		{"point", civic.NearbyQuery{Near: civic.Near{Point: pt}, RadiusKm: 2}, nil},
		{"postcode", civic.NearbyQuery{Near: civic.Near{Postcode: ptr("b11 4bw")}, RadiusKm: 50}, nil},
		{"neither", civic.NearbyQuery{RadiusKm: 2}, []string{"near"}},
		{"both", civic.NearbyQuery{Near: civic.Near{Point: pt, Postcode: ptr("B11 4BW")}, RadiusKm: 2}, []string{"near"}},
		{"malformed postcode", civic.NearbyQuery{Near: civic.Near{Postcode: ptr("B11")}, RadiusKm: 2}, []string{"near.postcode"}},
		{"point out of range", civic.NearbyQuery{Near: civic.Near{Point: &civic.GeoPoint{Latitude: 95}}, RadiusKm: 2}, []string{"near.point.latitude"}},
		{"zero radius", civic.NearbyQuery{Near: civic.Near{Point: pt}}, []string{"radiusKm"}},
		{"huge radius", civic.NearbyQuery{Near: civic.Near{Point: pt}, RadiusKm: 51}, []string{"radiusKm"}},
		{"NaN radius", civic.NearbyQuery{Near: civic.Near{Point: pt}, RadiusKm: math.NaN()}, []string{"radiusKm"}},
		{"filter", civic.NearbyQuery{Near: civic.Near{Point: pt}, RadiusKm: 2, Filter: civic.PartnerFilter{
			Kinds: []civic.ResultKind{civic.ResultPerson}, Themes: []string{"Food!"}, OrganisationKinds: []civic.OrganisationKind{"guild"},
			AssetKinds: []civic.AssetKind{"castle"}, Skills: []string{"x y"}, AreaIDs: []string{"org_1"},
		}}, []string{"filter.kinds", "filter.themes", "filter.organisationKinds", "filter.assetKinds", "filter.skills", "filter.areaIds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldsOf(t, tt.q.Validate()); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("invalid fields = %v, want %v", got, tt.want)
			}
		})
	}
	q := civic.NearbyQuery{Near: civic.Near{Postcode: ptr(" b11  4bw ")}, Filter: civic.PartnerFilter{Themes: []string{"Food"}}}
	q.Normalise()
	if *q.Near.Postcode != "B11 4BW" || q.Filter.Themes[0] != "food" {
		t.Errorf("normalised %q %v", *q.Near.Postcode, q.Filter.Themes)
	}
}

func TestUnknownPostcodeIsBadInput(t *testing.T) {
	err := civic.UnknownPostcode("near.postcode", "B99 9ZZ")
	if got := fieldsOf(t, err); len(got) != 1 || got[0] != "near.postcode" || !strings.Contains(err.Error(), `"B99 9ZZ" is not in the postcode table`) {
		t.Errorf("err = %v", err)
	}
}

func TestMapQueryValidate(t *testing.T) {
	box := &civic.BoundingBox{South: 52.4, West: -1.95, North: 52.5, East: -1.8}
	tests := []struct {
		name string
		q    civic.MapQuery
		want []string
	}{
		{"box", civic.MapQuery{Box: box}, nil},
		{"area", civic.MapQuery{AreaID: ptr("area_1")}, nil},
		{"neither", civic.MapQuery{}, []string{"within"}},
		{"both", civic.MapQuery{Box: box, AreaID: ptr("area_1")}, []string{"within"}},
		{"upside down", civic.MapQuery{Box: &civic.BoundingBox{South: 52.5, West: -1.8, North: 52.4, East: -1.95}}, []string{"within.box", "within.box"}},
		{"off the globe", civic.MapQuery{Box: &civic.BoundingBox{South: -91, West: -1, North: 1, East: 181}}, []string{"within.box.southWest.latitude", "within.box.northEast.longitude"}},
		{"not an area", civic.MapQuery{AreaID: ptr("org_1")}, []string{"within.areaId"}},
		{"too many", civic.MapQuery{Box: box, First: ptr(civic.MaxMapFeatures + 1)}, []string{"first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldsOf(t, tt.q.Validate()); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("invalid fields = %v, want %v", got, tt.want)
			}
		})
	}
	if (civic.MapQuery{}).Limit() != civic.DefaultMapFeatures {
		t.Error("default map limit")
	}
}

func TestSearchQueryValidate(t *testing.T) {
	if err := (civic.SearchQuery{Text: "food", Kinds: civic.SearchKinds, First: ptr(100)}).Validate(); err != nil {
		t.Error(err)
	}
	bad := civic.SearchQuery{Text: strings.Repeat("x", civic.MaxSearchTextLen+1), Kinds: []civic.ResultKind{"area"}, First: ptr(101),
		Filter: civic.SearchFilter{Themes: []string{"Not A Slug"}, AreaIDs: []string{"thm_food"}}}
	if got := strings.Join(fieldsOf(t, bad.Validate()), ","); got != "text,kinds,first,filter.themes,filter.areaIds" {
		t.Errorf("invalid fields = %s", got)
	}
}

func TestSuggestionFilterValidate(t *testing.T) {
	if err := (civic.SuggestionFilter{MaxDistanceKm: ptr(3.0), Themes: []string{"food"}}).Validate(); err != nil {
		t.Error(err)
	}
	bad := civic.SuggestionFilter{Themes: []string{"A B"}, OrganisationKinds: []civic.OrganisationKind{"guild"}, AreaIDs: []string{"x"}, MaxDistanceKm: ptr(0.0)}
	if got := strings.Join(fieldsOf(t, bad.Validate()), ","); got != "filter.themes,filter.organisationKinds,filter.areaIds,filter.maxDistanceKm" {
		t.Errorf("invalid fields = %s", got)
	}
}
