package server

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes of requests refused before they run. Like the domain's codes
// they are part of the public contract and appear as extensions.code.
const (
	CodeBadRequest      = "BAD_REQUEST"               // malformed body, invalid UTF-8, wrong method or media type
	CodeRequestTooLarge = "REQUEST_TOO_LARGE"         // body over http.max_body_bytes
	CodeBatchLimit      = "BATCH_LIMIT_EXCEEDED"      // more operations than graphql.max_batch
	CodeRateLimited     = "RATE_LIMITED"              // over the caller's rate; see Retry-After
	CodeDepthLimit      = "DEPTH_LIMIT_EXCEEDED"      // nesting over graphql.max_depth
	CodeAliasLimit      = "ALIAS_LIMIT_EXCEEDED"      // aliases over graphql.max_aliases
	CodeFieldLimit      = "FIELD_LIMIT_EXCEEDED"      // fields over graphql.max_fields
	CodeTokenLimit      = "TOKEN_LIMIT_EXCEEDED"      // document over graphql.max_tokens
	CodeQueryNotAllowed = "QUERY_NOT_ALLOWED"         // not on the allow-list (graphql.persisted_only)
	CodeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED" // gqlgen's code for graphql.complexity_limit
)

func init() {
	// Requests refused for their shape are request errors: 400 with
	// application/graphql-response+json, 422 with application/json, as for
	// parse and validation errors.
	for _, c := range []string{CodeDepthLimit, CodeAliasLimit, CodeFieldLimit, CodeTokenLimit, CodeQueryNotAllowed, CodeComplexityLimit} {
		errcode.RegisterErrorType(c, errcode.KindProtocol)
	}
}

// codedError returns a GraphQL error with a code.
func codedError(code, message string) *gqlerror.Error {
	return &gqlerror.Error{Message: message, Extensions: map[string]any{"code": code}}
}

// reject answers a request that is refused before GraphQL sees it, with a
// GraphQL-shaped body so that clients read every error the same way.
func reject(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, map[string]any{"errors": []*gqlerror.Error{codedError(code, message)}})
}
