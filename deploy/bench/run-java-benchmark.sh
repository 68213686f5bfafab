#!/usr/bin/env bash
# Compiles the node and its test classes, then runs one benchmark program (a main class from the test
# sources) on the test classpath. Used by the scripts beside it; see docs/benchmarks.md.
#
#   deploy/bench/run-java-benchmark.sh <main class> [benchmark arguments]
#
# Extra JVM options through BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=bench.jfr'.
set -euo pipefail
cd "$(dirname "$0")/../.."
main_class="$1"
shift

classpath_file="$PWD/node/target/bench-classpath.txt"
# One invocation, so that the reactor hands node the compiled federation-proto classes.
./mvnw -B -q -pl node -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

changes=""
git diff --quiet HEAD -- node 2>/dev/null || changes=" + uncommitted changes under node/"
echo "tree: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$changes"
echo "uptime before: $(uptime)"

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} \
    -cp "node/target/test-classes:node/target/classes:federation-proto/target/classes:$(cat "$classpath_file")" \
    "$main_class" "$@"
