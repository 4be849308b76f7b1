package server

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Limits bound the shape of the GraphQL documents the service accepts and
// the HTTP requests that carry them. Zero values take the defaults.
type Limits struct {
	MaxDepth   int   // deepest nesting of fields; introspection is bounded by its own rule
	MaxAliases int   // aliased fields, counting each use of a fragment
	MaxFields  int   // fields, counting each use of a fragment
	MaxTokens  int   // lexical tokens of the document
	MaxBatch   int   // operations in one batched request
	MaxBody    int64 // bytes of a request body
	// Timeout bounds a whole request, its Neo4j transactions included.
	Timeout time.Duration
	// InFlight bounds the GraphQL requests executed at once; the others
	// wait their turn (within Timeout). Zero means 8 per CPU: enough to
	// keep Neo4j busy, while the memory of the answers being built stays
	// bounded (see bench/README.md).
	InFlight int
}

// DefaultLimits are the limits of an unconfigured service.
var DefaultLimits = Limits{MaxDepth: 15, MaxAliases: 100, MaxFields: 1000, MaxTokens: 10000, MaxBatch: 10, MaxBody: 1 << 20, Timeout: 15 * time.Second}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&l.MaxDepth, d.MaxDepth)
	pick(&l.MaxAliases, d.MaxAliases)
	pick(&l.MaxFields, d.MaxFields)
	pick(&l.MaxTokens, d.MaxTokens)
	pick(&l.MaxBatch, d.MaxBatch)
	if l.MaxBody <= 0 {
		l.MaxBody = d.MaxBody
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.InFlight <= 0 {
		l.InFlight = 8 * runtime.GOMAXPROCS(0)
	}
	return l
}

// shapeLimits is a gqlgen extension that measures a document before it is
// validated, because validation and complexity analysis themselves cost
// time that grows faster than the document: thousands of repeated fields,
// or fragments that spread each other twice per level, would keep them
// busy for seconds. The measure takes time linear in the document, with
// every fragment measured once.
type shapeLimits struct {
	l Limits
	// passed remembers documents that were within the limits.
	passed *lru.LRU[struct{}]
}

func newShapeLimits(l Limits) *shapeLimits {
	return &shapeLimits{l: l, passed: lru.New[struct{}](1000)}
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = (*shapeLimits)(nil)

// ExtensionName implements graphql.HandlerExtension.
func (*shapeLimits) ExtensionName() string { return "ShapeLimits" }

// Validate implements graphql.HandlerExtension.
func (*shapeLimits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (s *shapeLimits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		return nil
	}
	if _, ok := s.passed.Get(ctx, p.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, s.l.MaxTokens)
	if err != nil {
		if strings.Contains(err.Error(), "token limit") {
			return codedError(CodeTokenLimit, fmt.Sprintf("the document has more than %d tokens", s.l.MaxTokens))
		}
		return nil // gqlgen reports the syntax error
	}
	m := measure(doc)
	switch {
	case m.depth > s.l.MaxDepth:
		return codedError(CodeDepthLimit, fmt.Sprintf("the query nests %d fields deep; at most %d are allowed", m.depth, s.l.MaxDepth))
	case m.introspection > maxIntrospectionDepth:
		return codedError(CodeDepthLimit, fmt.Sprintf("the introspection query nests %d fields deep; at most %d are allowed", m.introspection, maxIntrospectionDepth))
	case m.aliases > s.l.MaxAliases:
		return codedError(CodeAliasLimit, fmt.Sprintf("the query has %s aliases; at most %d are allowed", count(m.aliases), s.l.MaxAliases))
	case m.fields > s.l.MaxFields:
		return codedError(CodeFieldLimit, fmt.Sprintf("the query has %s fields; at most %d are allowed", count(m.fields), s.l.MaxFields))
	}
	s.passed.Add(ctx, p.Query, struct{}{})
	return nil
}

// maxIntrospectionDepth bounds the nesting under __schema and __type, which
// tools such as GraphiQL nest deeper than data queries need (a type
// reference's ofType chain) but which never needs more than this.
const maxIntrospectionDepth = 20

// shape is what measure finds in a selection set: the depth of its data
// fields, the depth of its introspection fields, and its fields and aliases.
type shape struct{ depth, introspection, fields, aliases int }

// huge caps the counts, which fragments can make grow exponentially.
const huge = 1 << 40

func count(n int) string {
	if n >= huge {
		return "too many"
	}
	return fmt.Sprint(n)
}

func (a shape) plus(b shape) shape {
	return shape{max(a.depth, b.depth), max(a.introspection, b.introspection), min(a.fields+b.fields, huge), min(a.aliases+b.aliases, huge)}
}

// measure returns the deepest nesting, the fields and the aliases of the
// document's operations, with fragment spreads expanded. A fragment cycle
// counts as empty here; validation refuses it.
func measure(doc *ast.QueryDocument) shape {
	m := &measurer{doc: doc, done: map[string]shape{}, busy: map[string]bool{}}
	var total shape
	for _, op := range doc.Operations {
		total = total.plus(m.set(op.SelectionSet))
	}
	return total
}

type measurer struct {
	doc  *ast.QueryDocument
	done map[string]shape
	busy map[string]bool
}

func (m *measurer) set(ss ast.SelectionSet) shape {
	var out shape
	for _, sel := range ss {
		switch s := sel.(type) {
		case *ast.Field:
			child := m.set(s.SelectionSet)
			f := shape{depth: child.depth + 1, introspection: child.introspection, fields: min(child.fields+1, huge), aliases: child.aliases}
			if s.Alias != "" && s.Alias != s.Name {
				f.aliases = min(f.aliases+1, huge)
			}
			if s.Name == "__schema" || s.Name == "__type" {
				f.depth, f.introspection = 1, max(f.introspection, child.depth+1)
			}
			out = out.plus(f)
		case *ast.InlineFragment:
			out = out.plus(m.set(s.SelectionSet))
		case *ast.FragmentSpread:
			out = out.plus(m.fragment(s.Name))
		}
	}
	return out
}

func (m *measurer) fragment(name string) shape {
	if sh, ok := m.done[name]; ok {
		return sh
	}
	f := m.doc.Fragments.ForName(name)
	if f == nil || m.busy[name] {
		return shape{}
	}
	m.busy[name] = true
	sh := m.set(f.SelectionSet)
	m.busy[name] = false
	m.done[name] = sh
	return sh
}
