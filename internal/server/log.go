package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/civicgraph/civicgraph/internal/auth"
)

// caller lets the request log name the caller that authenticate found
// deeper in the handler chain. Only an identity's log value is logged:
// never credentials, a token's subject, addresses or request bodies.
type caller struct{ id auth.Identity }

type callerKey struct{}

// noteCaller records the request's identity for the request log.
func noteCaller(ctx context.Context, id auth.Identity) {
	if c, ok := ctx.Value(callerKey{}).(*caller); ok {
		c.id = id
	}
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observeRequests logs every request with its status and duration (probes
// and metrics scrapes at debug level, everything else at info) and counts
// responses by status.
func observeRequests(log *slog.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		c := &caller{id: auth.Anonymous}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), callerKey{}, c)))
		m.countStatus(r.URL.Path, sw.status)
		level := slog.LevelInfo
		switch r.URL.Path {
		case "/healthz", "/readyz", "/metrics":
			level = slog.LevelDebug
		}
		log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "duration", time.Since(start).Round(time.Microsecond), "caller", c.id)
	})
}
