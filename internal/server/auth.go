package server

import (
	"log/slog"
	"net/http"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
)

// authenticate gives every request its identity (auth.IdentityFrom,
// civic.ActorFrom, civic.RoleFrom). Requests without credentials are the
// public; bad credentials are refused with 401 and UNAUTHENTICATED, and
// count against the address's rate limit, so that guessing keys is slow.
// An address that has used up its rate is refused before its credentials
// are even looked up.
func authenticate(a *auth.Authenticator, rl *rateLimiter, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		addr := clientAddr(r, rl.proxies)
		if _, present := auth.Credential(r); present && rl.ip.empty(addr) {
			tooMany(w, 0)
			return
		}
		id, err := a.Authenticate(r.Context(), r)
		switch {
		case auth.IsInvalid(err):
			// The reason is for operators; it never holds the credential.
			log.DebugContext(r.Context(), "credentials refused", "reason", err)
			rl.ip.take(addr, 1)
			w.Header().Set("WWW-Authenticate", `Bearer realm="civicgraph"`)
			reject(w, http.StatusUnauthorized, string(civic.CodeUnauthenticated), "invalid credentials")
			return
		case err != nil:
			log.WarnContext(r.Context(), "credentials could not be checked", "err", err)
			reject(w, http.StatusServiceUnavailable, string(civic.CodeUnavailable), "credentials cannot be checked now; retry later")
			return
		}
		noteCaller(r.Context(), id)
		next.ServeHTTP(w, r.WithContext(auth.WithIdentity(r.Context(), id)))
	})
}
