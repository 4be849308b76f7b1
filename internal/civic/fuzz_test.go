package civic_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The fuzz targets below feed arbitrary input to validation. Validation
// must never panic, must answer BAD_USER_INPUT or nothing, and what it
// accepts must be what the rules say. `make fuzz` runs each for a while.

// checkInvalid fails unless err is nil or a BAD_USER_INPUT naming fields.
func checkInvalid(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ce *civic.Error
	if !errors.As(err, &ce) || ce.Code != civic.CodeBadUserInput || len(ce.Fields) == 0 {
		t.Fatalf("validation answered %v", err)
	}
}

func FuzzOrganisationInput(f *testing.F) {
	f.Add("Ladywood Food Bank", "CHARITY", "gb-chc-1164883", "https://example.org", "b16 8hr", "food", "area_x")
	f.Add(" ", "WIZARD", "GB-COH-", "javascript:alert(1)", "SW1A1AA", "Food", "org_1")
	f.Add("a\x00b", "", "x-y-z", "http://", "EC1A 1BB", "x--y", "")
	f.Fuzz(func(t *testing.T, name, kind, orgID, website, postcode, theme, areaID string) {
		k := civic.OrganisationKind(kind)
		in := civic.OrganisationInput{Name: &name, Kind: &k, OrgID: &orgID, Website: &website, Postcode: &postcode,
			Description: &name, Themes: []string{theme}, AreaID: &areaID}
		in.Normalise()
		err := in.Validate(true)
		checkInvalid(t, err)
		if err != nil {
			return
		}
		if n := strings.TrimSpace(*in.Name); n == "" || utf8.RuneCountInString(n) > civic.MaxNameLen {
			t.Fatalf("accepted name %q", *in.Name)
		}
		if !k.Valid() {
			t.Fatalf("accepted kind %q", kind)
		}
		if *in.Postcode != "" {
			if pc, ok := civic.NormalisePostcode(*in.Postcode); !ok || pc != *in.Postcode {
				t.Fatalf("accepted postcode %q, which does not normalise to itself", *in.Postcode)
			}
		}
		if *in.OrgID != "" && civic.NormaliseOrgID(*in.OrgID) != *in.OrgID {
			t.Fatalf("accepted org-id %q, which does not normalise to itself", *in.OrgID)
		}
	})
}

func FuzzCollaborationInput(f *testing.F) {
	f.Add("org_a", "org_b", "COOPERATION", "joint work", int64(0), int64(86400), "food")
	f.Add("org_a", "org_a", "NONE", "", int64(-1e12), int64(1e12), "")
	f.Fuzz(func(t *testing.T, from, to, intensity, description string, since, until int64, theme string) {
		s, u := time.Unix(since, 0).UTC(), time.Unix(until, 0).UTC()
		in := civic.CollaborationInput{FromID: from, ToID: to, Intensity: civic.Intensity(intensity),
			Description: &description, Since: &s, Until: &u, Themes: []string{theme}}
		in.Normalise()
		err := in.Validate()
		checkInvalid(t, err)
		if err != nil {
			return
		}
		if in.FromID == in.ToID || !strings.HasPrefix(in.FromID, "org_") || in.Until.Before(*in.Since) {
			t.Fatalf("accepted %+v", in)
		}
	})
}

func FuzzPostcode(f *testing.F) {
	for _, s := range []string{"B5 4BU", "b54bu", "SW1A 1AA", " ec1a\t1bb ", "ABC", "B5 4BU B5 4BU", "ß5 4BU", "Ｂ5 4BU"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pc, ok := civic.NormalisePostcode(s)
		if !ok {
			return
		}
		// A normalised postcode is canonical: upper-case ASCII, one space
		// before a three-character inward code, and stable.
		if again, ok2 := civic.NormalisePostcode(pc); !ok2 || again != pc {
			t.Fatalf("%q -> %q -> %q", s, pc, again)
		}
		if len(pc) < 6 || len(pc) > 8 || pc[len(pc)-4] != ' ' || strings.ToUpper(pc) != pc {
			t.Fatalf("%q normalised to %q", s, pc)
		}
		for _, r := range pc {
			if r > 127 {
				t.Fatalf("%q normalised to non-ASCII %q", s, pc)
			}
		}
	})
}

func FuzzOrgID(f *testing.F) {
	for _, s := range []string{"GB-CHC-1164883", "gb-coh-01234567", "GB-CHC-", "XX-YY-Z", "-a-b", "GB--x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := civic.NormaliseOrgID(s)
		if civic.NormaliseOrgID(id) != id {
			t.Fatalf("normalising %q is not stable", s)
		}
		var p civic.Problems
		p.CheckOrgID("orgId", &s)
		if len(p) == 0 && s != "" && (len(id) > 80 || strings.Count(id, "-") < 2) {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzCursor(f *testing.F) {
	f.Add("Y3Vyc29yOjQy", 10, -1, "")
	f.Add("", 0, 500, "Y3Vyc29yOjA")
	f.Add("Y3Vyc29yOi0x", 501, 1, "!!")
	f.Fuzz(func(t *testing.T, after string, first, last int, before string) {
		if n, ok := civic.DecodeCursor(after); ok {
			if n < 0 {
				t.Fatalf("cursor %q decoded to %d", after, n)
			}
			if m, ok := civic.DecodeCursor(civic.EncodeCursor(n)); !ok || m != n {
				t.Fatalf("cursor of %d does not round-trip", n)
			}
		}
		args := civic.PageArgs{After: &after, Before: &before}
		if first >= 0 {
			args.First = &first
		} else {
			args.Last = &last
		}
		w, err := args.Window()
		checkInvalid(t, err)
		if err == nil && (w.Skip < 0 || w.Limit < 0 || w.Limit > civic.MaxPageSize) {
			t.Fatalf("%+v gave the window %+v", args, w)
		}
	})
}
