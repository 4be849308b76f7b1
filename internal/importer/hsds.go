package importer

import (
	"encoding/json"
	"io"
	"regexp"
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Open Referral UK (HSDS) directories: organizations become organisations
// (known by their directory ID as a source key, and by their charity or
// company numbers when given), locations become building assets that the
// organisation uses, taxonomy terms become themes, and a service adds its
// terms to its organisation's themes and its locations' assets. Service
// areas with an ONS code locate the organisation in that area when the city
// has it. Directories say only what they know: empty fields leave stored
// values alone.

// hsdsOrganization is an HSDS organization; services, when nested (HSDS 3),
// bring their terms and locations.
type hsdsOrganization struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Description   string         `json:"description"`
	URL           string         `json:"url"`
	CharityNumber string         `json:"charity_number"`
	CompanyNumber string         `json:"company_number"`
	Identifiers   []hsdsIdent    `json:"organization_identifiers"`
	Services      []hsdsService  `json:"services"`
	Locations     []hsdsLocation `json:"locations"`
}

type hsdsIdent struct {
	Scheme     string `json:"identifier_scheme"`
	Identifier string `json:"identifier"`
}

// hsdsService is an HSDS service, nested as the Open Referral UK API
// serves it: with its organization, locations and taxonomy terms.
type hsdsService struct {
	ID                 string            `json:"id"`
	Name               string            `json:"name"`
	Organization       *hsdsOrganization `json:"organization"`
	ServiceAtLocations []struct {
		Location hsdsLocation `json:"location"`
	} `json:"service_at_locations"`
	Locations        []hsdsLocation `json:"locations"`
	ServiceTaxonomys []struct {
		Taxonomy hsdsTerm `json:"taxonomy"`
	} `json:"service_taxonomys"`
	TaxonomyTerms []hsdsTerm `json:"taxonomy_terms"`
	Attributes    []struct {
		TaxonomyTerm hsdsTerm `json:"taxonomy_term"`
	} `json:"attributes"`
	ServiceAreas []struct {
		ServiceArea string `json:"service_area"`
		URI         string `json:"uri"`
	} `json:"service_areas"`
}

type hsdsTerm struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Term        string `json:"term"`
	Description string `json:"description"`
	Vocabulary  string `json:"vocabulary"`
}

func (t hsdsTerm) theme() (civic.Theme, bool) {
	name := t.Name
	if name == "" {
		name = t.Term
	}
	s := slug(name)
	if s == "" {
		return civic.Theme{}, false
	}
	return civic.Theme{ID: civic.ThemeID(s), Slug: s, Name: strings.TrimSpace(name), Description: t.Description}, true
}

type hsdsLocation struct {
	ID                string          `json:"id"`
	Name              string          `json:"name"`
	Description       string          `json:"description"`
	OrganizationID    string          `json:"organization_id"`
	Latitude          json.RawMessage `json:"latitude"`
	Longitude         json.RawMessage `json:"longitude"`
	PhysicalAddresses []hsdsAddress   `json:"physical_addresses"`
	// flat CSV fields
	address hsdsAddress
}

type hsdsAddress struct {
	Address1   string `json:"address_1"`
	City       string `json:"city"`
	PostalCode string `json:"postal_code"`
}

var gssInURI = regexp.MustCompile(`[EWSN][0-9]{8}`)

// HSDSJSON reads an HSDS JSON file: a list (top-level, or under content,
// items or data, as paginated APIs serve it) of services, organizations or
// taxonomy terms.
func HSDSJSON(in io.Reader, dataset string) (Reader, error) {
	items, err := newJSONItems(in, "content", "items", "data", "services", "organizations", "taxonomy_terms")
	if err != nil {
		return nil, err
	}
	// A list holds one kind of object; an object that does not show its
	// kind (a service missing its organization) takes that of the others.
	kind := ""
	return readerFunc(func() (civic.ImportRecord, error) {
		raw, num, err := items.next()
		if err != nil {
			return civic.ImportRecord{Num: num}, err
		}
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(raw, &probe); err != nil {
			return badRecord(num, "%s", jsonProblem(err)), nil
		}
		h := hsdsMapper{dataset: dataset}
		switch {
		case probe["organization"] != nil || probe["service_at_locations"] != nil || probe["service_taxonomys"] != nil:
			kind = "service"
		case probe["vocabulary"] != nil || probe["term"] != nil:
			kind = "term"
		case probe["services"] != nil || probe["charity_number"] != nil:
			kind = "organization"
		}
		switch kind {
		case "service":
			var s hsdsService
			if err := json.Unmarshal(raw, &s); err != nil {
				return badRecord(num, "%s", jsonProblem(err)), nil
			}
			if s.Organization == nil {
				return badRecord(num, "service %q has no organization", s.ID), nil
			}
			o := *s.Organization
			o.Services = append(o.Services, s)
			return h.organization(num, o), nil
		case "term":
			var t hsdsTerm
			if err := json.Unmarshal(raw, &t); err != nil {
				return badRecord(num, "%s", jsonProblem(err)), nil
			}
			th, ok := t.theme()
			if !ok {
				return badRecord(num, "taxonomy term %q has no name", t.ID), nil
			}
			return civic.ImportRecord{Num: num, Partial: true, Themes: []civic.Theme{th}}, nil
		default:
			var o hsdsOrganization
			if err := json.Unmarshal(raw, &o); err != nil {
				return badRecord(num, "%s", jsonProblem(err)), nil
			}
			return h.organization(num, o), nil
		}
	}), nil
}

// hsdsMapper maps HSDS objects of one dataset.
type hsdsMapper struct{ dataset string }

// organization maps an organization with its services and locations.
func (h hsdsMapper) organization(num int, o hsdsOrganization) civic.ImportRecord {
	var m mapper
	if o.ID == "" {
		m.fail("organization.id", "is required")
	}
	rec := civic.ImportRecord{Num: num, Partial: true}
	themes := map[string]bool{}
	var slugs []string
	addTerm := func(t hsdsTerm) {
		if th, ok := t.theme(); ok && !themes[th.Slug] {
			themes[th.Slug] = true
			slugs = append(slugs, th.Slug)
			rec.Themes = append(rec.Themes, th)
		}
	}
	locations := o.Locations
	area := ""
	for _, s := range o.Services {
		for _, t := range s.TaxonomyTerms {
			addTerm(t)
		}
		for _, t := range s.ServiceTaxonomys {
			addTerm(t.Taxonomy)
		}
		for _, a := range s.Attributes {
			addTerm(a.TaxonomyTerm)
		}
		for _, sal := range s.ServiceAtLocations {
			locations = append(locations, sal.Location)
		}
		locations = append(locations, s.Locations...)
		for _, sa := range s.ServiceAreas {
			if code := gssInURI.FindString(sa.URI); code != "" && area == "" {
				area = code
			}
		}
	}
	ids := civic.IdentifierFromNumbers(o.CharityNumber, o.CompanyNumber)
	for _, i := range o.Identifiers {
		if i.Scheme != "" && i.Identifier != "" {
			ids = append(ids, i.Scheme+"-"+i.Identifier)
		}
	}
	ids, _ = civic.NormaliseIdentifiers(ids)
	key := civic.SourceKey(h.dataset, o.ID)
	org := civic.ImportOrganisation{Organisation: civic.Organisation{
		Name: o.Name, Kind: civic.OrgCommunityGroup, Description: o.Description, Website: o.URL, AreaID: area, Themes: slugs,
		Provenance: civic.Provenance{SourceRecord: o.ID},
	}, Identifiers: append([]string{key}, ids...)}
	if len(ids) > 0 {
		org.OrgID, org.Kind = ids[0], civic.KindForIdentifier(ids[0])
		org.Identifiers = append([]string{key}, ids[1:]...)
	}
	rec.Organisations = []civic.ImportOrganisation{org}
	seen := map[string]bool{}
	for _, l := range locations {
		if l.ID == "" || seen[l.ID] {
			continue
		}
		seen[l.ID] = true
		a, err := h.location(l, slugs)
		if err != nil {
			m.fail("location "+l.ID, "%v", err)
			continue
		}
		rec.Assets = append(rec.Assets, a)
		rec.Links = append(rec.Links, civic.ImportLink{Rel: civic.RelStewardship, From: civic.OrgRef{Identifiers: []string{key}},
			To: civic.OrgRef{ID: a.ID}, Role: string(civic.StewardUses)})
	}
	rec.Err = m.Err()
	return rec
}

// location maps a location to a building asset.
func (h hsdsMapper) location(l hsdsLocation, themes []string) (civic.Asset, error) {
	addr := l.address
	if len(l.PhysicalAddresses) > 0 {
		addr = l.PhysicalAddresses[0]
	}
	lat, err := rawFloat(l.Latitude)
	if err != nil {
		return civic.Asset{}, err
	}
	lon, err := rawFloat(l.Longitude)
	if err != nil {
		return civic.Asset{}, err
	}
	pt, err := point(lat, lon)
	if err != nil {
		return civic.Asset{}, err
	}
	name := strings.TrimSpace(l.Name)
	if name == "" {
		name = strings.TrimSpace(strings.Trim(addr.Address1+", "+addr.City, ", "))
	}
	if name == "" {
		name = "Location " + l.ID
	}
	a := civic.Asset{ID: civic.StableID(civic.KindAsset, h.dataset+":"+l.ID), Name: name, Kind: civic.AssetBuilding,
		Description: l.Description, Location: pt, Themes: themes, Provenance: civic.Provenance{SourceRecord: l.ID}}
	// Directories often lack an address, or hold a malformed postcode:
	// the location is kept without it.
	if pc, ok := civic.NormalisePostcode(addr.PostalCode); ok {
		a.Postcode = pc
	}
	return a, nil
}

// rawFloat reads a coordinate written as a JSON number or string.
func rawFloat(raw json.RawMessage) (*float64, error) {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parseFloat(s)
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	return &f, nil
}
