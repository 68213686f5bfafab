#!/usr/bin/env bash
# A national node started by ./tejido (its bounded JVM), recording attacks over HTTP from N connections:
# start-to-ready time, rate, latency p50/p95/p99, and the node JVM's resident memory idle and under the
# load (target < 512 MB). See docs/benchmarks.md.
#
#   deploy/bench/http-recording.sh [--connections=8] [--seconds=60] [--warmup=15]
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.bench.HttpRecordingBenchmark "$@"
