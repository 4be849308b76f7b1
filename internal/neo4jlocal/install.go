package neo4jlocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// stampFile marks an install as complete. It is written only after mvn has
// succeeded and the jars are in place, so an install interrupted half-way
// (killed process, full disk, network failure) has no stamp and is redone
// from scratch on the next call.
const stampFile = "installed"

// dependencyPluginVersion pins the Maven plugin that copies the jars:
// without a pin, each Maven release picks its own (old) default.
const dependencyPluginVersion = "3.8.1"

// pomTemplate describes a project with no code of its own whose only
// purpose is to resolve Neo4j and its runtime dependencies.
const pomTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.civicgraph</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>%s</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>%s</version>
      </plugin>
    </plugins>
  </build>
</project>
`

// Install makes sure Neo4j o.Version is installed under o.Dir and returns
// the install directory. It is idempotent and cheap once the install is
// complete. Several processes may call it at once: they serialise on a
// lock file, and the ones that waited find the install done.
//
// Installing needs mvn (and java, which mvn runs on) on PATH and access to
// Maven Central or a mirror configured in Maven's settings; the jars come
// through the local Maven repository (~/.m2), so a later install of the
// same version is fast even if the cache root was deleted.
func Install(ctx context.Context, o Options) (string, error) {
	o, err := o.withDefaults()
	if err != nil {
		return "", err
	}
	return install(ctx, o)
}

// install is Install for options that already have their defaults.
func install(ctx context.Context, o Options) (string, error) {
	dir := installDir(o.Dir, o.Version)
	if installed(dir) {
		return dir, nil
	}
	if !supported {
		return "", errUnsupportedPlatform
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return "", fmt.Errorf("neo4jlocal: create cache dir: %w", err)
	}
	lk, err := lock(ctx, filepath.Join(o.Dir, "neo4j-"+o.Version+".lock"), func() {
		o.Logger.Info("waiting for another process to finish installing Neo4j", "version", o.Version)
	})
	if err != nil {
		return "", err
	}
	defer func() { _ = lk.unlock() }()
	// Whoever held the lock before us may have completed the install.
	if installed(dir) {
		return dir, nil
	}

	mvn, err := exec.LookPath("mvn")
	if err != nil {
		return "", errors.New("neo4jlocal: mvn not found on PATH; install Maven (and a JDK 17+) to download Neo4j")
	}
	if _, err := exec.LookPath("java"); err != nil {
		return "", errors.New("neo4jlocal: java not found on PATH; install a JDK 17+ to download and run Neo4j")
	}

	start := time.Now()
	o.Logger.Info("installing Neo4j", "version", o.Version, "dir", dir)
	// Anything here is left over from an interrupted install.
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("neo4jlocal: remove incomplete install: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "conf"), 0o755); err != nil {
		return "", fmt.Errorf("neo4jlocal: create install dir: %w", err)
	}
	// Neo4j warns at every start when its config file is missing; all our
	// settings are passed on the command line, so the file stays empty.
	if err := os.WriteFile(filepath.Join(dir, "conf", "neo4j.conf"), nil, 0o644); err != nil {
		return "", fmt.Errorf("neo4jlocal: write neo4j.conf: %w", err)
	}
	pom := fmt.Sprintf(pomTemplate, o.Version, dependencyPluginVersion)
	if err := os.WriteFile(filepath.Join(dir, "pom.xml"), []byte(pom), 0o644); err != nil {
		return "", fmt.Errorf("neo4jlocal: write pom: %w", err)
	}

	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, mvn, "-q", "-B",
		"dependency:copy-dependencies",
		"-DoutputDirectory=lib",
		"-DincludeScope=runtime",
	)
	cmd.Dir = dir
	cmd.Stdout = &out
	cmd.Stderr = &out
	// A Ctrl-C or timeout should not leave Maven running on.
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("neo4jlocal: install Neo4j %s: %w", o.Version, ctx.Err())
		}
		return "", fmt.Errorf("neo4jlocal: mvn failed to download Neo4j %s: %w\n%s",
			o.Version, err, tail(out.String(), 30))
	}
	jar := filepath.Join(dir, "lib", "neo4j-"+o.Version+".jar")
	if _, err := os.Stat(jar); err != nil {
		return "", fmt.Errorf("neo4jlocal: mvn succeeded but %s is missing: %w", filepath.Base(jar), err)
	}
	if err := os.WriteFile(filepath.Join(dir, stampFile), []byte(o.Version+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("neo4jlocal: mark install complete: %w", err)
	}
	o.Logger.Info("installed Neo4j", "version", o.Version, "took", time.Since(start).Round(time.Millisecond))
	return dir, nil
}

// installed reports whether dir holds a complete install.
func installed(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, stampFile))
	return err == nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	s = strings.TrimRight(s, "\n")
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
