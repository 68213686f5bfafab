#!/usr/bin/env bash
# A local federation on loopback: one regional aggregator and three national nodes (MX, GT, HN), each
# its own JVM with its own data directory (so its own embedded PostgreSQL), its own TLS identity issued
# by a throwaway federation CA, and its own log signing key. For trying the federation end to end on
# one machine; not a deployment (the CA key sits next to everything it signs). See docs/operations.md,
# "A local federation".
#
#   deploy/local-federation.sh start|stop|status
#   deploy/local-federation.sh start-one|kill NAME   (NAME: aggregator or a node; after a crash, for campaigns)
#   deploy/local-federation.sh describe              (one line per process: name, HTTP port, origin)
#
# State (keys, databases, logs, pids, tokens) lives in $TEJIDO_FEDERATION_DIR (default
# deploy/.federation/); a second `start` reuses it. Ports: TEJIDO_AGGREGATOR_HTTP_PORT (8090),
# TEJIDO_AGGREGATOR_GRPC_PORT (9443), TEJIDO_MX_PORT (8081), TEJIDO_GT_PORT (8082), TEJIDO_HN_PORT (8083).
# Other knobs: TEJIDO_JAR (the packaged node), TEJIDO_REBUILD=1 (package it again first),
# TEJIDO_JAVA_OPTS (default -Xmx512m), TEJIDO_START_TIMEOUT (seconds per process, default 120).
# More or other nodes: TEJIDO_NODES (names, default "mx gt hn"; a name's country is its upper case, or
# TEJIDO_<NAME>_COUNTRY), each on TEJIDO_<NAME>_PORT, by default TEJIDO_NODE_BASE_PORT (8081) plus its
# position in the list. `start-one` starts one process of an already started federation again (same
# data directory), `kill` sends its JVM SIGKILL (a crash: its PostgreSQL is left running).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state_dir="${TEJIDO_FEDERATION_DIR:-$root/deploy/.federation}"
# Absolute, because the processes and the pid checks below match on this path.
mkdir -p "$state_dir"
state_dir="$(cd "$state_dir" && pwd)"
jar="${TEJIDO_JAR:-$root/node/target/node-0.1.0-SNAPSHOT.jar}"
read -r -a java_opts <<<"${TEJIDO_JAVA_OPTS:--Xmx512m}"
start_timeout="${TEJIDO_START_TIMEOUT:-120}"

aggregator_http="${TEJIDO_AGGREGATOR_HTTP_PORT:-8090}"
aggregator_grpc="${TEJIDO_AGGREGATOR_GRPC_PORT:-9443}"
# Node name, country and HTTP port; the log's origin is red-<name>.local/<COUNTRY>/v1.
read -r -a nodes <<<"${TEJIDO_NODES:-mx gt hn}"
((${#nodes[@]} > 0)) || { printf 'local-federation: TEJIDO_NODES is empty\n' >&2; exit 1; }
node_base_port="${TEJIDO_NODE_BASE_PORT:-8081}"
declare -A country=()
declare -A http_port=([aggregator]="$aggregator_http")
position=0
for name in "${nodes[@]}"; do
    [[ "$name" =~ ^[a-z][a-z0-9]*$ && "$name" != aggregator ]] \
        || { printf 'local-federation: bad node name %q in TEJIDO_NODES\n' "$name" >&2; exit 1; }
    upper="${name^^}"
    country_var="TEJIDO_${upper}_COUNTRY"
    port_var="TEJIDO_${upper}_PORT"
    country[$name]="${!country_var:-$upper}"
    http_port[$name]="${!port_var:-$((node_base_port + position))}"
    position=$((position + 1))
done
unset name upper country_var port_var position
roles=(admin registrar coordinator)

say() { printf '%s\n' "$*"; }
die() { printf 'local-federation: %s\n' "$*" >&2; exit 1; }

data_dir() { printf '%s/%s/data' "$state_dir" "$1"; }
pid_file() { printf '%s/%s.pid' "$state_dir" "$1"; }
log_file() { printf '%s/logs/%s.log' "$state_dir" "$1"; }
domain() { printf 'red-%s.local' "$1"; }
origin() { printf '%s/%s/v1' "$(domain "$1")" "${country[$1]}"; }

# The pid in the pid file, if that process is alive and is ours: its command line names our data
# directory, so a pid reused by an unrelated process after a reboot is never signalled.
running_pid() {
    local file pid
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(<"$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(data_dir "$1")" || return 1
    printf '%s' "$pid"
}

# The node's own program for the commands (keys, users, nodes): each is a short-lived JVM.
tejido() { java "${java_opts[@]}" -jar "$jar" "$@"; }

health() {
    curl -s -m 3 "http://127.0.0.1:$1/actuator/health" 2>/dev/null \
        | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p' || true
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_jar() {
    if [[ ! -f "$jar" || "${TEJIDO_REBUILD:-0}" == 1 ]]; then
        say "Packaging the node (./mvnw -pl node -am package -DskipTests) ..."
        (cd "$root" && ./mvnw -B -q -pl node -am package -DskipTests)
    fi
    [[ -f "$jar" ]] || die "no jar at $jar (set TEJIDO_JAR)"
}

# The federation CA and every TLS identity: made once, never overwritten (the keys command refuses to).
ensure_identities() {
    umask 077
    mkdir -p "$state_dir/logs" "$state_dir/tokens"
    chmod 700 "$state_dir" "$state_dir/tokens"
    if [[ ! -f "$state_dir/ca/ca.crt" ]]; then
        tejido keys ca-init --dir "$state_dir/ca" --name "Tejido local federation CA" >/dev/null
    fi
    local name data
    for name in aggregator "${nodes[@]}"; do
        data="$(data_dir "$name")"
        mkdir -p "$data/keys"
        chmod 700 "$state_dir/$name" "$data" "$data/keys"
        if [[ ! -f "$data/tls/tls.crt" ]]; then
            local purpose=node
            [[ "$name" == aggregator ]] && purpose=aggregator
            tejido keys node-init --dir "$data/tls" --ca "$state_dir/ca" --name "$name" --purpose "$purpose" >/dev/null
        fi
    done
    for name in "${nodes[@]}"; do
        data="$(data_dir "$name")"
        # The node would make its log signing key at first start, but the aggregator must pin the
        # verifier key before the first push, so it is made here, where it can be read for enrollment.
        if [[ ! -f "$data/keys/log-signing.key" ]]; then
            tejido keys log-init --dir "$data/keys" --origin "$(origin "$name")" >/dev/null
        fi
    done
}

# `keys show` prints "... fingerprint: sha256:<hex>" and "... Log verifier key: <origin>+<id>+<key>".
tls_fingerprint() {
    local value
    value="$(tejido keys show --dir "$(data_dir "$1")/tls" \
        | sed -n 's/^Huella de la clave TLS \/ TLS key fingerprint: \(sha256:[0-9a-f]\{64\}\)$/\1/p')"
    [[ -n "$value" ]] || die "could not read the TLS fingerprint of $1"
    printf '%s' "$value"
}

log_verifier_key() {
    local value
    value="$(tejido keys show --dir "$(data_dir "$1")/keys" --origin "$(origin "$1")" \
        | sed -n 's/^Clave de verificación del registro \/ Log verifier key: \(.*\)$/\1/p')"
    [[ "$value" == "$(origin "$1")+"* ]] || die "could not read the log verifier key of $1"
    printf '%s' "$value"
}

# Enrollment runs against the aggregator's database while the aggregator is stopped (the command
# starts and stops that PostgreSQL itself). A marker file records it, so a restart does not enroll
# again; without the marker (lost state) the aggregator's own list decides.
ensure_enrolled() {
    local name="$1" marker fingerprint log_key out
    marker="$state_dir/$name/enrolled"
    [[ -f "$marker" ]] && return 0
    fingerprint="$(tls_fingerprint "$name")"
    log_key="$(log_verifier_key "$name")"
    say "Enrolling $(origin "$name") at the aggregator (TLS $fingerprint) ..."
    if ! out="$(tejido nodes enroll --origin "$(origin "$name")" --tls-fingerprint "$fingerprint" \
        --log-key "$log_key" "--tejido.data-dir=$(data_dir aggregator)" 2>&1)"; then
        if tejido nodes list "--tejido.data-dir=$(data_dir aggregator)" 2>/dev/null \
            | grep -qF "$(origin "$name")  $fingerprint  $log_key"; then
            say "  already enrolled"
        else
            printf '%s\n' "$out" >&2
            die "enrolling $name failed"
        fi
    fi
    date -u +%FT%TZ >"$marker"
}

launch() {
    local name="$1"
    shift
    local log
    log="$(log_file "$name")"
    printf '\n==== %s start %s ====\n' "$name" "$(date -u +%FT%TZ)" >>"$log"
    # nohup: the federation outlives the terminal that started it; stdin closed so nothing waits on it.
    nohup java "${java_opts[@]}" -jar "$jar" "$@" </dev/null >>"$log" 2>&1 &
    printf '%s\n' "$!" >"$(pid_file "$name")"
}

launch_aggregator() {
    launch aggregator --spring.profiles.active=regional \
        "--tejido.data-dir=$(data_dir aggregator)" \
        "--server.port=$aggregator_http" \
        --tejido.node.domain=agregador.local \
        "--tejido.federation.server.port=$aggregator_grpc"
}

# The witness key the aggregator logged when it last started (it is the same at every start: keys/
# witness.key), so that nodes check its cosignatures.
witness_key() {
    local value
    value="$(grep -o 'tejido.federation.witness-key): [^ ]*' "$(log_file aggregator)" | tail -n 1 | sed 's/^.*: //')"
    [[ -n "$value" ]] || die "could not read the aggregator's witness key from $(log_file aggregator)"
    printf '%s' "$value"
}

launch_node() {
    local name="$1" witness
    witness="$(witness_key)"
    launch "$name" --spring.profiles.active=national \
        "--tejido.data-dir=$(data_dir "$name")" \
        "--server.port=${http_port[$name]}" \
        "--tejido.node.domain=$(domain "$name")" \
        "--tejido.node.country=${country[$name]}" \
        "--tejido.federation.aggregator.address=localhost:$aggregator_grpc" \
        "--tejido.federation.witness-key=$witness"
}

await_up() {
    local name="$1" port="${http_port[$1]}" deadline pid
    deadline=$((SECONDS + start_timeout))
    pid="$(<"$(pid_file "$name")")"
    printf 'Waiting for %s (http://127.0.0.1:%s) ' "$name" "$port"
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            printf '\n'
            tail -n 40 "$(log_file "$name")" >&2
            die "$name exited during start (log: $(log_file "$name"))"
        fi
        if [[ "$(health "$port")" == UP ]]; then
            printf 'UP\n'
            return 0
        fi
        printf '.'
        sleep 2
    done
    printf '\n'
    tail -n 40 "$(log_file "$name")" >&2
    die "$name not UP after ${start_timeout}s (log: $(log_file "$name")); stop with: $0 stop"
}

# Users are added through the running node (the command attaches to its PostgreSQL). The token is
# shown once: it goes straight into a 0600 file and nowhere else.
ensure_users() {
    local name="$1" role file out token
    for role in "${roles[@]}"; do
        file="$state_dir/tokens/$name-$role.token"
        [[ -s "$file" ]] && continue
        if ! out="$(tejido users add --name "$role" --role "$role" "--tejido.data-dir=$(data_dir "$name")" \
            "--tejido.node.domain=$(domain "$name")" "--tejido.node.country=${country[$name]}" 2>&1)"; then
            printf '%s\n' "$out" | grep -v -i token >&2 || true
            die "users add $role at $name failed"
        fi
        token="$(printf '%s\n' "$out" | awk '/shown this one time only/ {found = 1; next} found && NF {print; exit}')"
        [[ "$token" =~ ^[^[:space:]]+$ ]] || die "no token in the output of users add $role at $name"
        (umask 077 && printf '%s\n' "$token" >"$file")
    done
}

start() {
    local name port
    for name in aggregator "${nodes[@]}"; do
        if running_pid "$name" >/dev/null; then
            die "$name is already running (pid $(running_pid "$name")); see '$0 status', or '$0 stop' first"
        fi
    done
    # A foreign process on one of our ports would answer the health check in our place.
    for port in "$aggregator_grpc" "${http_port[@]}"; do
        if port_in_use "$port"; then
            die "port $port on 127.0.0.1 is in use; free it or choose others (TEJIDO_*_PORT)"
        fi
    done
    ensure_jar
    ensure_identities
    for name in "${nodes[@]}"; do
        ensure_enrolled "$name"
    done

    launch_aggregator
    await_up aggregator
    # One at a time: three JVMs starting at once on a small machine would each take much longer.
    for name in "${nodes[@]}"; do
        launch_node "$name"
        await_up "$name"
    done
    for name in "${nodes[@]}"; do
        say "Users at $name ..."
        ensure_users "$name"
    done

    cat <<EOF

The federation is running.

  aggregator  http://127.0.0.1:$aggregator_http  gRPC (mutual TLS) 127.0.0.1:$aggregator_grpc
EOF
    for name in "${nodes[@]}"; do
        printf '  %-10s  http://127.0.0.1:%s  origin %s\n' "$name" "${http_port[$name]}" "$(origin "$name")"
    done
    cat <<EOF

Tokens (admin, registrar, coordinator per node): $state_dir/tokens/<node>-<role>.token
  e.g. T=\$(cat $state_dir/tokens/${nodes[0]}-registrar.token)
       curl -s -H "Authorization: Bearer \$T" http://127.0.0.1:${http_port[${nodes[0]}]}/api/vocabulary/aggression-type
Logs: $state_dir/logs/<name>.log
Push lag (admin token): curl -s -H "Authorization: Bearer \$(cat $state_dir/tokens/${nodes[0]}-admin.token)" \\
  http://127.0.0.1:${http_port[${nodes[0]}]}/actuator/prometheus | grep tejido_federation_push
Status: $0 status
Stop:   $0 stop   (data, keys and tokens are kept; start again to reuse them)
EOF
}

# A JVM killed with SIGKILL cannot stop its embedded PostgreSQL; stop that server here (SIGINT is
# PostgreSQL's fast shutdown) so that nothing of the federation is left running.
stop_leftover_postgres() {
    local pgdata pid
    pgdata="$(data_dir "$1")/pgdata"
    [[ -f "$pgdata/postmaster.pid" ]] || return 0
    pid="$(head -n 1 "$pgdata/postmaster.pid")"
    [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pgdata" || return 0
    say "  stopping $1's leftover PostgreSQL (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 30)); do
        sleep 1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

stop_one() {
    local name="$1" pid waited=0
    if pid="$(running_pid "$name")"; then
        say "Stopping $name (pid $pid) ..."
        # SIGTERM: Spring closes the pusher, Axon's processors and then the embedded PostgreSQL in order.
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && ((waited < 30)); do
            sleep 1
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            say "  $name did not stop within 30 s; SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
        fi
    fi
    stop_leftover_postgres "$name"
    rm -f "$(pid_file "$name")"
}

stop() {
    local name
    # Nodes first: the aggregator last, so no node's last push is cut off by its going away.
    for name in "${nodes[@]}" aggregator; do
        stop_one "$name"
    done
    say "Stopped. State kept in $state_dir"
}

status() {
    local name pid h
    for name in aggregator "${nodes[@]}"; do
        if pid="$(running_pid "$name")"; then
            h="$(health "${http_port[$name]}")"
            printf '%-10s running (pid %s)  http://127.0.0.1:%s  health %s\n' \
                "$name" "$pid" "${http_port[$name]}" "${h:-no answer}"
        else
            printf '%-10s not running\n' "$name"
        fi
    done
}

known_name() {
    [[ "$1" == aggregator || -n "${country[$1]:-}" ]] || die "unknown process '$1' (aggregator ${nodes[*]})"
}

# One process again, as `start` launched it, on its existing data directory (a crash campaign restarts
# what it killed this way). The federation must have been started once (identities, enrollment, users).
start_one() {
    local name="$1"
    known_name "$name"
    [[ -f "$state_dir/$name/data/tls/tls.crt" ]] || die "$name was never started: run '$0 start' first"
    if running_pid "$name" >/dev/null; then
        die "$name is already running (pid $(running_pid "$name"))"
    fi
    ensure_jar
    if [[ "$name" == aggregator ]]; then
        launch_aggregator
    else
        launch_node "$name"
    fi
    await_up "$name"
}

# SIGKILL to one process's JVM, as a crash would: no shutdown hook runs and its PostgreSQL stays up
# (the next start stops it, docs/operations.md "Crashes").
crash() {
    local name="$1" pid
    known_name "$name"
    pid="$(running_pid "$name")" || die "$name is not running"
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    say "killed $name (pid $pid)"
}

describe() {
    local name
    printf 'aggregator %s %s\n' "$aggregator_http" "-"
    for name in "${nodes[@]}"; do
        printf '%s %s %s\n' "$name" "${http_port[$name]}" "$(origin "$name")"
    done
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    start-one) start_one "${2:?usage: $0 start-one NAME}" ;;
    kill) crash "${2:?usage: $0 kill NAME}" ;;
    describe) describe ;;
    *)
        say "Usage: $0 start|stop|status|describe, $0 start-one|kill NAME" >&2
        exit 2
        ;;
esac
