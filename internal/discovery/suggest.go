package discovery

import (
	"context"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Suggest returns the organisations that the organisation orgID could
// partner with and does not collaborate with yet, best first, up to first
// (civic.DefaultSuggestions when nil). The store finds the candidates within
// w.RangeKm and through the network; w scores them.
func Suggest(ctx context.Context, s civic.DiscoveryService, orgID string, f civic.SuggestionFilter, first *int, w Weights) ([]Suggestion, error) {
	var p civic.Problems
	if first != nil && (*first < 0 || *first > civic.MaxSuggestions) {
		p.Add("first", "must be between 0 and %d", civic.MaxSuggestions)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if err := w.Validate(); err != nil {
		return nil, err
	}
	cands, err := s.PartnerCandidates(ctx, orgID, f, w.RangeKm)
	if err != nil {
		return nil, err
	}
	n := civic.DefaultSuggestions
	if first != nil {
		n = *first
	}
	return Rank(cands, w, n), nil
}
