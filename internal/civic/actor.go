package civic

import "context"

// Anonymous is the actor of changes made without a known user.
const Anonymous = "anonymous"

type actorKey struct{}

// WithActor returns a context whose changes are recorded as made by actor
// (a user name, "import:<file>", ...). Authentication sets it per request.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns who is making the changes in ctx: the actor set by
// WithActor, or Anonymous.
func ActorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return Anonymous
}
