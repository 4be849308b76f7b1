package loader

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// WithPartners selects a page of collaborations together with the page
// Next.Page of every partner's own, unfiltered collaborations.
type WithPartners struct {
	Filter civic.CollaborationFilter
	Next   civic.NextLevel
}

// newCollaborationsWithPartners returns the loader of two levels of
// collaborations at once. The second level is handed to CollaborationsOf,
// where the partners' own collaborations fields find it.
func newCollaborationsWithPartners(l *Loaders, s civic.Store) *Paged[WithPartners, civic.CollaborationWithPartner] {
	fetch := func(ctx context.Context, ids []string, f WithPartners, p civic.PageArgs) ([]civic.Page[civic.CollaborationWithPartner], error) {
		pages, next, err := s.CollaborationsOfWithPartners(ctx, ids, f.Filter, p, f.Next)
		if err != nil {
			return nil, err
		}
		l.CollaborationsOfFor(f.Next.SlimNextPartners).batch(civic.CollaborationFilter{}, f.Next.Page).Prime(next)
		return pages, nil
	}
	return newPaged(l, fetch, collaborationParts)
}

// collaborationParts are the collaboration and the partner of a row, each
// a sibling of the others' at the next level.
func collaborationParts(c *civic.CollaborationWithPartner) (any, any) {
	return &c.Collaboration, c.Partner
}

// CollaborationsOfFor returns the loader of collaborations with slim or
// whole partners.
func (l *Loaders) CollaborationsOfFor(slim bool) *Paged[civic.CollaborationFilter, civic.CollaborationWithPartner] {
	if slim {
		return l.CollaborationsOfSlim
	}
	return l.CollaborationsOf
}

// Prime stores pages read elsewhere as this loader's pages for the filter
// f and arguments p, keyed by parent.
func (pg *Paged[F, T]) Prime(f F, p civic.PageArgs, pages map[string]civic.Page[T]) {
	pg.batch(f, p).Prime(pages)
}
