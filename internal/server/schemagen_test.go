package server_test

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/civicgraph/civicgraph/graph"
)

// The tests below generate requests from the schema itself, so that a
// field added later is covered without anyone remembering to add it.

// schema is the service's schema.
var schema = graph.NewSchema(nil).Schema()

// fieldsOf returns the fields of a type, sorted by name, without
// introspection fields.
func fieldsOf(typeName string) []*ast.FieldDefinition {
	var out []*ast.FieldDefinition
	for _, f := range schema.Types[typeName].Fields {
		if !strings.HasPrefix(f.Name, "__") {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// operation returns a document calling one root field with every argument
// passed as a variable, and the variables: values of the right type, with
// text (String and ID) set to text. With all set, optional arguments and
// input fields get values too; otherwise only required ones do.
func operation(kind string, f *ast.FieldDefinition, text string, all bool) (string, map[string]any) {
	var defs, args []string
	vars := map[string]any{}
	for _, a := range f.Arguments {
		if !all && !a.Type.NonNull {
			continue
		}
		defs = append(defs, fmt.Sprintf("$%s: %s", a.Name, a.Type.String()))
		args = append(args, fmt.Sprintf("%s: $%s", a.Name, a.Name))
		vars[a.Name] = sampleValue(a.Type, text, all)
	}
	doc := kind
	if len(defs) > 0 {
		doc += "(" + strings.Join(defs, ", ") + ")"
	}
	call := f.Name
	if len(args) > 0 {
		call += "(" + strings.Join(args, ", ") + ")"
	}
	if k := schema.Types[f.Type.Name()].Kind; k == ast.Object || k == ast.Interface || k == ast.Union {
		call += " { __typename }"
	}
	return doc + " { " + call + " }", vars
}

// sampleValue returns a value of type t.
func sampleValue(t *ast.Type, text string, all bool) any {
	if t.Elem != nil {
		return []any{sampleValue(t.Elem, text, all)}
	}
	def := schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		m := map[string]any{}
		for _, f := range def.Fields {
			if all || f.Type.NonNull {
				m[f.Name] = sampleValue(f.Type, text, all)
			}
		}
		return m
	}
	switch t.NamedType {
	case "Int":
		return 1
	case "Float":
		return 1.5
	case "Boolean":
		return true
	case "Date":
		return "2024-01-31"
	case "DateTime":
		return "2024-01-31T09:00:00Z"
	}
	return text // String, ID and any other scalar read from a string
}
