package civic_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// fieldsOf returns the names of the invalid fields in a validation error.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *civic.Error
	if !errors.As(err, &e) || e.Code != civic.CodeBadUserInput {
		t.Fatalf("error %v is not BAD_USER_INPUT", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestOrganisationInputValidate(t *testing.T) {
	kind := civic.OrgCharity
	bad := civic.OrganisationKind("guild")
	tests := []struct {
		name   string
		in     civic.OrganisationInput
		create bool
		want   []string // invalid fields, in order
	}{
		{"minimal create", civic.OrganisationInput{Name: ptr("Sparkhill Food Bank"), Kind: &kind}, true, nil},
		{"create needs name and kind", civic.OrganisationInput{}, true, []string{"name", "kind"}},
		{"update may omit both", civic.OrganisationInput{}, false, nil},
		{"blank name", civic.OrganisationInput{Name: ptr("   "), Kind: &kind}, true, []string{"name"}},
		{"long name", civic.OrganisationInput{Name: ptr(strings.Repeat("a", civic.MaxNameLen+1)), Kind: &kind}, true, []string{"name"}},
		{"control character in name", civic.OrganisationInput{Name: ptr("a\x00b"), Kind: &kind}, true, []string{"name"}},
		{"unknown kind", civic.OrganisationInput{Name: ptr("x"), Kind: &bad}, true, []string{"kind"}},
		{"org-id", civic.OrganisationInput{OrgID: ptr("GB-CHC-1164883")}, false, nil},
		{"lower-case org-id scheme is fine", civic.OrganisationInput{OrgID: ptr("gb-coh-01234567")}, false, nil},
		{"malformed org-id", civic.OrganisationInput{OrgID: ptr("1164883")}, false, []string{"orgId"}},
		{"website must be http(s)", civic.OrganisationInput{Website: ptr("javascript:alert(1)")}, false, []string{"website"}},
		{"empty website clears", civic.OrganisationInput{Website: ptr("")}, false, nil},
		{"postcode", civic.OrganisationInput{Postcode: ptr("b11 4bw")}, false, nil},
		{"not a postcode", civic.OrganisationInput{Postcode: ptr("12345")}, false, []string{"postcode"}},
		{"latitude out of range", civic.OrganisationInput{Location: &civic.GeoPoint{Latitude: 91, Longitude: 0}}, false, []string{"location.latitude"}},
		{"longitude out of range", civic.OrganisationInput{Location: &civic.GeoPoint{Latitude: 0, Longitude: -181}}, false, []string{"location.longitude"}},
		{"area must be an area ID", civic.OrganisationInput{AreaID: ptr("org_123")}, false, []string{"areaId"}},
		{"theme slugs", civic.OrganisationInput{Themes: []string{"food", "Mental Health"}}, false, []string{"themes"}},
		{"too many themes", civic.OrganisationInput{Themes: make([]string, civic.MaxThemes+1)}, false, []string{"themes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldsOf(t, tt.in.Validate(tt.create))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("invalid fields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOrganisationInputNormalise(t *testing.T) {
	in := civic.OrganisationInput{Name: ptr("  Ladywood Forum "), OrgID: ptr(" gb-chc-1164883 "), Postcode: ptr("b16  8pe"), Themes: []string{" Food", "food", "housing"}}
	in.Normalise()
	if *in.Name != "Ladywood Forum" || *in.OrgID != "GB-CHC-1164883" || *in.Postcode != "B16 8PE" {
		t.Errorf("normalised = %q %q %q", *in.Name, *in.OrgID, *in.Postcode)
	}
	if strings.Join(in.Themes, ",") != "food,housing" {
		t.Errorf("themes = %v", in.Themes)
	}
}

func TestNormalisePostcode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"B1 1AA", "B1 1AA"}, {"b11aa", "B1 1AA"}, {" b33 8th ", "B33 8TH"}, {"SW1A1AA", "SW1A 1AA"}, {"EC1A 1BB", "EC1A 1BB"},
		{"", ""}, {"B1", ""}, {"11 1AA", ""}, {"B1 1A", ""}, {"BBB1 1AA", ""},
	}
	for _, tt := range tests {
		got, ok := civic.NormalisePostcode(tt.in)
		if (tt.want == "") == ok || (ok && got != tt.want) {
			t.Errorf("NormalisePostcode(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestCollaborationInputValidate(t *testing.T) {
	a, b := civic.NewID(civic.KindOrganisation), civic.NewID(civic.KindOrganisation)
	tests := []struct {
		name string
		in   civic.CollaborationInput
		want []string
	}{
		{"valid", civic.CollaborationInput{FromID: a, ToID: b, Intensity: civic.IntensityCooperation, Since: day("2020-01-01")}, nil},
		{"with itself", civic.CollaborationInput{FromID: a, ToID: a, Intensity: civic.IntensityCooperation}, []string{"toId"}},
		{"not organisations", civic.CollaborationInput{FromID: "per_1", ToID: "x", Intensity: civic.IntensityCooperation}, []string{"fromId", "toId"}},
		{"unknown intensity", civic.CollaborationInput{FromID: a, ToID: b, Intensity: "friendship"}, []string{"intensity"}},
		{"until before since", civic.CollaborationInput{FromID: a, ToID: b, Intensity: civic.IntensityAwareness, Since: day("2021-05-02"), Until: day("2021-05-01")}, []string{"until"}},
		{"one-day collaboration", civic.CollaborationInput{FromID: a, ToID: b, Intensity: civic.IntensityAwareness, Since: day("2021-05-01"), Until: day("2021-05-01")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldsOf(t, tt.in.Validate())
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("invalid fields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCollaborationActiveOn(t *testing.T) {
	c := civic.Collaboration{Since: day("2020-01-01"), Until: day("2020-12-31")}
	for d, want := range map[string]bool{"2019-12-31": false, "2020-01-01": true, "2020-06-15": true, "2020-12-31": true, "2021-01-01": false} {
		if got := c.ActiveOn(*day(d)); got != want {
			t.Errorf("ActiveOn(%s) = %v, want %v", d, got, want)
		}
	}
	open := civic.Collaboration{}
	if !open.ActiveOn(time.Now()) {
		t.Error("a collaboration without dates is active")
	}
}

func TestCollaborationValidateEnd(t *testing.T) {
	c := civic.Collaboration{ID: "col_1", Since: day("2020-01-01")}
	if err := c.ValidateEnd(*day("2019-01-01")); civic.ErrorCode(err) != civic.CodeBadUserInput {
		t.Errorf("ending before the start: %v", err)
	}
	if err := c.ValidateEnd(*day("2021-01-01")); err != nil {
		t.Errorf("ending after the start: %v", err)
	}
	c.Until = day("2021-01-01")
	if err := c.ValidateEnd(*day("2022-01-01")); civic.ErrorCode(err) != civic.CodeConflict {
		t.Errorf("ending twice: %v", err)
	}
}

func TestIntensities(t *testing.T) {
	min := civic.IntensityCoordination
	f := civic.CollaborationFilter{MinIntensity: &min}
	if got := f.IntensitiesToMatch(); len(got) != 2 || got[0] != civic.IntensityCoordination || got[1] != civic.IntensityIntegration {
		t.Errorf("at least coordination = %v", got)
	}
	f.Intensities = []civic.Intensity{civic.IntensityAwareness}
	if got := f.IntensitiesToMatch(); got == nil || len(got) != 0 {
		t.Errorf("awareness and at least coordination should match nothing, got %v", got)
	}
	if got := (civic.CollaborationFilter{}).IntensitiesToMatch(); got != nil {
		t.Errorf("no filter should match everything, got %v", got)
	}
}

func TestAssetFilterKinds(t *testing.T) {
	f := civic.AssetFilter{Categories: []civic.AssetCategory{civic.CategoryNatural}}
	if got := f.KindsToMatch(); len(got) != 1 || got[0] != civic.AssetGreenSpace {
		t.Errorf("natural kinds = %v", got)
	}
	for _, k := range civic.AssetKinds {
		if k.Category() == "" {
			t.Errorf("asset kind %s has no category", k)
		}
	}
}

func TestIDs(t *testing.T) {
	id := civic.NewID(civic.KindPerson)
	if k, ok := civic.KindOfID(id); !ok || k != civic.KindPerson {
		t.Errorf("KindOfID(%q) = %v, %v", id, k, ok)
	}
	x1, x2, y := civic.StableID(civic.KindArea, "x"), civic.StableID(civic.KindArea, "x"), civic.StableID(civic.KindArea, "y")
	if x1 != x2 || x1 == y {
		t.Error("StableID is not a function of its key")
	}
	for _, bad := range []string{"", "org", "org_", "zzz_1", "1234"} {
		if _, ok := civic.KindOfID(bad); ok {
			t.Errorf("KindOfID(%q) accepted", bad)
		}
	}
}

func TestPersonInputValidate(t *testing.T) {
	tests := []struct {
		name string
		in   civic.PersonInput
		want []string
	}{
		{"valid", civic.PersonInput{Name: ptr("Amina Begum"), Email: ptr("amina@example.org"), Phone: ptr("0121 496 0000"), Skills: []string{"bookkeeping"}}, nil},
		{"bad email", civic.PersonInput{Name: ptr("A"), Email: ptr("Amina <amina@example.org>")}, []string{"email"}},
		{"bad phone", civic.PersonInput{Name: ptr("A"), Phone: ptr("call me")}, []string{"phone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldsOf(t, tt.in.Validate(true))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("invalid fields = %v, want %v", got, tt.want)
			}
		})
	}
}
