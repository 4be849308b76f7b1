package civic

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Page size limits for every list.
const (
	DefaultPageSize = 20
	MaxPageSize     = 500
)

// PageArgs are the Relay connection arguments of a list.
type PageArgs struct {
	First  *int
	After  *string
	Last   *int
	Before *string
}

// Window is the slice of an ordered list that PageArgs select. Items
// [Skip, Skip+Limit) are wanted, unless FromEnd is set: then the last Limit
// items at or after Skip are wanted, which the store fetches by reversing the
// order, because their offsets are unknown until the total is.
type Window struct {
	Skip    int
	Limit   int
	FromEnd bool
}

// Window validates the arguments and turns them into a Window.
func (a PageArgs) Window() (Window, error) {
	var p Problems
	start, end := 0, -1
	if a.After != nil {
		if off, ok := DecodeCursor(*a.After); ok {
			start = off + 1
		} else {
			p.Add("after", "is not a cursor from this list")
		}
	}
	if a.Before != nil {
		if off, ok := DecodeCursor(*a.Before); ok {
			end = off
		} else {
			p.Add("before", "is not a cursor from this list")
		}
	}
	checkSize := func(field string, n *int) {
		if n != nil && (*n < 0 || *n > MaxPageSize) {
			p.Add(field, "must be between 0 and %d", MaxPageSize)
		}
	}
	checkSize("first", a.First)
	checkSize("last", a.Last)
	if a.First != nil && a.Last != nil {
		p.Add("last", "cannot be combined with first")
	}
	if err := p.Err(); err != nil {
		return Window{}, err
	}
	if end >= 0 && end < start {
		end = start
	}
	switch {
	case a.Last != nil && end < 0:
		return Window{Skip: start, Limit: *a.Last, FromEnd: true}, nil
	case a.Last != nil:
		s := max(start, end-*a.Last)
		return Window{Skip: s, Limit: end - s}, nil
	}
	limit := DefaultPageSize
	if a.First != nil {
		limit = *a.First
	}
	if end >= 0 {
		limit = min(limit, end-start)
	}
	return Window{Skip: start, Limit: limit}, nil
}

// Page is one slice of an ordered list: Items start at Offset in a list of Total.
type Page[T any] struct {
	Items  []T
	Offset int
	Total  int
}

// HasNext reports whether items follow this page.
func (p Page[T]) HasNext() bool { return p.Offset+len(p.Items) < p.Total }

// HasPrevious reports whether items precede this page.
func (p Page[T]) HasPrevious() bool { return p.Offset > 0 && p.Total > 0 }

// Cursor returns the cursor of the i-th item of the page.
func (p Page[T]) Cursor(i int) string { return EncodeCursor(p.Offset + i) }

// PageOf builds a page from what a store fetched for the window: items in
// list order, or for a FromEnd window in reverse order, and the list's total.
func PageOf[T any](w Window, items []T, total int) Page[T] {
	if !w.FromEnd {
		return Page[T]{Items: items, Offset: w.Skip, Total: total}
	}
	n := len(items)
	for i := 0; i < n/2; i++ {
		items[i], items[n-1-i] = items[n-1-i], items[i]
	}
	offset := total - n
	if offset < w.Skip {
		cut := min(w.Skip-offset, n)
		items, offset = items[cut:], w.Skip
	}
	return Page[T]{Items: items, Offset: offset, Total: total}
}

const cursorPrefix = "cursor:"

// maxOffset bounds the offsets a cursor may hold, so that arithmetic on
// forged cursors cannot overflow.
const maxOffset = 1 << 40

// EncodeCursor returns the opaque cursor of the item at offset.
func EncodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// DecodeCursor returns the offset encoded in a cursor.
func DecodeCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	s, ok := strings.CutPrefix(string(b), cursorPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= maxOffset
}
