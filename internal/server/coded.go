package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// codedWriter makes sure that every error answer of the GraphQL handler
// carries a code: gqlgen writes a few errors (a mutation over GET, an
// unsupported transport) straight to the client, without one. Answers with
// an error status are held back and given BAD_REQUEST where they have no
// code; they are small, so holding them costs nothing.
//
// It also brings gqlgen's status codes in line with the GraphQL-over-HTTP
// spec where they differ:
//   - a mutation sent with GET MUST be answered 405 with Allow: POST
//     (gqlgen answers 406);
//   - with the application/json media type, a well-formed request whose
//     document fails to parse or validate (or breaks a shape limit) SHOULD
//     be answered 200 (gqlgen answers 422), while a request without a
//     document is not well-formed and is answered 400. The
//     application/graphql-response+json media type keeps gqlgen's 4xx.
type codedWriter struct {
	http.ResponseWriter
	get    bool
	status int
	held   *bytes.Buffer
}

func (c *codedWriter) WriteHeader(status int) {
	c.status = status
	if status >= 400 {
		c.held = &bytes.Buffer{}
		return
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *codedWriter) Write(p []byte) (int, error) {
	if c.held != nil {
		return c.held.Write(p)
	}
	return c.ResponseWriter.Write(p)
}

func (c *codedWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// finish sends a held answer, with codes added.
func (c *codedWriter) finish() {
	if c.held == nil {
		return
	}
	status := c.status
	switch {
	case status == http.StatusNotAcceptable && c.get:
		c.Header().Set("Allow", http.MethodPost)
		status = http.StatusMethodNotAllowed
	case status == http.StatusUnprocessableEntity && strings.HasPrefix(c.Header().Get("Content-Type"), "application/json"):
		status = http.StatusOK
		if bytes.Contains(c.held.Bytes(), []byte(`"no operation provided"`)) {
			status = http.StatusBadRequest
		}
	}
	c.ResponseWriter.WriteHeader(status)
	_, _ = c.ResponseWriter.Write(withCodes(c.held.Bytes()))
}

// withCodes adds BAD_REQUEST to the errors of a GraphQL response that
// have no code; a body that is not a GraphQL response is replaced by one.
func withCodes(body []byte) []byte {
	var resp map[string]any
	if json.Unmarshal(body, &resp) != nil {
		resp = map[string]any{"errors": []any{map[string]any{"message": "the request could not be handled"}}}
	}
	errs, _ := resp["errors"].([]any)
	for _, e := range errs {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		ext, _ := m["extensions"].(map[string]any)
		if ext == nil {
			ext = map[string]any{}
			m["extensions"] = ext
		}
		if _, ok := ext["code"]; !ok {
			ext["code"] = CodeBadRequest
		}
	}
	out, _ := json.Marshal(resp)
	return out
}

// serveCoded runs next with codedWriter around w.
func serveCoded(next http.Handler, w http.ResponseWriter, r *http.Request) {
	cw := &codedWriter{ResponseWriter: w, get: r.Method == http.MethodGet}
	next.ServeHTTP(cw, r)
	cw.finish()
}
