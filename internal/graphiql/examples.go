package graphiql

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// examplesFS holds the example operations, one per .graphql file, each
// opened in its own tab in file-name order. A .json file with the same base
// name holds the tab's variables.
//
//go:embed examples
var examplesFS embed.FS

// example is one example operation.
type example struct {
	// Name is the file's base name without extension, such as
	// "01-explore-organisations".
	Name string
	// Query is the operation, starting with its explanatory comment.
	Query string
	// Variables is a JSON object, or empty when the operation takes none.
	Variables string
}

// loadExamples returns the embedded examples in file-name order.
func loadExamples() ([]example, error) {
	entries, err := fs.ReadDir(examplesFS, "examples")
	if err != nil {
		return nil, err
	}
	var out []example
	vars := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		b, err := examplesFS.ReadFile(path.Join("examples", name))
		if err != nil {
			return nil, err
		}
		base := strings.TrimSuffix(name, path.Ext(name))
		switch path.Ext(name) {
		case ".graphql":
			q := strings.TrimSpace(string(b)) + "\n"
			if !strings.HasPrefix(q, "#") {
				return nil, fmt.Errorf("example %s: must start with a # comment saying what it shows", name)
			}
			out = append(out, example{Name: base, Query: q})
		case ".json":
			var obj map[string]any
			if err := json.Unmarshal(b, &obj); err != nil {
				return nil, fmt.Errorf("example variables %s: %w", name, err)
			}
			vars[base] = strings.TrimSpace(string(b))
		default:
			return nil, fmt.Errorf("example %s: unknown file type", name)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	for i := range out {
		v, ok := vars[out[i].Name]
		if ok {
			out[i].Variables = v
			delete(vars, out[i].Name)
		}
	}
	for base := range vars {
		return nil, fmt.Errorf("example variables %s.json: no %s.graphql beside it", base, base)
	}
	return out, nil
}
