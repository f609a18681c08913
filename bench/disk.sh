#!/usr/bin/env bash
# Disk full: the data folder lives on a small tmpfs this script mounts (and unmounts). With the file
# system filled to the last byte, writers must get a clear error (HTTP 503 with the "cannot save"
# page, never a 500 or a hang), readers must keep being served, every comment acknowledged with 303
# must still be there, and once space returns, posting must work again without a restart.
#
#   bash bench/disk.sh             # needs root (mount); 500 posts while full, within 60 s
#   SMOKE=1 bash bench/disk.sh     # 100 posts while full, within 8 s (4 s per request at most)
#
# Appends the run to bench/RESULTS.md (NO_RECORD=1 to skip); exits non-zero on failure.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -n "${SMOKE:-}" ]; then
    FULL_POSTS="${FULL_POSTS:-100}"; BUDGET="${BUDGET:-8}"; export REQ_TIMEOUT="${REQ_TIMEOUT:-4}"
else
    FULL_POSTS="${FULL_POSTS:-500}"; BUDGET="${BUDGET:-60}"; export REQ_TIMEOUT="${REQ_TIMEOUT:-15}"
fi
SIZE_MB="${SIZE_MB:-64}"
SLUG="${SLUG:-printers-who-said-no}"
COMMAND="${BENCH_COMMAND:-bash bench/disk.sh} (SMOKE=${SMOKE:-} SIZE_MB=$SIZE_MB FULL_POSTS=$FULL_POSTS)"

[ "$(id -u)" -eq 0 ] || { log "disk.sh mounts a tmpfs: run it as root"; exit 1; }
need_debian curl
ASHYQ="$(ashyq_bin)"
MNT="$BENCH_TMP/disk"
mkdir -p "$MNT"
mount -t tmpfs -o "size=${SIZE_MB}m,mode=755" ashyq-bench-disk "$MNT"
disk_cleanup() {
    for pid in "${BENCH_PIDS[@]:-}"; do [ -n "$pid" ] && stop_pid "$pid"; done
    # BENCH_KEEP_TMP=1 keeps a copy of the data folder for inspection.
    if [ -n "${BENCH_KEEP_TMP:-}" ]; then cp -a "$MNT/data" "$BENCH_TMP/data-copy" 2>/dev/null || true; fi
    umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null || true
    bench_cleanup
}
trap disk_cleanup EXIT

start_ashyq "$MNT/data" --demo
BASE="http://127.0.0.1:$ASHYQ_PORT"

# One client for the whole run: posts N comments, prints "status count" lines, keeps the acknowledged
# ids and its commenter cookie in a file; then checks pages.
cat >"$BENCH_TMP/disk_client.py" <<'EOF'
import json, sys, time
sys.path.insert(0, sys.argv[1])
from ashyq_client import Client, comment_text, posted_id
base, slug, state_file, action, n = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
try:
    state = json.load(open(state_file))
except FileNotFoundError:
    state = {"cookies": {}, "ids": [], "number": 0}
client = Client(base, timeout=float(__import__("os").environ.get("REQ_TIMEOUT", "15")))
client.cookies.update(state["cookies"])
out = {}
if action == "post":
    messages = set()
    deadline = time.monotonic() + float(sys.argv[7]) if len(sys.argv) > 7 else None
    sequence = []
    for _ in range(n):
        if deadline and time.monotonic() > deadline:
            out["stopped_at_budget"] = True
            break
        state["number"] += 1
        started = time.monotonic()
        try:
            status, headers, body = client.post_comment(slug, "Disk reader", comment_text(7, state["number"]))
        except (TimeoutError, OSError):
            status, headers, body = "timeout", {}, ""
            client.close()
        out.setdefault(str(status), 0)
        out[str(status)] += 1
        out["max_s"] = max(out.get("max_s", 0), round(time.monotonic() - started, 3))
        if sequence and sequence[-1][0] == status:
            sequence[-1][1] += 1
        else:
            sequence.append([status, 1])
        if status == 303:
            state["ids"].append(posted_id(headers))
        elif status == 503:
            messages.add("message" if "The site cannot save anything at the moment" in body else "no message")
    out["503_page"] = sorted(messages)
    out["sequence"] = " ".join(f"{s}x{c}" for s, c in sequence)
elif action == "read":
    for path in ("/", f"/articles/{slug}", "/ru/"):
        status, _, _ = Client(base).get(path)
        out[path] = status
    status, _, page = client.get(f"/articles/{slug}")
    out["own_present"] = sum(f'id="comment-{i}"' in page for i in state["ids"])
    out["own_acknowledged"] = len(state["ids"])
state["cookies"] = client.cookies
json.dump(state, open(state_file, "w"))
print(json.dumps(out))
EOF
client() { timeout 300 python3 "$BENCH_TMP/disk_client.py" "$BENCH_DIR" "$BASE" "$SLUG" "$BENCH_TMP/disk_state.json" "$@"; }
jget() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get(sys.argv[2], 0))' "$1" "$2"; }

FAILS=()
BEFORE="$(client post 5)"
[ "$(jget "$BEFORE" 303)" = 5 ] || FAILS+=("before filling: $BEFORE")
log "before: $BEFORE"

# Fill the file system to the last block.
dd if=/dev/zero of="$MNT/filler" bs=1M status=none 2>/dev/null || true
dd if=/dev/zero of="$MNT/filler2" bs=4k status=none 2>/dev/null || true
dd if=/dev/zero of="$MNT/filler3" bs=1 count=100000 status=none 2>/dev/null || true
FREE_KB="$(df -k --output=avail "$MNT" | tail -1 | tr -d ' ')"
log "file system full: ${FREE_KB} KiB available"

FULL="$(client post "$FULL_POSTS" "$BUDGET")"
log "while full: $FULL"
FULL_READ="$(client read 0)"
log "reads while full: $FULL_READ"
[ "$(jget "$FULL" 503)" -gt 0 ] || FAILS+=("no 503 in $FULL_POSTS posts while full: $FULL")
[ "$(jget "$FULL" stopped_at_budget)" = 0 ] || FAILS+=("$FULL_POSTS posts did not finish within ${BUDGET}s while full")
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); bad=[k for k in d if (k.isdigit() or k == "timeout") and k not in ("303","503")]; sys.exit(1 if bad else 0)' "$FULL" \
    || FAILS+=("answers other than 303/503 while full: $FULL")
[ "$(jget "$FULL" 503_page)" = "['message']" ] || FAILS+=("503 without the cannot-save message: $FULL")
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d["max_s"] < 15 else 1)' "$FULL" || FAILS+=("a post took >= 15 s while full")
for path in / "/articles/$SLUG" /ru/; do
    [ "$(jget "$FULL_READ" "$path")" = 200 ] || FAILS+=("reader got $(jget "$FULL_READ" "$path") for $path while full")
done
[ "$(jget "$FULL_READ" own_present)" = "$(jget "$FULL_READ" own_acknowledged)" ] || FAILS+=("acknowledged comments missing while full: $FULL_READ")

# Space returns: posting must work again, without a restart.
rm -f "$MNT/filler" "$MNT/filler2" "$MNT/filler3"
sleep 1
AFTER="$(client post 5 "$BUDGET")"
log "after space returned: $AFTER"
[ "$(jget "$AFTER" 303)" = 5 ] || FAILS+=("after space returned: $AFTER")
AFTER_READ="$(client read 0)"
[ "$(jget "$AFTER_READ" own_present)" = "$(jget "$AFTER_READ" own_acknowledged)" ] || FAILS+=("acknowledged comments missing after recovery: $AFTER_READ")
kill -0 "$ASHYQ_PID" 2>/dev/null || FAILS+=("the server died")

# And after a restart, everything acknowledged is still there.
stop_pid "$ASHYQ_PID"
start_ashyq "$MNT/data"
BASE="http://127.0.0.1:$ASHYQ_PORT"
RESTART_READ="$(client read 0)"
log "after a restart: $RESTART_READ"
[ "$(jget "$RESTART_READ" own_present)" = "$(jget "$RESTART_READ" own_acknowledged)" ] || FAILS+=("acknowledged comments missing after restart: $RESTART_READ")
LOG_LINES="$(grep -c 'cannot be written\|disk is full' "$BENCH_TMP"/ashyq-*.err || true)"

if [ "${#FAILS[@]}" -eq 0 ]; then STATUS=PASS; else STATUS="FAIL (${FAILS[*]})"; fi
SUMMARY="disk: $STATUS — while full ($FREE_KB KiB free): posts $FULL; reads $FULL_READ | after space returned: posts $AFTER | after restart: $RESTART_READ"
if [ -z "${NO_RECORD:-}" ]; then
    {
        printf 'Data folder on a %s MiB tmpfs mounted by the script; the demo loaded; 5 posts; the file system then filled with `dd` to 0 bytes free; %s posts (one client, one at a time, within %s s) and reads of `/`, `/articles/%s`, `/ru/` and the writer'"'"'s own view; filler removed; 5 posts; restart; own view again. Server log lines about an unwritable database: %s.\n' \
            "$SIZE_MB" "$FULL_POSTS" "$BUDGET" "$SLUG" "$LOG_LINES"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Disk full" "$COMMAND" ""
fi
printf '%s\n' "$SUMMARY"
[ "$STATUS" = PASS ]
