package server

import (
	"bytes"
	"net/http"
	"strings"
)

// followSpec brings gqlgen's status codes in line with the
// GraphQL-over-HTTP spec where they differ:
//   - a mutation sent with GET MUST be answered 405 with Allow: POST
//     (gqlgen answers 406);
//   - with the application/json media type, a well-formed request whose
//     document fails to parse or validate SHOULD be answered 200 (gqlgen
//     answers 422), while a request without a document is not well-formed
//     and is answered 400. The application/graphql-response+json media
//     type keeps gqlgen's codes.
func followSpec(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &specWriter{ResponseWriter: w, get: r.Method == http.MethodGet}
		next.ServeHTTP(sw, r)
		sw.flush()
	})
}

// specWriter rewrites the status codes above. A 422 answer is held back
// until its body shows which case it is; it is short.
type specWriter struct {
	http.ResponseWriter
	get  bool
	held bool
	body bytes.Buffer
}

func (w *specWriter) WriteHeader(code int) {
	switch {
	case code == http.StatusNotAcceptable && w.get:
		w.Header().Set("Allow", http.MethodPost)
		code = http.StatusMethodNotAllowed
	case code == http.StatusUnprocessableEntity && strings.HasPrefix(w.Header().Get("Content-Type"), "application/json"):
		w.held = true
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *specWriter) Write(b []byte) (int, error) {
	if w.held {
		return w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// flush sends a held answer with its corrected status.
func (w *specWriter) flush() {
	if !w.held {
		return
	}
	code := http.StatusOK
	if bytes.Contains(w.body.Bytes(), []byte(`"no operation provided"`)) {
		code = http.StatusBadRequest
	}
	w.ResponseWriter.WriteHeader(code)
	_, _ = w.ResponseWriter.Write(w.body.Bytes())
}

func (w *specWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
