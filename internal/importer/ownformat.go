package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Record is one record of civicgraph's own format, in JSON and in CSV
// (where lists are ";"-separated and the location is two columns). Its Type
// says what it is: theme, area, organisation, person, asset, partnership,
// collaboration, membership, stewardship, affiliation or funding. The
// exporter writes the same records, so that an export imports back as it was.
type Record struct {
	Type        string    `json:"type"`
	ID          string    `json:"id,omitempty"`
	Slug        string    `json:"slug,omitempty"`
	Name        string    `json:"name,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	OrgID       string    `json:"orgId,omitempty"`
	Identifiers []string  `json:"identifiers,omitempty"`
	Code        string    `json:"code,omitempty"`
	Parent      string    `json:"parent,omitempty"`
	Description string    `json:"description,omitempty"`
	Website     string    `json:"website,omitempty"`
	Postcode    string    `json:"postcode,omitempty"`
	Address     string    `json:"address,omitempty"`
	Location    *Location `json:"location,omitempty"`
	Area        string    `json:"area,omitempty"`
	Themes      []string  `json:"themes,omitempty"`
	Skills      []string  `json:"skills,omitempty"`
	Bio         string    `json:"bio,omitempty"`
	// ContactConsent and Discoverable are a person's consents: to show
	// their email and phone to champions, and to be found by search.
	// Absent means no.
	ContactConsent *bool `json:"contactConsent,omitempty"`
	Discoverable   *bool `json:"discoverable,omitempty"`
	// NeedsAssetKinds and NeedsSkills are what an organisation looks for
	// from partners.
	NeedsAssetKinds []string `json:"needsAssetKinds,omitempty"`
	NeedsSkills     []string `json:"needsSkills,omitempty"`
	Email           string   `json:"email,omitempty"`
	Phone           string   `json:"phone,omitempty"`
	Shareable       *bool    `json:"shareable,omitempty"`
	Capacity        *int     `json:"capacity,omitempty"`
	From            string   `json:"from,omitempty"`
	To              string   `json:"to,omitempty"`
	Intensity       string   `json:"intensity,omitempty"`
	Role            string   `json:"role,omitempty"`
	Since           string   `json:"since,omitempty"`
	Until           string   `json:"until,omitempty"`
	GrantID         string   `json:"grantId,omitempty"`
	Title           string   `json:"title,omitempty"`
	Amount          *float64 `json:"amount,omitempty"`
	Currency        string   `json:"currency,omitempty"`
	AwardDate       string   `json:"awardDate,omitempty"`
	Programme       string   `json:"programme,omitempty"`
	MergedInto      string   `json:"mergedInto,omitempty"`
	Source          string   `json:"source,omitempty"`
	SourceRecord    string   `json:"sourceRecord,omitempty"`
	CreatedAt       string   `json:"createdAt,omitempty"`
	CreatedBy       string   `json:"createdBy,omitempty"`
	UpdatedAt       string   `json:"updatedAt,omitempty"`
	UpdatedBy       string   `json:"updatedBy,omitempty"`
	LastVerified    string   `json:"lastVerified,omitempty"`
	DeletedAt       string   `json:"deletedAt,omitempty"`
}

// Location is a WGS84 point.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// JSONKeys are the keys under which a JSON file of the own format may hold
// its records ({"civicgraph": 1, "records": [...]}), besides a top-level array.
var JSONKeys = []string{"records"}

// OwnJSON reads civicgraph's own JSON format, one record at a time.
func OwnJSON(in io.Reader) (Reader, error) {
	items, err := newJSONItems(in, JSONKeys...)
	if err != nil {
		return nil, err
	}
	return readerFunc(func() (civic.ImportRecord, error) {
		raw, num, err := items.next()
		if err != nil {
			return civic.ImportRecord{Num: num}, err
		}
		var rec Record
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return badRecord(num, "%s", jsonProblem(err)), nil
		}
		return rec.Import(num), nil
	}), nil
}

func jsonProblem(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	return strings.Replace(msg, "Go struct field Record.", "field ", 1)
}

// OwnCSV reads civicgraph's own CSV format: a header row naming the
// columns (those of Record; lists separated by ";", the location as
// latitude and longitude), then one record per row. Without a type column
// a row with from and to columns is a collaboration, else an organisation.
func OwnCSV(in io.Reader) (Reader, error) {
	rows, err := newCSVRows(in)
	if err != nil {
		return nil, err
	}
	return csvReader(rows, func(r row) civic.ImportRecord {
		rec, err := recordFromRow(r)
		if err != nil {
			return badRecord(r.line, "%v", err)
		}
		return rec.Import(r.line)
	}), nil
}

// recordFromRow reads a CSV row as a Record.
func recordFromRow(r row) (Record, error) {
	rec := Record{
		Type: strings.ToLower(r.get("type")), ID: r.get("id"), Slug: r.get("slug"), Name: r.get("name"), Kind: r.get("kind"),
		OrgID: r.get("orgId"), Identifiers: splitList(r.get("identifiers")), Code: r.get("code"), Parent: r.get("parent"),
		Description: r.get("description"), Website: r.get("website"), Postcode: r.get("postcode"), Address: r.get("address"),
		Area: r.get("area"), Themes: splitList(r.get("themes")), Skills: splitList(r.get("skills")),
		Bio: r.get("bio"), Email: r.get("email"), Phone: r.get("phone"),
		NeedsAssetKinds: splitList(r.get("needsAssetKinds")), NeedsSkills: splitList(r.get("needsSkills")),
		From: r.get("from"), To: r.get("to"), Intensity: r.get("intensity"), Role: r.get("role"),
		Since: r.get("since"), Until: r.get("until"), GrantID: r.get("grantId"), Title: r.get("title"),
		Currency: r.get("currency"), AwardDate: r.get("awardDate"), Programme: r.get("programme"), MergedInto: r.get("mergedInto"),
		Source: r.get("source"), SourceRecord: r.get("sourceRecord"), CreatedAt: r.get("createdAt"), CreatedBy: r.get("createdBy"),
		UpdatedAt: r.get("updatedAt"), UpdatedBy: r.get("updatedBy"), LastVerified: r.get("lastVerified"), DeletedAt: r.get("deletedAt"),
	}
	if rec.Type == "" {
		rec.Type = "organisation"
		if r.has("from") && r.has("to") {
			rec.Type = "collaboration"
		}
	}
	lat, err := parseFloat(r.get("latitude"))
	if err != nil {
		return rec, fmt.Errorf("latitude: %v", err)
	}
	lon, err := parseFloat(r.get("longitude"))
	if err != nil {
		return rec, fmt.Errorf("longitude: %v", err)
	}
	if p, err := point(lat, lon); err != nil {
		return rec, err
	} else if p != nil {
		rec.Location = &Location{Latitude: p.Latitude, Longitude: p.Longitude}
	}
	for _, c := range []struct {
		col string
		to  **bool
	}{{"shareable", &rec.Shareable}, {"contactConsent", &rec.ContactConsent}, {"discoverable", &rec.Discoverable}} {
		if s := r.get(c.col); s != "" {
			b, err := strconv.ParseBool(strings.ToLower(s))
			if err != nil {
				return rec, fmt.Errorf("%s: %q is not true or false", c.col, s)
			}
			*c.to = &b
		}
	}
	if s := r.get("capacity"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return rec, fmt.Errorf("capacity: %q is not a whole number", s)
		}
		rec.Capacity = &n
	}
	if rec.Amount, err = parseAmount(r.get("amount")); err != nil {
		return rec, fmt.Errorf("amount: %v", err)
	}
	return rec, nil
}
