package civic

import "time"

// Funding is a grant from one organisation to another, stored as a FUNDED
// edge from the funder to the recipient. Grants come from 360Giving data.
type Funding struct {
	ID          string
	FunderID    string
	RecipientID string
	GrantID     string // the grant's identifier in its dataset (360Giving id)
	Title       string
	Description string
	Amount      float64
	Currency    string // ISO 4217, "GBP"
	AwardDate   *time.Time
	Programme   string
	DeletedAt   *time.Time
	Provenance
}

// Validate checks a grant read from a file.
func (f Funding) Validate() error {
	var p Problems
	if f.GrantID == "" && f.ID == "" {
		p.Add("id", "is required")
	}
	if f.Amount < 0 || f.Amount != f.Amount {
		p.Add("amountAwarded", "must be a positive amount")
	}
	if f.Currency != "" && !currencyPattern.MatchString(f.Currency) {
		p.Add("currency", "%q is not a currency code such as GBP", f.Currency)
	}
	p.CheckText("title", &f.Title, MaxShortTextLen)
	p.CheckText("description", &f.Description, MaxDescriptionLen)
	p.CheckText("programme", &f.Programme, MaxShortTextLen)
	return p.Err()
}
