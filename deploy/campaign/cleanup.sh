#!/usr/bin/env bash
# Sourced by crash-restart.sh and load.sh: on exit (or INT, TERM) stop the campaign driver if it runs
# ($driver_pid) and the local federation ($federation), and keep the script's exit status.
driver_pid=""
# shellcheck disable=SC2317  # reached through the trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$driver_pid" ]] && kill -0 "$driver_pid" 2>/dev/null; then
        kill -TERM "$driver_pid" 2>/dev/null || true
        wait "$driver_pid" 2>/dev/null || true
    fi
    # shellcheck disable=SC2154  # set by the script that sources this file
    "$federation" stop || true
    exit "$rc"
}
trap cleanup EXIT INT TERM
