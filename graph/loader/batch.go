package loader

import (
	"context"
	"sync"
)

// Batch fetches values by key and caches them for the rest of the
// operation. When a key is missing it fetches, in the same round trip, the
// keys of all the caller's siblings: the objects that were fetched together
// with the caller's object and so are being resolved beside it. Batching
// thus depends on how the data was fetched, not on timing, and a request
// costs one round trip per level and field, whatever the load on the machine.
type Batch[V any] struct {
	fetch func(ctx context.Context, keys []string) ([]V, error)
	// fetched is told about every fetched value, to register the objects in
	// it as siblings of one another.
	fetched func(values []V)

	mu    sync.Mutex
	cache map[string]*result[V]
}

type result[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// NewBatch returns a batch over fetch, which must return one value per key,
// in the order of the keys.
func NewBatch[V any](fetch func(ctx context.Context, keys []string) ([]V, error), fetched func([]V)) *Batch[V] {
	return &Batch[V]{fetch: fetch, fetched: fetched, cache: map[string]*result[V]{}}
}

// Load returns the value for key. On a miss it fetches key together with
// every key siblings returns that is not cached yet.
func (b *Batch[V]) Load(ctx context.Context, key string, siblings func() []string) (V, error) {
	rs, err := b.LoadAll(ctx, []string{key}, siblings)
	if err != nil {
		var zero V
		return zero, err
	}
	return rs[0], nil
}

// LoadAll returns the values for keys, fetching the missing ones together
// with the siblings' keys.
func (b *Batch[V]) LoadAll(ctx context.Context, keys []string, siblings func() []string) ([]V, error) {
	b.mu.Lock()
	var todo []string
	var pending []*result[V]
	claim := func(k string) {
		if _, ok := b.cache[k]; !ok {
			r := &result[V]{done: make(chan struct{})}
			b.cache[k] = r
			todo, pending = append(todo, k), append(pending, r)
		}
	}
	for _, k := range keys {
		claim(k)
	}
	if len(todo) > 0 && siblings != nil {
		for _, k := range siblings() {
			claim(k)
		}
	}
	rs := make([]*result[V], len(keys))
	for i, k := range keys {
		rs[i] = b.cache[k]
	}
	b.mu.Unlock()

	if len(todo) > 0 {
		// The fetch serves the siblings too, so the caller's cancellation
		// must not end it; the request's deadline still does.
		fctx, cancel := context.WithoutCancel(ctx), context.CancelFunc(func() {})
		if d, ok := ctx.Deadline(); ok {
			fctx, cancel = context.WithDeadline(fctx, d)
		}
		values, err := b.fetch(fctx, todo)
		cancel()
		if err == nil && b.fetched != nil {
			b.fetched(values)
		}
		for i, r := range pending {
			if err != nil {
				r.err = err
			} else if i < len(values) {
				r.v = values[i]
			}
			close(r.done)
		}
	}

	out := make([]V, len(keys))
	for i, r := range rs {
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if r.err != nil {
			return nil, r.err
		}
		out[i] = r.v
	}
	return out, nil
}

// Prime stores values fetched elsewhere (by a query that read two levels
// at once) as if this batch had fetched them, so that their keys cost no
// round trip. Keys already cached keep their value.
func (b *Batch[V]) Prime(values map[string]V) {
	if fresh := b.store(values); b.fetched != nil && len(fresh) > 0 {
		b.fetched(fresh)
	}
}

// Cache caches v for key unless a value is cached or being fetched, so that
// a field that leads back to an object already in hand costs nothing.
// Unlike Prime it leaves v's siblings as they are: v is already in a group.
func (b *Batch[V]) Cache(key string, v V) { b.store(map[string]V{key: v}) }

// store caches the values whose keys are neither cached nor being fetched,
// and returns them.
func (b *Batch[V]) store(values map[string]V) (fresh []V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k, v := range values {
		if _, ok := b.cache[k]; !ok {
			r := &result[V]{done: make(chan struct{}), v: v}
			close(r.done)
			b.cache[k] = r
			fresh = append(fresh, v)
		}
	}
	return fresh
}

// Cached reports whether key has been fetched, primed or is being fetched.
func (b *Batch[V]) Cached(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.cache[key]
	return ok
}
