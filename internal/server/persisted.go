package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// PersistedQueries are documents the service knows in advance, so that
// clients such as dashboards can send a document's SHA-256 hash instead
// of the document (the automatic persisted query protocol's
// extensions.persistedQuery.sha256Hash). With Only set, these documents are
// an allow-list: any other document is refused with QUERY_NOT_ALLOWED.
type PersistedQueries struct {
	Docs map[string]string // document by hex SHA-256 of its exact text
	Only bool
}

// LoadPersistedQueries reads a .graphql file, or every .graphql file under
// a directory; a document's hash is the SHA-256 of the file's bytes.
func LoadPersistedQueries(path string) (map[string]string, error) {
	docs := map[string]string{}
	add := func(file string) error {
		b, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		docs[QueryHash(string(b))] = string(b)
		return nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("persisted queries: %w", err)
	}
	if !info.IsDir() {
		return docs, add(path)
	}
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".graphql") {
			return err
		}
		return add(p)
	})
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("no .graphql files in %s", path)
	}
	if err != nil {
		return nil, fmt.Errorf("persisted queries: %w", err)
	}
	return docs, nil
}

// QueryHash returns the hex SHA-256 of a document, as clients send it.
func QueryHash(doc string) string {
	sum := sha256.Sum256([]byte(doc))
	return hex.EncodeToString(sum[:])
}

// persisted is the gqlgen extension serving PersistedQueries. It runs
// before automatic persisted queries, so that in allow-list mode a client
// cannot register a document of its own.
type persisted struct{ PersistedQueries }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = persisted{}

// ExtensionName implements graphql.HandlerExtension.
func (persisted) ExtensionName() string { return "PersistedQueries" }

// Validate implements graphql.HandlerExtension.
func (persisted) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (p persisted) MutateOperationParameters(_ context.Context, raw *graphql.RawParams) *gqlerror.Error {
	hash := persistedHash(raw.Extensions)
	if raw.Query == "" && hash != "" {
		if doc, ok := p.Docs[hash]; ok {
			raw.Query = doc
			return nil
		}
	}
	if !p.Only {
		return nil
	}
	if raw.Query == "" {
		return codedError(CodeQueryNotAllowed, "this service accepts only its persisted queries, and the hash names none of them")
	}
	if _, ok := p.Docs[QueryHash(raw.Query)]; !ok {
		return codedError(CodeQueryNotAllowed, "this service accepts only its persisted queries, and this is not one of them")
	}
	return nil
}

func persistedHash(ext map[string]any) string {
	pq, _ := ext["persistedQuery"].(map[string]any)
	h, _ := pq["sha256Hash"].(string)
	return strings.ToLower(h)
}
