#!/usr/bin/env bash
# Hostile clients: thousands of idle connections, slowloris (slow headers), slow bodies, a 1 MiB
# header and a 100 MiB body, all at once, against one ashyq on 127.0.0.1. Passes only if
#   - a normal reader keeps being served during the attack: no failure, p99 under P99_LIMIT_MS;
#   - the oversized header and body are refused quickly (4xx or closed within 10 s);
#   - the server sheds the slow and idle connections: at least SHED_SHARE of each kind closed by the
#     server within SHED_WITHIN seconds (checked when HOLD >= SHED_WITHIN + 5, i.e. not in SMOKE).
# Before that attack, password bursts (issue 9): waves of BURST_LINKS concurrent bogus password
# links and BURST_LOGINS concurrent wrong logins, each from its own address (X-Forwarded-For through
# a trusted 127.0.0.1), for BURST_SECONDS. Passes only if the server's peak RSS stays under
# BURST_RSS_LIMIT_MB, the reader's p99 during the bursts under BURST_P99_LIMIT_MS, every bogus link
# is answered 410 and every login 401 (checked) or 503 (Argon2 workers busy).
#
#   bash bench/hostile.sh            # 2000 idle, 200 slow-header, 200 slow-body; held 75 s
#   SMOKE=1 bash bench/hostile.sh    # the same attack held 15 s (shedding is not judged), bursts 5 s
#
# Appends the run to bench/RESULTS.md (NO_RECORD=1 to skip); exits non-zero on failure.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -n "${SMOKE:-}" ]; then
    HOLD="${HOLD:-15}"; BASELINE="${BASELINE:-3}"; BURST_SECONDS="${BURST_SECONDS:-5}"
else
    HOLD="${HOLD:-75}"; BASELINE="${BASELINE:-5}"; BURST_SECONDS="${BURST_SECONDS:-20}"
fi
BURST_LINKS="${BURST_LINKS:-200}"
BURST_LOGINS="${BURST_LOGINS:-200}"
BURST_RSS_LIMIT_MB="${BURST_RSS_LIMIT_MB:-300}"
# 50 ms is the target for a release build. SMOKE runs a debug build in CI on shared cores, where a
# wave of 400 requests keeps the two async threads busy for a few hundred milliseconds: there it
# uses the connection attack's limit (P99_LIMIT_MS).
if [ -n "${SMOKE:-}" ]; then BURST_P99_LIMIT_MS="${BURST_P99_LIMIT_MS:-${P99_LIMIT_MS:-500}}"; else BURST_P99_LIMIT_MS="${BURST_P99_LIMIT_MS:-50}"; fi
IDLE="${IDLE:-2000}"
SLOW_HEADER="${SLOW_HEADER:-200}"
SLOW_BODY="${SLOW_BODY:-200}"
INTERVAL="${INTERVAL:-5}"
SHED_WITHIN="${SHED_WITHIN:-60}"
SHED_SHARE="${SHED_SHARE:-0.95}"
P99_LIMIT_MS="${P99_LIMIT_MS:-500}"
SLUG="${SLUG:-printers-who-said-no}"
COMMAND="${BENCH_COMMAND:-bash bench/hostile.sh} (SMOKE=${SMOKE:-} HOLD=$HOLD IDLE=$IDLE SLOW_HEADER=$SLOW_HEADER SLOW_BODY=$SLOW_BODY INTERVAL=$INTERVAL SHED_WITHIN=$SHED_WITHIN BURST_SECONDS=$BURST_SECONDS BURST_LINKS=$BURST_LINKS BURST_LOGINS=$BURST_LOGINS)"

need_debian curl
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt $((IDLE + SLOW_HEADER + SLOW_BODY + 200)) ] || { log "raise the open-files limit (ulimit -n)"; exit 1; }
ASHYQ="$(ashyq_bin)"
# The bursts pose as many clients through X-Forwarded-For, believed only from a trusted proxy.
export ASHYQ_TRUSTED_PROXIES=127.0.0.1
start_ashyq "$BENCH_TMP/data" --demo

BURSTS="$(timeout $((BURST_SECONDS + BASELINE + 180)) python3 "$BENCH_DIR/hostile_client.py" --port "$ASHYQ_PORT" --path "/articles/$SLUG" \
    --baseline "$BASELINE" --bursts "$BURST_SECONDS" --links "$BURST_LINKS" --logins "$BURST_LOGINS")"
kill -0 "$ASHYQ_PID" 2>/dev/null || { log "the server died during the password bursts"; tail -20 "$BENCH_TMP"/ashyq-*.err >&2; exit 1; }
BURST_RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$ASHYQ_PID/status")"
printf '%s\n' "$BURSTS" >"$BENCH_TMP/bursts.json"
BURST_VERDICT="$(python3 - "$BENCH_TMP/bursts.json" "$BURST_RSS_KB" "$BURST_RSS_LIMIT_MB" "$BURST_P99_LIMIT_MS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
rss_mb, rss_limit, p99_limit = int(sys.argv[2]) / 1024, float(sys.argv[3]), float(sys.argv[4])
fails = []
d = r["during"]
if d["failures"] or not d["requests"]:
    fails.append(f"reader: {d['failures']} failures in {d['requests'] + d['failures']} requests during the bursts")
if d["p99_ms"] is not None and d["p99_ms"] > p99_limit:
    fails.append(f"reader p99 {d['p99_ms']} ms during the bursts (limit {p99_limit:.0f})")
if rss_mb >= rss_limit:
    fails.append(f"peak RSS {rss_mb:.0f} MB after the bursts (limit {rss_limit:.0f})")
if set(r["links"]) != {"410"}:
    fails.append(f"bogus links answered {r['links']}")
if not set(r["logins"]) <= {"401", "503"}:
    fails.append(f"wrong logins answered {r['logins']}")
print("; ".join(fails))
print(f"password bursts: {r['waves']} waves, links {r['links']}, logins {r['logins']}, "
      f"reader p50/p99/max {d['p50_ms']}/{d['p99_ms']}/{d['max_ms']} ms ({d['requests']} requests, {d['failures']} failed), "
      f"peak RSS {rss_mb:.0f} MB")
EOF
)"
BURST_FAILS="$(printf '%s\n' "$BURST_VERDICT" | sed -n 1p)"
BURST_NOTES="$(printf '%s\n' "$BURST_VERDICT" | sed -n 2p)"
log "$BURST_NOTES"

RESULT="$(timeout $((HOLD + BASELINE + 120)) python3 "$BENCH_DIR/hostile_client.py" --port "$ASHYQ_PORT" --path "/articles/$SLUG" \
    --baseline "$BASELINE" --hold "$HOLD" --interval "$INTERVAL" --idle "$IDLE" --slow-header "$SLOW_HEADER" --slow-body "$SLOW_BODY")"
kill -0 "$ASHYQ_PID" 2>/dev/null || { log "the server died during the attack"; tail -20 "$BENCH_TMP"/ashyq-*.err >&2; exit 1; }
RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$ASHYQ_PID/status")"
printf '%s\n' "$RESULT" >"$BENCH_TMP/hostile.json"

VERDICT="$(python3 - "$BENCH_TMP/hostile.json" "$HOLD" "$SHED_WITHIN" "$SHED_SHARE" "$P99_LIMIT_MS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
hold, within, share, p99_limit = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
fails, notes = [], []
d, b = r["during"], r["baseline"]
if d["failures"] or not d["requests"]:
    fails.append(f"normal reader: {d['failures']} failures in {d['requests'] + d['failures']} requests during the attack")
if d["p99_ms"] is not None and d["p99_ms"] > p99_limit:
    fails.append(f"normal reader p99 {d['p99_ms']} ms during the attack (limit {p99_limit})")
for kind in ("big-header", "big-body"):
    a = r["attack"][kind]
    status = next(iter(a["statuses"]))
    if not (a["closed_by_server"] and a["closed_after_max_s"] <= 10):
        fails.append(f"{kind}: not refused within 10 s (answer {status})")
    elif status != "None" and not status.split(" ")[1].startswith("4"):
        fails.append(f"{kind}: answered {status}")
    notes.append(f"{kind}: {status}, closed after {a['closed_after_max_s']} s")
for kind in ("idle", "slow-header", "slow-body"):
    a = r["attack"][kind]
    shed = a["closed_by_server"] / max(1, a["count"])
    notes.append(f"{kind}: {a['closed_by_server']}/{a['count']} closed by the server within {hold:.0f} s"
                 + (f" (median {a['closed_after_median_s']} s, max {a['closed_after_max_s']} s)" if a["closed_by_server"] else "")
                 + f", answers {a['statuses']}")
    if hold >= within + 5:
        in_time = a["closed_by_server"] and a["closed_after_max_s"] <= within
        if shed < share or not in_time:
            fails.append(f"{kind}: only {a['closed_by_server']}/{a['count']} shed within {within:.0f} s")
if hold < within + 5:
    notes.append(f"shedding not judged: held {hold:.0f} s < {within + 5:.0f} s (smoke)")
print(json.dumps({"fails": fails, "notes": notes}))
EOF
)"
FAILS="$(printf '%s' "$VERDICT" | python3 -c 'import json,sys; print("; ".join(json.load(sys.stdin)["fails"]))')"
NOTES="$(printf '%s' "$VERDICT" | python3 -c 'import json,sys; print("; ".join(json.load(sys.stdin)["notes"]))')"
LAT="$(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
b, d = r['baseline'], r['during']
print(f\"reader p50/p99/max {b['p50_ms']}/{b['p99_ms']}/{b['max_ms']} ms before, {d['p50_ms']}/{d['p99_ms']}/{d['max_ms']} ms during ({d['requests']} requests, {d['failures']} failed)\")
" "$BENCH_TMP/hostile.json")"
FAILS="${BURST_FAILS}${BURST_FAILS:+${FAILS:+; }}${FAILS}"
if [ -z "$FAILS" ]; then STATUS=PASS; else STATUS="FAIL ($FAILS)"; fi
SUMMARY="hostile: $STATUS — $BURST_NOTES | $LAT | $NOTES | server peak RSS $((RSS_KB / 1024)) MB"

if [ -z "${NO_RECORD:-}" ]; then
    {
        printf '`hostile_client.py --bursts %s`: waves of %s bogus password links and %s wrong logins at once, each from its own X-Forwarded-For address (127.0.0.1 trusted), while a reader GETs the article. Raw result:\n\n```json\n%s\n```\n\n' \
            "$BURST_SECONDS" "$BURST_LINKS" "$BURST_LOGINS" "$BURSTS"
        printf '`hostile_client.py`: %s idle connections, %s slowloris connections (request line, then one header byte every %s s), %s slow bodies (POST announcing 100000 bytes, one byte every %s s), one 1 MiB header, one 100 MiB body; all held up to %s s, while a normal reader GETs `/articles/%s` (new connection each, one at a time). Raw result:\n\n```json\n%s\n```\n' \
            "$IDLE" "$SLOW_HEADER" "$INTERVAL" "$SLOW_BODY" "$INTERVAL" "$HOLD" "$SLUG" "$RESULT"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Hostile clients (slowloris, idle, oversized)" "$COMMAND" ""
fi
printf '%s\n' "$SUMMARY"
[ "$STATUS" = PASS ]
