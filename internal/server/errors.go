package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// presentError turns every error into a GraphQL error with a code in
// extensions.code. Domain errors keep their code and client-safe message;
// GraphQL's own errors (parsing, validation, limits) keep their message; a
// request that ran out of time is UNAVAILABLE; anything else is INTERNAL:
// it is logged and its detail never leaves the server. gqlgen wraps what
// resolvers return in GraphQL errors too, so a GraphQL error that wraps
// another error is judged by what it wraps.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var ce *civic.Error
		if errors.As(err, &ce) {
			switch {
			case ce.Code == civic.CodeInternal:
				log.ErrorContext(ctx, "request failed", "code", ce.Code, "err", err, "path", pathOf(ctx))
			case ce.Code == civic.CodeUnavailable && errors.Is(err, context.Canceled):
				// The client went away: nothing is wrong with the service.
				log.DebugContext(ctx, "request cancelled", "code", ce.Code, "err", err, "path", pathOf(ctx))
			case ce.Code == civic.CodeUnavailable && ce.Err != nil:
				// Without a cause it is the store failing fast while Neo4j
				// is down, which the store reports once, not per request.
				log.WarnContext(ctx, "request failed", "code", ce.Code, "err", err, "path", pathOf(ctx))
			}
			out := &gqlerror.Error{Message: ce.Message, Path: graphql.GetPath(ctx),
				Extensions: map[string]any{"code": string(ce.Code)}}
			if len(ce.Fields) > 0 {
				out.Extensions["fields"] = ce.Fields
			}
			return out
		}
		// A list element's context has no field of its own.
		if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil && strings.HasPrefix(fc.Field.Name, "__") {
			// gqlgen's introspection fields fail only when introspection is off.
			return &gqlerror.Error{Message: err.Error(), Path: graphql.GetPath(ctx),
				Extensions: map[string]any{"code": string(civic.CodeForbidden)}}
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return &gqlerror.Error{Message: "the request took too long or was cancelled", Path: graphql.GetPath(ctx),
				Extensions: map[string]any{"code": string(civic.CodeUnavailable)}}
		}
		if ge, ok := fromGraphQL(err); ok {
			out := graphql.DefaultErrorPresenter(ctx, ge)
			if out.Extensions == nil {
				out.Extensions = map[string]any{}
			}
			if _, ok := out.Extensions["code"]; !ok {
				out.Extensions["code"] = string(civic.CodeBadUserInput)
			}
			return out
		}
		log.ErrorContext(ctx, "internal error", "err", err, "path", pathOf(ctx))
		return &gqlerror.Error{Message: "internal error", Path: graphql.GetPath(ctx),
			Extensions: map[string]any{"code": string(civic.CodeInternal)}}
	}
}

// fromGraphQL returns err as an error of gqlgen's own making. gqlgen also
// wraps resolvers' errors in a *gqlerror.Error; those carry the wrapped
// error and are not its own.
func fromGraphQL(err error) (*gqlerror.Error, bool) {
	var ge *gqlerror.Error
	if !errors.As(err, &ge) {
		return nil, false
	}
	if ge.Err != nil {
		return fromGraphQL(ge.Err)
	}
	return ge, true
}

// recoverPanic logs a resolver panic with its stack and answers INTERNAL.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()), "path", pathOf(ctx))
		return &civic.Error{Code: civic.CodeInternal, Message: "internal error"}
	}
}

func pathOf(ctx context.Context) string {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		return fc.Path().String()
	}
	return ""
}
