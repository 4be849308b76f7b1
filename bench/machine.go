package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Machine describes where the benchmark ran.
type Machine struct {
	CPU    string
	Cores  int
	Memory string
	Kernel string
}

// ReadMachine reads the machine's description from /proc.
func ReadMachine() Machine {
	m := Machine{Cores: runtime.NumCPU()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				if n, err := parseKB(v); err == nil {
					m.Memory = fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
				}
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	return m
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// commandLine returns a process's command line, with a long classpath
// shortened.
func commandLine(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return "?"
	}
	args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
	for i := range args {
		if i > 0 && args[i-1] == "-cp" {
			parts := filepath.SplitList(args[i])
			for j, part := range parts {
				parts[j] = filepath.Base(filepath.Dir(part)) + "/*"
			}
			args[i] = strings.Join(parts, string(filepath.ListSeparator))
		}
	}
	return strings.Join(args, " ")
}

// ReadParams samples the loaded city for request variables and counts it.
func ReadParams(ctx context.Context, d neo4j.DriverWithContext) (*Params, map[string]int64, error) {
	p := &Params{}
	run := func(cypher string) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, d, cypher, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}
	col := func(cypher string) ([]string, error) {
		recs, err := run(cypher)
		var out []string
		for _, r := range recs {
			out = append(out, r.Values[0].(string))
		}
		return out, err
	}
	var err error
	// IDs are hashes, so the first ones by ID are a fair, fixed sample.
	if p.OrgIDs, err = col("MATCH (o:Organisation) RETURN o.id ORDER BY o.id LIMIT 500"); err != nil {
		return nil, nil, err
	}
	if p.WardIDs, err = col("MATCH (a:Area {kind: 'ward'}) RETURN a.id ORDER BY a.id"); err != nil {
		return nil, nil, err
	}
	if p.Themes, err = col("MATCH (t:Theme) RETURN t.slug ORDER BY t.slug"); err != nil {
		return nil, nil, err
	}
	recs, err := run("MATCH (o:Organisation) WHERE o.location IS NOT NULL RETURN o.location.latitude, o.location.longitude ORDER BY o.id LIMIT 500")
	if err != nil {
		return nil, nil, err
	}
	for _, r := range recs {
		lat, _ := r.Values[0].(float64)
		lon, _ := r.Values[1].(float64)
		p.Points = append(p.Points, Point{Latitude: lat, Longitude: lon})
	}
	if len(p.OrgIDs) < 2 || len(p.Points) == 0 || len(p.WardIDs) == 0 || len(p.Themes) < 2 {
		return nil, nil, fmt.Errorf("bench: the database holds no city")
	}
	counts := map[string]int64{}
	recs, err = run(`CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations }
CALL () { MATCH (p:Person) RETURN count(p) AS people }
CALL () { MATCH (a:Asset) RETURN count(a) AS assets }
CALL () { MATCH ()-[c:COLLABORATES_WITH]->() RETURN count(c) AS collaborations }
CALL () { MATCH (o:Organisation) RETURN max(COUNT { (o)-[:COLLABORATES_WITH]-() }) AS maxDegree }
RETURN organisations, people, assets, collaborations, maxDegree`)
	if err != nil {
		return nil, nil, err
	}
	for i, k := range recs[0].Keys {
		counts[k], _ = recs[0].Values[i].(int64)
	}
	return p, counts, nil
}

// neoVersions records Neo4j's and APOC's versions as the server reports them.
func neoVersions(ctx context.Context, d neo4j.DriverWithContext, v map[string]string) {
	res, err := neo4j.ExecuteQuery(ctx, d, "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err == nil && len(res.Records) > 0 {
		v["Neo4j"], _ = res.Records[0].Values[0].(string)
	}
	res, err = neo4j.ExecuteQuery(ctx, d, "RETURN apoc.version() AS v", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err == nil && len(res.Records) > 0 {
		v["APOC core"], _ = res.Records[0].Values[0].(string)
	} else {
		v["APOC core"] = fmt.Sprintf("not loaded (%v)", err)
	}
}

// toolVersions records the versions of everything else that ran.
func toolVersions(c Config, v map[string]string) {
	v["Go"] = runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == "github.com/neo4j/neo4j-go-driver/v5" {
				v["neo4j-go-driver (civicgraph, floor)"] = dep.Version
			}
		}
	}
	if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		v["civicgraph"] = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("node", "--version").Output(); err == nil {
		v["Node.js"] = strings.TrimSpace(string(out))
	}
	for _, pkg := range []string{"@neo4j/graphql", "@apollo/server", "graphql", "neo4j-driver"} {
		b, err := os.ReadFile(filepath.Join(c.NodeDir, "node_modules", pkg, "package.json"))
		var meta struct{ Version string }
		if err == nil && json.Unmarshal(b, &meta) == nil {
			v[pkg] = meta.Version
		}
	}
	if out, err := exec.Command("java", "-version").CombinedOutput(); err == nil {
		v["Java"] = strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0]
	}
}

// decode decodes JSON data into plain values.
func decode(raw json.RawMessage) any {
	var v any
	_ = json.Unmarshal(raw, &v)
	return v
}
