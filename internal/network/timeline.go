package network

import (
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Timeline turns a store's counts into consecutive periods from q.From (or
// the first collaboration) to q.To (or today). Active counts the
// collaborations still running when a period closed; Organisations those
// that had started a collaboration by then.
func Timeline(q civic.TimelineQuery, c *civic.TimelineCounts, today time.Time) ([]civic.TimelinePeriod, error) {
	from, to := q.From, q.To
	if from == nil {
		from = c.First
	}
	if to == nil {
		t := civic.Day(today)
		to = &t
	}
	if from == nil || to.Before(*from) {
		return []civic.TimelinePeriod{}, nil
	}
	start := q.Interval.Start(*from)
	var out []civic.TimelinePeriod
	started, ended, joined := c.StartedBefore, c.EndedBefore, c.JoinedBefore
	for p := start; !p.After(*to); p = q.Interval.Next(p) {
		if len(out) == civic.MaxTimelinePeriods {
			return nil, civic.Errorf(civic.CodeBadUserInput, "a timeline has at most %d periods: narrow from and to, or use a longer interval", civic.MaxTimelinePeriods)
		}
		started += c.Started[p]
		ended += c.Ended[p]
		joined += c.Joined[p]
		out = append(out, civic.TimelinePeriod{
			Start: p, Label: q.Interval.Label(p),
			Started: c.Started[p], Ended: c.Ended[p], Active: started - ended,
			JoinedOrganisations: c.Joined[p], Organisations: joined,
		})
	}
	return out, nil
}
