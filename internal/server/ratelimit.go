package server

import (
	"context"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/civicgraph/civicgraph/internal/auth"
)

// RateLimits are the token buckets of callers: one per address for
// requests without credentials, one per API key or token subject for the
// rest. A rate of 0 means no limit.
type RateLimits struct {
	IPRate, IPBurst   int // requests per second and burst, per address
	KeyRate, KeyBurst int // requests per second and burst, per key or subject
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client; other peers are the client themselves.
	TrustedProxies []netip.Prefix
}

// limiterCapacity bounds how many callers' buckets are kept. When more
// callers are active, the least recently seen lose their bucket and start
// afresh: memory stays bounded whatever addresses attackers use.
const limiterCapacity = 100000

// limiters keeps a token bucket (golang.org/x/time/rate) per caller.
type limiters struct {
	limit rate.Limit
	burst int
	cache *lru.Cache[string, *rate.Limiter]
}

func newLimiters(rps, burst int) *limiters {
	if rps <= 0 {
		return nil
	}
	c, _ := lru.New[string, *rate.Limiter](limiterCapacity)
	return &limiters{limit: rate.Limit(rps), burst: max(burst, 1), cache: c}
}

func (l *limiters) get(key string) *rate.Limiter {
	if lim, ok := l.cache.Get(key); ok {
		return lim
	}
	lim := rate.NewLimiter(l.limit, l.burst)
	if prev, ok, _ := l.cache.PeekOrAdd(key, lim); ok {
		return prev
	}
	return lim
}

// take spends n tokens of key's bucket, or none and says how long to wait
// before trying again. A nil limiters allows everything.
func (l *limiters) take(key string, n int) (ok bool, retryAfter time.Duration) {
	if l == nil {
		return true, 0
	}
	now := time.Now()
	res := l.get(key).ReserveN(now, n)
	if !res.OK() {
		// More than the burst at once can never be allowed.
		return false, time.Duration(float64(n) / float64(l.limit) * float64(time.Second))
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// empty reports whether key's bucket has no token left, without spending one.
func (l *limiters) empty(key string) bool {
	return l != nil && l.get(key).TokensAt(time.Now()) < 1
}

// rateLimiter applies RateLimits to requests.
type rateLimiter struct {
	ip, key *limiters
	// failures counts refused credentials per address, at the address
	// rate, so that guessing keys or tokens is slow.
	failures *limiters
	proxies  []netip.Prefix
}

func newRateLimiter(c RateLimits) *rateLimiter {
	return &rateLimiter{
		ip: newLimiters(c.IPRate, c.IPBurst), key: newLimiters(c.KeyRate, c.KeyBurst),
		failures: newLimiters(c.IPRate, c.IPBurst), proxies: c.TrustedProxies,
	}
}

// bucket returns the limiters and key a request is counted under.
func (rl *rateLimiter) bucket(r *http.Request) (*limiters, string) {
	if k := auth.IdentityFrom(r.Context()).Limiter(); k != "" {
		return rl.key, k
	}
	return rl.ip, clientAddr(r, rl.proxies)
}

type chargeKey struct{}

// middleware refuses requests over their caller's rate with 429,
// RATE_LIMITED and Retry-After. A batch costs one token per operation: the
// guard charges the operations after the first through charge.
func (rl *rateLimiter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		l, key := rl.bucket(r)
		if ok, wait := l.take(key, 1); !ok {
			tooMany(w, wait)
			return
		}
		more := func(n int) (bool, time.Duration) { return l.take(key, n) }
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), chargeKey{}, more)))
	})
}

// charge spends n more tokens of the request's bucket; without a rate
// limiter everything is allowed.
func charge(ctx context.Context, n int) (bool, time.Duration) {
	if f, ok := ctx.Value(chargeKey{}).(func(int) (bool, time.Duration)); ok && n > 0 {
		return f(n)
	}
	return true, 0
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(wait, time.Second).Seconds()))))
	reject(w, http.StatusTooManyRequests, CodeRateLimited, "too many requests; retry after the time in the Retry-After header")
}

// clientAddr returns the address a request is counted under: the peer, or
// for a peer that is a trusted proxy, the nearest address in
// X-Forwarded-For that is not a trusted proxy. IPv6 clients are counted
// by their /64, which one client can otherwise hop around at will.
func clientAddr(r *http.Request, proxies []netip.Prefix) string {
	addr := peerAddr(r.RemoteAddr)
	if addr.IsValid() && trusted(addr, proxies) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break
			}
			addr = a.Unmap()
			if !trusted(addr, proxies) {
				break
			}
		}
	}
	if !addr.IsValid() {
		return r.RemoteAddr
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

func trusted(a netip.Addr, proxies []netip.Prefix) bool {
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
