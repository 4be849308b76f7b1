package civic

import "time"

// Membership is an organisation's place in a partnership (MEMBER_OF).
type Membership struct {
	OrganisationID string
	PartnershipID  string
	Role           MembershipRole
	Since          *time.Time
	Provenance
}

// MembershipWithPartnership is a membership seen from the organisation.
type MembershipWithPartnership struct {
	Membership
	Partnership *Partnership
}

// MembershipWithOrganisation is a membership seen from the partnership.
type MembershipWithOrganisation struct {
	Membership
	Organisation *Organisation
}

// MembershipInput adds an organisation to a partnership, or changes its role.
type MembershipInput struct {
	OrganisationID string
	PartnershipID  string
	Role           *MembershipRole
	Since          *time.Time
	Source         *string
}

// Normalise fills in the default role and truncates the date.
func (in *MembershipInput) Normalise() {
	if in.Role == nil {
		r := MemberRoleMember
		in.Role = &r
	}
	in.Since = dayPtr(in.Since)
}

// Validate checks the input.
func (in MembershipInput) Validate() error {
	var p Problems
	p.CheckID("organisationId", in.OrganisationID, KindOrganisation)
	p.CheckID("partnershipId", in.PartnershipID, KindPartnership)
	if in.Role != nil && !in.Role.Valid() {
		p.Add("role", "%q is not a membership role", *in.Role)
	}
	p.checkSource(in.Source)
	return p.Err()
}

// Stewardship is an organisation owning, managing, occupying or using an asset (STEWARDS).
type Stewardship struct {
	OrganisationID string
	AssetID        string
	Role           StewardshipRole
	Since          *time.Time
	Provenance
}

// StewardshipWithAsset is a stewardship seen from the organisation.
type StewardshipWithAsset struct {
	Stewardship
	Asset *Asset
}

// StewardshipWithOrganisation is a stewardship seen from the asset.
type StewardshipWithOrganisation struct {
	Stewardship
	Organisation *Organisation
}

// StewardshipInput links an organisation to an asset, or changes its role.
type StewardshipInput struct {
	OrganisationID string
	AssetID        string
	Role           StewardshipRole
	Since          *time.Time
	Source         *string
}

// Normalise truncates the date.
func (in *StewardshipInput) Normalise() { in.Since = dayPtr(in.Since) }

// Validate checks the input.
func (in StewardshipInput) Validate() error {
	var p Problems
	p.CheckID("organisationId", in.OrganisationID, KindOrganisation)
	p.CheckID("assetId", in.AssetID, KindAsset)
	if !in.Role.Valid() {
		p.Add("role", "%q is not a stewardship role", in.Role)
	}
	p.checkSource(in.Source)
	return p.Err()
}

// Affiliation is a person's role in an organisation (AFFILIATED_WITH).
type Affiliation struct {
	PersonID       string
	OrganisationID string
	Role           AffiliationRole
	Since          *time.Time
	Until          *time.Time
	Provenance
}

// AffiliationWithPerson is an affiliation seen from the organisation.
type AffiliationWithPerson struct {
	Affiliation
	Person *Person
}

// AffiliationWithOrganisation is an affiliation seen from the person.
type AffiliationWithOrganisation struct {
	Affiliation
	Organisation *Organisation
}

// AffiliationInput links a person to an organisation in a role. A person may
// hold several roles in one organisation; each role is one affiliation.
type AffiliationInput struct {
	PersonID       string
	OrganisationID string
	Role           AffiliationRole
	Since          *time.Time
	Until          *time.Time
	Source         *string
}

// Normalise truncates the dates.
func (in *AffiliationInput) Normalise() { in.Since, in.Until = dayPtr(in.Since), dayPtr(in.Until) }

// Validate checks the input.
func (in AffiliationInput) Validate() error {
	var p Problems
	p.CheckID("personId", in.PersonID, KindPerson)
	p.CheckID("organisationId", in.OrganisationID, KindOrganisation)
	if !in.Role.Valid() {
		p.Add("role", "%q is not an affiliation role", in.Role)
	}
	p.CheckDateOrder("until", in.Since, in.Until)
	p.checkSource(in.Source)
	return p.Err()
}
