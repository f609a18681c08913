#!/usr/bin/env bash
# Article page: ashyq rendering /articles/printers-who-said-no from SQLite versus nginx serving the
# byte-identical HTML from a file with the same headers. wrk, 2 threads, 32 connections, loopback.
#
#   bash bench/article_page.sh            # builds ashyq (release) unless ASHYQ_BIN is set
#   ROUNDS=3 DURATION=10 CONNECTIONS=32 bash bench/article_page.sh
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
COMMAND="${BENCH_COMMAND:-bash bench/article_page.sh} (ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS COMMENTS=$COMMENTS)"

need_debian nginx wrk curl
ASHYQ="$(ashyq_bin)"

# 1. ashyq with the demo content, plus COMMENTS comments posted by readers and approved by a
#    moderator through the site itself (the same forms a browser uses).
start_ashyq "$BENCH_TMP/data" --demo
ASHYQ_URL="http://127.0.0.1:$ASHYQ_PORT/articles/$SLUG"
if [ "$COMMENTS" -gt 0 ]; then
    add_moderator "$BENCH_TMP/data"
    seed_comments "$SLUG" "$COMMENTS" >/dev/null
fi
mkdir -p "$BENCH_TMP/www/articles"
curl -fsS -D "$BENCH_TMP/ashyq.headers" -o "$BENCH_TMP/www/articles/$SLUG" "$ASHYQ_URL"
chmod -R a+rX "$BENCH_TMP/www"

# 2. nginx with the same page and the same response headers (those nginx does not set itself).
NGINX_PORT="$(free_port)"
mkdir -p "$BENCH_TMP/nginx/logs"
{
    printf 'worker_processes auto;\npid %s/nginx/nginx.pid;\nerror_log %s/nginx/logs/error.log warn;\n' "$BENCH_TMP" "$BENCH_TMP"
    printf 'events { worker_connections 1024; }\n'
    printf 'http {\n  access_log off;\n  server_tokens off;\n  sendfile on;\n  tcp_nopush on;\n  keepalive_requests 1000000;\n  etag off;\n'
    printf '  client_body_temp_path %s/nginx/tmp;\n  proxy_temp_path %s/nginx/tmp;\n  fastcgi_temp_path %s/nginx/tmp;\n  uwsgi_temp_path %s/nginx/tmp;\n  scgi_temp_path %s/nginx/tmp;\n' \
        "$BENCH_TMP" "$BENCH_TMP" "$BENCH_TMP" "$BENCH_TMP" "$BENCH_TMP"
    printf '  server {\n    listen 127.0.0.1:%s;\n    root %s/www;\n' "$NGINX_PORT" "$BENCH_TMP"
    printf '    location / {\n      types { }\n      default_type "text/html; charset=utf-8";\n'
    tr -d '\r' <"$BENCH_TMP/ashyq.headers" | sed 1d | while IFS= read -r line; do
        [ -n "$line" ] || continue
        name="${line%%:*}"
        value="${line#*: }"
        case "$(printf '%s' "$name" | tr 'A-Z' 'a-z')" in
            date | content-length | content-type | connection | transfer-encoding | server | vary) ;;
            *) printf '      add_header %s "%s" always;\n' "$name" "${value//\"/\\\"}" ;;
        esac
    done
    printf '    }\n  }\n}\n'
} >"$BENCH_TMP/nginx/nginx.conf"
mkdir -p "$BENCH_TMP/nginx/tmp"
nginx -t -q -p "$BENCH_TMP/nginx" -c "$BENCH_TMP/nginx/nginx.conf"
nginx -p "$BENCH_TMP/nginx" -c "$BENCH_TMP/nginx/nginx.conf" -g 'daemon off;' \
    2>"$BENCH_TMP/nginx/logs/stderr" &
NGINX_PID=$!
BENCH_PIDS+=("$NGINX_PID")
NGINX_URL="http://127.0.0.1:$NGINX_PORT/articles/$SLUG"
wait_http "$NGINX_PORT" "/articles/$SLUG"

# 3. The bodies must be byte-identical. The page carries a per-browser CSRF token in its comment
#    form, and wrk keeps no cookies: every request to ashyq is a first visit that gets a freshly
#    minted token (and a Set-Cookie header, which nginx sends too, copied). So a second fetch of
#    ashyq differs from the saved file in that 64-character token: swap it back and compare.
curl -fsS -D "$BENCH_TMP/nginx.headers" -o "$BENCH_TMP/nginx.body" "$NGINX_URL"
curl -fsS -D "$BENCH_TMP/ashyq2.headers" -o "$BENCH_TMP/ashyq.body" "$ASHYQ_URL"
csrf_of() { tr -d '\r' <"$1" | sed -n 's/^[Ss]et-[Cc]ookie: ashyq_csrf=\([0-9a-f]*\);.*/\1/p' | head -1; }
TOKEN1="$(csrf_of "$BENCH_TMP/ashyq.headers")"
TOKEN2="$(csrf_of "$BENCH_TMP/ashyq2.headers")"
[ -n "$TOKEN1" ] && [ -n "$TOKEN2" ] || { log "ashyq set no CSRF cookie on a first visit"; exit 1; }
# The form also carries the time it was shown (the too-fast check): the same number of digits,
# but a later second when the two fetches straddle one. Compare with that value blanked on both.
blank_time() { sed 's/name="form_started" value="[0-9]*"/name="form_started" value=""/g' "$1"; }
sed "s/$TOKEN2/$TOKEN1/g" "$BENCH_TMP/ashyq.body" >"$BENCH_TMP/ashyq.body.swapped"
cmp -s <(blank_time "$BENCH_TMP/nginx.body") <(blank_time "$BENCH_TMP/ashyq.body.swapped") || { log "the two servers do not send the same bytes"; exit 1; }
[ "$(wc -c <"$BENCH_TMP/nginx.body")" = "$(wc -c <"$BENCH_TMP/ashyq.body")" ] || { log "the two pages differ in size"; exit 1; }
PAGE_BYTES="$(wc -c <"$BENCH_TMP/ashyq.body")"
N_COMMENTS="$(grep -o 'id="comment-[0-9]*"' "$BENCH_TMP/ashyq.body" | wc -l)"
COUNT_SHOWN="$(grep -o 'class="count">([0-9]*)' "$BENCH_TMP/ashyq.body" | head -1 | tr -dc 0-9)"
N_FIGURES="$(grep -o '<figure' "$BENCH_TMP/ashyq.body" | wc -l)"
INTERVIEW_LANGS="$(grep -o 'lang="[a-z-]*"' "$BENCH_TMP/ashyq.body" | sort -u | tr '\n' ' ')"
log "page: $PAGE_BYTES bytes, $N_FIGURES figures, $N_COMMENTS comments shown (count $COUNT_SHOWN), lang attributes: $INTERVIEW_LANGS"

# 4. Warm-up, then alternate the two servers for ROUNDS rounds; medians are reported.
run_wrk "$CONNECTIONS" "$THREADS" "$WARMUP" "$ASHYQ_URL" >/dev/null
run_wrk "$CONNECTIONS" "$THREADS" "$WARMUP" "$NGINX_URL" >/dev/null
declare -a A_RPS A_P99 N_RPS N_P99 ROWS
for round in $(seq "$ROUNDS"); do
    for server in ashyq nginx; do
        if [ "$server" = ashyq ]; then url="$ASHYQ_URL"; else url="$NGINX_URL"; fi
        report="$(run_wrk "$CONNECTIONS" "$THREADS" "$DURATION" "$url")"
        printf '%s\n' "$report" >"$BENCH_TMP/wrk-$server-$round.txt"
        read -r rps p50 p99 bad <<<"$(printf '%s\n' "$report" | parse_wrk)"
        [ "$bad" = 0 ] || { log "$server: $bad non-2xx responses or socket errors"; exit 1; }
        ROWS+=("| $round | $server | $rps | $p50 | $p99 |")
        log "round $round $server: $rps req/s, p50 $p50 ms, p99 $p99 ms"
        if [ "$server" = ashyq ]; then A_RPS+=("$rps"); A_P99+=("$p99"); else N_RPS+=("$rps"); N_P99+=("$p99"); fi
    done
done
ashyq_rps="$(median "${A_RPS[@]}")"; ashyq_p99="$(median "${A_P99[@]}")"
nginx_rps="$(median "${N_RPS[@]}")"; nginx_p99="$(median "${N_P99[@]}")"
rps_ratio="$(ratio "$ashyq_rps" "$nginx_rps")"
p99_ratio="$(ratio "$ashyq_p99" "$nginx_p99")"
ASHYQ_RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$ASHYQ_PID/status")"

SUMMARY="$(printf 'article-page: ashyq %.0f req/s p99 %.2f ms | nginx %.0f req/s p99 %.2f ms | ratio %s (target >= 0.8); p99 ratio %s (target <= 2)' \
    "$ashyq_rps" "$ashyq_p99" "$nginx_rps" "$nginx_p99" "$rps_ratio" "$p99_ratio")"

if [ -z "${NO_RECORD:-}" ]; then
    VERSIONS="- nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //') (Debian package $(dpkg-query -W -f='${Version}' nginx 2>/dev/null)), worker_processes auto, access_log off
- wrk: $( (wrk -v 2>&1 || true) | head -1 | awk '{print $2}')"
    {
        printf 'Page `/articles/%s` from `serve --demo` plus %s reader comments posted through the form and approved by a moderator: %s bytes, %s figures, %s approved comments shown (heading count %s), interview in en+ru (lang attributes: %s). ' \
            "$SLUG" "$COMMENTS" "$PAGE_BYTES" "$N_FIGURES" "$N_COMMENTS" "$COUNT_SHOWN" "$INTERVIEW_LANGS"
        printf 'Every wrk request to ashyq is a first visit (no cookie): ashyq mints a CSRF token and sends Set-Cookie; nginx serves the saved page (same bytes but for that token) with the same headers, Set-Cookie included. '
        printf 'wrk -t%s -c%s -d%ss --latency after a %ss warm-up per server; %s alternating rounds, medians. ashyq peak RSS %s KiB.\n\n' \
            "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$ROUNDS" "$ASHYQ_RSS_KB"
        printf '| round | server | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|\n'
        printf '%s\n' "${ROWS[@]}"
        printf '\n```\n%s\n```\n' "$SUMMARY"
    } | record_result "Article page (ashyq vs nginx)" "$COMMAND" "$VERSIONS"
fi
printf '%s\n' "$SUMMARY"
