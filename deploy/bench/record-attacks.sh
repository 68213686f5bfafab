#!/usr/bin/env bash
# Attacks recorded per second through the command gateway (1 and 8 client threads), against a bare
# Axon aggregate and raw JDBC inserts measured in the same run. See docs/benchmarks.md.
#
#   deploy/bench/record-attacks.sh [--seconds=10] [--warmup=2] [--initial-warmup=10] [--rounds=3] [--threads=1,8] [--keep=false]
#
# Diagnostics (never the reported figure): --pool=true, --diagnose=true, --lines=bareAxon,... (tejido always runs), --node.<spring.property>=<value>.
# Extra JVM options through BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=bench.jfr'.
set -euo pipefail
cd "$(dirname "$0")/../.."

classpath_file="$PWD/node/target/bench-classpath.txt"
# One invocation, so that the reactor hands node the compiled federation-proto classes.
./mvnw -B -q -pl node -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

changes=""
git diff --quiet HEAD -- node 2>/dev/null || changes=" + uncommitted changes under node/"
echo "tree: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$changes"
echo "uptime before: $(uptime)"

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} \
    -cp "node/target/test-classes:node/target/classes:$(cat "$classpath_file")" \
    org.tejido.bench.RecordAttackBenchmark "$@"
