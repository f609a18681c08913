#!/usr/bin/env bash
# kill -9 durability: several clients post comments concurrently; the server is SIGKILLed mid-load,
# restarted on the same data folder, and every comment that was answered 303 must be there. Each
# writer checks as itself: GET the article with its own ashyq_commenter cookie (pending comments are
# shown to their writer) and find id="comment-ID". Zero lost, or the script fails.
#
#   bash bench/kill9.sh            # 3 kill/restart cycles, 8 writers, 10 s of load before each kill
#   SMOKE=1 bash bench/kill9.sh    # 1 cycle, 3 s of load (well under 30 s)
#   ENGINE=postgres bash bench/kill9.sh
#                                  # on a throw-away PostgreSQL cluster (.ci/postgres.sh); odd cycles
#                                  # SIGKILL ashyq, even cycles stop PostgreSQL at once (immediate
#                                  # shutdown: no checkpoint, recovery replays its log) under load,
#                                  # then restart both; SMOKE runs one cycle of each
#
# Appends the run to bench/RESULTS.md (NO_RECORD=1 to skip); exits non-zero on any loss.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ENGINE="${ENGINE:-sqlite}"
if [ -n "${SMOKE:-}" ]; then
    if [ "$ENGINE" = postgres ]; then CYCLES="${CYCLES:-2}"; else CYCLES="${CYCLES:-1}"; fi
    LOAD="${LOAD:-3}"
else
    CYCLES="${CYCLES:-3}"; LOAD="${LOAD:-10}"
fi
WRITERS="${WRITERS:-8}"
SLUG="${SLUG:-printers-who-said-no}"
COMMAND="${BENCH_COMMAND:-bash bench/kill9.sh} (ENGINE=$ENGINE SMOKE=${SMOKE:-} CYCLES=$CYCLES LOAD=$LOAD WRITERS=$WRITERS)"

need_debian curl
ASHYQ="$(ashyq_bin)"
DATA="$BENCH_TMP/data"
if [ "$ENGINE" = postgres ]; then
    need_debian postgresql postgresql-client
    ASHYQ_DATABASE="$(bash "$ROOT/.ci/postgres.sh")"
    export ASHYQ_DATABASE
    PG_DIR="${ASHYQ_DATABASE##*host=}"
    trap 'bash "$ROOT/.ci/postgres.sh" stop "$PG_DIR"; bench_cleanup' EXIT
    log "PostgreSQL at $ASHYQ_DATABASE"
fi
start_ashyq "$DATA" --demo

# Every comment id the database holds, one per line, in $1 (PostgreSQL mode).
stored_ids() {
    psql -At -d "$ASHYQ_DATABASE" -c 'SELECT comment_id FROM comments' >"$1"
}

ROWS=()
TOTAL_ACK=0
FILES=()
for cycle in $(seq "$CYCLES"); do
    writer_pids=()
    for n in $(seq "$WRITERS"); do
        file="$BENCH_TMP/writer-$cycle-$n.txt"
        FILES+=("$file")
        CLIENT_TIMEOUT=$((LOAD + 60)) ashyq_client writer --base "http://127.0.0.1:$ASHYQ_PORT" --slug "$SLUG" \
            --writer "$((cycle * 100 + n))" --out "$file" --seconds $((LOAD + 30)) >"$file.json" &
        writer_pids+=("$!")
        BENCH_PIDS+=("$!")
    done
    sleep "$LOAD"
    before_kill="$(cat "$BENCH_TMP"/writer-"$cycle"-*.txt | grep -c '^id ' || true)"
    if [ "$ENGINE" = postgres ] && [ $((cycle % 2)) = 0 ]; then
        FAULT="PostgreSQL immediate stop"
        bash "$ROOT/.ci/postgres.sh" crash "$PG_DIR"
        log "cycle $cycle: PostgreSQL stopped at once after ${LOAD}s of load ($before_kill acknowledged by then)"
        sleep 1
        bash "$ROOT/.ci/postgres.sh" start "$PG_DIR"
        stop_pid "$ASHYQ_PID"
    else
        FAULT="SIGKILL ashyq"
        kill -9 "$ASHYQ_PID"
        wait "$ASHYQ_PID" 2>/dev/null || true
        log "cycle $cycle: SIGKILL after ${LOAD}s of load ($before_kill acknowledged by then)"
    fi
    for pid in "${writer_pids[@]}"; do wait "$pid" || { log "a writer failed"; exit 1; }; done
    acknowledged="$(cat "$BENCH_TMP"/writer-"$cycle"-*.txt | grep -c '^id ' || true)"
    refused="$(cat "$BENCH_TMP"/writer-"$cycle"-*.txt.json | python3 -c 'import json,sys; print(sum(json.loads(l)["other"] for l in sys.stdin))')"
    [ "$acknowledged" -gt 0 ] || { log "cycle $cycle: no comment was acknowledged before the kill"; exit 1; }
    TOTAL_ACK=$((TOTAL_ACK + acknowledged))

    # Restart on the same folder (the demo is not loaded again: the database has articles).
    restart_start="$(date +%s.%N)"
    start_ashyq "$DATA"
    restart_s="$(python3 -c "import time,sys; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$restart_start")"
    if [ "$ENGINE" = postgres ]; then
        stored_ids "$BENCH_TMP/stored-ids.txt"
        result="$(ashyq_client verify --base "http://127.0.0.1:$ASHYQ_PORT" --slug "$SLUG" --ids-file "$BENCH_TMP/stored-ids.txt" "${FILES[@]}")"
    else
        result="$(ashyq_client verify --base "http://127.0.0.1:$ASHYQ_PORT" --slug "$SLUG" --db "$DATA/ashyq.db" "${FILES[@]}")"
    fi
    lost="$(printf '%s' "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lost"])')"
    checked="$(printf '%s' "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["acknowledged"])')"
    ROWS+=("| $cycle | ${FAULT:-SIGKILL ashyq} | $WRITERS | $LOAD | $acknowledged | $refused | $checked | $lost | $restart_s |")
    log "cycle $cycle: $acknowledged acknowledged this cycle ($refused other answers); after restart ($restart_s s) checked $checked, lost $lost"
    if [ "$lost" != 0 ]; then
        STATUS=FAIL
        break
    fi
done
STATUS="${STATUS:-PASS}"
SUMMARY="kill9 ($ENGINE): $STATUS — $CYCLES fault cycle(s), $WRITERS concurrent writers, $TOTAL_ACK comments acknowledged with 303, lost after restart: ${lost} (target 0)"

if [ -z "${NO_RECORD:-}" ]; then
    {
        printf 'Writers: `ashyq_client.py writer`, each its own browser (cookies), posting one comment at a time on `%s`; an id is written to the writer'"'"'s file only after its 303. SIGKILL after %s s of load; restart on the same data folder; then every acknowledged id must be in the database (Python sqlite3, read-only) and each writer GETs the article with its own ashyq_commenter cookie and looks for its newest 19 `id="comment-ID"` (the page lists 20, one of which may be committed but unacknowledged) (all cycles so far, cumulatively).\n\n' "$SLUG" "$LOAD"
        printf 'Engine: %s.\n\n' "$ENGINE"
        printf '| cycle | fault | writers | load s | acknowledged (303) | other answers | checked after restart (cumulative) | lost | restart s |\n|---|---|---|---|---|---|---|---|---|\n'
        printf '%s\n' "${ROWS[@]}"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "kill -9 durability" "$COMMAND" ""
fi
printf '%s\n' "$SUMMARY"
[ "$STATUS" = PASS ]
