# Shared helpers for the bench scripts: sourced, not run. Loopback only; every process a script
# starts is recorded and stopped on exit; every load loop is bounded by time.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_PIDS=()
BENCH_TMP="$(mktemp -d /tmp/ashyq-bench.XXXXXX)"
# nginx workers run as `nobody` when started by root: they must be able to read the page.
chmod 755 "$BENCH_TMP"

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] || continue
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ -z "${BENCH_KEEP_TMP:-}" ]; then rm -rf "$BENCH_TMP"; fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s\n' "$*" >&2; }

# Installs Debian packages that are missing (root only; otherwise says what to install).
need_debian() {
    local missing=()
    local package
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        log "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
        exit 1
    fi
    log "installing ${missing[*]} from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2 \
        || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2; }
}

# The ashyq release binary: $ASHYQ_BIN, or built with cargo (honours CARGO_TARGET_DIR).
ashyq_bin() {
    if [ -n "${ASHYQ_BIN:-}" ]; then
        printf '%s\n' "$ASHYQ_BIN"
        return
    fi
    (cd "$ROOT" && cargo build --release -p ashyq >&2)
    printf '%s\n' "${CARGO_TARGET_DIR:-$ROOT/target}/release/ashyq"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until http://127.0.0.1:PORT/PATH answers (at most 60 s).
wait_http() {
    local port="$1" path="${2:-/}"
    for _ in $(seq 600); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port$path" 2>/dev/null && return 0
        sleep 0.1
    done
    log "nothing answered on 127.0.0.1:$port$path within 60 s"
    return 1
}

# Starts `ashyq serve` on a free loopback port over data folder $1 (extra args follow); sets
# ASHYQ_PORT and ASHYQ_PID.
start_ashyq() {
    local data="$1"
    shift
    ASHYQ_PORT="$(free_port)"
    ASHYQ_LOG="${ASHYQ_SERVER_LOG:-warn}" "$ASHYQ" serve --data "$data" --listen "127.0.0.1:$ASHYQ_PORT" "$@" \
        >"$BENCH_TMP/ashyq-$ASHYQ_PORT.out" 2>"$BENCH_TMP/ashyq-$ASHYQ_PORT.err" &
    ASHYQ_PID=$!
    BENCH_PIDS+=("$ASHYQ_PID")
    wait_http "$ASHYQ_PORT" / || { cat "$BENCH_TMP/ashyq-$ASHYQ_PORT.err" >&2; exit 1; }
}

stop_pid() {
    local pid="$1"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

# wrk with a hard time bound; prints wrk's report. Args: CONNECTIONS THREADS SECONDS URL [wrk
# options, e.g. -s script.lua].
run_wrk() {
    local connections="$1" threads="$2" seconds="$3" url="$4"
    timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency "${@:5}" "$url"
    # A server that vanished mid-run (crash, OOM killer, someone else's pkill) must not be reported
    # as a slow server: say so and stop.
    if [ -n "${ASHYQ_PID:-}" ] && ! kill -0 "$ASHYQ_PID" 2>/dev/null; then
        log "the ashyq server (pid $ASHYQ_PID) is gone; its log:"
        tail -n 20 "$BENCH_TMP"/ashyq-*.err >&2 || true
        exit 1
    fi
}

# From a wrk report on stdin: "REQ_PER_S P50_MS P99_MS NON_2XX_OR_ERRORS".
parse_wrk() {
    python3 -c '
import re, sys
text = sys.stdin.read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
n_bad = (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)
print(f"{rps:.1f} {ms(*p50.groups()):.3f} {ms(*p99.groups()):.3f} {n_bad}")
'
}

median() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
ratio() { python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print(f"{a / b:.2f}" if b else "inf")' "$1" "$2"; }

# Appends a dated entry to bench/RESULTS.md: title, the exact command, machine, versions, then the
# body (stdin). Numbers come from the run; nothing is edited by hand.
record_result() {
    local title="$1" command="$2" versions="$3"
    local cpu
    cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
    {
        printf '\n## %s — %s\n\n' "$title" "$(date -u '+%Y-%m-%d %H:%M UTC')"
        printf -- '- command: `%s`\n' "$command"
        printf -- '- machine: %s CPUs (`nproc`), %s; memory: %s\n' "$(nproc)" "${cpu:-unknown CPU}" \
            "$(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
        printf -- '- kernel: %s\n' "$(uname -r)"
        printf -- '- ashyq: %s\n' "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet HEAD -- . ':!bench/RESULTS.md' 2>/dev/null || echo ' (with uncommitted changes)')"
        printf '%s\n' "$versions"
        printf '\n'
        cat
    } >>"$BENCH_DIR/RESULTS.md"
}

# --- Comments -------------------------------------------------------------------------------------

# Load tests post many comments from 127.0.0.1: lift the per-address limit (10 minutes window).
export ASHYQ_COMMENTS_PER_ADDRESS="${ASHYQ_COMMENTS_PER_ADDRESS:-100000000}"
MODERATOR_EMAIL="bench-moderator@example.org"
MODERATOR_PASSWORD="bench moderator passphrase over the steppe"

# Python client for ashyq (standard library only).
ashyq_client() { timeout "${CLIENT_TIMEOUT:-600}" python3 "$BENCH_DIR/ashyq_client.py" "$@"; }

# Creates the bench moderator account in data folder $1 (works while the server runs).
add_moderator() {
    printf '%s' "$MODERATOR_PASSWORD" | "$ASHYQ" user add --email "$MODERATOR_EMAIL" --name "Bench Moderator" \
        --role moderator --password-stdin --data "$1" >/dev/null
}

# Posts $2 comments on article $1 of the running ashyq and approves them as the bench moderator.
seed_comments() {
    ashyq_client seed --base "http://127.0.0.1:$ASHYQ_PORT" --slug "$1" --count "$2" \
        --email "$MODERATOR_EMAIL" --password "$MODERATOR_PASSWORD"
}

# A random well-formed token (64 lowercase hex), as the server's own cookies are.
random_token() { python3 -c 'import secrets; print(secrets.token_hex(32))'; }

# Resident memory of a process in KiB.
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
