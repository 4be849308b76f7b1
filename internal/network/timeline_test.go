package network

import (
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTimelineByQuarter(t *testing.T) {
	from, to := day("2025-01-15"), day("2025-09-30")
	q := civic.TimelineQuery{Interval: civic.IntervalQuarter, From: &from, To: &to}
	c := &civic.TimelineCounts{
		StartedBefore: 5, EndedBefore: 1, JoinedBefore: 4,
		Started: map[time.Time]int{day("2025-01-01"): 2, day("2025-07-01"): 3},
		Ended:   map[time.Time]int{day("2025-04-01"): 4},
		Joined:  map[time.Time]int{day("2025-01-01"): 1, day("2025-07-01"): 2},
	}
	got, err := Timeline(q, c, day("2026-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	// Q1: 5-1 running before, +2 started = 6; Q2: 4 end = 2; Q3: +3 = 5.
	want := []civic.TimelinePeriod{
		{Start: day("2025-01-01"), Label: "2025-Q1", Started: 2, Active: 6, JoinedOrganisations: 1, Organisations: 5},
		{Start: day("2025-04-01"), Label: "2025-Q2", Ended: 4, Active: 2, Organisations: 5},
		{Start: day("2025-07-01"), Label: "2025-Q3", Started: 3, Active: 5, JoinedOrganisations: 2, Organisations: 7},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d periods %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("period %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestTimelineTooLong(t *testing.T) {
	from := day("1900-01-01")
	_, err := Timeline(civic.TimelineQuery{Interval: civic.IntervalMonth, From: &from}, &civic.TimelineCounts{}, day("2026-01-01"))
	if civic.ErrorCode(err) != civic.CodeBadUserInput {
		t.Fatalf("err %v, want BAD_USER_INPUT", err)
	}
}
