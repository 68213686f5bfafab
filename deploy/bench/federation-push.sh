#!/usr/bin/env bash
# Entries per second from a node's log to verified and stored at the aggregator (gRPC, mutual TLS),
# against raw JDBC batched inserts (100 per transaction) measured in the same run. See docs/benchmarks.md.
#
#   deploy/bench/federation-push.sh [--entries=20000] [--rounds=3] [--keep=false]
#
# Both databases (several GB at 200,000 entries) are deleted at the end unless --keep=true.
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.bench.FederationPushBenchmark "$@"
