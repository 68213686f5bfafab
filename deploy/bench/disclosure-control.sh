#!/usr/bin/env bash
# How long disclosure control takes to protect a release of synthetic attacks (DisclosureControl: primary
# and secondary suppression over all the catalogue's tables, then the attacker's intervals by LP), with
# the time to tabulate the same cells unprotected as a baseline in the same run. See docs/benchmarks.md.
#
#   deploy/bench/disclosure-control.sh [--attacks=50000] [--countries=5] [--seed=1]
exec "$(dirname "$0")/run-java-benchmark.sh" org.tejido.regional.statistics.disclosure.DisclosureControlBenchmark "$@"
