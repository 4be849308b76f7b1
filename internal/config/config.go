// Package config reads civicgraph's settings from, in rising priority,
// defaults, the file civicgraph.yaml, CIVICGRAPH_* environment variables and
// command-line flags. Every setting is declared once, in Settings, so that
// flags, documentation and defaults cannot drift apart.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// EnvPrefix prefixes every environment variable: http.addr is CIVICGRAPH_HTTP_ADDR.
const EnvPrefix = "CIVICGRAPH"

// Setting is one configuration key.
type Setting struct {
	Key     string // dotted key, as in civicgraph.yaml
	Default any
	Usage   string
}

// Env returns the environment variable that sets s.
func (s Setting) Env() string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(s.Key, ".", "_"))
}

// Flag returns the command-line flag that sets s.
func (s Setting) Flag() string {
	return strings.NewReplacer(".", "-", "_", "-").Replace(s.Key)
}

// Settings lists every setting.
var Settings = []Setting{
	{"http.addr", ":8080", "address the HTTP server listens on"},
	{"http.shutdown_timeout", 15 * time.Second, "how long in-flight requests may finish on shutdown"},
	{"http.request_timeout", 15 * time.Second, "longest a GraphQL request may take, its Neo4j transactions included"},
	{"http.max_body_bytes", 1 << 20, "largest request body accepted, in bytes"},
	{"http.max_in_flight", 0, "GraphQL requests executed at once; more wait their turn (0: 8 per CPU)"},
	{"http.trusted_proxies", []string{}, "addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (comma-separated)"},
	{"cors.allowed_origins", []string{}, "browser origins allowed to call the API (comma-separated; empty: none)"},
	{"graphql.introspection", true, "answer schema introspection queries"},
	{"graphql.graphiql", true, "serve GraphiQL at /graphiql"},
	{"graphql.complexity_limit", 20000, "highest query complexity accepted (each list field costs its page size times its children)"},
	{"graphql.max_depth", 15, "deepest nesting of fields accepted (introspection excepted)"},
	{"graphql.max_aliases", 100, "most aliased fields in one request"},
	{"graphql.max_fields", 1000, "most fields in one request, counting each use of a fragment"},
	{"graphql.max_tokens", 10000, "most lexical tokens in one query document"},
	{"graphql.max_batch", 10, "most operations in one batched (JSON array) request"},
	{"graphql.persisted_queries", "", "a .graphql file or a directory of them whose documents clients may send by SHA-256 hash"},
	{"graphql.persisted_only", false, "accept only the documents in graphql.persisted_queries (allow-list mode for production)"},
	{"ratelimit.ip_rps", 20, "requests per second allowed from one address without credentials (0: no limit)"},
	{"ratelimit.ip_burst", 40, "requests one address may make at once before ratelimit.ip_rps applies"},
	{"ratelimit.key_rps", 100, "requests per second allowed per API key or token subject (0: no limit)"},
	{"ratelimit.key_burst", 200, "requests one key may make at once before ratelimit.key_rps applies"},
	{"auth.jwt.secret", "", "HS256 secret of accepted bearer tokens, at least 32 bytes (prefer the environment variable)"},
	{"auth.jwt.jwks_file", "", "JSON Web Key Set file with the RS256 keys of accepted bearer tokens"},
	{"auth.jwt.issuer", "", "issuer (iss) accepted tokens must have"},
	{"auth.jwt.audience", "", "audience (aud) accepted tokens must include"},
	{"auth.jwt.role_claim", "role", "token claim holding the caller's role (public, champion, editor, admin)"},
	{"auth.key_cache_ttl", 30 * time.Second, "how long API key lookups are cached; a revoked key stops working within this time"},
	{"neo4j.uri", "", "Neo4j URI (bolt://, neo4j:// for clusters and Aura); empty: start a managed local Neo4j"},
	{"neo4j.user", "neo4j", "Neo4j user"},
	{"neo4j.password", "", "Neo4j password; empty: connect without authentication"},
	{"neo4j.database", "neo4j", "Neo4j database"},
	{"neo4j.query_timeout", 30 * time.Second, "longest a Neo4j transaction may run"},
	{"neo4j.local.dir", "", "where the managed Neo4j is installed and keeps its data (default: the user cache directory)"},
	{"neo4j.local.bolt_port", 7687, "Bolt port of the managed Neo4j"},
	{"neo4j.local.heap", "768m", "JVM heap of the managed Neo4j"},
	{"neo4j.local.pagecache", "256m", "page cache of the managed Neo4j"},
	{"log.level", "info", "log level: debug, info, warn or error"},
	{"log.format", "text", "log format: text or json"},
	{"discovery.suggestion_weights", "", "partner suggestion weights overriding the defaults, as key=value pairs such as \"shared_theme=3,range_km=8\" (see README)"},
}

// Config is the typed view of the settings.
type Config struct {
	HTTP struct {
		Addr            string        `mapstructure:"addr"`
		ShutdownTimeout time.Duration `mapstructure:"shutdown_timeout"`
		RequestTimeout  time.Duration `mapstructure:"request_timeout"`
		MaxBodyBytes    int           `mapstructure:"max_body_bytes"`
		MaxInFlight     int           `mapstructure:"max_in_flight"`
		TrustedProxies  []string      `mapstructure:"trusted_proxies"`
	} `mapstructure:"http"`
	CORS struct {
		AllowedOrigins []string `mapstructure:"allowed_origins"`
	} `mapstructure:"cors"`
	GraphQL struct {
		Introspection    bool   `mapstructure:"introspection"`
		GraphiQL         bool   `mapstructure:"graphiql"`
		ComplexityLimit  int    `mapstructure:"complexity_limit"`
		MaxDepth         int    `mapstructure:"max_depth"`
		MaxAliases       int    `mapstructure:"max_aliases"`
		MaxFields        int    `mapstructure:"max_fields"`
		MaxTokens        int    `mapstructure:"max_tokens"`
		MaxBatch         int    `mapstructure:"max_batch"`
		PersistedQueries string `mapstructure:"persisted_queries"`
		PersistedOnly    bool   `mapstructure:"persisted_only"`
	} `mapstructure:"graphql"`
	RateLimit struct {
		IPRPS    int `mapstructure:"ip_rps"`
		IPBurst  int `mapstructure:"ip_burst"`
		KeyRPS   int `mapstructure:"key_rps"`
		KeyBurst int `mapstructure:"key_burst"`
	} `mapstructure:"ratelimit"`
	Auth struct {
		JWT struct {
			Secret    string `mapstructure:"secret"`
			JWKSFile  string `mapstructure:"jwks_file"`
			Issuer    string `mapstructure:"issuer"`
			Audience  string `mapstructure:"audience"`
			RoleClaim string `mapstructure:"role_claim"`
		} `mapstructure:"jwt"`
		KeyCacheTTL time.Duration `mapstructure:"key_cache_ttl"`
	} `mapstructure:"auth"`
	Neo4j struct {
		URI          string        `mapstructure:"uri"`
		User         string        `mapstructure:"user"`
		Password     string        `mapstructure:"password"`
		Database     string        `mapstructure:"database"`
		QueryTimeout time.Duration `mapstructure:"query_timeout"`
		Local        struct {
			Dir       string `mapstructure:"dir"`
			BoltPort  int    `mapstructure:"bolt_port"`
			Heap      string `mapstructure:"heap"`
			PageCache string `mapstructure:"pagecache"`
		} `mapstructure:"local"`
	} `mapstructure:"neo4j"`
	Log struct {
		Level  string `mapstructure:"level"`
		Format string `mapstructure:"format"`
	} `mapstructure:"log"`
	Discovery struct {
		SuggestionWeights string `mapstructure:"suggestion_weights"`
	} `mapstructure:"discovery"`
}

// New returns a viper instance with every setting's default and environment
// variable bound, reading civicgraph.yaml from the working directory or
// /etc/civicgraph if present.
func New() *viper.Viper {
	v := viper.New()
	v.SetConfigType("yaml")
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	for _, s := range Settings {
		v.SetDefault(s.Key, s.Default)
		_ = v.BindEnv(s.Key, s.Env())
	}
	return v
}

// AddFlags declares a flag for every setting on fs and binds it to v.
func AddFlags(fs *pflag.FlagSet, v *viper.Viper) {
	for _, s := range Settings {
		usage := fmt.Sprintf("%s (env %s)", s.Usage, s.Env())
		switch d := s.Default.(type) {
		case string:
			fs.String(s.Flag(), d, usage)
		case bool:
			fs.Bool(s.Flag(), d, usage)
		case int:
			fs.Int(s.Flag(), d, usage)
		case time.Duration:
			fs.Duration(s.Flag(), d, usage)
		case []string:
			fs.StringSlice(s.Flag(), d, usage)
		}
		_ = v.BindPFlag(s.Key, fs.Lookup(s.Flag()))
	}
	fs.String("config", "", "path of a civicgraph.yaml to read")
}

// Load reads the configuration file (the one named by --config, or
// civicgraph.yaml if present) and returns the typed configuration.
func Load(v *viper.Viper, file string) (Config, error) {
	var c Config
	if file == "" {
		file = defaultFile()
	}
	if file != "" {
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return c, fmt.Errorf("config: reading %s: %w", file, err)
		}
	}
	if err := v.Unmarshal(&c); err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	c.CORS.AllowedOrigins = splitList(c.CORS.AllowedOrigins)
	c.HTTP.TrustedProxies = splitList(c.HTTP.TrustedProxies)
	return c, c.Validate()
}

// Validate checks values that would otherwise fail later and less clearly.
func (c Config) Validate() error {
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config: log.level %q is not debug, info, warn or error", c.Log.Level)
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		return fmt.Errorf("config: log.format %q is not text or json", c.Log.Format)
	}
	if c.GraphQL.ComplexityLimit <= 0 {
		return fmt.Errorf("config: graphql.complexity_limit must be positive")
	}
	if err := c.validateLimits(); err != nil {
		return err
	}
	for _, o := range c.CORS.AllowedOrigins {
		if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			return fmt.Errorf("config: cors origin %q must be * or start with http:// or https://", o)
		}
	}
	return nil
}

// defaultFile returns the first civicgraph.yaml found in the working
// directory or /etc/civicgraph, or "". (Viper's own search would also take
// a file named just "civicgraph", such as the binary itself.)
func defaultFile() string {
	for _, dir := range []string{".", "/etc/civicgraph"} {
		p := filepath.Join(dir, "civicgraph.yaml")
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	return ""
}

// splitList accepts both lists and comma-separated strings (as environment
// variables give them) and drops empty items.
func splitList(in []string) []string {
	var out []string
	for _, item := range in {
		for _, s := range strings.Split(item, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
