package server

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// codedWriter makes sure that every error answer of the GraphQL handler
// carries a code: gqlgen writes a few errors (a mutation over GET, an
// unsupported transport) straight to the client, without one. Answers with
// an error status are held back and given BAD_REQUEST where they have no
// code; they are small, so holding them costs nothing.
type codedWriter struct {
	http.ResponseWriter
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
	c.ResponseWriter.WriteHeader(c.status)
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
	cw := &codedWriter{ResponseWriter: w}
	next.ServeHTTP(cw, r)
	cw.finish()
}
