#!/usr/bin/env bash
# Crash and restart campaign (issue 20): a local federation (deploy/local-federation.sh: one aggregator
# and three national nodes on loopback) records attacks without pause while this script sends kill -9,
# at random moments, to the aggregator and to nodes (some while a node pushes, some while a CSV import
# is in flight), and starts each killed process again on its data directory. At the end it stops
# recording, waits until every node's push lag is 0, and checks that each node's log equals the
# aggregator's copy entry for entry, that checkpoints and cosignatures verify, and that no acknowledged
# attack was lost or stored twice. Figures and results: docs/campaigns.md.
#
#   deploy/campaign/crash-restart.sh            # 50 cycles
#   TEJIDO_CAMPAIGN_CYCLES=10 deploy/campaign/crash-restart.sh
#
# Knobs: TEJIDO_CAMPAIGN_CYCLES (50), TEJIDO_CAMPAIGN_RATE (attacks/s over all nodes, 6),
# TEJIDO_CAMPAIGN_DIR (state: federation, runs; default deploy/.campaign/crash), TEJIDO_CAMPAIGN_ARGS
# (more options for deploy/campaign/tejido_campaign.py crash), TEJIDO_CAMPAIGN_RUNNING=1 (use the
# federation already running in the state directory instead of starting it), and those of local-federation.sh, with
# other defaults here: ports 18090 (HTTP) / 19443 (gRPC) for the aggregator, nodes from 18101, and
# TEJIDO_JAVA_OPTS "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", TEJIDO_START_TIMEOUT 900. The federation is stopped on
# exit, whatever happens; its data stays in the state directory for inspection (a second run reuses it
# and checks the whole history again). Exit status: 0 all checks passed, 1 a loss, duplicate, mismatch
# or a node that did not catch up, other values a failure of the campaign itself.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
state="${TEJIDO_CAMPAIGN_DIR:-$root/deploy/.campaign/crash}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
federation="$root/deploy/local-federation.sh"
export TEJIDO_FEDERATION_DIR="$state/federation"
export TEJIDO_AGGREGATOR_HTTP_PORT="${TEJIDO_AGGREGATOR_HTTP_PORT:-18090}"
export TEJIDO_AGGREGATOR_GRPC_PORT="${TEJIDO_AGGREGATOR_GRPC_PORT:-19443}"
export TEJIDO_NODE_BASE_PORT="${TEJIDO_NODE_BASE_PORT:-18101}"
export TEJIDO_START_TIMEOUT="${TEJIDO_START_TIMEOUT:-900}"
export TEJIDO_JAVA_OPTS="${TEJIDO_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
cycles="${TEJIDO_CAMPAIGN_CYCLES:-50}"
rate="${TEJIDO_CAMPAIGN_RATE:-6}"
read -r -a extra <<<"${TEJIDO_CAMPAIGN_ARGS:-}"

# shellcheck source=deploy/campaign/cleanup.sh
. "$root/deploy/campaign/cleanup.sh"

run="$state/runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
printf 'Campaign run %s: %s cycles, %s attacks/s; commit %s\n' "$run" "$cycles" "$rate" \
    "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || printf unknown)" | tee "$run/output.txt"
if [[ "${TEJIDO_CAMPAIGN_RUNNING:-0}" == 1 ]]; then
    "$federation" status | tee -a "$run/output.txt"
else
    "$federation" start | tee -a "$run/output.txt"
fi

python3 "$root/deploy/campaign/tejido_campaign.py" crash --cycles "$cycles" --rate "$rate" --out "$run" \
    "${extra[@]}" >>"$run/output.txt" 2>&1 &
driver_pid=$!
tail -n +1 -f --pid="$driver_pid" "$run/output.txt" &
status=0
wait "$driver_pid" || status=$?
driver_pid=""
sleep 1
printf 'Run state: %s (output.txt, cycles.tsv, acked-<node>.tsv); logs: %s/logs\n' "$run" "$TEJIDO_FEDERATION_DIR"
exit "$status"
