#!/usr/bin/env bash
# Soak: 10 minutes of mixed load on one server — 90% reads (article pages and the front page), 10%
# comment posts — while a moderator approves comments now and then. The load comes from
# `soak_client.rs` (built here with rustc), which times every request itself. Passes only with:
# reader p99 under 50 ms (READ_P99_MS), post p99 under 100 ms (POST_P99_MS), zero 5xx answers and
# zero failed connections, and resident memory flat: no 30-s median after the warm-up more than 10%
# (GROWTH_LIMIT) above the median of the warm-up's last 30 s (VmRSS from /proc/PID/status, every
# 5 s; the highest single sample is reported too).
#
#   bash bench/soak.sh              # 600 s, 60 s warm-up, 16 connections
#   SMOKE=1 bash bench/soak.sh      # 40 s, 10 s warm-up (about a minute in all)
#   DURATION=90 bash bench/soak.sh  # a shorter full run
#
# MACHINE_NOTE="…" is written into the entry (say so when others were compiling meanwhile);
# SOAK_KEEP=DIR keeps the client's JSON, its per-second timeline and the server's log there.
# Appends the run to bench/RESULTS.md (NO_RECORD=1 to skip); exits non-zero on failure.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -n "${SMOKE:-}" ]; then
    DURATION="${DURATION:-40}"; WARMUP="${WARMUP:-10}"; SAMPLE="${SAMPLE:-1}"
else
    DURATION="${DURATION:-600}"; WARMUP="${WARMUP:-60}"; SAMPLE="${SAMPLE:-5}"
fi
CONNECTIONS="${CONNECTIONS:-16}"
GROWTH_LIMIT="${GROWTH_LIMIT:-1.10}"
READ_P99_MS="${READ_P99_MS:-50}"
POST_P99_MS="${POST_P99_MS:-100}"
SLUGS="${SLUGS:-printers-who-said-no,reading-us-when-blocked,auyl-radiosy}"
COMMAND="${BENCH_COMMAND:-bash bench/soak.sh} (SMOKE=${SMOKE:-} DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS SLUGS=$SLUGS)"

need_debian curl
command -v rustc >/dev/null || { log "rustc is needed to build bench/soak_client.rs"; exit 1; }
rustc --edition 2021 -O "$BENCH_DIR/soak_client.rs" -o "$BENCH_TMP/soak_client"
ASHYQ="$(ashyq_bin)"
start_ashyq "$BENCH_TMP/data" --demo
add_moderator "$BENCH_TMP/data"

# Resident memory, sampled every SAMPLE seconds for the whole run.
(
    start=$(date +%s)
    while kill -0 "$ASHYQ_PID" 2>/dev/null && [ $(($(date +%s) - start)) -le $((DURATION + 10)) ]; do
        printf '%s %s\n' "$(($(date +%s) - start))" "$(rss_kb "$ASHYQ_PID")"
        # Where the memory is: anonymous (the heap: caches, buffers, SQLite's page caches) against
        # file-backed (the binary, and SQLite's shared write-ahead-log index, which grows with the log).
        awk -v t="$(($(date +%s) - start))" '/^Rss:/ {rss=$2} /^Anonymous:/ {anon=$2} END {print t, rss, anon, rss - anon}' \
            "/proc/$ASHYQ_PID/smaps_rollup" >>"$BENCH_TMP/memory.txt" 2>/dev/null || true
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

timeout $((DURATION + 60)) "$BENCH_TMP/soak_client" --addr "127.0.0.1:$ASHYQ_PORT" --seconds "$DURATION" \
    --connections "$CONNECTIONS" --slugs "$SLUGS" --csrf "$(random_token)" --commenter "$(random_token)" \
    --timeline "$BENCH_TMP/timeline.txt" >"$BENCH_TMP/client.json"
if ! kill -0 "$ASHYQ_PID" 2>/dev/null; then
    log "the ashyq server (pid $ASHYQ_PID) is gone; its log:"
    tail -n 20 "$BENCH_TMP"/ashyq-*.err >&2 || true
    exit 1
fi
wait "$APPROVER_PID" || { log "the approver failed:"; cat "$BENCH_TMP/approver.err" >&2; exit 1; }
wait "$SAMPLER_PID" 2>/dev/null || true
DB_MB="$(du -sm "$BENCH_TMP/data" | cut -f1)"
if [ -n "${SOAK_KEEP:-}" ]; then
    mkdir -p "$SOAK_KEEP"
    cp "$BENCH_TMP/client.json" "$BENCH_TMP/timeline.txt" "$BENCH_TMP/rss.txt" "$BENCH_TMP/memory.txt" \
        "$BENCH_TMP"/ashyq-*.err "$SOAK_KEEP"/
fi

CLIENT="$(cat "$BENCH_TMP/client.json")"
read -r RPS READS POSTS READ_P50 READ_P99 READ_P999 READ_MAX POST_P50 POST_P99 POST_P999 POST_MAX \
    FIVE_XX ERRORS READ_OK POST_OK STATUSES <<<"$(python3 - "$BENCH_TMP/client.json" "$READ_P99_MS" "$POST_P99_MS" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
read_limit, post_limit = float(sys.argv[2]), float(sys.argv[3])
r, p = d["read"], d["post"]
statuses = {}
for kind in (r, p):
    for k, v in kind["statuses"].items():
        statuses[k] = statuses.get(k, 0) + v
print(f'{d["rps"]:.0f}', r["count"], p["count"], r["p50_ms"], r["p99_ms"], r["p999_ms"], r["max_ms"],
      p["p50_ms"], p["p99_ms"], p["p999_ms"], p["max_ms"], r["5xx"] + p["5xx"], r["errors"] + p["errors"],
      "yes" if r["p99_ms"] < read_limit else "no", "yes" if p["p99_ms"] < post_limit else "no",
      " ".join(f"{k}={v}" for k, v in sorted(statuses.items())))
PY
)"
APPROVER="$(cat "$BENCH_TMP/approver.json")"
APPROVER_5XX="$(printf '%s' "$APPROVER" | python3 -c 'import json,sys; d=json.load(sys.stdin)["statuses"]; print(sum(v for k, v in d.items() if k == "error" or k.startswith("5")))')"
APPROVED="$(printf '%s' "$APPROVER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["approved"])')"
# Growth is judged on medians over 30 s (MEDIAN_SECONDS): the allocator gives freed pages back in
# decay epochs, so single samples swing by a few MB either way, and one sample (the warm-up's
# last, or a moment's peak) is not a trend. The base is the median of the warm-up's last 30 s; the
# line fails if any later 30-s median is over GROWTH_LIMIT times it. The single highest sample is
# reported beside it.
MEDIAN_SECONDS="${MEDIAN_SECONDS:-30}"
read -r RSS_BASE RSS_MAX RSS_LAST RSS_GROWTH RSS_OK RSS_PEAK RSS_PEAK_GROWTH <<<"$(python3 - "$BENCH_TMP/rss.txt" "$WARMUP" "$GROWTH_LIMIT" "$MEDIAN_SECONDS" <<'PY'
import statistics, sys
samples = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if len(line.split()) == 2]
warmup, limit, window = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
samples = [(t, kb) for t, kb in samples if kb > 0]
base = statistics.median([kb for t, kb in samples if warmup - window < t <= warmup] or
                         [[kb for t, kb in samples if t <= warmup][-1]])
after = [(t, kb) for t, kb in samples if t > warmup] or [(warmup, base)]
medians = [statistics.median([kb for u, kb in after if t <= u < t + window]) for t, _ in after
           if t + window <= after[-1][0] + 1] or [statistics.median([kb for _, kb in after])]
peak = max(kb for _, kb in after)
growth = max(medians) / base
print(int(base), int(max(medians)), after[-1][1], f"{growth:.3f}", "yes" if growth <= limit else "no",
      peak, f"{peak / base:.3f}")
PY
)"
# The same split at the end of the warm-up and at the end: which kind of memory grew.
MEMORY_SPLIT="$(python3 - "$BENCH_TMP/memory.txt" "$WARMUP" <<'PY'
import sys
rows = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if len(line.split()) == 4]
warmup = int(sys.argv[2])
if not rows:
    print("not sampled")
else:
    base = ([r for r in rows if r[0] <= warmup] or rows[:1])[-1]
    last = rows[-1]
    mb = lambda kb: f"{kb / 1024:.1f}"
    print(f"anonymous {mb(base[2])} -> {mb(last[2])} MB, file-backed {mb(base[3])} -> {mb(last[3])} MB")
PY
)"
# Stalls: the seconds whose slowest post took over a second (from the client's timeline), and what
# the server warned about meanwhile (slow checkpoints say what they waited for).
STALLS="$(awk '$4 > 1000 {printf "%ss: %.0f ms; ", $1, $4}' "$BENCH_TMP/timeline.txt")"
WARNINGS="$(sed 's/\x1b\[[0-9;]*m//g' "$BENCH_TMP"/ashyq-*.err | awk '/ WARN / {sub(/^.* WARN +[^ ]+ /, ""); print substr($0, 1, 90)}' \
    | sort | uniq -c | sort -rn | awk '{n=$1; $1=""; printf "%s ×%s; ", substr($0, 2), n}')"
RSS_CURVE="$(awk -v step="$(( DURATION / 10 > SAMPLE ? DURATION / 10 : SAMPLE ))" '$1 % step < '"$SAMPLE"' {printf "%ss %.1fMB; ", $1, $2/1024}' "$BENCH_TMP/rss.txt")"

FAILS=()
[ "$READ_OK" = yes ] || FAILS+=("reader p99 $READ_P99 ms, target < $READ_P99_MS;")
[ "$POST_OK" = yes ] || FAILS+=("post p99 $POST_P99 ms, target < $POST_P99_MS;")
[ "${FIVE_XX:-x}" = 0 ] || FAILS+=("$FIVE_XX 5xx answers to the load;")
[ "${ERRORS:-x}" = 0 ] || FAILS+=("$ERRORS failed connections or timeouts;")
[ "$APPROVER_5XX" = 0 ] || FAILS+=("$APPROVER_5XX 5xx answers or errors to the moderator;")
APPROVER_REFUSED="$(printf '%s' "$APPROVER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["statuses"].get("refused", 0))')"
[ "$APPROVER_REFUSED" = 0 ] || FAILS+=("$APPROVER_REFUSED of the moderator's approvals were refused (the approvals the soak exists to exercise did not happen);")
[ "$RSS_OK" = yes ] || FAILS+=("RSS (${MEDIAN_SECONDS}-s medians) grew ${RSS_GROWTH}x after warm-up, limit $GROWTH_LIMIT;")
STATUS=PASS
[ "${#FAILS[@]}" -eq 0 ] || STATUS="FAIL (${FAILS[*]})"
SUMMARY="$(printf 'soak: %s — %ss mixed load, %s req/s (%s reads, %s posts); reader p50/p99/p99.9/max %s/%s/%s/%s ms (target p99 < %s); post p50/p99/p99.9/max %s/%s/%s/%s ms (target p99 < %s); statuses %s, 5xx %s, failed connections %s; moderator approved %s (5xx/errors %s); RSS (%ss medians) %.1f MB at the end of the %ss warm-up, at most %.1f MB after (x%s, limit %s), last sample %.1f MB, highest sample %.1f MB (x%s); data folder %s MB at the end' \
    "$STATUS" "$DURATION" "$RPS" "$READS" "$POSTS" "$READ_P50" "$READ_P99" "$READ_P999" "$READ_MAX" "$READ_P99_MS" \
    "$POST_P50" "$POST_P99" "$POST_P999" "$POST_MAX" "$POST_P99_MS" "$STATUSES" "$FIVE_XX" "$ERRORS" \
    "$APPROVED" "$APPROVER_5XX" "$MEDIAN_SECONDS" "$(echo "$RSS_BASE / 1024" | bc -l)" "$WARMUP" "$(echo "$RSS_MAX / 1024" | bc -l)" \
    "$RSS_GROWTH" "$GROWTH_LIMIT" "$(echo "$RSS_LAST / 1024" | bc -l)" "$(echo "$RSS_PEAK / 1024" | bc -l)" "$RSS_PEAK_GROWTH" "$DB_MB")"

if [ -z "${NO_RECORD:-}" ]; then
    {
        printf '`soak_client.rs`: %s keep-alive connections for %s s, each sending one request at a time and timing every request itself (first byte written to last byte read): 90%% reads (a tenth of them the front page, the rest articles %s), 10%% comment posts (one browser'"'"'s cookies); all from 127.0.0.1. A moderator (`ashyq_client.py approver`) posts, approves and opens `/moderation` every 2 s. VmRSS sampled every %s s. Other work on the machine during the run: %s.\n\n' \
            "$CONNECTIONS" "$DURATION" "$SLUGS" "$SAMPLE" "${MACHINE_NOTE:-none noted}"
        printf 'RSS over time: %s\n\nMemory after the warm-up and at the end (smaps_rollup): %s\n\nSeconds with a post slower than 1 s: %s\n\nServer warnings: %s\n\nModerator: `%s`\n\nClient: `%s`\n\n' "$RSS_CURVE" "$MEMORY_SPLIT" "${STALLS:-none}" "${WARNINGS:-none}" "$APPROVER" "$CLIENT"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Soak (mixed load, latency, memory)" "$COMMAND" "- rustc: $(rustc --version)"
fi
printf '%s\n' "$SUMMARY"
printf 'memory after the warm-up and at the end: %s\n' "$MEMORY_SPLIT"
printf 'seconds with a post slower than 1 s: %s\nserver warnings: %s\n' "${STALLS:-none}" "${WARNINGS:-none}"
[ "$STATUS" = PASS ]
