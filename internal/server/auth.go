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
// count against the address's budget of failures, so that guessing is
// slow: once it is spent, refusals come as 429, and API keys the service
// has not seen lately are not even looked up. Good tokens, and keys seen
// lately, still pass, so that one guesser cannot lock out everyone behind
// the same address.
func authenticate(a *auth.Authenticator, rl *rateLimiter, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		addr := clientAddr(r, rl.proxies)
		if cred, _ := auth.Credential(r); auth.LooksLikeKey(cred) && !a.Cached(cred) && rl.failures.empty(addr) {
			tooMany(w, 0)
			return
		}
		id, err := a.Authenticate(r.Context(), r)
		switch {
		case auth.IsInvalid(err):
			// The reason is for operators; it never holds the credential.
			log.DebugContext(r.Context(), "credentials refused", "reason", err)
			if ok, wait := rl.failures.take(addr, 1); !ok {
				tooMany(w, wait)
				return
			}
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
