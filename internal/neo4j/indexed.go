package neo4j

import "context"

// indexed runs a batch read for many keys in one round trip: body follows
// "UNWIND range(0, size($ids) - 1) AS i" (so $ids[i] is the key of row i)
// and must return i and a map named row. It returns the mapped rows in the
// order of ids, the zero value where no row came back.
func indexed[T any](ctx context.Context, s *Store, name, body string, ids []string, params map[string]any, mapRow func(props) T) ([]T, error) {
	if params == nil {
		params = map[string]any{}
	}
	params["ids"] = ids
	recs, err := s.read(ctx, name, "UNWIND range(0, size($ids) - 1) AS i\n"+body, params)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(ids))
	for _, rec := range recs {
		i, _ := field(rec, "i").(int64)
		out[i] = mapRow(asProps(field(rec, "row")))
	}
	return out, nil
}
