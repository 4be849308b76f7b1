// Package loader batches the nested fields of one GraphQL operation: every
// field that many parents ask for (an organisation's area, its
// collaborations, a collaboration's partner...) is fetched for all of them
// in one round trip to the store, so a request's round trips grow with its
// depth, never with the number of results.
//
// Objects fetched together are registered as siblings. When a resolver asks
// for a field of one object, the loader fetches that field for all of the
// object's siblings at once and caches the answers for the others.
package loader

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Loaders holds the loaders and sibling groups of one operation.
type Loaders struct {
	Organisation  *Batch[*civic.Organisation]
	Person        *Batch[*civic.Person]
	Asset         *Batch[*civic.Asset]
	Partnership   *Batch[*civic.Partnership]
	Area          *Batch[*civic.Area]
	Theme         *Batch[*civic.Theme] // by slug
	Collaboration *Batch[*civic.Collaboration]

	CollaborationsOf *Paged[civic.CollaborationFilter, civic.CollaborationWithPartner]
	// CollaborationsOfSlim is CollaborationsOf with Slim partners.
	CollaborationsOfSlim *Paged[civic.CollaborationFilter, civic.CollaborationWithPartner]
	// CollaborationsWithPartners reads two levels of collaborations at once.
	CollaborationsWithPartners *Paged[WithPartners, civic.CollaborationWithPartner]
	OrganisationsInArea        *Paged[civic.OrganisationFilter, *civic.Organisation]
	OrganisationsWithTheme     *Paged[civic.OrganisationFilter, *civic.Organisation]
	PartnershipsOf             *Paged[struct{}, civic.MembershipWithPartnership]
	MembersOf                  *Paged[struct{}, civic.MembershipWithOrganisation]
	AssetsOf                   *Paged[struct{}, civic.StewardshipWithAsset]
	StewardsOf                 *Paged[struct{}, civic.StewardshipWithOrganisation]
	PeopleOf                   *Paged[struct{}, civic.AffiliationWithPerson]
	OrganisationsOfPerson      *Paged[struct{}, civic.AffiliationWithOrganisation]
	Memory                     *Memory

	Registers *Registers // the registers' loaders, in registers.go

	mu     sync.Mutex
	groups map[string][]any // object ID -> the objects fetched with it
}

// New returns fresh loaders over the store.
func New(s civic.Store) *Loaders {
	l := &Loaders{groups: map[string][]any{}}
	l.Organisation = NewBatch(s.FindOrganisationsByIDs, func(v []*civic.Organisation) { Register(l, v) })
	l.Person = NewBatch(s.FindPeopleByIDs, func(v []*civic.Person) { Register(l, v) })
	l.Asset = NewBatch(s.FindAssetsByIDs, func(v []*civic.Asset) { Register(l, v) })
	l.Partnership = NewBatch(s.FindPartnershipsByIDs, func(v []*civic.Partnership) { Register(l, v) })
	l.Area = NewBatch(s.FindAreasByIDs, func(v []*civic.Area) { Register(l, v) })
	l.Theme = NewBatch(s.FindThemesBySlugs, func(v []*civic.Theme) { Register(l, v) })
	l.Collaboration = NewBatch(s.FindCollaborationsByIDs, func(v []*civic.Collaboration) { Register(l, v) })

	l.CollaborationsOf = newPaged(l, s.CollaborationsOf, collaborationParts)
	l.CollaborationsOfSlim = newPaged(l, s.CollaborationsOfSlim, collaborationParts)
	l.CollaborationsWithPartners = newCollaborationsWithPartners(l, s)
	l.OrganisationsInArea = newPaged(l, s.OrganisationsInAreas, func(o **civic.Organisation) (any, any) { return *o, nil })
	l.OrganisationsWithTheme = newPaged(l, s.OrganisationsWithThemes, func(o **civic.Organisation) (any, any) { return *o, nil })
	l.PartnershipsOf = newPaged(l, unfiltered(s.MembershipsOfOrganisations), func(m *civic.MembershipWithPartnership) (any, any) { return m.Partnership, nil })
	l.MembersOf = newPaged(l, unfiltered(s.MembersOfPartnerships), func(m *civic.MembershipWithOrganisation) (any, any) { return m.Organisation, nil })
	l.AssetsOf = newPaged(l, unfiltered(s.AssetsOfOrganisations), func(m *civic.StewardshipWithAsset) (any, any) { return m.Asset, nil })
	l.StewardsOf = newPaged(l, unfiltered(s.StewardsOfAssets), func(m *civic.StewardshipWithOrganisation) (any, any) { return m.Organisation, nil })
	l.PeopleOf = newPaged(l, unfiltered(s.PeopleOfOrganisations), func(m *civic.AffiliationWithPerson) (any, any) { return m.Person, nil })
	l.OrganisationsOfPerson = newPaged(l, unfiltered(s.OrganisationsOfPeople), func(m *civic.AffiliationWithOrganisation) (any, any) { return m.Organisation, nil })
	l.Memory = newMemory(l, s)
	l.Registers = newRegisters(l, s)
	return l
}

type ctxKey struct{}

// With returns a context carrying fresh loaders over the store.
func With(ctx context.Context, s civic.Store) context.Context {
	return context.WithValue(ctx, ctxKey{}, New(s))
}

// For returns the loaders of the operation that ctx belongs to.
func For(ctx context.Context) *Loaders {
	return ctx.Value(ctxKey{}).(*Loaders)
}

// idOf returns the ID of an object that can be registered.
func idOf(v any) string {
	switch o := v.(type) {
	case *civic.Organisation:
		return o.ID
	case *civic.Person:
		return o.ID
	case *civic.Asset:
		return o.ID
	case *civic.Partnership:
		return o.ID
	case *civic.Area:
		return o.ID
	case *civic.Theme:
		return o.ID
	case *civic.Collaboration:
		return o.ID
	case *civic.NetworkNode, *civic.NetworkEdge:
		return networkKey(o)
	}
	for _, id := range idFuncs {
		if s := id(v); s != "" {
			return s
		}
	}
	return ""
}

// idFuncs return the IDs of further capabilities' objects ("" for objects
// they do not know), registered from the files that define their loaders.
var idFuncs []func(any) string

// Register records objects fetched together as siblings of one another.
func Register[T any](l *Loaders, objs []*T) {
	group := make([]any, 0, len(objs))
	for _, o := range objs {
		if o != nil {
			group = append(group, o)
		}
	}
	l.register(group)
}

func (l *Loaders) register(group []any) {
	if len(group) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, o := range group {
		if id := idOf(o); id != "" {
			l.groups[id] = group
		}
	}
}

// Siblings returns a function listing the keys that key gives for every
// sibling of the object with the given ID (the object included); keys
// returns the keys of one sibling.
func Siblings[T any](l *Loaders, id string, keys func(*T) []string) func() []string {
	return func() []string {
		l.mu.Lock()
		group := l.groups[id]
		l.mu.Unlock()
		var out []string
		seen := map[string]bool{}
		for _, o := range group {
			if t, ok := o.(*T); ok {
				for _, k := range keys(t) {
					if k != "" && !seen[k] {
						seen[k] = true
						out = append(out, k)
					}
				}
			}
		}
		return out
	}
}

// One adapts a single-key function for Siblings.
func One[T any](key func(*T) string) func(*T) []string {
	return func(t *T) []string { return []string{key(t)} }
}

// Paged loads pages of children for many parents at once. Parents asking
// with different filters or page arguments are batched separately.
type Paged[F, T any] struct {
	l       *Loaders
	fetch   func(ctx context.Context, ids []string, f F, p civic.PageArgs) ([]civic.Page[T], error)
	parts   func(*T) (any, any) // the objects in an item, for registering
	mu      sync.Mutex
	batches map[string]*Batch[civic.Page[T]]
}

func newPaged[F, T any](l *Loaders, fetch func(context.Context, []string, F, civic.PageArgs) ([]civic.Page[T], error), parts func(*T) (any, any)) *Paged[F, T] {
	return &Paged[F, T]{l: l, fetch: fetch, parts: parts, batches: map[string]*Batch[civic.Page[T]]{}}
}

func unfiltered[T any](fetch func(context.Context, []string, civic.PageArgs) ([]civic.Page[T], error)) func(context.Context, []string, struct{}, civic.PageArgs) ([]civic.Page[T], error) {
	return func(ctx context.Context, ids []string, _ struct{}, p civic.PageArgs) ([]civic.Page[T], error) {
		return fetch(ctx, ids, p)
	}
}

// Children returns the page of parent's children that f and p select,
// fetching the same page for the parent's siblings. id is the parent's ID
// and key its key in the store's batch method (its ID, or a theme's slug).
func Children[P, F, T any](ctx context.Context, pg *Paged[F, T], parent *P, id string, key func(*P) string, f F, p civic.PageArgs) (civic.Page[T], error) {
	return pg.batch(f, p).Load(ctx, key(parent), Siblings(pg.l, id, One(key)))
}

// ID returns the ID of a registered object, for use as a key.
func ID[P any](p *P) string { return idOf(p) }

// batch returns the batch for one combination of filter and page arguments.
func (pg *Paged[F, T]) batch(f F, p civic.PageArgs) *Batch[civic.Page[T]] {
	key, _ := json.Marshal(struct {
		F F
		P civic.PageArgs
	}{f, p})
	pg.mu.Lock()
	defer pg.mu.Unlock()
	b, ok := pg.batches[string(key)]
	if !ok {
		b = NewBatch(func(ctx context.Context, ids []string) ([]civic.Page[T], error) {
			return pg.fetch(ctx, ids, f, p)
		}, pg.registerChildren)
		pg.batches[string(key)] = b
	}
	return b
}

// registerChildren registers the children of all fetched pages as one
// group per part: they are resolved side by side at the next level.
func (pg *Paged[F, T]) registerChildren(pages []civic.Page[T]) {
	var first, second []any
	for _, p := range pages {
		for i := range p.Items {
			a, b := pg.parts(&p.Items[i])
			if a != nil {
				first = append(first, a)
			}
			if b != nil {
				second = append(second, b)
			}
		}
	}
	pg.l.register(first)
	pg.l.register(second)
}
