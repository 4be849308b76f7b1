package civic

import "context"

// anonymous is the actor of a request that presented no credentials.
const anonymous = "anonymous"

type actorKey struct{}

// WithActor returns ctx carrying the actor: who is making the request (an
// API key's name or a token's subject). Writers record it as provenance.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor carried by ctx, or "anonymous" when there is none.
func ActorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return anonymous
}
