package network

import (
	"context"
	"sync"
	"time"
)

// Cache keeps computed metrics per filter until the data changes. Data
// changes are seen through a version that the store bumps on every write
// it makes, so a write through this process invalidates at once. Writes by
// other processes (other replicas of the service) are not seen: there an
// entry lives at most TTL. Concurrent requests for the same missing entry
// wait for one computation instead of each starting their own.
type Cache struct {
	ttl     time.Duration
	max     int
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	version int64
	at      time.Time
	done    chan struct{}
	val     *Metrics
	err     error
}

// NewCache returns a cache of at most max entries, each kept at most ttl.
func NewCache(ttl time.Duration, max int) *Cache {
	return &Cache{ttl: ttl, max: max, now: time.Now, entries: map[string]*entry{}}
}

// Get returns the metrics stored under key for the data version, computing
// them with compute when missing, stale or expired. cached reports whether
// they were already there.
func (c *Cache) Get(ctx context.Context, key string, version int64, compute func() (*Metrics, error)) (m *Metrics, cached bool, err error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	if ok && (e.version != version || c.now().Sub(e.at) > c.ttl) {
		select {
		case <-e.done: // finished and stale: replace it
			ok = false
		default: // still computing: wait for it rather than start another
		}
	}
	if !ok {
		e = &entry{version: version, at: c.now(), done: make(chan struct{})}
		c.evict()
		c.entries[key] = e
		c.mu.Unlock()
		e.val, e.err = compute()
		if e.err != nil {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key) // errors are not kept
			}
			c.mu.Unlock()
		}
		close(e.done)
		return e.val, false, e.err
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.val, true, e.err
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// evict drops the oldest entry when the cache is full. c.mu is held.
func (c *Cache) evict() {
	if len(c.entries) < c.max {
		return
	}
	var oldest string
	for k, e := range c.entries {
		if oldest == "" || e.at.Before(c.entries[oldest].at) {
			oldest = k
		}
	}
	delete(c.entries, oldest)
}
