package graph

import (
	"context"
	"reflect"

	"github.com/99designs/gqlgen/graphql"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Restricted is implemented by domain objects that not every caller may
// see as a whole (an unpublished record, say). authorize hides them from
// callers for whom Visible is false, wherever a field returns one; lists of
// them must still be filtered by the store, with civic.RoleFrom.
type Restricted interface {
	VisibleTo(role civic.Role) bool
}

// authorize is the field middleware that enforces policy. It runs around
// every field's resolver, generated or hand-written, so a new field cannot
// forget it.
func authorize(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	role := civic.RoleFrom(ctx)
	if r, ok := ruleFor(fc.Object, fc.Field.Name); ok {
		allowed := role.AtLeast(r.role) && (r.allow == nil || r.allow(role, parentObject(fc)))
		if !allowed {
			return deny(ctx, fc, r.role)
		}
	}
	res, err := next(ctx)
	if err != nil {
		return res, err
	}
	if rv, ok := res.(Restricted); ok && !isNil(res) && !rv.VisibleTo(role) {
		return deny(ctx, fc, civic.RoleEditor)
	}
	return res, nil
}

// deny answers a field the caller may not use: null where the schema
// allows it (the caller sees no more than that there is nothing to see),
// an error for mutations and non-null fields.
func deny(ctx context.Context, fc *graphql.FieldContext, need civic.Role) (any, error) {
	if fc.Object != "Mutation" && fc.Field.Definition != nil && !fc.Field.Definition.Type.NonNull {
		return nil, nil
	}
	return nil, civic.Forbidden(ctx, fc.Field.Name, need)
}

// parentObject returns the object a field is read from: the nearest
// enclosing result, with pointers to pointers and interfaces (list items,
// interface values) undone.
func parentObject(fc *graphql.FieldContext) any {
	for p := fc.Parent; p != nil; p = p.Parent {
		if p.Result == nil {
			continue
		}
		v := reflect.ValueOf(p.Result)
		for v.Kind() == reflect.Pointer && !v.IsNil() && (v.Elem().Kind() == reflect.Pointer || v.Elem().Kind() == reflect.Interface) {
			v = v.Elem()
			if v.Kind() == reflect.Interface {
				v = v.Elem()
			}
		}
		if !v.IsValid() {
			return nil
		}
		return v.Interface()
	}
	return nil
}

func isNil(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// guarded is an executable schema that enforces policy on every operation
// it executes, whoever serves it.
type guarded struct{ graphql.ExecutableSchema }

// Exec puts authorize outermost in the operation's field middleware.
func (g guarded) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	inner := oc.ResolverMiddleware
	oc.ResolverMiddleware = func(ctx context.Context, next graphql.Resolver) (any, error) {
		return authorize(ctx, func(ctx context.Context) (any, error) {
			if inner == nil {
				return next(ctx)
			}
			return inner(ctx, next)
		})
	}
	return g.ExecutableSchema.Exec(ctx)
}
