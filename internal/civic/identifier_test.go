package civic_test

import (
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestNormaliseOrgID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GB-CHC-1164883", "GB-CHC-1164883"},
		{" gb-chc-1164883 ", "GB-CHC-1164883"},
		// Company numbers get back the leading zeros spreadsheets drop.
		{"GB-COH-1234567", "GB-COH-01234567"},
		{"GB-COH-456789", "GB-COH-00456789"},
		{"gb-coh-01234567", "GB-COH-01234567"},
		{"GB-COH-sc123456", "GB-COH-SC123456"},
		{"GB-COH-SC12345", "GB-COH-SC012345"},
		// Charity numbers stay as they are, leading zeros or not.
		{"GB-CHC-0012345", "GB-CHC-0012345"},
		{"GB-SC-SC012345", "GB-SC-SC012345"},
		{"not an identifier", "not an identifier"},
	}
	for _, tt := range tests {
		if got := civic.NormaliseOrgID(tt.in); got != tt.want {
			t.Errorf("NormaliseOrgID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseIdentifier(t *testing.T) {
	id, ok := civic.ParseIdentifier("gb-coh-1234567")
	if !ok || id.ID != "GB-COH-01234567" || id.Scheme != "GB-COH" || id.Value != "01234567" {
		t.Fatalf("got %+v %v", id, ok)
	}
	for _, bad := range []string{"", "1164883", "GB-CHC-", "360G-fund-123", "src:dir:org-1"} {
		if _, ok := civic.ParseIdentifier(bad); ok {
			t.Errorf("%q parsed as an identifier", bad)
		}
	}
}

func TestIdentifierFromNumbers(t *testing.T) {
	tests := []struct {
		charity, company string
		want             string
	}{
		{"1164883", "", "GB-CHC-1164883"},
		{"SC012345", "", "GB-SC-SC012345"},
		{"NIC100123", "", "GB-NIC-100123"},
		{"", "456789", "GB-COH-00456789"},
		{"1164883", "1234567", "GB-CHC-1164883 GB-COH-01234567"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(civic.IdentifierFromNumbers(tt.charity, tt.company), " "); got != tt.want {
			t.Errorf("(%q, %q) = %q, want %q", tt.charity, tt.company, got, tt.want)
		}
	}
}

func TestKindForIdentifier(t *testing.T) {
	for id, want := range map[string]civic.OrganisationKind{
		"GB-CHC-1164883": civic.OrgCharity, "GB-SC-SC012345": civic.OrgCharity, "GB-LAE-BIR": civic.OrgCouncil,
		"GB-NHS-RRK": civic.OrgHealth, "GB-COH-01234567": civic.OrgSocialEnterprise, "XI-EORI-123": civic.OrgCommunityGroup, "nonsense": civic.OrgCommunityGroup,
	} {
		if got := civic.KindForIdentifier(id); got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
}

func TestNormaliseIdentifiers(t *testing.T) {
	ids, bad := civic.NormaliseIdentifiers([]string{"GB-COH-1234567", " ", "GB-COH-01234567", "gb-chc-1164883", "1164883"})
	if strings.Join(ids, " ") != "GB-COH-01234567 GB-CHC-1164883" || strings.Join(bad, " ") != "1164883" {
		t.Fatalf("ids %v, bad %v", ids, bad)
	}
}

func TestActor(t *testing.T) {
	ctx := t.Context()
	if got := civic.ActorFrom(ctx); got != "anonymous" {
		t.Fatalf("default actor %q", got)
	}
	if got := civic.ActorFrom(civic.WithActor(ctx, "alice")); got != "alice" {
		t.Fatalf("actor %q", got)
	}
}
