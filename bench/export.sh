#!/usr/bin/env bash
# The signed static copy at scale (issue 12): a generated corpus of ARTICLES articles
# (`ashyq demo generate`), then `ashyq export site` into an empty folder (time, files, size), a
# second export with nothing changed (the incremental path: every file compared, none written),
# and `ashyq verify` of the copy.
#
#   bash bench/export.sh                  # builds ashyq (release) unless ASHYQ_BIN is set
#   ARTICLES=2000 NO_RECORD=1 bash bench/export.sh
#
# Target from the issue: 100,000 articles exported in under 2 minutes on a 2-core machine.
# Prints a summary and appends it to bench/RESULTS.md (NO_RECORD=1 to skip).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ARTICLES="${ARTICLES:-100000}"
COMMAND="${BENCH_COMMAND:-bash bench/export.sh} (ARTICLES=$ARTICLES)"

ASHYQ="$(ashyq_bin)"
DATA="$BENCH_TMP/data"
OUT="$BENCH_TMP/copy"
export ASHYQ_PUBLIC_URL="https://news.example"

seconds_since() {
    python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"
}

log "generating $ARTICLES articles"
start=$(date +%s.%N)
"$ASHYQ" demo generate --articles "$ARTICLES" --data "$DATA" >/dev/null 2>"$BENCH_TMP/generate.err" \
    || { cat "$BENCH_TMP/generate.err" >&2; exit 1; }
gen_s=$(seconds_since "$start")

log "exporting into an empty folder"
start=$(date +%s.%N)
"$ASHYQ" export site --data "$DATA" --out "$OUT" >"$BENCH_TMP/export1.out" 2>"$BENCH_TMP/export1.err" \
    || { cat "$BENCH_TMP/export1.err" >&2; exit 1; }
first_s=$(seconds_since "$start")
cat "$BENCH_TMP/export1.out" >&2
files=$(($(wc -l <"$OUT/manifest.txt")))
copy_bytes=$(du -sb "$OUT" | cut -f1)

log "exporting again, nothing changed"
start=$(date +%s.%N)
"$ASHYQ" export site --data "$DATA" --out "$OUT" >"$BENCH_TMP/export2.out" 2>"$BENCH_TMP/export2.err" \
    || { cat "$BENCH_TMP/export2.err" >&2; exit 1; }
second_s=$(seconds_since "$start")
cat "$BENCH_TMP/export2.out" >&2
written_again=$(sed -n 's/.*: \([0-9]*\) written.*/\1/p' "$BENCH_TMP/export2.out")

log "verifying the copy"
start=$(date +%s.%N)
"$ASHYQ" verify --data "$DATA" "$OUT" >"$BENCH_TMP/verify.out" 2>&1 \
    || { cat "$BENCH_TMP/verify.out" >&2; exit 1; }
verify_s=$(seconds_since "$start")

SUMMARY="export: $ARTICLES articles (generated in ${gen_s}s) exported in ${first_s}s ($files files, $((copy_bytes / 1048576)) MiB); again with nothing changed in ${second_s}s ($written_again written); verified in ${verify_s}s"
echo "$SUMMARY"

if [ -z "${NO_RECORD:-}" ]; then
    record_result "Static signed copy (issue 12)" "$COMMAND" "- $(nproc) cores" <<EOF2
| measure | value | target |
| --- | --- | --- |
| articles | $ARTICLES | 100,000 |
| first export (\`ashyq export site\`, empty folder) | ${first_s} s | under 120 s |
| files in the copy / size | $files / $((copy_bytes / 1048576)) MiB | — |
| second export, nothing changed | ${second_s} s ($written_again files written) | 0 written |
| \`ashyq verify\` of the copy | ${verify_s} s | — |
EOF2
fi
