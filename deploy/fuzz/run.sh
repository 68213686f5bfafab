#!/usr/bin/env bash
# Fuzzes every decoder of outside bytes with Jazzer (docs/fuzzing.md): each @FuzzTest in turn, in
# fuzzing mode (JAZZER_FUZZ=1) for a fixed time, then prints a table of target, executions, findings.
# Exits non-zero when a target had a finding or its run failed.
#
#   deploy/fuzz/run.sh [--seconds=N] [--executions=N] [TARGET...]
#
# --seconds     fuzzing time per target (default 300)
# --executions  also stop a target after N executions (Jazzer's max_executions), whichever comes first:
#               `--executions=10000000 --seconds=14400` is the long run of docs/fuzzing.md
# TARGET        Class#method, as listed below (default: all of them)
#
# Executions are libFuzzer's own count ("Done N runs in S second(s)", or its last status line when the
# run stopped on a finding). Each target's full output is kept in node/target/fuzz/<target>.log.
# Jazzer writes a finding's input into the test's Inputs resource directory, where the suite would
# replay it as a regression input; this script moves such new files to node/target/fuzz/findings/
# instead, so that a reproducer only goes back under src/test/resources with the fix of its bug.
# The ledger's targets are federation-proto's tests, the others node's: -pl node -am runs both modules'.
set -euo pipefail
cd "$(dirname "$0")/../.."

TARGETS=(
  org.tejido.ledger.leaf.LeafCodecFuzzTest#decode
  org.tejido.ledger.leaf.LeafCodecFuzzTest#encode
  org.tejido.ledger.note.SignedNoteFuzzTest#parse
  org.tejido.ledger.note.CheckpointFuzzTest#parse
  org.tejido.ledger.note.CheckpointFuzzTest#format
  org.tejido.ledger.note.CosignerFuzzTest#verify
  org.tejido.ledger.note.NoteVerifierKeyFuzzTest#parse
  org.tejido.ledger.note.NoteVerifierKeyFuzzTest#parseWitnessKey
  org.tejido.ledger.merkle.ConsistencyVerifierFuzzTest#verify
  org.tejido.ledger.merkle.InclusionVerifierFuzzTest#verify
  org.tejido.regional.intake.FederationRequestFuzzTest#pushLog
  org.tejido.regional.intake.FederationRequestFuzzTest#getLogState
  org.tejido.regional.intake.FederationRequestFuzzTest#shareContent
  org.tejido.national.importing.AttackCsvReaderFuzzTest#read
  org.tejido.national.web.RequestBodyFuzzTest#recordAttack
  org.tejido.national.web.RequestBodyFuzzTest#registerDefender
)

# Libraries whose parsing is part of a target: instrumented too, so that coverage inside them guides.
extra_instrumentation() {
  case "$1" in
    *FederationRequestFuzzTest#shareContent) echo ",com.fasterxml.jackson.core.**" ;;
    *FederationRequestFuzzTest#*) echo ",com.google.protobuf.**" ;;
    *AttackCsvReaderFuzzTest#*) echo ",org.apache.commons.csv.**" ;;
    *RequestBodyFuzzTest#*) echo ",tools.jackson.**" ;;
    *) echo "" ;;
  esac
}

# All in one function, read whole before it runs: the script may be edited while a campaign goes on.
main() {
  seconds=300
  executions=0
  selected=()
  for arg in "$@"; do
    case "$arg" in
      --seconds=*) seconds="${arg#--seconds=}" ;;
      --executions=*) executions="${arg#--executions=}" ;;
      -h | --help)
        sed -n '2,17p' "$0"
        exit 0
        ;;
      -*)
        echo "unknown option: $arg" >&2
        exit 2
        ;;
      *) selected+=("$arg") ;;
    esac
  done
  if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "--seconds needs a positive whole number" >&2
    exit 2
  fi
  if ! [[ "$executions" =~ ^[0-9]+$ ]]; then
    echo "--executions needs a whole number" >&2
    exit 2
  fi
  if [ ${#selected[@]} -eq 0 ]; then
    selected=("${TARGETS[@]}")
  fi

  out=node/target/fuzz
  mkdir -p "$out/findings"
  modules=(federation-proto node)
  list_inputs() {
    # Where Jazzer puts a finding: the test's Inputs directory, or its module's directory (crash input and
    # Java reproducer).
    {
      for module in "${modules[@]}"; do
        find "$module/src/test/resources" -path '*FuzzTestInputs/*' -type f
      done
      find "${modules[@]}" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \
        -o -name 'oom-*' -o -name 'Crash_*.java' \)
    } | sort
  }

  rows=()
  total_findings=0
  failed_runs=0
  for target in "${selected[@]}"; do
    name="${target##*.}"
    name="${name/\#/.}"
    log="$out/$name.log"
    before="$(list_inputs)"
    echo "== $target: fuzzing for ${seconds}s (log: $log)"
    status=0
    # A hung input (an endless loop) never returns to libFuzzer: the whole run is then stopped from here,
    # ten minutes past its time (the build and the agent's start take one to two of them), and counted.
    JAZZER_FUZZ=1 timeout --kill-after=60 $((seconds + 600)) ./mvnw -B -pl node -am test \
      -Dtest="$target" -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true -Djazzer.max_duration="${seconds}s" -Djazzer.max_executions="$executions" \
      -Djazzer.instrument="org.tejido.**$(extra_instrumentation "$target")" >"$log" 2>&1 || status=$?

    runs="$(sed -n 's/^Done \([0-9]*\) runs in .*/\1/p' "$log" | tail -n 1)"
    if [ -z "$runs" ]; then
      # Stopped on a finding: libFuzzer's last status line, "#<runs> ...".
      runs="$(sed -n 's/^#\([0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)"
    fi
    findings=0
    while IFS= read -r file; do
      [ -n "$file" ] || continue
      dest="$out/findings/$name/$(basename "$file")"
      mkdir -p "$(dirname "$dest")"
      mv "$file" "$dest"
      echo "   finding moved to $dest"
      case "$file" in
        *.java) ;; # Jazzer's stand-alone reproducer of the same finding
        *) findings=$((findings + 1)) ;;
      esac
    done < <(comm -13 <(printf '%s\n' "$before") <(list_inputs))
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      echo "   stopped after $((seconds + 600))s: a hang (see $log)" >&2
      findings=$((findings + 1))
    elif [ "$status" -ne 0 ] && [ "$findings" -eq 0 ]; then
      if grep -q "== Java Exception\|FuzzerSecurityIssue\|Tests run:.*Failures: [1-9]\|Tests run:.*Errors: [1-9]" "$log"; then
        findings=1
      else
        echo "   the run failed without a finding: see $log" >&2
        runs="${runs:-0} (run failed)"
        failed_runs=$((failed_runs + 1))
      fi
    fi
    total_findings=$((total_findings + findings))
    rows+=("$target|${runs:-0}|$findings")
  done

  echo
  printf '%-66s %14s %9s\n' "target" "executions" "findings"
  for row in "${rows[@]}"; do
    IFS='|' read -r target runs findings <<<"$row"
    printf '%-66s %14s %9s\n' "$target" "$runs" "$findings"
  done
  echo "fuzzed ${seconds}s per target on $(date -u +%Y-%m-%dT%H:%MZ)"
  [ "$total_findings" -eq 0 ] && [ "$failed_runs" -eq 0 ]
}

main "$@"
