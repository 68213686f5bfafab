#!/usr/bin/env bash
# Entries per second from a node's log to verified and stored at the aggregator (gRPC, mutual TLS),
# against raw JDBC batched inserts (100 per transaction) measured in the same run. See docs/benchmarks.md.
#
#   deploy/bench/federation-push.sh [--entries=20000] [--rounds=3] [--keep=false]
#
# Both databases (several GB at 200,000 entries) are deleted at the end unless --keep=true.
set -euo pipefail
cd "$(dirname "$0")/../.."

classpath_file="$PWD/node/target/bench-classpath.txt"
# One invocation, so that the reactor hands node the compiled federation-proto classes.
./mvnw -B -q -pl node -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

echo "tree: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "uptime before: $(uptime)"

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} \
    -cp "node/target/test-classes:node/target/classes:federation-proto/target/classes:$(cat "$classpath_file")" \
    org.tejido.bench.FederationPushBenchmark "$@"
