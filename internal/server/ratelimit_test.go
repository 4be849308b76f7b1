package server_test

import (
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/server"
)

// limitedEnv is the demo service with rate limits.
func limitedEnv(t *testing.T, rl server.RateLimits) *env {
	t.Helper()
	return serveDemo(t, server.Options{RateLimits: rl})
}

const cheap = `{"query": "{ themes(first: 1) { totalCount } }"}`

func (e *env) cheap(t *testing.T, h http.Header) response {
	t.Helper()
	return e.send(t, http.MethodPost, "/graphql", "application/json", strings.NewReader(cheap), h)
}

// wantLimited checks a refusal for rate: 429, RATE_LIMITED, Retry-After.
func wantLimited(t *testing.T, e *env, h http.Header, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429", resp.StatusCode)
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 {
		t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
}

func TestRateLimitPerAddress(t *testing.T) {
	e := limitedEnv(t, server.RateLimits{IPRate: 1, IPBurst: 3, KeyRate: 1, KeyBurst: 2})
	for i := range 3 {
		if r := e.cheap(t, nil); r.Status != http.StatusOK {
			t.Fatalf("request %d: %d %+v", i, r.Status, r.Errors)
		}
	}
	if r := e.cheap(t, nil); r.code() != server.CodeRateLimited {
		t.Fatalf("the 4th request: %d %q", r.Status, r.code())
	}
	wantLimited(t, e, nil, cheap)

	// Callers with credentials have buckets of their own.
	tok := editor.header(t)
	for i := range 2 {
		if r := e.cheap(t, tok); r.Status != http.StatusOK {
			t.Fatalf("token request %d: %d %+v", i, r.Status, r.Errors)
		}
	}
	wantLimited(t, e, tok, cheap)
	other := caller{name: "other", role: civic.RoleChampion}.header(t)
	if r := e.cheap(t, other); r.Status != http.StatusOK {
		t.Fatalf("another subject shares a bucket: %d", r.Status)
	}
}

func TestRateLimitChargesEveryOperationOfABatch(t *testing.T) {
	e := limitedEnv(t, server.RateLimits{IPRate: 1, IPBurst: 3})
	batch := func(n int) string { return "[" + strings.TrimSuffix(strings.Repeat(cheap+",", n), ",") + "]" }
	resp := e.send(t, http.MethodPost, "/graphql", "application/json", strings.NewReader(batch(3)), nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("a batch of 3: %d", resp.Status)
	}
	wantLimited(t, e, nil, cheap)
	wantLimited(t, e, nil, batch(2))
	// A batch larger than the burst is never allowed.
	fresh := limitedEnv(t, server.RateLimits{IPRate: 1, IPBurst: 3})
	wantLimited(t, fresh, nil, batch(4))
}

func TestBadCredentialsUseTheAddressesRate(t *testing.T) {
	e := limitedEnv(t, server.RateLimits{IPRate: 1, IPBurst: 3, KeyRate: 100, KeyBurst: 100})
	bad := http.Header{"Authorization": {"Bearer not-a-token"}}
	for i := range 3 {
		if r := e.cheap(t, bad); r.Status != http.StatusUnauthorized {
			t.Fatalf("bad credentials %d: %d", i, r.Status)
		}
	}
	// The address has guessed enough: its guesses wait, unknown keys
	// are not even looked up.
	wantLimited(t, e, bad, cheap)
	key := http.Header{"X-Api-Key": {"cgk_0123abcd_" + strings.Repeat("A", 43)}}
	wantLimited(t, e, key, cheap)
	// Requests without credentials, and callers with good ones, are not
	// held up by the guesser.
	if r := e.cheap(t, nil); r.Status != http.StatusOK {
		t.Fatalf("anonymous: %d", r.Status)
	}
	if r := e.cheap(t, editor.header(t)); r.Status != http.StatusOK {
		t.Fatalf("good credentials: %d", r.Status)
	}
}

func TestRateLimitBehindTrustedProxies(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8")}
	e := limitedEnv(t, server.RateLimits{IPRate: 1, IPBurst: 1, TrustedProxies: proxies})
	from := func(xff string) http.Header { return http.Header{"X-Forwarded-For": {xff}} }
	ok := func(xff string) {
		t.Helper()
		if r := e.cheap(t, from(xff)); r.Status != http.StatusOK {
			t.Fatalf("first request from %q: %d", xff, r.Status)
		}
	}
	ok("203.0.113.1")
	wantLimited(t, e, from("203.0.113.1"), cheap)
	ok("203.0.113.2")
	// The nearest untrusted hop counts, not what the client claims before it.
	wantLimited(t, e, from("198.51.100.7, 203.0.113.2, 10.1.2.3"), cheap)
	// IPv6 clients count by their /64.
	ok("2001:db8:1:2::1")
	wantLimited(t, e, from("2001:db8:1:2::ffff"), cheap)
	ok("2001:db8:1:3::1")

	// Without trusted proxies the header is ignored: the peer is the client.
	plain := limitedEnv(t, server.RateLimits{IPRate: 1, IPBurst: 1})
	if r := plain.cheap(t, from("203.0.113.1")); r.Status != http.StatusOK {
		t.Fatal(r.Status)
	}
	wantLimited(t, plain, from("203.0.113.99"), cheap)
}
