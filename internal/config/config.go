// Package config reads civicgraph's settings from, in rising priority,
// defaults, the file civicgraph.yaml, CIVICGRAPH_* environment variables and
// command-line flags. Every setting is declared once, in Settings, so that
// flags, documentation and defaults cannot drift apart.
package config

import (
	"fmt"
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
	{"cors.allowed_origins", []string{}, "browser origins allowed to call the API (comma-separated; empty: none)"},
	{"graphql.introspection", true, "answer schema introspection queries"},
	{"graphql.graphiql", true, "serve GraphiQL at /graphiql"},
	{"graphql.complexity_limit", 20000, "highest query complexity accepted (each list field costs its page size times its children)"},
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
	} `mapstructure:"http"`
	CORS struct {
		AllowedOrigins []string `mapstructure:"allowed_origins"`
	} `mapstructure:"cors"`
	GraphQL struct {
		Introspection   bool `mapstructure:"introspection"`
		GraphiQL        bool `mapstructure:"graphiql"`
		ComplexityLimit int  `mapstructure:"complexity_limit"`
	} `mapstructure:"graphql"`
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
	v.SetConfigName("civicgraph")
	v.SetConfigType("yaml")
	v.AddConfigPath(".")
	v.AddConfigPath("/etc/civicgraph")
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
	if file != "" {
		v.SetConfigFile(file)
	}
	if err := v.ReadInConfig(); err != nil {
		if _, missing := err.(viper.ConfigFileNotFoundError); !missing || file != "" {
			return c, fmt.Errorf("config: reading %s: %w", v.ConfigFileUsed(), err)
		}
	}
	if err := v.Unmarshal(&c); err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	c.CORS.AllowedOrigins = splitList(c.CORS.AllowedOrigins)
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
	for _, o := range c.CORS.AllowedOrigins {
		if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			return fmt.Errorf("config: cors origin %q must be * or start with http:// or https://", o)
		}
	}
	return nil
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
