package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// APOCVersion is the APOC core release loaded into the benchmark's Neo4j
// for @neo4j/graphql: the newest 5.26 release on Maven Central. From
// 5.26.6 on it is published as a plain jar with its dependencies
// (apoc-common, opencsv, RoaringBitmap) instead of one self-contained
// "core" jar.
const APOCVersion = "5.26.19"

const apocPom = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.civicgraph</groupId>
  <artifactId>bench-apoc</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j.procedure</groupId>
      <artifactId>apoc-core</artifactId>
      <version>%[1]s</version>
    </dependency>
    <!-- apoc-core's published pom leaves out the classes it shares with
         APOC extended (apoc.result...), which Neo4j needs to load it. -->
    <dependency>
      <groupId>org.neo4j.procedure</groupId>
      <artifactId>apoc-common</artifactId>
      <version>%[1]s</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
`

// InstallAPOC downloads APOC core and its dependencies with mvn into
// dir/plugins (once) and returns that directory, for Neo4j's plugins.
func InstallAPOC(ctx context.Context, dir string) (string, error) {
	plugins := filepath.Join(dir, "plugins")
	stamp := filepath.Join(dir, "installed")
	if _, err := os.Stat(stamp); err == nil {
		return plugins, nil
	}
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "pom.xml"), fmt.Appendf(nil, apocPom, APOCVersion), 0o644); err != nil {
		return "", err
	}
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "mvn", "-q", "-B", "dependency:copy-dependencies",
		"-DoutputDirectory=plugins", "-DincludeScope=runtime")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("bench: mvn failed to download APOC %s: %w\n%s", APOCVersion, err, out.String())
	}
	if err := os.WriteFile(stamp, []byte(APOCVersion+"\n"), 0o644); err != nil {
		return "", err
	}
	return plugins, nil
}
