package civic_test

import (
	"reflect"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func ptr[T any](v T) *T { return &v }

func TestPageArgsWindow(t *testing.T) {
	c := civic.EncodeCursor
	tests := []struct {
		name    string
		args    civic.PageArgs
		want    civic.Window
		wantErr bool
	}{
		{"default page", civic.PageArgs{}, civic.Window{Skip: 0, Limit: civic.DefaultPageSize}, false},
		{"first", civic.PageArgs{First: ptr(5)}, civic.Window{Skip: 0, Limit: 5}, false},
		{"first after", civic.PageArgs{First: ptr(5), After: ptr(c(9))}, civic.Window{Skip: 10, Limit: 5}, false},
		{"first before caps the limit", civic.PageArgs{First: ptr(5), Before: ptr(c(3))}, civic.Window{Skip: 0, Limit: 3}, false},
		{"after and before", civic.PageArgs{After: ptr(c(2)), Before: ptr(c(6))}, civic.Window{Skip: 3, Limit: 3}, false},
		{"last before", civic.PageArgs{Last: ptr(2), Before: ptr(c(10))}, civic.Window{Skip: 8, Limit: 2}, false},
		{"last before near the start", civic.PageArgs{Last: ptr(5), Before: ptr(c(2))}, civic.Window{Skip: 0, Limit: 2}, false},
		{"last alone reads from the end", civic.PageArgs{Last: ptr(3)}, civic.Window{Skip: 0, Limit: 3, FromEnd: true}, false},
		{"last after reads from the end", civic.PageArgs{Last: ptr(3), After: ptr(c(4))}, civic.Window{Skip: 5, Limit: 3, FromEnd: true}, false},
		{"before not after after", civic.PageArgs{After: ptr(c(5)), Before: ptr(c(2))}, civic.Window{Skip: 6, Limit: 0}, false},
		{"first zero", civic.PageArgs{First: ptr(0)}, civic.Window{Limit: 0}, false},
		{"negative first", civic.PageArgs{First: ptr(-1)}, civic.Window{}, true},
		{"first too large", civic.PageArgs{First: ptr(civic.MaxPageSize + 1)}, civic.Window{}, true},
		{"first and last", civic.PageArgs{First: ptr(1), Last: ptr(1)}, civic.Window{}, true},
		{"foreign cursor", civic.PageArgs{After: ptr("not-a-cursor")}, civic.Window{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.args.Window()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if civic.ErrorCode(err) != civic.CodeBadUserInput {
					t.Errorf("code = %s, want BAD_USER_INPUT", civic.ErrorCode(err))
				}
				return
			}
			if got != tt.want {
				t.Errorf("window = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPageOf(t *testing.T) {
	tests := []struct {
		name       string
		w          civic.Window
		items      []int
		total      int
		wantItems  []int
		wantOffset int
		next, prev bool
	}{
		{"forward first page", civic.Window{Skip: 0, Limit: 2}, []int{0, 1}, 5, []int{0, 1}, 0, true, false},
		{"forward last page", civic.Window{Skip: 4, Limit: 2}, []int{4}, 5, []int{4}, 4, false, true},
		{"from end reverses", civic.Window{Limit: 2, FromEnd: true}, []int{4, 3}, 5, []int{3, 4}, 3, false, true},
		{"from end whole list", civic.Window{Limit: 10, FromEnd: true}, []int{2, 1, 0}, 3, []int{0, 1, 2}, 0, false, false},
		{"from end stops at after", civic.Window{Skip: 4, Limit: 3, FromEnd: true}, []int{5, 4, 3}, 6, []int{4, 5}, 4, false, true},
		{"empty list", civic.Window{Limit: 3}, nil, 0, nil, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := civic.PageOf(tt.w, tt.items, tt.total)
			if !reflect.DeepEqual(p.Items, tt.wantItems) || p.Offset != tt.wantOffset {
				t.Errorf("page = %v at %d, want %v at %d", p.Items, p.Offset, tt.wantItems, tt.wantOffset)
			}
			if p.HasNext() != tt.next || p.HasPrevious() != tt.prev {
				t.Errorf("next, prev = %v, %v; want %v, %v", p.HasNext(), p.HasPrevious(), tt.next, tt.prev)
			}
		})
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, off := range []int{0, 1, 499, 1 << 30} {
		got, ok := civic.DecodeCursor(civic.EncodeCursor(off))
		if !ok || got != off {
			t.Errorf("DecodeCursor(EncodeCursor(%d)) = %d, %v", off, got, ok)
		}
	}
	for _, bad := range []string{"", "x", civic.EncodeCursor(1) + "!", "Y3Vyc29yOi0x" /* cursor:-1 */} {
		if _, ok := civic.DecodeCursor(bad); ok {
			t.Errorf("DecodeCursor(%q) accepted", bad)
		}
	}
}
