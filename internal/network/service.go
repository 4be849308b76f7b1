package network

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Source is where the service reads networks from.
type Source interface {
	ProjectNetwork(ctx context.Context, f civic.NetworkFilter) (*civic.NetworkProjection, error)
	DataVersion() int64
}

// DefaultTTL bounds how long cached metrics may miss writes made by other
// processes.
const DefaultTTL = 5 * time.Minute

// Service computes network metrics from a source and caches them.
type Service struct {
	src     Source
	cache   *Cache
	options Options
}

// NewService returns a service over src with a cache of recent filters.
func NewService(src Source, ttl time.Duration, o Options) *Service {
	if ttl == 0 {
		ttl = DefaultTTL
	}
	return &Service{src: src, cache: NewCache(ttl, 32), options: o}
}

// Metrics returns the metrics of the network f selects, from the cache
// when the data has not changed since they were computed.
func (s *Service) Metrics(ctx context.Context, f civic.NetworkFilter) (m *Metrics, cached bool, err error) {
	f.Normalise()
	if err := f.Validate(); err != nil {
		return nil, false, err
	}
	version := s.src.DataVersion()
	return s.cache.Get(ctx, f.Key(), version, func() (*Metrics, error) {
		// Not the request's context: waiting requests share the result, so
		// one client going away must not fail the others.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		p, err := s.src.ProjectNetwork(ctx, f)
		if err != nil {
			return nil, err
		}
		return Analyse(FromProjection(p), s.options), nil
	})
}
