package network

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCacheKeepsUntilVersionOrTTLChanges(t *testing.T) {
	c := NewCache(time.Minute, 4)
	now := time.Unix(0, 0)
	c.now = func() time.Time { return now }
	var computed int
	get := func(key string, version int64) bool {
		_, cached, err := c.Get(context.Background(), key, version, func() (*Metrics, error) {
			computed++
			return &Metrics{}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return cached
	}
	if get("a", 1) || !get("a", 1) {
		t.Fatal("second read of the same version was not cached")
	}
	if get("a", 2) {
		t.Fatal("a new data version was answered from the cache")
	}
	if get("b", 2) {
		t.Fatal("another filter was answered from the cache")
	}
	now = now.Add(2 * time.Minute)
	if get("a", 2) {
		t.Fatal("an expired entry was answered from the cache")
	}
	if computed != 4 {
		t.Fatalf("computed %d times, want 4", computed)
	}
}

func TestCacheForgetsErrors(t *testing.T) {
	c := NewCache(time.Minute, 4)
	boom := errors.New("boom")
	if _, _, err := c.Get(context.Background(), "k", 1, func() (*Metrics, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if _, cached, err := c.Get(context.Background(), "k", 1, func() (*Metrics, error) { return &Metrics{}, nil }); err != nil || cached {
		t.Fatalf("after an error: cached %v err %v, want a fresh computation", cached, err)
	}
}

func TestCacheComputesOnceForConcurrentRequests(t *testing.T) {
	c := NewCache(time.Minute, 4)
	var computed atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, _ = c.Get(context.Background(), "k", 1, func() (*Metrics, error) {
				computed.Add(1)
				<-release
				return &Metrics{}, nil
			})
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if computed.Load() != 1 {
		t.Fatalf("computed %d times, want 1", computed.Load())
	}
}

func TestCacheEvictsOldest(t *testing.T) {
	c := NewCache(time.Hour, 2)
	now := time.Unix(0, 0)
	c.now = func() time.Time { now = now.Add(time.Second); return now }
	for _, k := range []string{"a", "b", "c"} {
		_, _, _ = c.Get(context.Background(), k, 1, func() (*Metrics, error) { return &Metrics{}, nil })
	}
	if _, ok := c.entries["a"]; ok || len(c.entries) != 2 {
		t.Fatalf("entries %v, want b and c", c.entries)
	}
}
