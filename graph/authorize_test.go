package graph

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// fieldCtx returns a context in which a field of a type is being resolved,
// as gqlgen would set it up; parent, if given, is the object it belongs to.
func fieldCtx(ctx context.Context, object, field string, nonNull bool, parent any) context.Context {
	if parent != nil {
		ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Result: parent})
	}
	def := &ast.FieldDefinition{Name: field, Type: &ast.Type{NamedType: "String", NonNull: nonNull}}
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{
		Object: object,
		Field:  graphql.CollectedField{Field: &ast.Field{Name: field, Definition: def}},
	})
}

// as returns a context of a caller with the role; anonymous has none.
func as(role civic.Role, anonymous bool) context.Context {
	ctx := context.Background()
	if !anonymous {
		ctx = civic.WithActor(ctx, "tester")
	}
	return civic.WithRole(ctx, role)
}

// resolved is a resolver that reports that it ran.
func resolved(ran *bool, v any) graphql.Resolver {
	return func(context.Context) (any, error) { *ran = true; return v, nil }
}

func TestUnlistedMutationsNeedAnEditor(t *testing.T) {
	// Neither mutation exists: the rule must hold for mutations that
	// nobody has written into the policy table.
	for _, tc := range []struct {
		field string
		need  civic.Role
	}{
		{"launchNewFeature", civic.RoleEditor},
		{"mergeAreas", civic.RoleAdmin},
		{"restoreAsset", civic.RoleAdmin},
		{"importCharities", civic.RoleAdmin},
	} {
		if _, listed := policy["Mutation."+tc.field]; listed {
			t.Fatalf("%s is in the table; the test needs an unlisted mutation", tc.field)
		}
		for _, role := range civic.Roles {
			ran := false
			_, err := authorize(fieldCtx(as(role, false), "Mutation", tc.field, true, nil), resolved(&ran, "ok"))
			if want := role >= tc.need; ran != want {
				t.Errorf("%s as %s: ran %v, want %v", tc.field, role, ran, want)
			}
			if !ran && civic.ErrorCode(err) != civic.CodeForbidden {
				t.Errorf("%s as %s: error %v, want FORBIDDEN", tc.field, role, err)
			}
		}
		ran := false
		_, err := authorize(fieldCtx(as(civic.RolePublic, true), "Mutation", tc.field, true, nil), resolved(&ran, "ok"))
		if ran || civic.ErrorCode(err) != civic.CodeUnauthenticated {
			t.Errorf("%s anonymously: ran %v, error %v; want UNAUTHENTICATED", tc.field, ran, err)
		}
	}
}

func TestUnlistedFieldsArePublic(t *testing.T) {
	ran := false
	v, err := authorize(fieldCtx(as(civic.RolePublic, true), "Organisation", "brandNewField", false, nil), resolved(&ran, "x"))
	if !ran || err != nil || v != "x" {
		t.Fatalf("got %v, %v (ran %v)", v, err, ran)
	}
}

func TestContactDetailsFollowConsent(t *testing.T) {
	consented := &civic.Person{Email: "a@example.org", ContactConsent: true}
	declined := &civic.Person{Email: "b@example.org"}
	// The parent may reach the field as a pointer to a list item or to an
	// interface value, as gqlgen stores them.
	var asNode any = consented
	for _, tc := range []struct {
		name   string
		parent any
		role   civic.Role
		want   bool
	}{
		{"consented/champion", consented, civic.RoleChampion, true},
		{"consented/admin", consented, civic.RoleAdmin, true},
		{"consented/public", consented, civic.RolePublic, false},
		{"declined/admin", declined, civic.RoleAdmin, false},
		{"list item", &consented, civic.RoleEditor, true},
		{"interface", &asNode, civic.RoleEditor, true},
		{"unknown parent", struct{}{}, civic.RoleAdmin, false},
		{"no parent", nil, civic.RoleAdmin, false},
	} {
		ran := false
		v, err := authorize(fieldCtx(as(tc.role, false), "Person", "email", false, tc.parent), resolved(&ran, "secret"))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if ran != tc.want || (v != nil) != tc.want {
			t.Errorf("%s: ran %v, value %v; want shown %v", tc.name, ran, v, tc.want)
		}
	}
}

// draft is a record that only editors may see.
type draft struct{}

func (*draft) VisibleTo(r civic.Role) bool { return r >= civic.RoleEditor }

func TestRestrictedObjectsAreHidden(t *testing.T) {
	for _, role := range civic.Roles {
		ran := false
		v, err := authorize(fieldCtx(as(role, false), "Query", "draft", false, nil), resolved(&ran, &draft{}))
		shown := v != nil
		if err != nil || shown != (role >= civic.RoleEditor) {
			t.Errorf("as %s: %v, %v", role, v, err)
		}
		// A non-null field cannot be null: it answers FORBIDDEN instead.
		_, err = authorize(fieldCtx(as(role, false), "Query", "draft", true, nil), resolved(&ran, &draft{}))
		if (role < civic.RoleEditor) != (err != nil && civic.ErrorCode(err) == civic.CodeForbidden) {
			t.Errorf("non-null as %s: %v", role, err)
		}
	}
}
