package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// 360Giving grants: each grant is a FUNDED edge from the funding
// organisation to the recipient organisation, both created if the city
// does not know them yet (and left as they are if it does). The JSON
// form is {"grants": [...]} as the 360Giving Standard publishes it; the
// CSV form is the Standard's spreadsheet, with either its column titles
// ("Recipient Org:Identifier") or its paths ("recipientOrganization.0.id").

// grant360 is a grant of the 360Giving Standard, as far as it is used.
type grant360 struct {
	ID                    string          `json:"id"`
	Title                 string          `json:"title"`
	Description           string          `json:"description"`
	Currency              string          `json:"currency"`
	AmountAwarded         json.RawMessage `json:"amountAwarded"`
	AwardDate             string          `json:"awardDate"`
	RecipientOrganization []org360        `json:"recipientOrganization"`
	RecipientIndividual   []struct {
		ID string `json:"id"`
	} `json:"recipientIndividual"`
	FundingOrganization []org360 `json:"fundingOrganization"`
	GrantProgramme      []struct {
		Title string `json:"title"`
		Code  string `json:"code"`
	} `json:"grantProgramme"`
}

type org360 struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	CharityNumber string `json:"charityNumber"`
	CompanyNumber string `json:"companyNumber"`
	PostalCode    string `json:"postalCode"`
}

// Giving360JSON reads a 360Giving JSON file ({"grants": [...]}).
func Giving360JSON(in io.Reader, dataset string) (Reader, error) {
	items, err := newJSONItems(in, "grants")
	if err != nil {
		return nil, err
	}
	return readerFunc(func() (civic.ImportRecord, error) {
		raw, num, err := items.next()
		if err != nil {
			return civic.ImportRecord{Num: num}, err
		}
		var g grant360
		if err := json.Unmarshal(raw, &g); err != nil {
			return badRecord(num, "%s", jsonProblem(err)), nil
		}
		amount, err := jsonAmount(g.AmountAwarded)
		if err != nil {
			return badRecord(num, "amountAwarded: %v", err), nil
		}
		return g.record(num, amount), nil
	}), nil
}

// jsonAmount reads an amount written as a JSON number or, as some
// publishers do, a string ("£1,000").
func jsonAmount(raw json.RawMessage) (*float64, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parseAmount(s)
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s is not an amount", raw)
	}
	return &f, nil
}

// Giving360CSV reads a 360Giving spreadsheet saved as CSV.
func Giving360CSV(in io.Reader, dataset string) (Reader, error) {
	rows, err := newCSVRows(in)
	if err != nil {
		return nil, err
	}
	if !rows.hasAny("identifier", "id") {
		return nil, fmt.Errorf("line 1: no Identifier (id) column: is this a 360Giving file?")
	}
	return csvReader(rows, func(r row) civic.ImportRecord {
		g := grant360{
			ID: r.get("identifier", "id"), Title: r.get("title"), Description: r.get("description"), Currency: r.get("currency"),
			AwardDate: r.get("awarddate", "award date"),
			RecipientOrganization: []org360{{
				ID: r.get("recipientorgidentifier", "recipientOrganization.0.id"), Name: r.get("recipientorgname", "recipientOrganization.0.name"),
				CharityNumber: r.get("recipientorgcharitynumber", "recipientOrganization.0.charityNumber"),
				CompanyNumber: r.get("recipientorgcompanynumber", "recipientOrganization.0.companyNumber"),
				PostalCode:    r.get("recipientorgpostalcode", "recipientOrganization.0.postalCode"),
			}},
			FundingOrganization: []org360{{ID: r.get("fundingorgidentifier", "fundingOrganization.0.id"), Name: r.get("fundingorgname", "fundingOrganization.0.name")}},
		}
		if id := r.get("recipientindidentifier", "recipientIndividual.0.id"); id != "" {
			g.RecipientIndividual = append(g.RecipientIndividual, struct {
				ID string `json:"id"`
			}{id})
		}
		if t := r.get("grantprogrammetitle", "grantProgramme.0.title"); t != "" {
			g.GrantProgramme = append(g.GrantProgramme, struct {
				Title string `json:"title"`
				Code  string `json:"code"`
			}{Title: t})
		}
		amount, err := parseAmount(r.get("amountawarded", "amount awarded"))
		if err != nil {
			return badRecord(r.line, "amountAwarded: %v", err)
		}
		return g.record(r.line, amount)
	}), nil
}

func (r row) hasAny(names ...string) bool {
	for _, n := range names {
		if r.has(n) {
			return true
		}
	}
	return false
}

func (c *csvRows) hasAny(names ...string) bool { return row{cols: c.cols}.hasAny(names...) }

// record maps a grant onto a funding between two organisations.
func (g grant360) record(num int, amount *float64) civic.ImportRecord {
	var m mapper
	if g.ID == "" {
		m.fail("id", "a grant needs its identifier")
	}
	if len(g.RecipientIndividual) > 0 && len(g.RecipientOrganization) == 0 {
		return badRecord(num, "grants to individuals are not imported (personal data)")
	}
	if amount == nil {
		m.fail("amountAwarded", "is required")
	}
	if len(g.RecipientOrganization) == 0 || len(g.FundingOrganization) == 0 {
		m.fail("recipientOrganization", "a grant needs a recipient and a funding organisation")
		return civic.ImportRecord{Num: num, Err: m.Err()}
	}
	funder, fref := g.FundingOrganization[0].organisation("fundingOrganization", &m)
	recipient, rref := g.RecipientOrganization[0].organisation("recipientOrganization", &m)
	f := civic.Funding{GrantID: g.ID, Title: g.Title, Description: g.Description, Currency: strings.ToUpper(g.Currency),
		AwardDate: m.date("awardDate", g.AwardDate), Provenance: civic.Provenance{SourceRecord: g.ID}}
	if amount != nil {
		f.Amount = *amount
	}
	if len(g.GrantProgramme) > 0 {
		f.Programme = g.GrantProgramme[0].Title
	}
	if fref.String() == rref.String() {
		m.fail("recipientOrganization", "the funder and the recipient are the same organisation")
	}
	return civic.ImportRecord{Num: num, Partial: true, Err: m.Err(),
		Organisations: []civic.ImportOrganisation{funder, recipient},
		Fundings:      []civic.ImportFunding{{Funding: f, Funder: fref, Recipient: rref}},
	}
}

// organisation maps a grant's organisation, to be created if unknown. Its
// org-id identifier and its charity and company numbers are identifiers;
// a 360Giving-only identifier (360G-...) is kept as a source key.
func (o org360) organisation(field string, m *mapper) (civic.ImportOrganisation, civic.OrgRef) {
	var ids, keys []string
	if o.ID != "" {
		if _, ok := civic.ParseIdentifier(o.ID); ok {
			ids = append(ids, o.ID)
		} else {
			keys = append(keys, "src:"+strings.TrimSpace(o.ID))
		}
	}
	ids = append(ids, civic.IdentifierFromNumbers(o.CharityNumber, o.CompanyNumber)...)
	ids, _ = civic.NormaliseIdentifiers(ids)
	if len(ids) == 0 && len(keys) == 0 {
		m.fail(field+".id", "an organisation needs an identifier")
	}
	if strings.TrimSpace(o.Name) == "" {
		m.fail(field+".name", "is required")
	}
	org := civic.ImportOrganisation{IfNew: true, Organisation: civic.Organisation{Name: o.Name, Kind: civic.OrgCommunityGroup}}
	if len(ids) > 0 {
		org.OrgID, org.Kind = ids[0], civic.KindForIdentifier(ids[0])
		org.Identifiers = append(org.Identifiers, ids[1:]...)
	}
	org.Identifiers = append(org.Identifiers, keys...)
	if pc, ok := civic.NormalisePostcode(o.PostalCode); ok {
		org.Postcode = pc
	}
	return org, org.Ref()
}
