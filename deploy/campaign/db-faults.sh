#!/usr/bin/env bash
# Database faults campaign (issue 20): a national node on an external PostgreSQL 15 that this script
# controls, recording attacks from several clients while its database is (1) stopped with
# `pg_ctl stop -m immediate` and started again, then (2) out of disk: its data directory is on a small
# tmpfs that a filler file fills to the last byte, then freed. Prints, per fault, the requests answered
# 2xx, 503 (and with which code) and otherwise, the time from the database's return to the first
# recorded attack, whether health went DOWN and came back UP, then the acknowledged attacks lost (must
# be 0), stored twice (0) and stored although refused (0), and whether the read model caught up.
# See docs/campaigns.md, "Database faults".
#
#   deploy/campaign/db-faults.sh [--clients=4] [--warmup=20] [--outage=10] [--disk-full=15] [--settle=20] [--keep]
#
# Needs root (the tmpfs mount; PostgreSQL runs as user postgres), PostgreSQL 15 at TEJIDO_PG_BIN
# (default /usr/lib/postgresql/15/bin: apt-get install postgresql-15), java, curl and jq. The packaged
# node: TEJIDO_JAR (default node/target/node-0.1.0-SNAPSHOT.jar, built if missing). Ports:
# TEJIDO_CAMPAIGN_PG_PORT (55491), TEJIDO_CAMPAIGN_HTTP_PORT (18091). Without a tmpfs (mount refused)
# the disk fault is skipped and the report says so. Everything lives in a temporary directory removed
# on exit (--keep leaves it, with the node's log).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${TEJIDO_JAR:-$root/node/target/node-0.1.0-SNAPSHOT.jar}"
pg_bin="${TEJIDO_PG_BIN:-/usr/lib/postgresql/15/bin}"
pg_port="${TEJIDO_CAMPAIGN_PG_PORT:-55491}"
http_port="${TEJIDO_CAMPAIGN_HTTP_PORT:-18091}"
read -r -a java_opts <<<"${TEJIDO_JAVA_OPTS:--Xmx512m}"
clients=4
warmup=20
outage=10
disk_full=15
settle=20
keep=0
for arg in "$@"; do
    case "$arg" in
        --clients=*) clients="${arg#*=}" ;;
        --warmup=*) warmup="${arg#*=}" ;;
        --outage=*) outage="${arg#*=}" ;;
        --disk-full=*) disk_full="${arg#*=}" ;;
        --settle=*) settle="${arg#*=}" ;;
        --keep) keep=1 ;;
        *) printf 'db-faults: unknown argument %s\n' "$arg" >&2; exit 2 ;;
    esac
done

say() { printf '%s\n' "$*"; }
die() { printf 'db-faults: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

[[ "$(id -u)" == 0 ]] || die "run as root (tmpfs mount, PostgreSQL as user postgres)"
[[ -x "$pg_bin/postgres" ]] || die "no PostgreSQL 15 at $pg_bin (apt-get install -y postgresql-15)"
command -v curl >/dev/null || die "curl is needed"
command -v jq >/dev/null || die "jq is needed"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
if [[ ! -f "$jar" ]]; then
    say "Packaging the node (./mvnw -pl node -am package -DskipTests) ..."
    (cd "$root" && ./mvnw -B -q -pl node -am package -DskipTests)
fi

work="$(mktemp -d /tmp/tejido-db-faults.XXXXXX)"
chmod 755 "$work"
fs="$work/pgfs"
pgdata="$fs/data"
node_pid=""
mounted=0
load_pids=()
health_pid=""

as_postgres() { su postgres -s /bin/bash -c "$*"; }
pg_ctl() { as_postgres "$pg_bin/pg_ctl -D $pgdata $*"; }
psql_q() { as_postgres "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U postgres -d tejido -Atqc \"$1\""; }
pg_start() { pg_ctl "-l $work/pg/postgres.log -w -t 60 -o '-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1' start" >/dev/null; }

cleanup() {
    local pid
    touch "$work/stop" 2>/dev/null || true
    for pid in "${load_pids[@]}" "$health_pid"; do
        if [[ -n "$pid" ]]; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    if [[ -n "$node_pid" ]]; then
        kill "$node_pid" 2>/dev/null || true
        wait "$node_pid" 2>/dev/null || true
    fi
    rm -f "$fs/filler" 2>/dev/null || true
    if [[ -f "$pgdata/postmaster.pid" ]]; then
        pg_ctl "-m immediate stop" >/dev/null 2>&1 || true
    fi
    if ((mounted)); then
        umount "$fs" 2>/dev/null || true
    fi
    if ((keep)); then
        say "Kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# PostgreSQL's log and socket; the data directory on its own small filesystem, so that filling it
# fills only PostgreSQL's disk.
mkdir -p "$work/pg" "$fs"
chown postgres "$work/pg"
if mount -t tmpfs -o "size=256m,mode=0700,uid=$(id -u postgres)" tmpfs "$fs" 2>/dev/null; then
    mounted=1
    disk_note="tmpfs of 256 MB for the data directory, filled by a filler file"
else
    chown postgres "$fs"
    disk_note="no tmpfs (mount refused): disk fault skipped"
fi
as_postgres "$pg_bin/initdb -D $pgdata -U postgres -A trust --no-locale -E UTF8" >/dev/null
# A durable server, as in production; small WAL so the campaign fits its filesystem.
cat >>"$pgdata/postgresql.conf" <<EOF
fsync = on
synchronous_commit = on
max_wal_size = 64MB
min_wal_size = 32MB
EOF
pg_start
as_postgres "$pg_bin/createdb -h 127.0.0.1 -p $pg_port -U postgres tejido"
say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, data on $fs ($disk_note)"

db_url="jdbc:postgresql://127.0.0.1:$pg_port/tejido?user=postgres"
node_args=("--tejido.data-dir=$work/node" "--spring.datasource.url=$db_url" "--server.port=$http_port")
say "Starting the node (http://127.0.0.1:$http_port) ..."
java "${java_opts[@]}" -jar "$jar" "${node_args[@]}" </dev/null >"$work/node.log" 2>&1 &
node_pid=$!

health() {
    curl -s -m 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/actuator/health" 2>/dev/null || true
}
deadline=$((SECONDS + 240))
until [[ "$(health)" == 200 ]]; do
    kill -0 "$node_pid" 2>/dev/null || { tail -n 30 "$work/node.log" >&2; die "the node exited during start"; }
    ((SECONDS < deadline)) || die "the node was not UP after 240 s (log: $work/node.log; --keep to keep it)"
    sleep 2
done
out="$(java "${java_opts[@]}" -jar "$jar" users add --name campaign --role registrar "${node_args[@]}" 2>&1)" \
    || die "users add failed"
token="$(printf '%s\n' "$out" | awk '/shown this one time only/ {found = 1; next} found && NF {print; exit}')"
[[ "$token" =~ ^[^[:space:]]+$ ]] || die "no token in the output of users add"
(umask 077 && printf '%s' "$token" >"$work/token")

cat >"$work/attack.json" <<'EOF'
{"facts":{"target":{"kind":"defender","relationship":null,"defenders":[]},"occurredOn":"2024-03-15",
"location":{"country":"MX","subdivision":"MX-OAX","municipality":"Municipio Ficticio"},
"sources":[{"kind":"direct-testimony","reliability":"confirmed"}],"verificationStatus":"verified",
"narrative":"Synthetic narrative for the database faults campaign."},
"classification":{"aggressionTypes":["death-threat"],"perpetrators":[{"perpetrator":"police","involvement":"direct"}],
"rightsDefended":["land-and-territory"],"genderElements":["sexist-smear"]}}
EOF

# One client: records attacks one after another. Per request one line: phase, HTTP status (000: no
# answer), problem code or "-", attack id or "-", start and end in ms, Retry-After or "-".
client() {
    local n="$1" language="$2" phase status start end code id retry
    while [[ ! -f "$work/stop" ]]; do
        phase="$(<"$work/phase")"
        start="$(now_ms)"
        status="$(curl -s -m 60 -D "$work/headers.$n" -o "$work/body.$n" -w '%{http_code}' \
            -H "Authorization: Bearer $(<"$work/token")" -H 'Content-Type: application/json' \
            -H "Accept-Language: $language" --data-binary "@$work/attack.json" \
            "http://127.0.0.1:$http_port/api/attacks" 2>/dev/null)" || status=000
        end="$(now_ms)"
        code=-
        id=-
        if [[ "$status" == 201 ]]; then
            id="$(jq -r '.attackId' "$work/body.$n" 2>/dev/null || printf '?')"
        elif [[ "$status" != 000 ]]; then
            code="$(jq -r '.code // "-"' "$work/body.$n" 2>/dev/null || printf 'not-json')"
        fi
        retry="$(tr -d '\r' <"$work/headers.$n" 2>/dev/null | awk -F': ' 'tolower($1) == "retry-after" {print $2}')"
        printf '%s %s %s %s %s %s %s\n' "$phase" "$status" "$code" "$id" "$start" "$end" "${retry:--}" \
            >>"$work/requests.$n"
        sleep 0.05
    done
}

# Health once a second: time, phase, HTTP status of /actuator/health.
watch_health() {
    while [[ ! -f "$work/stop" ]]; do
        printf '%s %s %s\n' "$(now_ms)" "$(<"$work/phase")" "$(health)" >>"$work/health"
        sleep 1
    done
}

phase() { printf '%s' "$1" >"$work/phase"; }
phase warmup
for ((i = 0; i < clients; i++)); do
    language=es
    ((i % 2)) && language=en
    client "$i" "$language" &
    load_pids+=("$!")
done
watch_health &
health_pid=$!
say "Recording with $clients clients; warm-up ${warmup}s"
sleep "$warmup"

# Fault 1: PostgreSQL stopped hard (as on a crash or an operator's mistake), started again later.
phase pg-stopped
say "Fault 1: pg_ctl stop -m immediate, ${outage}s down"
pg_ctl "-m immediate stop" >/dev/null
sleep "$outage"
phase pg-back
pg_start
pg_back_ms="$(now_ms)"
say "PostgreSQL started again; ${settle}s to recover"
sleep "$settle"

# Fault 2: the data directory's filesystem full, then freed.
disk_back_ms=""
if ((mounted)); then
    phase disk-full
    say "Fault 2: disk full for ${disk_full}s"
    dd if=/dev/zero of="$fs/filler" bs=1M status=none 2>/dev/null || true
    df -h "$fs" | tail -n 1
    sleep "$disk_full"
    rm -f "$fs/filler"
    phase disk-freed
    disk_back_ms="$(now_ms)"
    # An out-of-space WAL write makes PostgreSQL stop itself (PANIC); it is then started again, as its
    # service manager would.
    if ! as_postgres "$pg_bin/pg_isready -q -h 127.0.0.1 -p $pg_port"; then
        say "PostgreSQL stopped itself while the disk was full: starting it again"
        pg_ctl "-m immediate stop" >/dev/null 2>&1 || true
        pg_start
    fi
    say "Disk freed; ${settle}s to recover"
    sleep "$settle"
fi
phase cooldown
sleep 5
touch "$work/stop"
for pid in "${load_pids[@]}" "$health_pid"; do
    wait "$pid" 2>/dev/null || true
done
load_pids=()
health_pid=""

cat "$work"/requests.* >"$work/requests"
report_phase() {
    local name="$1" total ok unavailable other codes retry
    total="$(awk -v p="$name" '$1 == p' "$work/requests" | wc -l)"
    ok="$(awk -v p="$name" '$1 == p && $2 ~ /^2/' "$work/requests" | wc -l)"
    unavailable="$(awk -v p="$name" '$1 == p && $2 == 503' "$work/requests" | wc -l)"
    other="$(awk -v p="$name" '$1 == p && $2 !~ /^2/ && $2 != 503' "$work/requests" | wc -l)"
    codes="$(awk -v p="$name" '$1 == p && $2 !~ /^2/ {print $2 " " $3}' "$work/requests" | sort | uniq -c \
        | awk '{printf "%s%s %s x%s", sep, $2, $3, $1; sep = ", "}')"
    retry="$(awk -v p="$name" '$1 == p && $2 == 503 && $7 == "-"' "$work/requests" | wc -l)"
    printf '  %-11s %5d requests: %5d 2xx, %5d 503, %3d other%s; 503 without Retry-After: %d\n' \
        "$name" "$total" "$ok" "$unavailable" "$other" "${codes:+ ($codes)}" "$retry"
}
recovery() {
    local since="$1" first
    first="$(awk -v t="$since" '$2 == 201 && $5 >= t {print $6}' "$work/requests" | sort -n | head -n 1)"
    if [[ -n "$first" ]]; then
        printf '%d ms' "$((first - since))"
    else
        printf 'never'
    fi
}
health_seen() {
    awk -v p="$1" '$2 == p {print $3}' "$work/health" | uniq | paste -sd ' ' -
}

say ""
say "== Database faults: $clients clients, $(wc -l <"$work/requests") requests =="
for p in warmup pg-stopped pg-back disk-full disk-freed cooldown; do
    report_phase "$p"
done
say "  slowest 503: $(awk '$2 == 503 {print $6 - $5}' "$work/requests" | sort -n | tail -n 1) ms"
say "  fault 1 (stopped ${outage}s): health $(health_seen pg-stopped) then $(health_seen pg-back);" \
    "first attack recorded $(recovery "$pg_back_ms") after PostgreSQL was back"
if [[ -n "$disk_back_ms" ]]; then
    say "  fault 2 (disk full ${disk_full}s): health $(health_seen disk-full) then $(health_seen disk-freed);" \
        "first attack recorded $(recovery "$disk_back_ms") after the disk was freed"
else
    say "  fault 2: $disk_note"
fi

# What the store holds against what the clients were told.
awk '$2 == 201 {print $4}' "$work/requests" | sort >"$work/acknowledged"
psql_q "SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%AttackRecordedEvent'" \
    | sort >"$work/stored"
lost="$(comm -23 "$work/acknowledged" <(sort -u "$work/stored") | wc -l)"
duplicates="$(($(wc -l <"$work/stored") - $(sort -u "$work/stored" | wc -l)))"
unacknowledged="$(comm -13 <(sort -u "$work/acknowledged") <(sort -u "$work/stored") | wc -l)"
no_answer="$(awk '$2 == "000"' "$work/requests" | wc -l)"
say "  acknowledged $(wc -l <"$work/acknowledged"), stored $(wc -l <"$work/stored"): lost $lost," \
    "duplicates $duplicates, stored but refused or unanswered $unacknowledged (requests without an answer: $no_answer)"
# The projections resume on their own: the read model reaches every stored attack.
deadline=$((SECONDS + 120))
stored_count="$(wc -l <"$work/stored")"
start_wait="$(now_ms)"
until [[ "$(psql_q "SELECT count(*) FROM case_summary")" == "$stored_count" ]]; do
    if ((SECONDS > deadline)); then
        say "  read model: $(psql_q "SELECT count(*) FROM case_summary") of $stored_count after 120 s: NOT caught up"
        exit 1
    fi
    sleep 1
done
say "  read model: all $stored_count attacks projected ($(($(now_ms) - start_wait)) ms after the load stopped)"
if ((lost || duplicates || unacknowledged)); then
    exit 1
fi
