package neo4j

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// personRow projects a person n with area and skills.
const personRow = "n {.*, areaId: " + areaIDOf + ", skills: " + skillsOf + "}"

var people = entity[civic.Person]{
	kind: civic.KindPerson, label: "Person", row: personRow, mapRow: mapPerson,
	tail: linkArea("$setArea", "$areaId", "$source") + linkSkills("$setSkills", "$skills", "$source") + keepDiscoverableLabel + "\nRETURN " + personRow + " AS row",
}

func mapPerson(p props) *civic.Person {
	return &civic.Person{
		ID:             p.str("id"),
		Name:           p.str("name"),
		Bio:            p.str("bio"),
		Email:          p.str("email"),
		Phone:          p.str("phone"),
		ContactConsent: p.boolean("contactConsent"),
		AreaID:         p.str("areaId"),
		Skills:         p.strs("skills"),
		DeletedAt:      p.time("deletedAt"),
		Provenance:     p.provenance(),

		Discoverable: p.boolean("discoverable"),
	}
}

// FindPersonByID returns the person, or nil if there is none.
func (s *Store) FindPersonByID(ctx context.Context, id string) (*civic.Person, error) {
	return people.byID(ctx, s, id)
}

// FindPeopleByIDs returns people in the order of ids, nil for unknown IDs.
func (s *Store) FindPeopleByIDs(ctx context.Context, ids []string) ([]*civic.Person, error) {
	return people.byIDs(ctx, s, ids)
}

// FindPeople returns a page of people.
func (s *Store) FindPeople(ctx context.Context, f civic.PersonFilter, o *civic.Order, p civic.PageArgs) (civic.Page[*civic.Person], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Person]{}, err
	}
	q := newFilter("n.deletedAt IS NULL")
	q.nameContains(f.NameContains)
	if len(f.Skills) > 0 {
		q.add("EXISTS { (n)-[:HAS_SKILL]->(skill_:Skill) WHERE skill_.slug IN $skills }", "skills", f.Skills)
	}
	q.areas(f.AreaIDs)
	ord, rev := nameOrder(o)
	return listPage(ctx, s, listQuery{name: "people", match: "MATCH (n:Person)", filter: q, order: ord, reverse: rev, project: personRow}, p, mapPerson)
}

func personProps(in civic.PersonInput) setter {
	p := setter{}
	p.text("name", in.Name)
	p.text("bio", in.Bio)
	p.text("email", in.Email)
	p.text("phone", in.Phone)
	p.value("contactConsent", deref(in.ContactConsent), in.ContactConsent != nil)
	p.text("source", in.Source)
	p.value("discoverable", deref(in.Discoverable), in.Discoverable != nil)
	return p
}

func personParams(params map[string]any, in civic.PersonInput, source any) map[string]any {
	params = withLinks(params, in.AreaID, nil, source)
	params["setSkills"], params["skills"] = in.Skills != nil, nonNil(in.Skills)
	return params
}

// CreatePerson validates the input and creates a person.
func (s *Store) CreatePerson(ctx context.Context, in civic.PersonInput) (*civic.Person, error) {
	in.Normalise()
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	props := personProps(in)
	props["source"] = civic.SourceOr(in.Source)
	return people.create(ctx, s, areaThemeRefs(in.AreaID, nil), props, personParams(map[string]any{}, in, props["source"]))
}

// UpdatePerson validates the input and changes the given fields.
func (s *Store) UpdatePerson(ctx context.Context, id string, in civic.PersonInput) (*civic.Person, error) {
	in.Normalise()
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	return people.update(ctx, s, id, areaThemeRefs(in.AreaID, nil), personProps(in), personParams(map[string]any{}, in, civic.SourceOr(in.Source)))
}

// DeletePerson marks a person deleted.
func (s *Store) DeletePerson(ctx context.Context, id string) (*civic.Person, error) {
	return people.softDelete(ctx, s, id)
}

// UpsertPeople writes people as given, with IDs and provenance; see UpsertOrganisations.
func (s *Store) UpsertPeople(ctx context.Context, in []civic.Person) error {
	rows := make([]map[string]any, len(in))
	for i, p := range in {
		rows[i] = map[string]any{
			"id": p.ID, "areaId": p.AreaID, "skills": nonNil(p.Skills), "source": p.Source,
			"props": map[string]any{
				"id": p.ID, "name": p.Name, "bio": emptyToNil(p.Bio), "email": emptyToNil(p.Email),
				"phone": emptyToNil(p.Phone), "contactConsent": p.ContactConsent, "source": p.Source, "discoverable": p.Discoverable,
				"createdAt": p.CreatedAt, "updatedAt": p.UpdatedAt, "deletedAt": timeValue(p.DeletedAt),
			},
		}
	}
	return people.upsert(ctx, s, rows, linkArea("true", "row.areaId", "row.source")+linkSkills("true", "row.skills", "row.source")+keepDiscoverableLabel)
}
