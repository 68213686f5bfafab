#!/usr/bin/env bash
# Entries per second of a rebuild of the aggregator's statistics store from N synthetic content rows,
# against PostgreSQL copying the same rows by INSERT ... SELECT in the same run. See docs/benchmarks.md.
#
#   deploy/bench/statistics-rebuild.sh [--entries=200000] [--rounds=3]
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.bench.StatisticsRebuildBenchmark "$@"
