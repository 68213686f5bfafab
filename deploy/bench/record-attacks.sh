#!/usr/bin/env bash
# Attacks recorded per second through the command gateway (1 and 8 client threads), against a bare
# Axon aggregate and raw JDBC inserts measured in the same run. See docs/benchmarks.md.
#
#   deploy/bench/record-attacks.sh [--seconds=10] [--warmup=2] [--max-line-settle=20] [--initial-warmup=10] [--rounds=3] [--threads=1,8] [--cycles=12] [--cycle-seconds=6] [--keep=false]
#
# Diagnostics (never the reported figure): --pool=true, --diagnose=true, --lines=bareAxon,... (tejido always runs), --node.<spring.property>=<value>.
# Extra JVM options through BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=bench.jfr'.
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.bench.RecordAttackBenchmark "$@"
