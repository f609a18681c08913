#!/usr/bin/env bash
# Scale: `ashyq demo generate --articles N` for a small and a large N, each into a fresh data folder;
# import time, the server's resident memory, and front-page and article latency at one connection
# (so the figure is the server's own time, not queueing), large N against small N.
#
#   bash bench/scale.sh                   # N = 1,000 and 100,000
#   SMALL=1000 LARGE=100000 DURATION=10 bash bench/scale.sh
#
# Prints one summary line and appends the run to bench/RESULTS.md (NO_RECORD=1 to skip).
# Needs about 2 GB of free disk for N = 100,000 (the data folder is deleted afterwards).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMALL="${SMALL:-1000}"
LARGE="${LARGE:-100000}"
DURATION="${DURATION:-10}"
SEED="${SEED:-1}"
COMMAND="${BENCH_COMMAND:-bash bench/scale.sh} (SMALL=$SMALL LARGE=$LARGE DURATION=$DURATION SEED=$SEED)"

need_debian wrk curl
ASHYQ="$(ashyq_bin)"

declare -A RESULT
ROWS=()
for n in "$SMALL" "$LARGE"; do
    data="$BENCH_TMP/data-$n"
    log "generating $n articles"
    started="$(date +%s.%N)"
    # The import is bounded in time too (an hour is far beyond any expected run).
    timeout 3600 "$ASHYQ" demo generate --articles "$n" --seed "$SEED" --data "$data" >"$BENCH_TMP/generate-$n.out"
    finished="$(date +%s.%N)"
    import_s="$(python3 -c "print(f'{$finished - $started:.1f}')")"
    db_mb="$(du -sm "$data" | cut -f1)"
    log "$(cat "$BENCH_TMP/generate-$n.out" | head -1)"

    start_ashyq "$data"
    rss_start_kb="$(awk '/^VmRSS/ {print $2}' "/proc/$ASHYQ_PID/status")"
    base="http://127.0.0.1:$ASHYQ_PORT"
    # The newest article on the front page (an original or a translation, as readers land on it).
    article="$(curl -fsS "$base/" | grep -o 'href="/articles/[^"]*"' | head -1 | cut -d'"' -f2)"
    [ -n "$article" ] || { log "no article link on the front page"; exit 1; }
    for page in front article; do
        if [ "$page" = front ]; then path=/; else path="$article"; fi
        run_wrk 1 1 2 "$base$path" >/dev/null  # warm-up
        read -r rps p50 p99 bad <<<"$(run_wrk 1 1 "$DURATION" "$base$path" | parse_wrk)"
        [ "$bad" = 0 ] || { log "$page at N=$n: $bad errors"; exit 1; }
        RESULT[$n-$page-p50]="$p50"
        RESULT[$n-$page-p99]="$p99"
        ROWS+=("| $n | $page (\`$path\`) | $rps | $p50 | $p99 |")
        log "N=$n $page: $rps req/s at 1 connection, p50 $p50 ms, p99 $p99 ms"
    done
    # Resident memory under load as well: 32 connections on the article for a few seconds.
    run_wrk 32 2 5 "$base$article" >/dev/null
    rss_peak_kb="$(awk '/^VmHWM/ {print $2}' "/proc/$ASHYQ_PID/status")"
    stop_pid "$ASHYQ_PID"
    RESULT[$n-import]="$import_s"
    RESULT[$n-rss]="$((rss_peak_kb / 1024))"
    RESULT[$n-rss-start]="$((rss_start_kb / 1024))"
    RESULT[$n-db]="$db_mb"
    rm -rf "$data"
done

front_ratio="$(ratio "${RESULT[$LARGE-front-p50]}" "${RESULT[$SMALL-front-p50]}")"
article_ratio="$(ratio "${RESULT[$LARGE-article-p50]}" "${RESULT[$SMALL-article-p50]}")"
SUMMARY="scale: N=$LARGE import ${RESULT[$LARGE-import]} s, server RSS peak ${RESULT[$LARGE-rss]} MB (target < 200) | p50 front ${RESULT[$LARGE-front-p50]} ms vs ${RESULT[$SMALL-front-p50]} ms at N=$SMALL, ratio $front_ratio | p50 article ${RESULT[$LARGE-article-p50]} ms vs ${RESULT[$SMALL-article-p50]} ms, ratio $article_ratio (target <= 1.2)"

if [ -z "${NO_RECORD:-}" ]; then
    VERSIONS="- wrk: $( (wrk -v 2>&1 || true) | head -1 | awk '{print $2}')"
    {
        printf 'Corpus from `ashyq demo generate --seed %s` (articles in en/ru/kk, about a third with a two-language interview, up to three figures, translations, and comments: about 5.5 per article on average, two in five articles with none, one in twenty with 21-80; 85% approved, a fifth of them replies). ' "$SEED"
        printf 'Latency: wrk -t1 -c1 -d%ss --latency after a 2 s warm-up; RSS peak (VmHWM) after that plus 5 s at 32 connections.\n\n' "$DURATION"
        printf '| N | import s | data folder MB | RSS at start MB | RSS peak MB |\n|---|---|---|---|---|\n'
        for n in "$SMALL" "$LARGE"; do
            printf '| %s | %s | %s | %s | %s |\n' "$n" "${RESULT[$n-import]}" "${RESULT[$n-db]}" "${RESULT[$n-rss-start]}" "${RESULT[$n-rss]}"
        done
        printf '\n| N | page | req/s (1 conn) | p50 ms | p99 ms |\n|---|---|---|---|---|\n'
        printf '%s\n' "${ROWS[@]}"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Scale (N=$SMALL vs N=$LARGE)" "$COMMAND" "$VERSIONS"
fi
printf '%s\n' "$SUMMARY"
