#!/usr/bin/env bash
# Comments: reading a thread of 50 approved comments, and posting a comment that is acknowledged only
# once it is durable, ashyq versus Isso 0.14 (PyPI) with moderation on, under gunicorn with one
# worker per core and its rate-limit guard off. Both on 127.0.0.1, in the same run.
#
#   bash bench/comments.sh                 # builds ashyq (release) unless ASHYQ_BIN is set
#   ROUNDS=3 DURATION=10 CONNECTIONS=32 bash bench/comments.sh
#   ENGINE=postgres bash bench/comments.sh # ashyq on PostgreSQL against ashyq on SQLite (no Isso):
#                                          # the same reads and posts, a throw-away cluster from
#                                          # .ci/postgres.sh (socket only, fsync on)
#
# Prints one summary line and appends the run to bench/RESULTS.md (NO_RECORD=1 to skip).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SLUG="${SLUG:-printers-who-said-no}"
COMMENTS="${COMMENTS:-50}"
ISSO_VERSION="${ISSO_VERSION:-0.14.0}"
WORKERS="${WORKERS:-$(nproc)}"
COMMAND="${BENCH_COMMAND:-bash bench/comments.sh} (ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS COMMENTS=$COMMENTS WORKERS=$WORKERS)"

need_debian wrk curl
ASHYQ="$(ashyq_bin)"

# PostgreSQL mode: the same thread and the same wrk runs against two ashyq servers, one on SQLite
# in its data folder and one on PostgreSQL; posts per second of each, and their ratio.
if [ "${ENGINE:-sqlite}" = postgres ]; then
    need_debian postgresql postgresql-client
    PG_URL="$(bash "$ROOT/.ci/postgres.sh")"
    PG_DIR="${PG_URL##*host=}"
    trap 'bash "$ROOT/.ci/postgres.sh" stop "$PG_DIR"; bench_cleanup' EXIT
    COMMAND="${BENCH_COMMAND:-ENGINE=postgres bash bench/comments.sh} (ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS COMMENTS=$COMMENTS)"
    declare -A PORT
    start_ashyq "$BENCH_TMP/sqlite" --demo
    add_moderator "$BENCH_TMP/sqlite"
    seed_comments "$SLUG" "$COMMENTS" >/dev/null
    PORT[sqlite]="$ASHYQ_PORT"
    ASHYQ_DATABASE="$PG_URL" start_ashyq "$BENCH_TMP/postgres" --demo
    ASHYQ_DATABASE="$PG_URL" add_moderator "$BENCH_TMP/postgres"
    seed_comments "$SLUG" "$COMMENTS" >/dev/null
    PORT[postgres]="$ASHYQ_PORT"
    CSRF="$(random_token)"
    COMMENTER="$(random_token)"
    export SLUG CSRF COMMENTER
    declare -A RPS P99
    ROWS=()
    for kind in read post; do
        for engine in sqlite postgres; do
            base="http://127.0.0.1:${PORT[$engine]}"
            if [ "$kind" = read ]; then set -- "$base/articles/$SLUG"; else set -- "$base" -s "$BENCH_DIR/lua/ashyq_post.lua"; fi
            run_wrk "$CONNECTIONS" "$THREADS" "$WARMUP" "$@" >/dev/null
        done
        for round in $(seq "$ROUNDS"); do
            for engine in sqlite postgres; do
                base="http://127.0.0.1:${PORT[$engine]}"
                if [ "$kind" = read ]; then set -- "$base/articles/$SLUG"; else set -- "$base" -s "$BENCH_DIR/lua/ashyq_post.lua"; fi
                REPORT="$(run_wrk "$CONNECTIONS" "$THREADS" "$DURATION" "$@")"
                read -r rps p50 p99 bad <<<"$(printf '%s\n' "$REPORT" | parse_wrk)"
                statuses="$(printf '%s\n' "$REPORT" | sed -n 's/^statuses: //p')"
                if [ "$bad" != 0 ]; then
                    log "$kind $engine: $bad non-2xx/3xx responses or socket errors ($statuses)"
                    printf '%s\n' "$REPORT" >&2
                    exit 1
                fi
                RPS[$kind-$engine]+="$rps "
                P99[$kind-$engine]+="$p99 "
                ROWS+=("| $kind | $round | $engine | $rps | $p50 | $p99 | ${statuses:-all 200} |")
                log "$kind round $round $engine: $rps req/s, p50 $p50 ms, p99 $p99 ms"
            done
        done
    done
    med() { median ${RPS[$1]}; }
    medp() { median ${P99[$1]}; }
    SUMMARY="$(printf 'comments by engine: post PostgreSQL %.0f/s vs SQLite %.0f/s, ratio %s | read %.0f vs %.0f req/s, ratio %s | p99 post %.2f vs %.2f ms' \
        "$(med post-postgres)" "$(med post-sqlite)" "$(ratio "$(med post-postgres)" "$(med post-sqlite)")" \
        "$(med read-postgres)" "$(med read-sqlite)" "$(ratio "$(med read-postgres)" "$(med read-sqlite)")" \
        "$(medp post-postgres)" "$(medp post-sqlite)")"
    if [ -z "${NO_RECORD:-}" ]; then
        VERSIONS="- PostgreSQL: $(psql -At -d "$PG_URL" -c 'SHOW server_version') (throw-away cluster, unix socket, fsync and synchronous_commit on, defaults otherwise)"
        {
            printf 'Both servers: the demo plus %s approved comments on `%s`; reads are the article page (first visit), posts the form with one fixed cookie pair, each acknowledged after its commit (SQLite: WAL, synchronous=FULL; PostgreSQL: commit with fsync). wrk -t%s -c%s -d%ss, %ss warm-up, %s alternating rounds, medians.\n\n' \
                "$COMMENTS" "$SLUG" "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$ROUNDS"
            printf '| kind | round | engine | req/s | p50 ms | p99 ms | statuses |\n|---|---|---|---|---|---|---|\n'
            printf '%s\n' "${ROWS[@]}"
            printf '\n```\n%s\n```\n' "$SUMMARY"
        } | record_result "Comments by storage engine (SQLite vs PostgreSQL)" "$COMMAND" "$VERSIONS"
    fi
    printf '%s\n' "$SUMMARY"
    exit 0
fi

VENV="$BENCH_DIR/.venv"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c "import isso, gunicorn, sys; from importlib.metadata import version; sys.exit(version('isso') != '$ISSO_VERSION')" 2>/dev/null; then
    log "installing isso==$ISSO_VERSION and gunicorn into $VENV"
    "$VENV/bin/pip" install -q "isso==$ISSO_VERSION" gunicorn >&2
fi

# 1. ashyq with the demo content and COMMENTS approved comments on the article (posted through
#    the form, approved by a moderator through /moderation/decide).
start_ashyq "$BENCH_TMP/data" --demo
add_moderator "$BENCH_TMP/data"
seed_comments "$SLUG" "$COMMENTS" >/dev/null
ASHYQ_READ_URL="http://127.0.0.1:$ASHYQ_PORT/articles/$SLUG"
ASHYQ_APPROVED="$(curl -fsS "$ASHYQ_READ_URL" | grep -o 'class="count">([0-9]*)' | head -1 | tr -dc 0-9)"

# 2. Isso with moderation on and the guard off, under gunicorn (sync workers, one per core).
ISSO_PORT="$(free_port)"
mkdir -p "$BENCH_TMP/isso"
cat >"$BENCH_TMP/isso/isso.cfg" <<EOF
[general]
dbpath = $BENCH_TMP/isso/comments.db
host = http://127.0.0.1:$ASHYQ_PORT/
notify = stdout
gravatar = false
log-file = $BENCH_TMP/isso/isso.log
[moderation]
enabled = true
[admin]
enabled = false
[server]
listen = http://127.0.0.1:$ISSO_PORT/
[guard]
enabled = false
require-author = false
require-email = false
EOF
ISSO_SETTINGS="$BENCH_TMP/isso/isso.cfg" timeout $((ROUNDS * 4 * (DURATION + 40) + 600)) \
    "$VENV/bin/gunicorn" --preload -w "$WORKERS" -b "127.0.0.1:$ISSO_PORT" --log-level warning isso.run \
    >"$BENCH_TMP/isso/stdout" 2>"$BENCH_TMP/isso/stderr" &
ISSO_PID=$!
BENCH_PIDS+=("$ISSO_PID")
ISSO_URI="/articles/$SLUG"
ISSO_QUERY="uri=%2Farticles%2F$SLUG"
wait_http "$ISSO_PORT" "/info" || { cat "$BENCH_TMP/isso/stderr" >&2; exit 1; }

# The same 50 comments' worth of thread in Isso: posted through its API (the first creates the
# thread, with a title so Isso does not fetch the page), then approved. Isso's admin approval needs
# its web admin or signed e-mail links; setting mode = 1 (accepted) in its database is what both do.
"$VENV/bin/python" - "$ISSO_PORT" "$ISSO_URI" "$COMMENTS" "$BENCH_TMP/isso/comments.db" <<'EOF'
import json, sqlite3, sys, urllib.parse, urllib.request
port, uri, count, db = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
url = f"http://127.0.0.1:{port}/new?uri={urllib.parse.quote(uri, safe='')}"
for number in range(count):
    body = json.dumps({"text": f"Thank you for reporting this; the printers' story deserves to be read widely. (reader 0, note {number})",
                       "author": f"Reader {number + 1}", "email": None, "website": None, "parent": None,
                       "title": "The printers who said no"}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 202, response.status  # 202: accepted, awaiting moderation
with sqlite3.connect(db) as con:
    con.execute("UPDATE comments SET mode = 1 WHERE mode = 2")
with urllib.request.urlopen(f"http://127.0.0.1:{port}/?uri={urllib.parse.quote(uri, safe='')}", timeout=30) as response:
    thread = json.load(response)
assert thread["total_replies"] == count, thread["total_replies"]
EOF
ISSO_READ_URL="http://127.0.0.1:$ISSO_PORT/?$ISSO_QUERY"
ISSO_APPROVED="$(curl -fsS "$ISSO_READ_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_replies"])')"
ISSO_DB_MODE="$("$VENV/bin/python" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0])" "$BENCH_TMP/isso/comments.db")"
log "threads: ashyq shows $ASHYQ_APPROVED approved comments on $SLUG; Isso returns $ISSO_APPROVED; Isso SQLite journal/synchronous: $ISSO_DB_MODE"
READ_BYTES_ASHYQ="$(curl -fsS "$ASHYQ_READ_URL" | wc -c)"
READ_BYTES_ISSO="$(curl -fsS "$ISSO_READ_URL" | wc -c)"

# 3. wrk: reads (ashyq's article page with the thread, first visit; Isso's JSON thread), then
#    posts (ashyq: form POST with a fixed cookie and matching csrf_token; Isso: JSON POST /new).
CSRF="$(random_token)"
COMMENTER="$(random_token)"
export SLUG CSRF COMMENTER URI="$ISSO_URI"
measure() { # KIND SERVER -> sets REPORT
    local kind="$1" server="$2" seconds="$3"
    case "$kind-$server" in
        read-ashyq) REPORT="$(run_wrk "$CONNECTIONS" "$THREADS" "$seconds" "$ASHYQ_READ_URL")" ;;
        read-isso) REPORT="$(run_wrk "$CONNECTIONS" "$THREADS" "$seconds" "$ISSO_READ_URL")" ;;
        post-ashyq) REPORT="$(run_wrk "$CONNECTIONS" "$THREADS" "$seconds" "http://127.0.0.1:$ASHYQ_PORT" -s "$BENCH_DIR/lua/ashyq_post.lua")" ;;
        post-isso) REPORT="$(run_wrk "$CONNECTIONS" "$THREADS" "$seconds" "http://127.0.0.1:$ISSO_PORT" -s "$BENCH_DIR/lua/isso_post.lua")" ;;
    esac
    kill -0 "$ISSO_PID" 2>/dev/null || { log "gunicorn (Isso) is gone"; tail -20 "$BENCH_TMP/isso/stderr" >&2; exit 1; }
}
declare -A RPS P99
ROWS=()
for kind in read post; do
    for server in ashyq isso; do measure "$kind" "$server" "$WARMUP"; done
    for round in $(seq "$ROUNDS"); do
        for server in ashyq isso; do
            measure "$kind" "$server" "$DURATION"
            printf '%s\n' "$REPORT" >"$BENCH_TMP/wrk-$kind-$server-$round.txt"
            read -r rps p50 p99 bad <<<"$(printf '%s\n' "$REPORT" | parse_wrk)"
            statuses="$(printf '%s\n' "$REPORT" | sed -n 's/^statuses: //p')"
            if [ "$bad" != 0 ]; then
                log "$kind $server: $bad non-2xx/3xx responses or socket errors ($statuses)"
                printf '%s\n' "$REPORT" >&2
                exit 1
            fi
            RPS[$kind-$server]+="$rps "
            P99[$kind-$server]+="$p99 "
            ROWS+=("| $kind | $round | $server | $rps | $p50 | $p99 | ${statuses:-all 200} |")
            log "$kind round $round $server: $rps req/s, p50 $p50 ms, p99 $p99 ms ${statuses:+($statuses)}"
        done
    done
done
med() { median ${RPS[$1]}; }
medp() { median ${P99[$1]}; }
READ_A="$(med read-ashyq)"; READ_I="$(med read-isso)"; POST_A="$(med post-ashyq)"; POST_I="$(med post-isso)"
READ_RATIO="$(ratio "$READ_A" "$READ_I")"; POST_RATIO="$(ratio "$POST_A" "$POST_I")"
ISSO_STORED="$("$VENV/bin/python" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM comments').fetchone()[0])" "$BENCH_TMP/isso/comments.db")"
ASHYQ_RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$ASHYQ_PID/status")"

SUMMARY="$(printf 'comments: read ashyq %.0f req/s vs Isso %.0f req/s, ratio %s (target >= 300) | post ashyq %.0f/s vs Isso %.0f/s, ratio %s (target >= 10) | p99 read %.2f vs %.2f ms, post %.2f vs %.2f ms' \
    "$READ_A" "$READ_I" "$READ_RATIO" "$POST_A" "$POST_I" "$POST_RATIO" \
    "$(medp read-ashyq)" "$(medp read-isso)" "$(medp post-ashyq)" "$(medp post-isso)")"

if [ -z "${NO_RECORD:-}" ]; then
    VERSIONS="- Isso: $("$VENV/bin/python" -c "from importlib.metadata import version as v; print('isso', v('isso'), '| gunicorn', v('gunicorn'), '| Werkzeug', v('werkzeug'))") on $("$VENV/bin/python" --version), gunicorn sync workers: $WORKERS (one per core), --preload; moderation on, guard off; SQLite journal_mode/synchronous: $ISSO_DB_MODE
- wrk: $( (wrk -v 2>&1 || true) | head -1 | awk '{print $2}')"
    {
        printf 'Thread: `%s`, %s comments posted and approved on each side (ashyq shows %s approved, the demo'"'"'s own included; Isso returns %s). ' \
            "$SLUG" "$COMMENTS" "$ASHYQ_APPROVED" "$ISSO_APPROVED"
        printf 'Read: ashyq has no separate comments endpoint, so its read is the whole article page with the thread (%s bytes, first visit: fresh CSRF token + Set-Cookie); Isso'"'"'s is `GET /?uri=…`, the JSON thread its embed script fetches (%s bytes). ' \
            "$READ_BYTES_ASHYQ" "$READ_BYTES_ISSO"
        printf 'Post: ashyq `POST /articles/%s/comments`, form-encoded, one fixed ashyq_csrf + ashyq_commenter cookie and matching csrf_token, answered 303 after the group commit (WAL, synchronous=FULL); Isso `POST /new?uri=…` JSON, answered 202 (pending) after its own commit. Every body differs. ' "$SLUG"
        printf 'wrk -t%s -c%s -d%ss --latency, %ss warm-up per server and kind; %s alternating rounds, medians. Isso stored %s comments in all; ashyq peak RSS %s KiB.\n\n' \
            "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$ROUNDS" "$ISSO_STORED" "$ASHYQ_RSS_KB"
        printf '| kind | round | server | req/s | p50 ms | p99 ms | statuses |\n|---|---|---|---|---|---|---|\n'
        printf '%s\n' "${ROWS[@]}"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Comments (ashyq vs Isso $ISSO_VERSION)" "$COMMAND" "$VERSIONS"
fi
printf '%s\n' "$SUMMARY"
