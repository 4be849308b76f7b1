package neo4j

import (
	"context"
	"errors"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// Imports write batches of records, each record whole or not at all. A
// batch runs in one transaction: it resolves the organisations the records
// name (by ID or identifier), reads what is stored of every node and edge
// they touch, compares, and writes only what changed, one UNWIND statement
// per kind, with one Change node per written node or edge. A record that
// names an unknown organisation, or whose identifiers belong to two
// organisations, is rejected before anything is written; if the database
// still refuses the batch, its records are retried one by one so that only
// the culprit is rejected.

// ImportBatch writes records from the named dataset. Records carrying an
// Err are rejected with it. A strict import stops at the first rejected
// record: the records after it are Skipped.
func (s *Store) ImportBatch(ctx context.Context, dataset string, recs []civic.ImportRecord, strict bool) (civic.ImportResult, error) {
	res := civic.ImportResult{Outcomes: make([]civic.ImportOutcome, len(recs)), Reasons: make([]string, len(recs))}
	var todo []int
	for i := range recs {
		if err := validateRecord(&recs[i]); err != nil {
			res.Outcomes[i], res.Reasons[i] = civic.Rejected, reason(err)
			if strict {
				skip(&res, i+1)
				break
			}
			continue
		}
		todo = append(todo, i)
	}
	for len(todo) > 0 {
		n, err := s.importTx(ctx, dataset, recs, todo, &res, strict)
		if err != nil {
			if ctx.Err() != nil || civic.ErrorCode(err) == civic.CodeUnavailable {
				return res, err
			}
			if n <= 1 {
				res.Outcomes[todo[0]], res.Reasons[todo[0]] = civic.Rejected, refused(err)
				n = 1
			} else {
				// Find the culprit: retry the attempted records alone.
				for _, i := range todo[:n] {
					if _, err := s.importTx(ctx, dataset, recs, []int{i}, &res, strict); err != nil {
						if ctx.Err() != nil {
							return res, err
						}
						res.Outcomes[i], res.Reasons[i] = civic.Rejected, refused(err)
					}
				}
			}
		}
		if strict {
			for _, i := range todo[:n] {
				if res.Outcomes[i] == civic.Rejected {
					skip(&res, i+1)
					return res, nil
				}
			}
		}
		todo = todo[n:]
	}
	return res, nil
}

// skip marks the records from i on as not attempted.
func skip(res *civic.ImportResult, from int) {
	for j := from; j < len(res.Outcomes); j++ {
		res.Outcomes[j], res.Reasons[j] = civic.Skipped, ""
	}
}

// refused is the reason of a record the database would not write.
func refused(err error) string {
	return "the database refused the record: " + civic.ErrorMessage(err)
}

func reason(err error) string {
	var ce *civic.Error
	if errors.As(err, &ce) {
		return ce.Message
	}
	return "the database refused the record: " + err.Error()
}

// validateRecord checks every item of a record with the domain's rules.
func validateRecord(r *civic.ImportRecord) error {
	if r.Err != nil {
		return r.Err
	}
	if r.Empty() {
		return civic.Errorf(civic.CodeBadUserInput, "the record holds nothing to import")
	}
	for i := range r.Organisations {
		if err := r.Organisations[i].Validate(); err != nil {
			return err
		}
	}
	for i := range r.Collaborations {
		if err := r.Collaborations[i].Validate(); err != nil {
			return err
		}
	}
	for i := range r.Fundings {
		if err := r.Fundings[i].Validate(); err != nil {
			return err
		}
	}
	for _, l := range r.Links {
		if err := l.Validate(); err != nil {
			return err
		}
	}
	for _, t := range r.Themes {
		if err := (civic.ThemeInput{Slug: &t.Slug, Name: &t.Name, Description: &t.Description}).Validate(true); err != nil {
			return err
		}
	}
	for _, a := range r.Areas {
		if err := (civic.AreaInput{Name: &a.Name, Kind: &a.Kind, Code: &a.Code, Location: a.Location}).Validate(true); err != nil {
			return err
		}
	}
	for _, p := range r.People {
		if err := (civic.PersonInput{Name: &p.Name, Bio: &p.Bio, Email: &p.Email, Phone: &p.Phone, Skills: p.Skills}).Validate(true); err != nil {
			return err
		}
	}
	for _, a := range r.Assets {
		if err := (civic.AssetInput{Name: &a.Name, Kind: &a.Kind, Description: &a.Description, Capacity: a.Capacity, Postcode: &a.Postcode, Location: a.Location, Themes: a.Themes}).Validate(true); err != nil {
			return err
		}
	}
	for _, p := range r.Partnerships {
		if err := (civic.PartnershipInput{Name: &p.Name, Kind: &p.Kind, Description: &p.Description, Themes: p.Themes}).Validate(true); err != nil {
			return err
		}
	}
	return nil
}

// importTx writes a prefix of the records todo (indices into recs) in one
// transaction and returns its length: the batch ends before a record that
// touches, differently, what an earlier record of the batch touched, so
// that every record is compared with what is stored.
func (s *Store) importTx(ctx context.Context, dataset string, recs []civic.ImportRecord, todo []int, res *civic.ImportResult, strict bool) (int, error) {
	attempted := 0 // known even when the transaction fails
	_, err := write(ctx, s, "import", func(t tx) (int, error) {
		p := newPlan(dataset, civic.ActorFrom(ctx), time.Now().UTC())
		if err := p.resolve(ctx, t, recs, todo); err != nil {
			return 0, err
		}
		n := 0
		for _, i := range todo {
			if !p.target(&recs[i], i) {
				break
			}
			n++
			if strict && p.records[i].reject != "" {
				break
			}
		}
		if err := p.readCurrent(ctx, t); err != nil {
			return 0, err
		}
		attempted = n
		for _, i := range todo[:n] {
			res.Outcomes[i], res.Reasons[i] = p.compare(i)
		}
		return n, p.write(ctx, t)
	})
	return attempted, err
}

// importError is a record's rejection found while planning.
func importError(format string, args ...any) error {
	return civic.Errorf(civic.CodeBadUserInput, format, args...)
}
