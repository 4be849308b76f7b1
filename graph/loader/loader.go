// Package loader batches the nested fields of one GraphQL operation: every
// field that many parents ask for at once (an organisation's area, its
// collaborations, a collaboration's partner...) is fetched in one round trip
// to the store, so a request's round trips grow with its depth, never with
// the number of results.
package loader

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Wait is how long a loader collects keys before it fetches them. Sibling
// fields are resolved concurrently and ask within microseconds of each
// other, so a short wait is enough to batch them.
var Wait = 2 * time.Millisecond

// Loaders holds the loaders of one operation.
type Loaders struct {
	Organisation  *dataloadgen.Loader[string, *civic.Organisation]
	Person        *dataloadgen.Loader[string, *civic.Person]
	Asset         *dataloadgen.Loader[string, *civic.Asset]
	Partnership   *dataloadgen.Loader[string, *civic.Partnership]
	Area          *dataloadgen.Loader[string, *civic.Area]
	Theme         *dataloadgen.Loader[string, *civic.Theme] // by slug
	Collaboration *dataloadgen.Loader[string, *civic.Collaboration]

	CollaborationsOf       *Paged[civic.CollaborationFilter, civic.CollaborationWithPartner]
	OrganisationsInArea    *Paged[civic.OrganisationFilter, *civic.Organisation]
	OrganisationsWithTheme *Paged[civic.OrganisationFilter, *civic.Organisation]
	PartnershipsOf         *Paged[struct{}, civic.MembershipWithPartnership]
	MembersOf              *Paged[struct{}, civic.MembershipWithOrganisation]
	AssetsOf               *Paged[struct{}, civic.StewardshipWithAsset]
	StewardsOf             *Paged[struct{}, civic.StewardshipWithOrganisation]
	PeopleOf               *Paged[struct{}, civic.AffiliationWithPerson]
	OrganisationsOfPerson  *Paged[struct{}, civic.AffiliationWithOrganisation]
}

// New returns fresh loaders over the store.
func New(s civic.Store) *Loaders {
	return &Loaders{
		Organisation:  byID(s.FindOrganisationsByIDs),
		Person:        byID(s.FindPeopleByIDs),
		Asset:         byID(s.FindAssetsByIDs),
		Partnership:   byID(s.FindPartnershipsByIDs),
		Area:          byID(s.FindAreasByIDs),
		Theme:         byID(s.FindThemesBySlugs),
		Collaboration: byID(s.FindCollaborationsByIDs),

		CollaborationsOf:       newPaged(s.CollaborationsOf),
		OrganisationsInArea:    newPaged(s.OrganisationsInAreas),
		OrganisationsWithTheme: newPaged(s.OrganisationsWithThemes),
		PartnershipsOf:         newPaged(unfiltered(s.MembershipsOfOrganisations)),
		MembersOf:              newPaged(unfiltered(s.MembersOfPartnerships)),
		AssetsOf:               newPaged(unfiltered(s.AssetsOfOrganisations)),
		StewardsOf:             newPaged(unfiltered(s.StewardsOfAssets)),
		PeopleOf:               newPaged(unfiltered(s.PeopleOfOrganisations)),
		OrganisationsOfPerson:  newPaged(unfiltered(s.OrganisationsOfPeople)),
	}
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

// byID makes a loader from a batch lookup that returns results in key order.
func byID[T any](fetch func(context.Context, []string) ([]*T, error)) *dataloadgen.Loader[string, *T] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []string) ([]*T, []error) {
		items, err := fetch(ctx, keys)
		if err != nil {
			return nil, []error{err}
		}
		return items, nil
	}, dataloadgen.WithWait(Wait))
}

// Paged loads pages of children for many parents at once. Parents asking
// with different filters or page arguments are batched separately.
type Paged[F, T any] struct {
	fetch   func(ctx context.Context, ids []string, f F, p civic.PageArgs) ([]civic.Page[T], error)
	mu      sync.Mutex
	loaders map[string]*dataloadgen.Loader[string, civic.Page[T]]
}

func newPaged[F, T any](fetch func(context.Context, []string, F, civic.PageArgs) ([]civic.Page[T], error)) *Paged[F, T] {
	return &Paged[F, T]{fetch: fetch, loaders: map[string]*dataloadgen.Loader[string, civic.Page[T]]{}}
}

func unfiltered[T any](fetch func(context.Context, []string, civic.PageArgs) ([]civic.Page[T], error)) func(context.Context, []string, struct{}, civic.PageArgs) ([]civic.Page[T], error) {
	return func(ctx context.Context, ids []string, _ struct{}, p civic.PageArgs) ([]civic.Page[T], error) {
		return fetch(ctx, ids, p)
	}
}

// Load returns the page of id's children that f and p select.
func (l *Paged[F, T]) Load(ctx context.Context, id string, f F, p civic.PageArgs) (civic.Page[T], error) {
	key, err := json.Marshal(struct {
		F F
		P civic.PageArgs
	}{f, p})
	if err != nil {
		return civic.Page[T]{}, err
	}
	l.mu.Lock()
	ld, ok := l.loaders[string(key)]
	if !ok {
		ld = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]civic.Page[T], []error) {
			pages, err := l.fetch(ctx, ids, f, p)
			if err != nil {
				return nil, []error{err}
			}
			return pages, nil
		}, dataloadgen.WithWait(Wait))
		l.loaders[string(key)] = ld
	}
	l.mu.Unlock()
	return ld.Load(ctx, id)
}
