package graph

import (
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The access policy of the API, in one table. Every field is open to the
// public unless it is listed here, with two exceptions that make new fields
// safe by default:
//
//   - every Mutation field that is not listed needs the editor role, so a
//     new mutation is closed until someone opens it here;
//   - Mutation fields whose names start with one of adminPrefixes need the
//     admin role (merges, imports, restoring deleted records).
//
// A rule may also look at the object the field belongs to (allow): contact
// details are shown only for people who consented. Callers who may not see
// a nullable field get null; mutations and non-null fields answer FORBIDDEN
// (UNAUTHENTICATED for callers without credentials). The table is enforced
// by authorize, below the resolvers, for every field of every request.
var policy = map[string]rule{
	// Personal data: champions and above, and only with consent.
	"Person.email":          {role: civic.RoleChampion, allow: contactVisible},
	"Person.phone":          {role: civic.RoleChampion, allow: contactVisible},
	"Person.contactConsent": {role: civic.RoleChampion},

	// Stories: anyone may submit one; only editors see those awaiting
	// review (publishing and rejecting are mutations: editors by default).
	"Mutation.submitStory":   {role: civic.RolePublic},
	"Query.storiesForReview": {role: civic.RoleEditor},

	// Mutations open to more than editors are listed here, one line each,
	// e.g. "Mutation.submitSomething": {role: civic.RolePublic}.
}

// adminPrefixes name the mutations that need the admin role unless listed
// in policy.
var adminPrefixes = []string{"merge", "import", "restore"}

// rule is who may see or run one field.
type rule struct {
	role civic.Role
	// allow, if set, must also approve the object the field is read from,
	// for a caller whose role is at least role. Objects it does not know are
	// refused.
	allow func(role civic.Role, obj any) bool
}

// ruleFor returns the rule of a field, and whether it has one.
func ruleFor(object, field string) (rule, bool) {
	if r, ok := policy[object+"."+field]; ok {
		return r, true
	}
	if object != "Mutation" {
		return rule{}, false
	}
	for _, p := range adminPrefixes {
		if strings.HasPrefix(field, p) {
			return rule{role: civic.RoleAdmin}, true
		}
	}
	return rule{role: civic.RoleEditor}, true
}

// RequiredRole returns the least role that may use a field of a type (for
// documentation and tests); rules that also look at the object say so.
func RequiredRole(object, field string) (role civic.Role, perObject bool) {
	r, ok := ruleFor(object, field)
	if !ok {
		return civic.RolePublic, false
	}
	return r.role, r.allow != nil
}

func contactVisible(role civic.Role, obj any) bool {
	p, ok := obj.(*civic.Person)
	return ok && p.ContactVisible(role)
}
