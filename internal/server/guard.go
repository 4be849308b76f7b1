package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// guard checks a GraphQL request's envelope before GraphQL parses it:
// method and media type, body size, UTF-8, JSON shape and batch size, each
// refused with a coded error and without echoing the body. It runs batches
// (a JSON array of requests) one operation after another, and requests
// only as many at once as it has turns for.
type guard struct {
	maxBody  int64
	maxBatch int
	// turns holds one token per request that may execute at once. Beyond
	// that, requests queue instead of all crowding Neo4j together, which
	// on a small machine costs everyone throughput and then the deadline.
	turns chan struct{}
	next  http.Handler
}

func newGuard(l Limits, next http.Handler) *guard {
	return &guard{maxBody: l.MaxBody, maxBatch: l.MaxBatch, turns: make(chan struct{}, l.InFlight), next: next}
}

// withDeadline bounds everything a request does, from checking its
// credentials to its last Neo4j transaction, by the request timeout.
func withDeadline(timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// execute runs next once it is the request's turn, or answers 503 if the
// request's time runs out while it waits.
func (g *guard) execute(w http.ResponseWriter, r *http.Request) {
	select {
	case g.turns <- struct{}{}:
	case <-r.Context().Done():
		w.Header().Set("Retry-After", "1")
		reject(w, http.StatusServiceUnavailable, string(civic.CodeUnavailable), "the service is too busy to answer in time; retry later")
		return
	}
	defer func() { <-g.turns }()
	serveCoded(g.next, w, r)
}

// request is the shape of one GraphQL-over-HTTP request body.
type request struct {
	Query         *string        `json:"query"`
	OperationName *string        `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    map[string]any `json:"extensions"`
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		if msg := checkQueryString(r.URL.RawQuery); msg != "" {
			reject(w, http.StatusBadRequest, CodeBadRequest, msg)
			return
		}
		g.execute(w, r)
	case http.MethodPost:
		g.post(w, r)
	case http.MethodOptions:
		g.next.ServeHTTP(w, r)
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		reject(w, http.StatusMethodNotAllowed, CodeBadRequest, "GraphQL requests are GET or POST")
	}
}

func (g *guard) post(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		reject(w, http.StatusUnsupportedMediaType, CodeBadRequest, "a POST body must be application/json")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, g.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			reject(w, http.StatusRequestEntityTooLarge, CodeRequestTooLarge, fmt.Sprintf("the body is larger than %d bytes", g.maxBody))
			return
		}
		reject(w, http.StatusBadRequest, CodeBadRequest, "the body could not be read")
		return
	}
	if !utf8.Valid(body) {
		reject(w, http.StatusBadRequest, CodeBadRequest, "the body is not valid UTF-8")
		return
	}
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		g.batch(w, r, body)
		return
	}
	if msg := checkRequest(body); msg != "" {
		reject(w, http.StatusBadRequest, CodeBadRequest, msg)
		return
	}
	g.execute(w, withBody(r, body))
}

// batch runs each request of a JSON array in turn and answers an array of
// their responses, in order.
func (g *guard) batch(w http.ResponseWriter, r *http.Request, body []byte) {
	var items []json.RawMessage
	if err := strictDecode(body, &items); err != nil {
		reject(w, http.StatusBadRequest, CodeBadRequest, "the body is not a GraphQL request or a batch of them: "+err.Error())
		return
	}
	switch {
	case len(items) == 0:
		reject(w, http.StatusBadRequest, CodeBadRequest, "a batch must hold at least one operation")
		return
	case len(items) > g.maxBatch:
		reject(w, http.StatusBadRequest, CodeBatchLimit, fmt.Sprintf("a batch may hold at most %d operations", g.maxBatch))
		return
	}
	for i, item := range items {
		if msg := checkRequest(item); msg != "" {
			reject(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("batch item %d: %s", i, msg))
			return
		}
	}
	if ok, wait := charge(r.Context(), len(items)-1); !ok {
		tooMany(w, wait)
		return
	}
	var out bytes.Buffer
	out.WriteByte('[')
	for i, item := range items {
		if i > 0 {
			out.WriteByte(',')
		}
		rec := &bufferedResponse{header: http.Header{}}
		g.execute(rec, withBody(r, item))
		out.Write(bytes.TrimSpace(rec.body.Bytes()))
	}
	out.WriteByte(']')
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out.Bytes())
}

// checkRequest returns what is wrong with one request body, or "".
func checkRequest(body []byte) string {
	var req request
	if err := strictDecode(body, &req); err != nil {
		return "the body is not a GraphQL request: " + err.Error()
	}
	if req.Query == nil && req.Extensions["persistedQuery"] == nil {
		return "the request has no query"
	}
	return ""
}

// strictDecode decodes one JSON value and refuses anything after it.
func strictDecode(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return fmt.Errorf("%s must not be a JSON %s", fieldName(typeErr.Field), typeErr.Value)
		}
		return errors.New("malformed JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

func fieldName(f string) string {
	if f == "" {
		return "the body"
	}
	return f
}

// checkQueryString returns what is wrong with a GET request's query
// string, or "".
func checkQueryString(raw string) string {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return "the query string is malformed"
	}
	for _, vs := range q {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return "the query string is not valid UTF-8"
			}
		}
	}
	for _, k := range []string{"variables", "extensions"} {
		if v := q.Get(k); v != "" {
			var m map[string]any
			if strictDecode([]byte(v), &m) != nil {
				return k + " must be a JSON object"
			}
		}
	}
	return ""
}

func withBody(r *http.Request, body []byte) *http.Request {
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	r2.ContentLength = int64(len(body))
	return r2
}

// bufferedResponse collects one batch item's response.
type bufferedResponse struct {
	header http.Header
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(int)             {}
