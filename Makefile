# The README's commands. Everything a target needs is installed on first use:
# Go modules by the go command, the managed Neo4j (from Maven Central) by
# civicgraph itself.

GO       ?= go
CIVIC     = $(GO) run ./cmd/civicgraph
# Tests share one managed Neo4j on a fresh database; packages run one at a
# time because each resets the database it uses.
GOTEST    = $(GO) test -p 1 -count=1
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run test build generate check lint fmt bench bench-go bench-import bench-discovery fuzz load clean

## run: serve the API with the demo city on http://localhost:8080 (GraphiQL at /graphiql)
run:
	$(CIVIC) serve --demo

## test: run every test against a real, managed Neo4j
test:
	$(CIVIC) neo4j exec -- $(GOTEST) ./...

## build: build the binary into bin/
build:
	$(GO) build -o bin/civicgraph ./cmd/civicgraph

## generate: regenerate the gqlgen code from schema/*.graphqls
generate:
	$(GO) tool gqlgen generate

## check: generated code is current, code is formatted, vetted and linted
check: lint
	$(GO) tool gqlgen generate
	git diff --exit-code -- graph gqlgen.yml || (echo "generated code is stale: run make generate" && exit 1)

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go') && echo "gofmt: files above need formatting" && exit 1)
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench-go: Go benchmarks of the core queries on the demo city
bench-go:
	$(CIVIC) neo4j exec -- $(GO) test -p 1 -run '^$$' -bench . -benchmem ./internal/server/

## bench: civicgraph against the floor (hand-written Cypher) and @neo4j/graphql; writes bench/RESULTS.md (SIZE=S|M|L, default M; other sizes write bench/RESULTS-SIZE.md)
SIZE ?= M
BENCH_FLAGS ?=
bench:
	$(GO) build -o bin/civicgraph ./cmd/civicgraph
	$(GO) build -o bin/bench ./bench/cmd/bench
	cd bench/neo4j-graphql && npm ci --no-audit --no-fund --loglevel=error
	bin/bench run -size $(SIZE) -civicgraph bin/civicgraph $(BENCH_FLAGS)

## bench-import: import speed and memory for generated files of 100k and 400k rows
bench-import:
	$(CIVIC) neo4j exec -- $(GO) run ./bench/import -rows 100000,400000

## bench-registers: the registers' queries on a synthetic city (SIZE=S, M or L; M unless given); wipes its database
.PHONY: bench-registers
bench-registers:
	$(CIVIC) neo4j exec -- $(GO) test -run '^$$' -bench . ./bench/registers -args -size $(or $(SIZE),M)

## fuzz: run every fuzz target for FUZZTIME (default 200000x: 200,000 inputs) each; no Neo4j needed
# A count, not a duration: Go 1.26's fuzzing coordinator can report a spurious
# "context deadline exceeded" failure when a duration runs out while a worker is
# busy (go.dev/issue/75804, fixed in Go 1.27). A count has no deadline to race.
# Add a package here when it gets fuzz targets.
FUZZTIME ?= 200000x
FUZZ_PKGS = ./internal/civic ./graph/scalar ./internal/auth ./internal/server ./internal/importer
fuzz:
	@for pkg in $(FUZZ_PKGS); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "--- $$target ($$pkg, $(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

## load: 200 clients for 60s on the demo city against civicgraph serve (CLIENTS=, DURATION= to change)
load:
	bench/load/run.sh

## bench-discovery: benchmarks of nearby, suggestions and search on the synthetic city of size M
bench-discovery:
	$(CIVIC) neo4j exec -- $(GO) test -p 1 -run '^$$' -bench . -benchtime 300x -timeout 30m ./internal/discovery/

clean:
	rm -rf bin
