package civic_test

import (
	"slices"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

var today = *date("2026-06-30")

func TestListingDefaults(t *testing.T) {
	listed := civic.DecisionListed
	l := civic.Listing{}.Apply(civic.ListingInput{
		NominationDate: date("2024-01-10"), Decision: &listed, DecisionDate: date("2024-02-29"),
		NoticeToSellDate: date("2025-03-01"),
	})
	// Listed on the day of the decision; five years later (29 February
	// 2029 does not exist, so 1 March); six weeks and eighteen months
	// after the notice.
	want := map[string]string{
		"listed": "2024-02-29", "expiry": "2029-03-01", "interim": "2025-04-12", "protected": "2026-09-01",
	}
	got := map[string]string{
		"listed": l.ListedDate.Format(time.DateOnly), "expiry": l.ExpiryDate.Format(time.DateOnly),
		"interim": l.InterimMoratoriumEnd.Format(time.DateOnly), "protected": l.ProtectedPeriodEnd.Format(time.DateOnly),
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s date %s, want %s", k, got[k], w)
		}
	}
	if l.FullMoratoriumEnd != nil {
		t.Errorf("full moratorium %v set without a bid request", l.FullMoratoriumEnd)
	}
	if err := l.Validate(today); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	// Given dates win over defaults.
	l = civic.Listing{}.Apply(civic.ListingInput{
		NominationDate: date("2024-01-10"), Decision: &listed, DecisionDate: date("2024-02-01"),
		ListedDate: date("2024-02-05"), ExpiryDate: date("2027-01-01"),
	})
	if l.ListedDate.Format(time.DateOnly) != "2024-02-05" || l.ExpiryDate.Format(time.DateOnly) != "2027-01-01" {
		t.Errorf("given dates replaced: listed %v, expiry %v", l.ListedDate, l.ExpiryDate)
	}
}

func TestListingDateRules(t *testing.T) {
	pending, listed, refused := civic.DecisionPending, civic.DecisionListed, civic.DecisionRefused
	base := func() civic.ListingInput {
		return civic.ListingInput{
			NominationDate: date("2024-01-10"), Decision: &listed, DecisionDate: date("2024-03-01"),
			NoticeToSellDate: date("2025-05-01"),
		}
	}
	tests := []struct {
		name   string
		change func(in *civic.ListingInput)
		want   []string // the fields the error names
	}{
		{"valid", func(*civic.ListingInput) {}, nil},
		{"decision before nomination", func(in *civic.ListingInput) { in.DecisionDate = date("2024-01-09") }, []string{"decisionDate"}},
		{"decision on nomination day", func(in *civic.ListingInput) { in.DecisionDate = date("2024-01-10") }, nil},
		{"listed before decision", func(in *civic.ListingInput) { in.ListedDate = date("2024-02-28") }, []string{"listedDate"}},
		{"expiry before listing", func(in *civic.ListingInput) { in.ExpiryDate = date("2024-02-01") }, []string{"expiryDate", "noticeToSellDate"}},
		{"expiry on listing day", func(in *civic.ListingInput) {
			in.ExpiryDate, in.NoticeToSellDate = date("2024-03-01"), nil
		}, []string{"expiryDate"}},
		{"notice before listing", func(in *civic.ListingInput) { in.NoticeToSellDate = date("2024-02-01") }, []string{"noticeToSellDate"}},
		{"notice after expiry", func(in *civic.ListingInput) {
			in.ExpiryDate = date("2025-01-01")
		}, []string{"noticeToSellDate"}},
		{"interim moratorium ends on the notice day", func(in *civic.ListingInput) { in.InterimMoratoriumEnd = date("2025-05-01") }, []string{"interimMoratoriumEnd"}},
		{"full moratorium before interim end", func(in *civic.ListingInput) { in.FullMoratoriumEnd = date("2025-06-01") }, []string{"fullMoratoriumEnd"}},
		{"full moratorium after interim end", func(in *civic.ListingInput) { in.FullMoratoriumEnd = date("2025-11-01") }, nil},
		{"protected period before full moratorium end", func(in *civic.ListingInput) {
			in.FullMoratoriumEnd, in.ProtectedPeriodEnd = date("2025-11-01"), date("2025-10-01")
		}, []string{"protectedPeriodEnd"}},
		{"moratorium without notice", func(in *civic.ListingInput) {
			in.NoticeToSellDate, in.FullMoratoriumEnd = nil, date("2025-11-01")
		}, []string{"fullMoratoriumEnd"}},
		{"decided without a date", func(in *civic.ListingInput) { in.DecisionDate = nil }, []string{"decisionDate"}},
		{"pending with a decision date", func(in *civic.ListingInput) {
			in.Decision, in.NoticeToSellDate = &pending, nil
		}, []string{"decisionDate"}},
		{"refused but listed", func(in *civic.ListingInput) {
			in.Decision, in.ListedDate, in.NoticeToSellDate = &refused, date("2024-03-01"), nil
		}, []string{"listedDate"}},
		{"notice on a refused nomination", func(in *civic.ListingInput) { in.Decision = &refused }, []string{"noticeToSellDate"}},
		{"nomination in the future", func(in *civic.ListingInput) {
			in.NominationDate, in.Decision, in.DecisionDate, in.NoticeToSellDate = date("2026-07-01"), &pending, nil, nil
		}, []string{"nominationDate"}},
		{"expiry in the future is fine", func(in *civic.ListingInput) { in.ExpiryDate = date("2030-01-01") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.change(&in)
			got := fieldsOf(t, civic.Listing{}.Apply(in).Validate(today))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestListingInputRequiredOnCreate(t *testing.T) {
	got := fieldsOf(t, civic.ListingInput{}.ValidateInput(true))
	want := []string{"assetId", "reference", "nominatorId", "nominationDate"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems with %v, want %v", got, want)
	}
	asset := "ast_x"
	if got := fieldsOf(t, civic.ListingInput{AssetID: &asset}.ValidateInput(false)); !slices.Equal(got, []string{"assetId"}) {
		t.Fatalf("changing the asset: problems with %v", got)
	}
}

func TestListingStatusAndMoratorium(t *testing.T) {
	listed := civic.DecisionListed
	l := civic.Listing{}.Apply(civic.ListingInput{
		NominationDate: date("2020-01-10"), Decision: &listed, DecisionDate: date("2020-03-01"),
		NoticeToSellDate: date("2024-05-01"), FullMoratoriumEnd: date("2024-11-01"),
	})
	// Expiry is five years after listing: 2025-03-01.
	if got := l.ExpiryDate.Format(time.DateOnly); got != "2025-03-01" {
		t.Fatalf("expiry %s", got)
	}
	tests := []struct {
		day        string
		status     civic.ListingStatus
		moratorium bool
	}{
		{"2020-02-01", civic.ListingNominated, false}, // before the decision
		{"2020-03-01", civic.ListingListed, false},
		{"2024-04-30", civic.ListingListed, false},
		{"2024-05-01", civic.ListingListed, true},
		{"2024-11-01", civic.ListingListed, true}, // the last day of the full moratorium
		{"2024-11-02", civic.ListingListed, false},
		{"2025-03-01", civic.ListingListed, false}, // the expiry day is the last listed day
		{"2025-03-02", civic.ListingExpired, false},
	}
	for _, tt := range tests {
		d := *date(tt.day)
		if got := l.StatusOn(d); got != tt.status {
			t.Errorf("%s: status %s, want %s", tt.day, got, tt.status)
		}
		if got := l.UnderMoratoriumOn(d); got != tt.moratorium {
			t.Errorf("%s: under moratorium %v, want %v", tt.day, got, tt.moratorium)
		}
	}
	pending := civic.Listing{}.Apply(civic.ListingInput{NominationDate: date("2026-01-01")})
	if got := pending.StatusOn(today); got != civic.ListingNominated {
		t.Errorf("undecided nomination has status %s", got)
	}
}
