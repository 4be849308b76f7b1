package importer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// jsonItems streams the objects of a JSON file one at a time, never
// holding the file: either a top-level array, or the array under one of
// the given keys of a top-level object ({"grants": [...]}).
type jsonItems struct {
	dec  *json.Decoder
	num  int
	done bool
}

func newJSONItems(in io.Reader, keys ...string) (*jsonItems, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(in, 64<<10))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the file is empty")
		}
		return nil, fmt.Errorf("the file is not JSON: %v", err)
	}
	switch tok {
	case json.Delim('['):
		return &jsonItems{dec: dec}, nil
	case json.Delim('{'):
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("the file is not JSON: %v", err)
			}
			if name, _ := k.(string); slices.Contains(keys, name) {
				if t, err := dec.Token(); err != nil || t != json.Delim('[') {
					return nil, fmt.Errorf("%q must be a list of records", name)
				}
				return &jsonItems{dec: dec}, nil
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("the file is not JSON: %v", err)
			}
		}
		return nil, fmt.Errorf("the file holds no list of records (a top-level array, or one under %q)", keys)
	}
	return nil, fmt.Errorf("the file must hold a list of records, not a single value")
}

// next returns the next object and its number (from 1), or io.EOF. A
// syntax error ends the file: JSON cannot be read past it.
func (j *jsonItems) next() (json.RawMessage, int, error) {
	if j.done || !j.dec.More() {
		j.done = true
		return nil, j.num + 1, io.EOF
	}
	j.num++
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		j.done = true
		return nil, j.num, fmt.Errorf("record %d: the file is not valid JSON from byte %d on: %v", j.num, j.dec.InputOffset(), err)
	}
	return raw, j.num, nil
}

// ErrUnreadable wraps an error that ends reading a file part-way.
var ErrUnreadable = errors.New("the rest of the file cannot be read")
