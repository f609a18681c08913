#!/usr/bin/env bash
# Soak: 10 minutes of mixed load on one server — 90% reads (article pages and the front page), 10%
# comment posts — while a moderator approves comments now and then. Passes only with zero 5xx
# answers and resident memory flat: no sample after the warm-up more than 10% above the RSS at the
# end of the warm-up (VmRSS from /proc/PID/status).
#
#   bash bench/soak.sh             # 600 s, 60 s warm-up, 16 connections
#   SMOKE=1 bash bench/soak.sh     # 15 s, 4 s warm-up
#
# Appends the run to bench/RESULTS.md (NO_RECORD=1 to skip); exits non-zero on failure.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -n "${SMOKE:-}" ]; then
    DURATION="${DURATION:-15}"; WARMUP="${WARMUP:-4}"; SAMPLE="${SAMPLE:-1}"
else
    DURATION="${DURATION:-600}"; WARMUP="${WARMUP:-60}"; SAMPLE="${SAMPLE:-5}"
fi
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
GROWTH_LIMIT="${GROWTH_LIMIT:-1.10}"
SLUGS="${SLUGS:-printers-who-said-no,reading-us-when-blocked,auyl-radiosy}"
COMMAND="${BENCH_COMMAND:-bash bench/soak.sh} (SMOKE=${SMOKE:-} DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS SLUGS=$SLUGS)"

need_debian wrk curl
ASHYQ="$(ashyq_bin)"
start_ashyq "$BENCH_TMP/data" --demo
add_moderator "$BENCH_TMP/data"

# Resident memory, sampled every SAMPLE seconds for the whole run.
(
    start=$(date +%s)
    while kill -0 "$ASHYQ_PID" 2>/dev/null && [ $(($(date +%s) - start)) -le $((DURATION + 10)) ]; do
        printf '%s %s\n' "$(($(date +%s) - start))" "$(rss_kb "$ASHYQ_PID")"
        sleep "$SAMPLE"
    done
) >"$BENCH_TMP/rss.txt" &
SAMPLER_PID=$!
BENCH_PIDS+=("$SAMPLER_PID")

# A moderator: posts a comment, approves it, opens the queue; every 2 s.
CLIENT_TIMEOUT=$((DURATION + 60)) ashyq_client approver --base "http://127.0.0.1:$ASHYQ_PORT" --slugs "$SLUGS" \
    --email "$MODERATOR_EMAIL" --password "$MODERATOR_PASSWORD" --seconds "$DURATION" --pause 2 \
    >"$BENCH_TMP/approver.json" 2>"$BENCH_TMP/approver.err" &
APPROVER_PID=$!
BENCH_PIDS+=("$APPROVER_PID")

export SLUGS CSRF="$(random_token)" COMMENTER="$(random_token)"
REPORT="$(run_wrk "$CONNECTIONS" "$THREADS" "$DURATION" "http://127.0.0.1:$ASHYQ_PORT" -s "$BENCH_DIR/lua/soak_mix.lua")"
wait "$APPROVER_PID" || { log "the approver failed:"; cat "$BENCH_TMP/approver.err" >&2; exit 1; }
wait "$SAMPLER_PID" 2>/dev/null || true
printf '%s\n' "$REPORT" >"$BENCH_TMP/wrk-soak.txt"

read -r rps p50 p99 bad <<<"$(printf '%s\n' "$REPORT" | parse_wrk)"
STATUSES="$(printf '%s\n' "$REPORT" | sed -n 's/^statuses: //p')"
FIVE_XX="$(printf '%s\n' "$REPORT" | sed -n 's/^5xx: //p')"
SOCKET="$(printf '%s\n' "$REPORT" | sed -n 's/^ *Socket errors: //p')"
APPROVER="$(cat "$BENCH_TMP/approver.json")"
APPROVER_5XX="$(printf '%s' "$APPROVER" | python3 -c 'import json,sys; d=json.load(sys.stdin)["statuses"]; print(sum(v for k, v in d.items() if k == "error" or k.startswith("5")))')"
APPROVED="$(printf '%s' "$APPROVER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["approved"])')"
read -r RSS_BASE RSS_MAX RSS_LAST RSS_GROWTH RSS_OK <<<"$(python3 - "$BENCH_TMP/rss.txt" "$WARMUP" "$GROWTH_LIMIT" <<'EOF'
import sys
samples = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if len(line.split()) == 2]
warmup, limit = int(sys.argv[2]), float(sys.argv[3])
samples = [(t, kb) for t, kb in samples if kb > 0]
base = [kb for t, kb in samples if t <= warmup][-1]
after = [kb for t, kb in samples if t > warmup] or [base]
growth = max(after) / base
print(base, max(after), after[-1], f"{growth:.3f}", "yes" if growth <= limit else "no")
EOF
)"
RSS_CURVE="$(awk -v step="$(( DURATION / 10 > SAMPLE ? DURATION / 10 : SAMPLE ))" '$1 % step < '"$SAMPLE"' {printf "%ss %.1fMB; ", $1, $2/1024}' "$BENCH_TMP/rss.txt")"

FAILS=()
[ "${FIVE_XX:-x}" = 0 ] || FAILS+=("$FIVE_XX 5xx answers to the load")
[ "$APPROVER_5XX" = 0 ] || FAILS+=("$APPROVER_5XX 5xx answers or errors to the moderator")
[ "$RSS_OK" = yes ] || FAILS+=("RSS grew ${RSS_GROWTH}x after warm-up (limit $GROWTH_LIMIT)")
[ -n "$SOCKET" ] && FAILS+=("socket errors: $SOCKET")
STATUS=PASS
[ "${#FAILS[@]}" -eq 0 ] || STATUS="FAIL (${FAILS[*]})"
SUMMARY="$(printf 'soak: %s — %ss mixed load, %.0f req/s, p99 %.2f ms, statuses %s, 5xx %s; moderator approved %s (5xx/errors %s); RSS %.1f MB after %ss warm-up, max %.1f MB after (x%s, limit %s), last %.1f MB' \
    "$STATUS" "$DURATION" "$rps" "$p99" "$STATUSES" "$FIVE_XX" "$APPROVED" "$APPROVER_5XX" \
    "$(echo "$RSS_BASE / 1024" | bc -l)" "$WARMUP" "$(echo "$RSS_MAX / 1024" | bc -l)" "$RSS_GROWTH" "$GROWTH_LIMIT" "$(echo "$RSS_LAST / 1024" | bc -l)")"

if [ -z "${NO_RECORD:-}" ]; then
    {
        printf 'wrk -t%s -c%s -d%ss with `lua/soak_mix.lua`: 90%% reads (of which a tenth the front page, the rest articles %s), 10%% comment posts (one browser'"'"'s cookies); all from 127.0.0.1. A moderator (`ashyq_client.py approver`) posts, approves and opens `/moderation` every 2 s. VmRSS sampled every %s s.\n\n' \
            "$THREADS" "$CONNECTIONS" "$DURATION" "$SLUGS" "$SAMPLE"
        printf 'RSS over time: %s\n\nModerator: `%s`\n\n' "$RSS_CURVE" "$APPROVER"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Soak (mixed load, memory)" "$COMMAND" "- wrk: $( (wrk -v 2>&1 || true) | head -1 | awk '{print $2}')"
fi
printf '%s\n' "$SUMMARY"
[ "$STATUS" = PASS ]
