#!/usr/bin/env bash
# Moderation screen: F1 ("should not be approved") and comments per second on one core, ashyq versus
# packaged filters from PyPI, per language on the dev rows: English against alt-profanity-check,
# Russian against the Russian filters listed below (the best F1 among them is the anchor).
#
#   bash bench/moderation.sh              # builds ashyq (release) unless ASHYQ_BIN is set
#   DATA=../shared/moderation-data/dev CPU=0 bash bench/moderation.sh
#
# The committed ashyq model was trained on these same dev rows, so ashyq's F1 here is optimistic;
# the honest figure is the 5-fold cross-validation in crates/ashyq-moderation/DATA.md, quoted in
# the results. Prints one summary line and appends to bench/RESULTS.md (NO_RECORD=1 to skip).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA="${DATA:-$ROOT/../shared/moderation-data/dev}"
CPU="${CPU:-0}"
VENV="${VENV:-$BENCH_DIR/.venv}"
COMMAND="${BENCH_COMMAND:-bash bench/moderation.sh} (DATA=$DATA CPU=$CPU)"
EN_ANCHOR=alt-profanity-check
# Russian candidates that install from PyPI and run without downloading anything at run time.
# check-swear (a TF-IDF model for Russian comments) is not among them: it loads NLTK's stopword
# corpus, which must be downloaded separately, and this harness downloads nothing.
RU_CANDIDATES=(detected-profanity python-obscene-words-filter notpotty)
PIP_PACKAGES=(alt-profanity-check==1.9.1 detected-profanity==0.1.0 python-obscene-words-filter==0.1.6 notpotty==0.1.1)

need_debian python3-venv util-linux
[ -d "$DATA" ] || { log "no labelled data at $DATA"; exit 1; }
EN_FILES=("$DATA"/en-*.tsv)
RU_FILES=("$DATA"/ru-*.tsv)
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q "${PIP_PACKAGES[@]}" >&2
ASHYQ="$(ashyq_bin)"

# Every measurement is one process pinned to one core, bounded in time.
one_core() { timeout 900 taskset -c "$CPU" "$@"; }
field() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }

log "ashyq on English rows"
one_core "$ASHYQ" moderation eval "${EN_FILES[@]}" --json >"$BENCH_TMP/ashyq-en.json" 2>/dev/null
log "ashyq on Russian rows"
one_core "$ASHYQ" moderation eval "${RU_FILES[@]}" --json >"$BENCH_TMP/ashyq-ru.json" 2>/dev/null
log "ashyq on all rows"
one_core "$ASHYQ" moderation eval "$DATA" --json >"$BENCH_TMP/ashyq-all.json" 2>/dev/null
log "$EN_ANCHOR on English rows"
one_core "$VENV/bin/python" "$BENCH_DIR/moderation_anchor.py" --filter "$EN_ANCHOR" --lang en "${EN_FILES[@]}" >"$BENCH_TMP/anchor-en.json"
best_ru=""
best_f1=-1
for candidate in "${RU_CANDIDATES[@]}"; do
    log "$candidate on Russian rows"
    one_core "$VENV/bin/python" "$BENCH_DIR/moderation_anchor.py" --filter "$candidate" --lang ru "${RU_FILES[@]}" >"$BENCH_TMP/anchor-ru-$candidate.json"
    f1="$(field "$BENCH_TMP/anchor-ru-$candidate.json" 'd["f1"]')"
    if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$f1" "$best_f1"; then
        best_ru="$candidate"; best_f1="$f1"
    fi
done

a_en_f1="$(field "$BENCH_TMP/ashyq-en.json" '"{:.3f}".format(d["per_language"]["en"]["f1"])')"
a_en_cps="$(field "$BENCH_TMP/ashyq-en.json" '"{:.0f}".format(d["comments_per_second"])')"
a_ru_f1="$(field "$BENCH_TMP/ashyq-ru.json" '"{:.3f}".format(d["per_language"]["ru"]["f1"])')"
a_ru_cps="$(field "$BENCH_TMP/ashyq-ru.json" '"{:.0f}".format(d["comments_per_second"])')"
e_f1="$(field "$BENCH_TMP/anchor-en.json" '"{:.3f}".format(d["f1"])')"
e_cps="$(field "$BENCH_TMP/anchor-en.json" '"{:.0f}".format(d["comments_per_second"])')"
r_f1="$(field "$BENCH_TMP/anchor-ru-$best_ru.json" '"{:.3f}".format(d["f1"])')"
r_cps="$(field "$BENCH_TMP/anchor-ru-$best_ru.json" '"{:.0f}".format(d["comments_per_second"])')"
en_speed="$(ratio "$a_en_cps" "$e_cps")"
ru_speed="$(ratio "$a_ru_cps" "$r_cps")"

SUMMARY="moderation: en ashyq $a_en_cps c/s F1 $a_en_f1 vs $EN_ANCHOR $e_cps c/s F1 $e_f1, speed ratio $en_speed | ru ashyq $a_ru_cps c/s F1 $a_ru_f1 vs $best_ru $r_cps c/s F1 $r_f1, speed ratio $ru_speed (target >= 10x with F1 no lower; ashyq F1 is on its own training rows)"

if [ -z "${NO_RECORD:-}" ]; then
    VERSIONS="- Python: $("$VENV/bin/python" --version 2>&1); packages: $("$VENV/bin/pip" freeze 2>/dev/null | grep -iE 'profanity|obscene|notpotty|scikit-learn' | tr '\n' ' ')
- data: $DATA ($(cat "${EN_FILES[@]}" | wc -l) English lines, $(cat "${RU_FILES[@]}" | wc -l) Russian lines, headers included); one core: taskset -c $CPU"
    {
        printf '"Should not be approved" = any label but `clean`. **Caveat:** the committed ashyq model was trained on these dev rows, so its F1 here is optimistic. '
        printf 'The honest figure is the 5-fold cross-validation in `crates/ashyq-moderation/DATA.md`: F1 en 0.945, ru 0.626 (shared Russian rows; 0.598 without the list entries written after reading their misses), kk 0.904, all 0.940 (at FPR <= 5%% per language). '
        printf 'The anchors were not trained on these rows. Throughput: ashyq from `ashyq moderation eval --json` (screening only), the anchors timed around their classify call (model loading excluded), each process pinned to one core.\n\n'
        printf '| screen | lang | rows | precision | recall | F1 | FPR | comments/s |\n|---|---|---|---|---|---|---|---|\n'
        for lang in en ru; do
            field "$BENCH_TMP/ashyq-$lang.json" "f'| ashyq | $lang | {d[\"per_language\"][\"$lang\"][\"rows\"]} | {d[\"per_language\"][\"$lang\"][\"precision\"]:.3f} | {d[\"per_language\"][\"$lang\"][\"recall\"]:.3f} | {d[\"per_language\"][\"$lang\"][\"f1\"]:.3f} | {d[\"per_language\"][\"$lang\"][\"false_positive_rate\"]:.3f} | {d[\"comments_per_second\"]:.0f} |'"
        done
        for file in "$BENCH_TMP"/anchor-*.json; do
            field "$file" "f'| {d[\"filter\"]} {d[\"version\"]} | {d[\"lang\"]} | {d[\"rows\"]} | {d[\"precision\"]:.3f} | {d[\"recall\"]:.3f} | {d[\"f1\"]:.3f} | {d[\"false_positive_rate\"]:.3f} | {d[\"comments_per_second\"]:.0f} |'"
        done
        field "$BENCH_TMP/ashyq-all.json" "f'\nashyq on all {d[\"rows\"]} rows: F1 {d[\"f1\"]:.3f}, {d[\"comments_per_second\"]:.0f} comments/s on one core.'"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Moderation screen (ashyq vs PyPI filters)" "$COMMAND" "$VERSIONS"
fi
printf '%s\n' "$SUMMARY"
