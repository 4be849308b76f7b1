// Package graphiql serves GraphiQL, the in-browser GraphQL IDE, for the
// service's GraphQL endpoint. Every file the page needs (GraphiQL, React and
// ReactDOM, their CSS) is embedded in the binary, so the page works on
// networks without internet access. The page opens with one tab for each
// example query in examples/.
package graphiql

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
)

// staticFS holds the page's browser assets; see static/README.md.
//
//go:embed static
var staticFS embed.FS

// Cache lifetimes: assets requested with their current version are immutable
// (the version changes with their content); the page and unversioned asset
// requests are revalidated on every use.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// staticSegment starts the path of every asset below the page's URL.
const staticSegment = "static/"

// Assets of at least minGzipSize bytes are also kept gzipped, when that
// makes them smaller than maxGzipSizeRatio of their size.
const (
	minGzipSize      = 1024
	maxGzipSizeRatio = 0.9
)

// contentTypes maps the extensions of served assets to their content types.
// Files with other extensions (static/README.md) are not served.
var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

// asset is one embedded file served by the handler.
type asset struct {
	contentType string
	body        []byte
	etag        string
	// gzipped is body compressed with gzip, nil when that would not pay;
	// gzipETag is its entity tag.
	gzipped  []byte
	gzipETag string
	// version changes with the content; the page puts it in the asset's
	// URL so that browsers may cache each version for good.
	version string
}

// assets returns the served files by their path under static/, such as
// "graphiql/graphiql.min.js". It reads and compresses them once.
var assets = sync.OnceValues(func() (map[string]*asset, error) {
	out := map[string]*asset{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ct, ok := contentTypes[path.Ext(p)]
		if path.Base(p) == "LICENSE" {
			ct, ok = "text/plain; charset=utf-8", true
		}
		if !ok {
			return nil
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{
			contentType: ct,
			body:        body,
			version:     hex.EncodeToString(sum[:6]),
		}
		a.etag = `"` + hex.EncodeToString(sum[:16]) + `"`
		if len(body) >= minGzipSize {
			z, err := gzipBytes(body)
			if err != nil {
				return err
			}
			if float64(len(z)) < maxGzipSizeRatio*float64(len(body)) {
				a.gzipped = z
				a.gzipETag = `"` + hex.EncodeToString(sum[:16]) + `-gz"`
			}
		}
		out[strings.TrimPrefix(p, "static/")] = a
		return nil
	})
	return out, err
})

// gzipBytes compresses b with gzip at the best compression.
func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pageTemplate is the HTML page. It has no inline script or style, so a
// Content-Security-Policy of script-src 'self' and style-src 'self' allows
// it: static/app.js reads the settings from the JSON element #config.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
<link rel="stylesheet" href="{{call .Asset "graphiql/graphiql.min.css"}}">
<link rel="stylesheet" href="{{call .Asset "style.css"}}">
<script type="application/json" id="config">{{.Config}}</script>
<script defer src="{{call .Asset "react/react.production.min.js"}}"></script>
<script defer src="{{call .Asset "react-dom/react-dom.production.min.js"}}"></script>
<script defer src="{{call .Asset "graphiql/graphiql.min.js"}}"></script>
<script defer src="{{call .Asset "app.js"}}"></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript.</noscript>
</body>
</html>
`))

// config is what static/app.js reads from the page.
type config struct {
	Endpoint string `json:"endpoint"`
	Tabs     []tab  `json:"tabs"`
}

// tab is one of GraphiQL's default tabs (its defaultTabs prop).
type tab struct {
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
}

// pageData is what pageTemplate renders.
type pageData struct {
	Title  string
	Config config
	// Asset returns the URL of the named asset, relative to the page.
	Asset func(name string) (string, error)
}

// handler serves the page, built once for a title and endpoint, and its assets.
type handler struct {
	title  string
	config config
	assets map[string]*asset
}

// Handler serves GraphiQL for the GraphQL endpoint at endpoint (e.g.
// "/graphql"); endpoint may be relative to the page or absolute. The page
// is titled title and opens with a tab for each example query.
//
// The page loads its assets from static/... below its own URL, so the
// handler must receive that subtree too: mount it with both
// mux.Handle("/graphiql", h) and mux.Handle("/graphiql/", h), or with the
// subtree pattern alone, or behind http.StripPrefix. Mounted on the exact
// path alone, it serves the page but not its assets. Any request whose path
// contains "/static/" is taken for an asset (404 when unknown); any other
// GET or HEAD gets the page. The mount path itself must therefore not
// contain a "static" segment.
//
// Handler panics if the embedded assets or examples cannot be read, which
// the package's tests rule out.
func Handler(title, endpoint string) http.Handler {
	as, err := assets()
	if err != nil {
		panic(fmt.Sprintf("graphiql: reading embedded assets: %v", err))
	}
	exs, err := loadExamples()
	if err != nil {
		panic(fmt.Sprintf("graphiql: reading examples: %v", err))
	}
	h := &handler{
		title:  title,
		config: config{Endpoint: endpoint, Tabs: make([]tab, len(exs))},
		assets: as,
	}
	for i, ex := range exs {
		h.config.Tabs[i] = tab{Query: ex.Query, Variables: ex.Variables}
	}
	return h
}

// ServeHTTP serves the page or one of its assets.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if name, ok := assetName(r.URL.Path); ok {
		a := h.assets[name]
		if a == nil {
			http.NotFound(w, r)
			return
		}
		serveAsset(w, r, a)
		return
	}
	h.servePage(w, r)
}

// assetName returns the part of p after its last "static/", and whether p
// has a "static" segment followed by a slash at all.
func assetName(p string) (string, bool) {
	p = "/" + strings.TrimPrefix(p, "/")
	i := strings.LastIndex(p, "/"+staticSegment)
	if i < 0 {
		return "", false
	}
	return p[i+1+len(staticSegment):], true
}

// serveAsset writes a, gzipped when the client accepts it, and answers
// conditional and range requests.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset) {
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	hd.Set("X-Content-Type-Options", "nosniff")
	if r.URL.Query().Get("v") == a.version {
		hd.Set("Cache-Control", cacheImmutable)
	} else {
		hd.Set("Cache-Control", cacheRevalidate)
	}
	body, etag := a.body, a.etag
	if a.gzipped != nil {
		hd.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body, etag = a.gzipped, a.gzipETag
			hd.Set("Content-Encoding", "gzip")
		}
	}
	hd.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding header value allows gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") && strings.Trim(strings.TrimSpace(v), "0.") == "" {
				return false
			}
		}
		return true
	}
	return false
}

// servePage renders the HTML page, with asset URLs relative to the request.
func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	prefix := assetPrefix(r)
	data := pageData{
		Title:  h.title,
		Config: h.config,
		Asset: func(name string) (string, error) {
			a := h.assets[name]
			if a == nil {
				return "", fmt.Errorf("graphiql: no asset %q", name)
			}
			return prefix + name + "?v=" + a.version, nil
		},
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, data); err != nil {
		http.Error(w, "graphiql: rendering the page failed", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", cacheRevalidate)
	hd.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(buf.Bytes())
}

// assetPrefix returns the URL of the page's static/ folder relative to the
// page as the browser sees it. It reads the path from the request line,
// which http.StripPrefix leaves as it was: "/graphiql" gives
// "./graphiql/static/", "/graphiql/" gives "./static/".
func assetPrefix(r *http.Request) string {
	p := r.URL.EscapedPath()
	if r.RequestURI != "" {
		if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
			p = u.EscapedPath()
		}
	}
	if p == "" || strings.HasSuffix(p, "/") {
		return "./" + staticSegment
	}
	return "./" + p[strings.LastIndex(p, "/")+1:] + "/" + staticSegment
}
