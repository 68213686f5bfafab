#!/usr/bin/env bash
# CPU per row for the rows the node writes many at a time (new cases, data keys): binary COPY, as the
# node writes them, against the batched multi-row INSERT, in the same run. See docs/benchmarks.md.
#
#   deploy/bench/case-rows.sh [--rows=50000] [--rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."

classpath_file="$PWD/node/target/bench-classpath.txt"
./mvnw -B -q -pl node -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

echo "tree: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "uptime before: $(uptime)"

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} \
    -cp "node/target/test-classes:node/target/classes:$(cat "$classpath_file")" \
    org.tejido.national.cases.NewCaseRowsBenchmark "$@"
