#!/usr/bin/env bash
# Load held (issue 20): N national nodes (deploy/local-federation.sh with TEJIDO_NODES) and one
# aggregator on loopback; attacks with a sharing consent are recorded through the nodes' HTTP API at a
# given total rate for a given time. Prints the rate held, the push lag per recording (from its 201 at
# the driver to the timestamp of the aggregator's EntriesStoredEvent that holds its entry: p50, p95,
# p99), the nodes' tejido_federation_push_lag sampled every second, and the final check of
# crash-restart.sh (every node's log equals the aggregator's copy, checkpoints verify, nothing lost or
# stored twice). Figures and results: docs/campaigns.md.
#
#   deploy/campaign/load.sh NODES RATE SECONDS      e.g. deploy/campaign/load.sh 3 30 60
#
# NODES from 1 to 12 (mx gt hn sv ni cr pa co pe bo ec py: distinct origins red-<name>.local/<XX>/v1;
# or set TEJIDO_NODES yourself). Knobs: TEJIDO_CAMPAIGN_DIR (state; default
# deploy/.campaign/load<NODES>), TEJIDO_CAMPAIGN_THREADS (recording threads per node, 2), and those of
# local-federation.sh with other defaults here: ports 18190 / 19543 for the aggregator, nodes from 18201,
# TEJIDO_JAVA_OPTS "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", TEJIDO_START_TIMEOUT 900;
# TEJIDO_CAMPAIGN_RUNNING=1 uses a
# federation already started in that state directory (same knobs) instead of starting it. It is stopped on
# exit; a second run reuses its state (the check then covers every run's history). Exit status: 0 all
# checks passed, 1 a loss, duplicate, mismatch or a node that did not catch up, other values a failure.
set -euo pipefail

if [[ $# -ne 3 || ! "$1" =~ ^[0-9]+$ || "$1" -lt 1 || "$1" -gt 12 ]]; then
    sed -n '2,/^set -euo/{/^set -euo/!p}' "$0" >&2
    exit 2
fi
count="$1" rate="$2" seconds="$3"
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="${TEJIDO_CAMPAIGN_DIR:-$root/deploy/.campaign/load$count}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
federation="$root/deploy/local-federation.sh"
all=(mx gt hn sv ni cr pa co pe bo ec py)
export TEJIDO_NODES="${TEJIDO_NODES:-${all[*]:0:$count}}"
export TEJIDO_FEDERATION_DIR="${TEJIDO_FEDERATION_DIR:-$state}"
export TEJIDO_AGGREGATOR_HTTP_PORT="${TEJIDO_AGGREGATOR_HTTP_PORT:-18190}"
export TEJIDO_AGGREGATOR_GRPC_PORT="${TEJIDO_AGGREGATOR_GRPC_PORT:-19543}"
export TEJIDO_NODE_BASE_PORT="${TEJIDO_NODE_BASE_PORT:-18201}"
export TEJIDO_START_TIMEOUT="${TEJIDO_START_TIMEOUT:-900}"
export TEJIDO_JAVA_OPTS="${TEJIDO_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
threads="${TEJIDO_CAMPAIGN_THREADS:-2}"

# shellcheck source=deploy/campaign/cleanup.sh
. "$root/deploy/campaign/cleanup.sh"

run="$state/runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
printf 'Load run %s: %s nodes (%s), %s attacks/s, %ss; commit %s\n' "$run" "$count" "$TEJIDO_NODES" "$rate" \
    "$seconds" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || printf unknown)" | tee "$run/output.txt"
if [[ "${TEJIDO_CAMPAIGN_RUNNING:-0}" == 1 ]]; then
    "$federation" status | tee -a "$run/output.txt"
else
    "$federation" start | tee -a "$run/output.txt"
fi
# Memory of the federation once up (RSS of the JVMs and of their PostgreSQL servers).
free -m | tee -a "$run/output.txt"

python3 "$root/deploy/campaign/tejido_campaign.py" load --rate "$rate" --duration "$seconds" \
    --threads "$threads" --out "$run" >>"$run/output.txt" 2>&1 &
driver_pid=$!
tail -n +1 -f --pid="$driver_pid" "$run/output.txt" &
status=0
wait "$driver_pid" || status=$?
driver_pid=""
sleep 1
printf 'Run state: %s (output.txt, acked-<node>.tsv); logs: %s/logs\n' "$run" "$TEJIDO_FEDERATION_DIR"
exit "$status"
