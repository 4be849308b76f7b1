package graphiql

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

// get serves one GET request for target through h.
func get(t *testing.T, h http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var configRE = regexp.MustCompile(`(?s)<script type="application/json" id="config">(.*?)</script>`)

// pageConfig returns the settings that the page passes to app.js.
func pageConfig(t *testing.T, rec *httptest.ResponseRecorder) config {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("page: status %d", rec.Code)
	}
	m := configRE.FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("page has no config element:\n%s", rec.Body.String())
	}
	var cfg config
	if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
		t.Fatalf("config is not JSON: %v\n%s", err, m[1])
	}
	return cfg
}

func TestPage(t *testing.T) {
	h := Handler("civicgraph", "/graphql")
	rec := get(t, h, "/graphiql", nil)
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	body := rec.Body.String()
	for _, want := range []string{
		"<title>civicgraph</title>",
		`<div id="graphiql">`,
		`src="./graphiql/static/app.js?v=`,
		`href="./graphiql/static/graphiql/graphiql.min.css?v=`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// No inline script or style, so a strict Content-Security-Policy holds.
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
		if !strings.Contains(m, " src=") && !strings.Contains(m, `type="application/json"`) {
			t.Errorf("inline script: %s", m)
		}
	}
	if strings.Contains(body, "<style") || strings.Contains(body, "style=") {
		t.Error("page has inline style")
	}
	cfg := pageConfig(t, rec)
	if cfg.Endpoint != "/graphql" {
		t.Errorf("endpoint = %q", cfg.Endpoint)
	}
	if len(cfg.Tabs) < 8 {
		t.Errorf("got %d tabs, want at least 8", len(cfg.Tabs))
	}
	if !strings.Contains(cfg.Tabs[0].Query, "organisations(") {
		t.Errorf("first tab: %q", cfg.Tabs[0].Query)
	}
}

func TestPageAssetURLsFollowThePath(t *testing.T) {
	h := Handler("t", "/graphql")
	for target, want := range map[string]string{
		"/graphiql":             `src="./graphiql/static/app.js?v=`,
		"/graphiql/":            `src="./static/app.js?v=`,
		"/tools/explorer?x=1":   `src="./explorer/static/app.js?v=`,
		"/":                     `src="./static/app.js?v=`,
		"/javascript:alert(1)":  `src="./javascript:alert%281%29/static/app.js?v=`,
		"/a%20b/graphiql%3Fx/":  `src="./static/app.js?v=`,
		"/a%20b/graphiql%2Fx":   `src="./graphiql%2Fx/static/app.js?v=`,
		"/graphiql/static":      `src="./static/static/app.js?v=`,
		"/graphiql/not-a-thing": `src="./not-a-thing/static/app.js?v=`,
	} {
		rec := get(t, h, target, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", target, rec.Code)
			continue
		}
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: page lacks %s", target, want)
		}
	}
}

func TestPageEscapes(t *testing.T) {
	h := Handler(`<b>"civic"</b>`, `/graphql?x=</script><script>alert(1)</script>`)
	rec := get(t, h, "/graphiql", nil)
	body := rec.Body.String()
	if strings.Contains(body, "<b>") || strings.Contains(body, "alert(1)</script>") {
		t.Fatalf("unescaped input in page:\n%s", body)
	}
	if !strings.Contains(body, "<title>&lt;b&gt;&#34;civic&#34;&lt;/b&gt;</title>") {
		t.Error("title not escaped as expected")
	}
	if cfg := pageConfig(t, rec); cfg.Endpoint != `/graphql?x=</script><script>alert(1)</script>` {
		t.Errorf("endpoint = %q", cfg.Endpoint)
	}
}

// wantAssets are the files the page cannot work without.
var wantAssets = []string{
	"app.js",
	"style.css",
	"graphiql/graphiql.min.js",
	"graphiql/graphiql.min.css",
	"react/react.production.min.js",
	"react-dom/react-dom.production.min.js",
}

func wantContentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".js"):
		return "text/javascript; charset=utf-8"
	case strings.HasSuffix(name, ".css"):
		return "text/css; charset=utf-8"
	case path.Base(name) == "LICENSE":
		return "text/plain; charset=utf-8"
	}
	return ""
}

func TestAssets(t *testing.T) {
	as, err := assets()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range wantAssets {
		if as[name] == nil {
			t.Errorf("asset %s is not embedded", name)
		}
	}
	for _, pkg := range []string{"graphiql", "react", "react-dom"} {
		if as[pkg+"/LICENSE"] == nil {
			t.Errorf("%s/LICENSE is not embedded", pkg)
		}
	}
	h := Handler("t", "/graphql")
	for name, a := range as {
		rec := get(t, h, "/graphiql/static/"+name+"?v="+a.version, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", name, rec.Code)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != wantContentType(name) || ct == "" {
			t.Errorf("%s: Content-Type %q, want %q", name, ct, wantContentType(name))
		}
		if rec.Body.Len() == 0 || !bytes.Equal(rec.Body.Bytes(), a.body) {
			t.Errorf("%s: body of %d bytes differs from the embedded file", name, rec.Body.Len())
		}
		if cc := rec.Header().Get("Cache-Control"); cc != cacheImmutable {
			t.Errorf("%s: Cache-Control %q", name, cc)
		}
		if rec.Header().Get("ETag") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", name, rec.Header())
		}
		// Without the current version the asset may have changed: revalidate.
		if cc := get(t, h, "/graphiql/static/"+name, nil).Header().Get("Cache-Control"); cc != cacheRevalidate {
			t.Errorf("%s unversioned: Cache-Control %q", name, cc)
		}
	}
}

func TestAssetGzipAndETag(t *testing.T) {
	as, err := assets()
	if err != nil {
		t.Fatal(err)
	}
	h := Handler("t", "/graphql")
	for _, name := range wantAssets[2:] {
		target := "/graphiql/static/" + name
		rec := get(t, h, target, http.Header{"Accept-Encoding": {"br, gzip"}})
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not gzipped", name)
			continue
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(plain, as[name].body) {
			t.Errorf("%s: gzipped body differs", name)
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: no Vary: Accept-Encoding", name)
		}
		etag := rec.Header().Get("ETag")
		rec = get(t, h, target, http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {etag}})
		if rec.Code != http.StatusNotModified {
			t.Errorf("%s: If-None-Match gave %d, want 304", name, rec.Code)
		}
		rec = get(t, h, target, http.Header{"Accept-Encoding": {"gzip;q=0"}})
		if rec.Header().Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), as[name].body) {
			t.Errorf("%s: gzip;q=0 still got %q", name, rec.Header().Get("Content-Encoding"))
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                        false,
		"gzip":                    true,
		"gzip, deflate, br, zstd": true,
		"br;q=1.0, GZIP;q=0.5":    true,
		"gzip;q=0":                false,
		"gzip; q=0.000":           false,
		"deflate":                 false,
		"x-gzip":                  false,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestUnknownAssetNotFound(t *testing.T) {
	h := Handler("t", "/graphql")
	for _, target := range []string{
		"/graphiql/static/nope.js",
		"/graphiql/static/README.md",
		"/graphiql/static/",
		"/graphiql/static/graphiql/index.umd.js.map",
		"/graphiql/static/../graphiql.go",
		"/graphiql/static/graphiql",
	} {
		if rec := get(t, h, target, nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, rec.Code)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := Handler("t", "/graphql")
	for _, target := range []string{"/graphiql", "/graphiql/static/app.js"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, target, strings.NewReader("{}")))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("POST %s: status %d, Allow %q", target, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

var assetURLRE = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

// TestMounts loads the page the way a browser does, through a real server,
// for each way of mounting the handler, and fetches every asset it names.
func TestMounts(t *testing.T) {
	h := Handler("t", "/graphql")
	mounts := map[string]struct {
		mux  func() http.Handler
		page string
	}{
		"exact and subtree": {func() http.Handler {
			mux := http.NewServeMux()
			mux.Handle("/graphiql", h)
			mux.Handle("/graphiql/", h)
			return mux
		}, "/graphiql"},
		"exact and subtree, slash": {func() http.Handler {
			mux := http.NewServeMux()
			mux.Handle("/graphiql", h)
			mux.Handle("/graphiql/", h)
			return mux
		}, "/graphiql/"},
		"subtree, redirected": {func() http.Handler {
			mux := http.NewServeMux()
			mux.Handle("/graphiql/", h)
			return mux
		}, "/graphiql"},
		"strip prefix": {func() http.Handler {
			mux := http.NewServeMux()
			s := http.StripPrefix("/graphiql", h)
			mux.Handle("/graphiql", s)
			mux.Handle("/graphiql/", s)
			return mux
		}, "/graphiql"},
		"strip prefix with slash, nested": {func() http.Handler {
			mux := http.NewServeMux()
			mux.Handle("/tools/ide/", http.StripPrefix("/tools/ide/", h))
			return mux
		}, "/tools/ide/"},
	}
	for name, m := range mounts {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(m.mux())
			defer srv.Close()
			resp, err := srv.Client().Get(srv.URL + m.page)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !configRE.Match(body) {
				t.Fatalf("page: status %d\n%s", resp.StatusCode, body)
			}
			urls := assetURLRE.FindAllSubmatch(body, -1)
			if len(urls) != len(wantAssets) {
				t.Errorf("page names %d assets, want %d", len(urls), len(wantAssets))
			}
			for _, u := range urls {
				ref, err := url.Parse(string(u[1]))
				if err != nil {
					t.Fatal(err)
				}
				abs := resp.Request.URL.ResolveReference(ref)
				for _, method := range []string{http.MethodGet, http.MethodHead} {
					req, _ := http.NewRequest(method, abs.String(), nil)
					r, err := srv.Client().Do(req)
					if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(r.Body)
					r.Body.Close()
					if r.StatusCode != http.StatusOK || (method == http.MethodGet && len(b) == 0) {
						t.Errorf("%s %s: status %d, %d bytes", method, abs.Path, r.StatusCode, len(b))
					}
					if want := wantContentType(abs.Path); r.Header.Get("Content-Type") != want {
						t.Errorf("%s %s: Content-Type %q, want %q", method, abs.Path, r.Header.Get("Content-Type"), want)
					}
					if r.Header.Get("Cache-Control") != cacheImmutable {
						t.Errorf("%s %s: Cache-Control %q", method, abs.Path, r.Header.Get("Cache-Control"))
					}
				}
			}
		})
	}
}
