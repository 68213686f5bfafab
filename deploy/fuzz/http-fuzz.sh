#!/usr/bin/env bash
# A long run of the node's schema-driven HTTP fuzzer (OpenApiFuzzIT, issue 20; docs/fuzzing.md,
# "HTTP fuzzing"). It starts a national node on the embedded PostgreSQL, reads the node's own OpenAPI
# document and sends, for every operation, valid requests built from the schemas and mutations of them;
# it fails on a 5xx, an error that is not a problem detail with a code, a refused request that changed
# the event store or a read model, or a typed value in the log.
#
#   deploy/fuzz/http-fuzz.sh [-n REQUESTS] [-s SEED] [-o REPORT]
#
#   -n REQUESTS  requests to send after the role probes (default 20000; the suite sends 200)
#   -s SEED      the random seed (default 20, the suite's); the same seed and count replay the same run
#   -o REPORT    where to write the report (default node/target/httpfuzz-report-<seed>-<n>.txt)
#
# Prints requests sent per operation (valid, valid answered 2xx, mutated) and every failure with the
# request that caused it. Exits non-zero when there is a failure. Builds what it needs with ./mvnw
# (offline when TEJIDO_MVN_OFFLINE=1); runs only this test.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
requests=20000
seed=20
report=""

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while getopts "n:s:o:h" option; do
    case "$option" in
        n) requests="$OPTARG" ;;
        s) seed="$OPTARG" ;;
        o) report="$OPTARG" ;;
        h) usage 0 ;;
        *) usage 2 ;;
    esac
done

if ! [[ "$requests" =~ ^[0-9]+$ && "$seed" =~ ^-?[0-9]+$ ]]; then
    echo "REQUESTS must be a number and SEED an integer" >&2
    usage 2
fi
if [[ -z "$report" ]]; then
    report="$root/node/target/httpfuzz-report-$seed-$requests.txt"
fi
mkdir -p "$(dirname "$report")"
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

mvn_args=(-B -pl node -am verify
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
    -Dit.test=OpenApiFuzzIT -Dfailsafe.failIfNoSpecifiedTests=false
    "-Dtejido.httpfuzz.requests=$requests"
    "-Dtejido.httpfuzz.seed=$seed"
    "-Dtejido.httpfuzz.report=$report")
if [[ "${TEJIDO_MVN_OFFLINE:-0}" == "1" ]]; then
    mvn_args+=(-o)
fi

log="${report%.txt}.maven.log"
echo "HTTP fuzzing: $requests requests, seed $seed, commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
echo "maven log: $log"
status=0
(cd "$root" && ./mvnw "${mvn_args[@]}") >"$log" 2>&1 || status=$?

if [[ ! -f "$report" ]]; then
    echo "no report was written (maven exit status $status); the end of the maven log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi

# The summary table (one line per operation) and the failures, as the test wrote them.
sed -n '1,/^answers per operation:/p' "$report" | sed '$d'
sed -n '/^known open findings/,/^ERROR log lines/p' "$report" | sed '$d'
sed -n '/^failures: /,$p' "$report"
echo "full report: $report"
if [[ "$status" -ne 0 ]]; then
    echo "FAILED (maven exit status $status)" >&2
fi
exit "$status"
