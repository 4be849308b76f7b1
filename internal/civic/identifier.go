package civic

import (
	"strings"
)

// Identifier is one org-id.guide identifier of an organisation, such as
// GB-CHC-1164883: a registration scheme (GB-CHC, the Charity Commission for
// England and Wales) and the organisation's number in it. An organisation may
// have several (a charity that is also a company has two).
type Identifier struct {
	ID     string // the whole identifier, canonical: "GB-COH-01234567"
	Scheme string // "GB-COH"
	Value  string // "01234567"
}

// Schemes whose numbers have a fixed width with leading zeros that
// spreadsheets drop. UK company numbers are eight characters: eight digits,
// or two letters and six digits (SC123456).
const (
	SchemeCompanies = "GB-COH"
	companyNumLen   = 8
)

// ParseIdentifier splits an identifier into scheme and value and puts it in
// canonical form (see NormaliseOrgID). ok is false unless it has the shape of
// an org-id identifier.
func ParseIdentifier(s string) (Identifier, bool) {
	id := NormaliseOrgID(s)
	if !orgIDPattern.MatchString(id) {
		return Identifier{}, false
	}
	i := strings.Index(id[3:], "-") + 3
	return Identifier{ID: id, Scheme: id[:i], Value: id[i+1:]}, true
}

// NormaliseOrgID puts an org-id identifier in canonical form: spaces
// trimmed, the scheme upper-cased, and for UK companies (GB-COH) the number
// upper-cased and padded with the leading zeros that spreadsheets drop
// (GB-COH-1234567 -> GB-COH-01234567). Charity numbers are kept as they are.
func NormaliseOrgID(s string) string {
	s = strings.TrimSpace(s)
	parts := strings.SplitN(s, "-", 3)
	if len(parts) != 3 {
		return s
	}
	scheme := strings.ToUpper(parts[0]) + "-" + strings.ToUpper(parts[1])
	value := strings.TrimSpace(parts[2])
	if scheme == SchemeCompanies {
		value = CompanyNumber(value)
	}
	return scheme + "-" + value
}

// CompanyNumber returns a UK company number in canonical form: upper-cased,
// spaces removed, and all-digit numbers padded with leading zeros to eight
// digits ("1234567" -> "01234567", "sc123456" -> "SC123456"). Anything else
// is returned upper-cased, unchanged.
func CompanyNumber(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if s == "" || len(s) >= companyNumLen {
		return s
	}
	if strings.Trim(s, "0123456789") == "" {
		return strings.Repeat("0", companyNumLen-len(s)) + s
	}
	// A letter prefix and fewer than six digits: pad the digits.
	if len(s) > 2 && strings.Trim(s[:2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" && strings.Trim(s[2:], "0123456789") == "" {
		return s[:2] + strings.Repeat("0", companyNumLen-len(s)) + s[2:]
	}
	return s
}

// IdentifierFromNumbers builds identifiers from the registration numbers
// that registers publish in their own columns: a charity number (England and
// Wales, or SC... in Scotland, NIC... in Northern Ireland) and a company
// number. Blank numbers give nothing.
func IdentifierFromNumbers(charityNumber, companyNumber string) []string {
	var out []string
	if c := strings.ToUpper(strings.Join(strings.Fields(charityNumber), "")); c != "" {
		switch {
		case strings.HasPrefix(c, "SC"):
			out = append(out, "GB-SC-"+c)
		case strings.HasPrefix(c, "NIC"):
			out = append(out, "GB-NIC-"+strings.TrimPrefix(c, "NIC"))
		default:
			out = append(out, "GB-CHC-"+c)
		}
	}
	if c := strings.TrimSpace(companyNumber); c != "" {
		out = append(out, SchemeCompanies+"-"+CompanyNumber(c))
	}
	return out
}

// KindForIdentifier guesses an organisation's kind from the register that
// numbers it, for records that do not say: registered charities are
// charities, councils councils, and so on. Unknown schemes give a community group.
func KindForIdentifier(id string) OrganisationKind {
	i, ok := ParseIdentifier(id)
	if !ok {
		return OrgCommunityGroup
	}
	switch i.Scheme {
	case "GB-CHC", "GB-SC", "GB-NIC":
		return OrgCharity
	case "GB-LAE", "GB-LAS", "GB-LANI", "GB-PLA":
		return OrgCouncil
	case "GB-GOR", "GB-GOV":
		return OrgPublicBody
	case "GB-NHS":
		return OrgHealth
	case "GB-EDU", "GB-SCOTEDU":
		return OrgSchool
	case "GB-UKPRN":
		return OrgUniversity
	case "GB-MPR":
		return OrgCooperative
	case "GB-COH":
		return OrgSocialEnterprise
	}
	return OrgCommunityGroup
}

// NormaliseIdentifiers canonicalises a list of identifiers, dropping blanks
// and duplicates and keeping the order (the first is the primary one).
// Identifiers that are not org-id identifiers are returned in bad.
func NormaliseIdentifiers(in []string) (ids []string, bad []string) {
	seen := map[string]bool{}
	for _, s := range in {
		if strings.TrimSpace(s) == "" {
			continue
		}
		id, ok := ParseIdentifier(s)
		if !ok {
			bad = append(bad, s)
			continue
		}
		if !seen[id.ID] {
			seen[id.ID] = true
			ids = append(ids, id.ID)
		}
	}
	return ids, bad
}
