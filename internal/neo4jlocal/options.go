// Package neo4jlocal installs and runs a private Neo4j Community server as a
// child process, so that the CLI, local development, tests, CI and
// benchmarks all talk to the same Neo4j version without a container runtime
// or a system-wide installation.
//
// Neo4j is fetched from Maven Central with mvn (the server is an ordinary
// set of jars) and started with java directly, bypassing Neo4j's shell
// launcher, so that this package owns the JVM's flags, its process group
// and its lifetime. Everything a running server writes (store files, logs,
// pid file) lives under its data directory; the install itself is shared
// and read-only once complete, so any number of servers can run from it at
// once.
package neo4jlocal

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// DefaultVersion is the Neo4j release that is installed when
// Options.Version is empty. It must stay on a line that still runs on
// Java 17: calendar-versioned releases (2025.x and later) need Java 21.
const DefaultVersion = "5.26.30"

// HomeEnv names the environment variable that overrides the default cache
// root (Options.Dir), so CI can point it at a cached directory.
const HomeEnv = "CIVICGRAPH_NEO4J_HOME"

// URIEnv names the environment variable through which Exec hands the Bolt
// URI of its server to the command it runs.
const URIEnv = "CIVICGRAPH_NEO4J_URI"

// Defaults for Options. Memory is deliberately small: several servers may run
// at once on a developer machine or a CI runner.
const (
	DefaultHeapMax      = "768m"
	DefaultPageCache    = "256m"
	DefaultStartTimeout = 120 * time.Second
)

// Options configures Install, Start and Exec. The zero value is usable: it
// installs DefaultVersion into the user's cache directory and starts a
// server with persistent data there, on a free port.
type Options struct {
	// Dir is the cache root that holds installs (one subdirectory per
	// version) and, by default, the data directory. Empty means
	// $CIVICGRAPH_NEO4J_HOME, or else os.UserCacheDir()/civicgraph/neo4j.
	Dir string
	// Version is the Neo4j version to install and run. Empty means
	// DefaultVersion.
	Version string
	// DataDir holds the database files, logs (in DataDir/logs) and pid
	// file of one server. Empty means Dir/data, which persists across
	// runs; tests should pass a temporary directory. Only one server may
	// use a DataDir at a time.
	DataDir string
	// BoltPort is the port Bolt listens on at 127.0.0.1. Zero picks a free
	// port.
	BoltPort int
	// HeapMax is the JVM heap size (-Xms and -Xmx), in java's syntax
	// ("768m", "2g"). Empty means DefaultHeapMax.
	HeapMax string
	// PageCache is Neo4j's page cache size (server.memory.pagecache.size).
	// Empty means DefaultPageCache.
	PageCache string
	// StartTimeout bounds how long Start waits for Bolt to answer. Zero
	// means DefaultStartTimeout.
	StartTimeout time.Duration
	// Logger receives progress messages. Nil means slog.Default().
	Logger *slog.Logger
	// PluginsDir is a directory of procedure jars (such as APOC) for
	// Neo4j to load (server.directories.plugins); like Neo4j's own
	// launcher, Start also puts them on the classpath. Empty means none.
	PluginsDir string
	// Settings are further Neo4j settings as "key=value", applied after
	// this package's own so that they can override them, such as
	// "dbms.security.procedures.unrestricted=apoc.*".
	Settings []string
}

// errUnsupportedPlatform is returned where the process-group and flock
// handling this package relies on is not available.
var errUnsupportedPlatform = errors.New("neo4jlocal: managed Neo4j is only supported on Unix-like systems")

// versionRE restricts versions to what Maven versions look like, because the
// version is written into a pom and used as a directory name.
var versionRE = regexp.MustCompile(`^[0-9]+(\.[0-9A-Za-z]+)+(-[0-9A-Za-z.]+)?$`)

// memRE matches the memory sizes java's -Xmx accepts, so a typo is reported
// here rather than as a JVM that refuses to start.
var memRE = regexp.MustCompile(`^[0-9]+[kKmMgG]?$`)

// settingRE matches Neo4j setting names, which are dotted lowercase words.
var settingRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// withDefaults returns a copy of o with every empty field filled in and
// every field checked.
func (o Options) withDefaults() (Options, error) {
	if o.Dir == "" {
		o.Dir = os.Getenv(HomeEnv)
	}
	if o.Dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return o, fmt.Errorf("neo4jlocal: no cache directory (set %s): %w", HomeEnv, err)
		}
		o.Dir = filepath.Join(cache, "civicgraph", "neo4j")
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return o, fmt.Errorf("neo4jlocal: cache dir: %w", err)
	}
	o.Dir = dir
	if o.Version == "" {
		o.Version = DefaultVersion
	}
	if !versionRE.MatchString(o.Version) {
		return o, fmt.Errorf("neo4jlocal: invalid version %q", o.Version)
	}
	if o.DataDir == "" {
		o.DataDir = filepath.Join(o.Dir, "data")
	}
	// Neo4j resolves relative directories against its home, not our
	// working directory, so hand it an absolute path.
	data, err := filepath.Abs(o.DataDir)
	if err != nil {
		return o, fmt.Errorf("neo4jlocal: data dir: %w", err)
	}
	o.DataDir = data
	if o.BoltPort < 0 || o.BoltPort > 65535 {
		return o, fmt.Errorf("neo4jlocal: invalid bolt port %d", o.BoltPort)
	}
	if o.HeapMax == "" {
		o.HeapMax = DefaultHeapMax
	}
	if !memRE.MatchString(o.HeapMax) {
		return o, fmt.Errorf("neo4jlocal: invalid heap size %q (want e.g. 768m)", o.HeapMax)
	}
	if o.PageCache == "" {
		o.PageCache = DefaultPageCache
	}
	if !memRE.MatchString(o.PageCache) {
		return o, fmt.Errorf("neo4jlocal: invalid page cache size %q (want e.g. 256m)", o.PageCache)
	}
	if o.StartTimeout < 0 {
		return o, errors.New("neo4jlocal: negative start timeout")
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	if o.PluginsDir != "" {
		plugins, err := filepath.Abs(o.PluginsDir)
		if err != nil {
			return o, fmt.Errorf("neo4jlocal: plugins dir: %w", err)
		}
		o.PluginsDir = plugins
	}
	for _, kv := range o.Settings {
		if k, _, ok := strings.Cut(kv, "="); !ok || !settingRE.MatchString(k) {
			return o, fmt.Errorf("neo4jlocal: invalid setting %q (want key=value)", kv)
		}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	o.Logger = o.Logger.With("pkg", "neo4jlocal")
	return o, nil
}

// installDir is where Install puts version v under the cache root. The
// prefix keeps it apart from the default data directory.
func installDir(dir, version string) string {
	return filepath.Join(dir, "neo4j-"+version)
}
