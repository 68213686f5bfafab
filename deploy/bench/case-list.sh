#!/usr/bin/env bash
# How long the case list (GET /api/attacks, CaseQueries.list) takes on a node holding a million attacks,
# per shape of query (no filter, a deep page by cursor, each filter, combinations), p50/p95/p99, with
# baselines in the same run (a primary-key read; the OFFSET + count(*) paging it replaced). See
# docs/benchmarks.md and ADR 0031.
#
#   deploy/bench/case-list.sh [--rows=1000000] [--runs=300] [--warmup=50] [--pages=50] [--explain=true]
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.national.cases.CaseListBenchmark "$@"
