#!/usr/bin/env bash
# CPU per row for the rows the node writes many at a time (new cases, data keys): binary COPY, as the
# node writes them, against the batched multi-row INSERT, in the same run. See docs/benchmarks.md.
#
#   deploy/bench/case-rows.sh [--rows=50000] [--rounds=5]
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.national.cases.NewCaseRowsBenchmark "$@"
