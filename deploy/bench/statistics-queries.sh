#!/usr/bin/env bash
# HTTP latency (p50/p95/p99) of the analysts' statistics tables on an aggregator filled with a synthetic
# federation through its real intake, against a trivial authenticated GET in the same run. See
# docs/benchmarks.md, "Statistics queries".
#
#   deploy/bench/statistics-queries.sh [--entries=1000000] [--years=10] [--budget=PT10M] [--calls=200]
#       [--small-year-attacks=200] [--seed=1] [--per-push=1024]
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.bench.StatisticsQueryBenchmark "$@"
