package graphiql

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// loadSchema reads the service's schema from the repository's schema/ folder.
func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "schema", "*.graphqls"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no schema files in ../../schema")
	}
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: filepath.Base(f), Input: string(b)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("loading the schema: %v", err)
	}
	return schema
}

// TestExamplesValidAgainstSchema keeps every example query, and its
// variables, valid against the service's schema.
func TestExamplesValidAgainstSchema(t *testing.T) {
	schema := loadSchema(t)
	exs, err := loadExamples()
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) < 8 {
		t.Fatalf("got %d examples, want at least 8", len(exs))
	}
	opNames := map[string]string{}
	for _, ex := range exs {
		t.Run(ex.Name, func(t *testing.T) {
			first, _, _ := strings.Cut(ex.Query, "\n")
			if !strings.HasPrefix(first, "# ") || len(first) < 10 {
				t.Errorf("first line %q: want a # comment explaining the example", first)
			}
			doc, err := parser.ParseQuery(&ast.Source{Name: ex.Name + ".graphql", Input: ex.Query})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
				for _, e := range errs {
					t.Errorf("invalid against the schema: %v", e)
				}
				return
			}
			if len(doc.Operations) != 1 {
				t.Fatalf("got %d operations, want 1", len(doc.Operations))
			}
			op := doc.Operations[0]
			// GraphiQL titles each tab with its operation's name.
			if op.Name == "" {
				t.Error("operation has no name; its tab would be untitled")
			} else if other, dup := opNames[op.Name]; dup {
				t.Errorf("operation name %s is also used by %s", op.Name, other)
			}
			opNames[op.Name] = ex.Name

			vars := map[string]any{}
			if ex.Variables != "" {
				if err := json.Unmarshal([]byte(ex.Variables), &vars); err != nil {
					t.Fatalf("variables: %v", err)
				}
			}
			if len(op.VariableDefinitions) > 0 && ex.Variables == "" {
				t.Errorf("operation takes variables but %s.json is missing", ex.Name)
			}
			for name := range vars {
				if op.VariableDefinitions.ForName(name) == nil {
					t.Errorf("variables set $%s, which the operation does not declare", name)
				}
			}
			if _, err := validator.VariableValues(schema, op, vars); err != nil {
				t.Errorf("variables invalid: %v", err)
			}
		})
	}
}

// TestSchemaCheckCatchesDrift makes sure the validation above would fail on
// a query that does not match the schema.
func TestSchemaCheckCatchesDrift(t *testing.T) {
	schema := loadSchema(t)
	doc, err := parser.ParseQuery(&ast.Source{Input: `query Q { organisations(first: 1) { edges { node { noSuchField } } } }`})
	if err != nil {
		t.Fatal(err)
	}
	if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) == 0 {
		t.Fatal("an unknown field passed validation")
	}
}

func TestExamplesMatchTabs(t *testing.T) {
	exs, err := loadExamples()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(exs); i++ {
		if exs[i-1].Name >= exs[i].Name {
			t.Errorf("examples out of order: %s before %s", exs[i-1].Name, exs[i].Name)
		}
	}
	cfg := pageConfig(t, get(t, Handler("t", "/graphql"), "/graphiql", nil))
	if len(cfg.Tabs) != len(exs) {
		t.Fatalf("page has %d tabs, want %d", len(cfg.Tabs), len(exs))
	}
	for i, ex := range exs {
		if cfg.Tabs[i].Query != ex.Query || cfg.Tabs[i].Variables != ex.Variables {
			t.Errorf("tab %d does not match example %s", i, ex.Name)
		}
	}
}
