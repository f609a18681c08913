#!/usr/bin/env bash
# A newsroom's WordPress archive moved in one command (issue 13): a generated export of POSTS posts
# with COMMENTS threaded comments each (bench/wxr_corpus.py, WordPress 6's shape), imported by
# `ashyq import wxr` into an empty data folder: wall time and peak memory (GNU time), then the same
# file again (everything skipped as already imported).
#
#   bash bench/import_wxr.sh                      # builds ashyq (release) unless ASHYQ_BIN is set
#   POSTS=3000 COMMENTS=10 NO_RECORD=1 bash bench/import_wxr.sh
#
# Prints a summary and appends it to bench/RESULTS.md (NO_RECORD=1 to skip).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POSTS="${POSTS:-10000}"
COMMENTS="${COMMENTS:-10}"
COMMAND="${BENCH_COMMAND:-bash bench/import_wxr.sh} (POSTS=$POSTS COMMENTS=$COMMENTS)"
[ -x /usr/bin/time ] || need_debian time

ASHYQ="$(ashyq_bin)"
FILE="$BENCH_TMP/export.xml"
log "writing an export of $POSTS posts with $COMMENTS comments each"
python3 "$BENCH_DIR/wxr_corpus.py" "$POSTS" "$COMMENTS" >"$FILE"
file_mib=$(( $(stat -c %s "$FILE") / 1048576 ))

run_import() {
    /usr/bin/time -f '%e %M' -o "$BENCH_TMP/time.$1" \
        "$ASHYQ" import wxr "$FILE" --data "$BENCH_TMP/data" >"$BENCH_TMP/import.$1.out" 2>"$BENCH_TMP/import.$1.err" \
        || { cat "$BENCH_TMP/import.$1.err" >&2; exit 1; }
    cat "$BENCH_TMP/import.$1.out" >&2
}
log "importing into an empty data folder"
run_import 1
read -r first_s first_kb <"$BENCH_TMP/time.1"
grep -q "Imported $POSTS articles, $((POSTS * COMMENTS)) comments" "$BENCH_TMP/import.1.out" \
    || { log "the import did not bring every post and comment"; exit 1; }
log "importing the same file again"
run_import 2
read -r second_s second_kb <"$BENCH_TMP/time.2"
grep -q "Nothing changed" "$BENCH_TMP/import.2.out" || { log "the second import changed something"; exit 1; }

SUMMARY="import wxr: $POSTS posts and $((POSTS * COMMENTS)) comments ($file_mib MiB) in ${first_s}s, peak $((first_kb / 1024)) MiB; again in ${second_s}s, peak $((second_kb / 1024)) MiB"
echo "$SUMMARY"

if [ -z "${NO_RECORD:-}" ]; then
    record_result "WordPress archive import (issue 13)" "$COMMAND" "- $(nproc) cores" <<EOF2
| measure | value |
| --- | --- |
| export file | $POSTS posts, $((POSTS * COMMENTS)) comments, $file_mib MiB |
| first import (empty data folder): wall time / peak RSS | ${first_s} s / $((first_kb / 1024)) MiB |
| same file again (all already imported): wall time / peak RSS | ${second_s} s / $((second_kb / 1024)) MiB |
EOF2
fi
