#!/usr/bin/env bash
# The load test: `civicgraph serve` on the demo city, over a fresh managed
# Neo4j, driven by CLIENTS concurrent clients (default 200) for DURATION
# (default 60s) on a mixed query set. Prints throughput, p50/p90/p99
# latency, errors, and the service's RSS and heap over time.
#
# All clients come from one address, so the per-address rate limit is
# switched off for the run; everything else is as configured by default.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLIENTS=${CLIENTS:-200}
DURATION=${DURATION:-60s}
PORT=${PORT:-18080}

if [[ "${1:-}" != "--inside" ]]; then
	go build -o bin/civicgraph ./cmd/civicgraph
	go build -o bin/load ./bench/load
	# A fresh Neo4j on a free port; CIVICGRAPH_NEO4J_URI points at it.
	exec bin/civicgraph neo4j exec -- "$0" --inside
fi

export CIVICGRAPH_RATELIMIT_IP_RPS=0 CIVICGRAPH_LOG_LEVEL=warn
bin/civicgraph serve --demo --http-addr "127.0.0.1:$PORT" &
serve=$!
trap 'kill $serve 2>/dev/null; wait $serve 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
	if curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null; then break; fi
	sleep 1
done
curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null || { echo "the service did not get ready"; exit 1; }
echo "load: $CLIENTS clients for $DURATION against civicgraph serve (pid $serve) on the demo city"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bin/load -url "http://127.0.0.1:$PORT" -clients "$CLIENTS" -duration "$DURATION"
