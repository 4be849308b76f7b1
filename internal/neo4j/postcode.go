package neo4j

import (
	"context"
	"iter"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// The postcode table is one (:Postcode {postcode, location}) node per UK
// postcode, unique on postcode. Distance searches near a postcode start at
// its location.

// postcodeBatch is how many postcodes one UNWIND statement writes.
const postcodeBatch = 5000

func mapPostcode(p props) *civic.Postcode {
	pc := &civic.Postcode{Postcode: p.str("postcode"), Provenance: p.provenance()}
	if loc := p.point("location"); loc != nil {
		pc.Location = *loc
	}
	return pc
}

// FindPostcode returns the postcode's row of the table, nil if it is not
// there. A string that is not a postcode is BAD_USER_INPUT.
func (s *Store) FindPostcode(ctx context.Context, postcode string) (*civic.Postcode, error) {
	pc, ok := civic.NormalisePostcode(postcode)
	if !ok {
		var p civic.Problems
		p.Add("postcode", "%q is not a UK postcode", postcode)
		return nil, p.Err()
	}
	recs, err := s.read(ctx, "postcode", "MATCH (p:Postcode {postcode: $postcode}) RETURN p {.*} AS row", map[string]any{"postcode": pc})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return mapPostcode(asProps(field(recs[0], "row"))), nil
}

// locate returns the centre of a distance search: its point, or the
// location of its postcode (BAD_USER_INPUT if the table lacks it).
func (s *Store) locate(ctx context.Context, near civic.Near) (civic.GeoPoint, error) {
	if near.Point != nil {
		return *near.Point, nil
	}
	pc, err := s.FindPostcode(ctx, *near.Postcode)
	if err != nil {
		return civic.GeoPoint{}, err
	}
	if pc == nil {
		return civic.GeoPoint{}, civic.UnknownPostcode("near.postcode", *near.Postcode)
	}
	return pc.Location, nil
}

// UpsertPostcodes writes postcodes as given, with their provenance, so that
// loading the same table twice changes nothing. The demo city uses it.
func (s *Store) UpsertPostcodes(ctx context.Context, in []civic.Postcode) error {
	rows := make([]map[string]any, len(in))
	for i, pc := range in {
		rows[i] = map[string]any{"postcode": pc.Postcode, "props": map[string]any{
			"location": pointValue(&pc.Location), "source": pc.Source, "createdAt": pc.CreatedAt, "updatedAt": pc.UpdatedAt,
		}}
	}
	return upsert(ctx, s, "upsertPostcodes", "MERGE (p:Postcode {postcode: row.postcode}) SET p += row.props", rows)
}

// importPostcodes writes one batch. A postcode whose location and source
// are unchanged keeps its updatedAt, so importing a file twice changes nothing.
const importPostcodes = `UNWIND $rows AS row
MERGE (p:Postcode {postcode: row.postcode})
ON CREATE SET p.createdAt = datetime()
WITH p, row, p.location IS NULL OR p.location <> row.location OR coalesce(p.source, '') <> $source AS changed
SET p.location = row.location, p.source = $source,
    p.updatedAt = CASE WHEN changed THEN datetime() ELSE p.updatedAt END`

// PostcodeImport says how to import a postcode table.
type PostcodeImport struct {
	Source string // provenance of every row
	// CommitEvery, when positive, commits after every so many rows instead
	// of once at the end, for tables too large for one transaction. The
	// rows are then all read once before anything is written, so that a
	// malformed row still writes nothing.
	CommitEvery int
}

// ImportPostcodes streams rows into the postcode table in batches and
// returns how many it wrote. rows may be iterated more than once (a
// transaction that fails transiently is retried from the start). A row
// that fails (a malformed line) fails the import, and nothing is written.
func (s *Store) ImportPostcodes(ctx context.Context, rows iter.Seq2[civic.Postcode, error], o PostcodeImport) (int, error) {
	if o.CommitEvery <= 0 {
		return write(ctx, s, "importPostcodes", func(t tx) (int, error) {
			return writePostcodes(ctx, t, rows, o.Source)
		})
	}
	n := 0
	for _, err := range rows {
		if err != nil {
			return 0, err
		}
		n++
	}
	written := 0
	chunk := make([]civic.Postcode, 0, min(o.CommitEvery, n))
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		if _, err := write(ctx, s, "importPostcodes", func(t tx) (int, error) {
			return writePostcodes(ctx, t, sliceRows(chunk), o.Source)
		}); err != nil {
			return err
		}
		written += len(chunk)
		chunk = chunk[:0]
		return nil
	}
	for pc, err := range rows {
		if err == nil {
			chunk = append(chunk, pc)
		}
		if err == nil && len(chunk) == o.CommitEvery {
			err = flush()
		}
		if err != nil {
			return written, err
		}
	}
	return written, flush()
}

// writePostcodes writes rows in batches inside one transaction.
func writePostcodes(ctx context.Context, t tx, rows iter.Seq2[civic.Postcode, error], source string) (int, error) {
	n := 0
	batch := make([]map[string]any, 0, postcodeBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := t.run(ctx, "importPostcodes", importPostcodes, map[string]any{"rows": batch, "source": source})
		batch = batch[:0]
		return err
	}
	for pc, err := range rows {
		if err != nil {
			return 0, err
		}
		batch = append(batch, map[string]any{"postcode": pc.Postcode, "location": pointValue(&pc.Location)})
		n++
		if len(batch) == postcodeBatch {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, flush()
}

func sliceRows(rows []civic.Postcode) iter.Seq2[civic.Postcode, error] {
	return func(yield func(civic.Postcode, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}
