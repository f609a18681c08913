#!/usr/bin/env python3
"""Two servers, one site, under a mixed load (issue 15); called by `two_servers.sh` with the
addresses of nginx and of the two servers behind it. Python standard library only.

For SECONDS (default 25):

  posters    POSTERS browsers (default 4), each with its own client address (X-Forwarded-For,
             read by ashyq only when it trusts the proxy), post comments through nginx, so that
             both servers take posts; every acknowledgement (303 with `posted=ID`) is recorded with
             the id, the exact text and the server that gave it;
  readers    READERS browsers (default 2) read the article page and the front page through nginx;
  moderator  one signed-in moderator, on the FIRST server directly, approves three of every four
             acknowledged comments and rejects the fourth, one decision at a time;
  watchers   one per server, directly: after each approval, read the article's conversation (every
             page) until the comment is there, and note how long that took.

Then, with the load stopped, it asserts:

  - no response with status >= 500 and no dropped connection, anything sent by anyone (every
    status is counted and printed);
  - every acknowledged comment is in PostgreSQL (psql) with the text that was sent, and the
    approved and rejected ones have the status the moderator gave them;
  - every approved comment was shown by BOTH servers within 2 s of its approval (the worst delay is
    printed), and no comment that was not approved is shown by either.

Prints one JSON summary line on standard output; exits non-zero, saying why, on any failure.
Loopback only; everything is bounded in time.
"""

import argparse
import collections
import html
import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time

from ashyq_client import Client, posted_id  # beside this file

VISIBLE_WITHIN = 2.0  # seconds, from issue 15
GIVE_UP_AFTER = 6.0  # keep looking this long, so that a late comment's delay is still measured

WORDS = (
    "steppe printers paper ink river night market radio winter letter station bridge teacher "
    "archive village harvest lamp road morning evening courage neighbour story signal"
).split()


def comment_text(poster, number):
    """Unique plain words (nothing HTML escapes), so the page and the database can be searched."""
    words = " ".join(random.choice(WORDS) for _ in range(6))
    return f"Mixed load {poster}-{number}-{random.randrange(10**9)}: {words}."


class Tally:
    """Every status seen, by who saw it, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.errors = []

    def add(self, who, status):
        with self.lock:
            self.counts[(who, status)] += 1

    def error(self, who, error):
        with self.lock:
            self.counts[(who, "dropped")] += 1
            if len(self.errors) < 10:
                self.errors.append(f"{who}: {error!r}")

    def server_errors(self):
        return sum(n for (_, status), n in self.counts.items() if status == "dropped" or status >= 500)

    def by_status(self):
        result = collections.Counter()
        for (_, status), n in self.counts.items():
            result[str(status)] += n
        return dict(sorted(result.items()))


def forwarded_client(base, address):
    """A browser whose requests say they come from `address` (as a proxy in front would)."""

    class Forwarded(Client):
        def request(self, method, path, body=None, headers=None):
            headers = dict(headers or {})
            headers["X-Forwarded-For"] = address
            return super().request(method, path, body=body, headers=headers)

    return Forwarded(base, timeout=15.0)


def poster(index, args, stop, tally, acknowledged, lock, failures):
    client = forwarded_client(f"http://127.0.0.1:{args.nginx}", f"10.15.{index}.{random.randrange(1, 250)}")
    number = 0
    while not stop.is_set():
        number += 1
        text = comment_text(index, number)
        try:
            status, headers, _ = client.post_comment(args.slug, f"Poster {index}", text)
        except (OSError, http.client.HTTPException) as error:
            tally.error("post", error)
            client.close()
            continue
        tally.add("post", status)
        ident = posted_id(headers)
        if status == 303 and ident is not None:
            with lock:
                acknowledged.append({"id": ident, "text": text, "server": headers.get("x-upstream", "?")})
        else:
            with lock:
                failures.append(f"a post was not acknowledged: HTTP {status} {headers.get('location', '')}")
        stop.wait(args.pause)


def reader(index, args, stop, tally):
    client = forwarded_client(f"http://127.0.0.1:{args.nginx}", f"10.16.{index}.1")
    paths = [f"/articles/{args.slug}", "/"]
    number = 0
    while not stop.is_set():
        number += 1
        try:
            status, _, _ = client.get(paths[number % len(paths)])
            tally.add("read", status)
        except (OSError, http.client.HTTPException) as error:
            tally.error("read", error)
            client.close()
        stop.wait(0.02)


def moderator(args, stop, tally, acknowledged, lock, decisions, approved_queue, failures):
    client = Client(f"http://127.0.0.1:{args.first}", timeout=15.0)
    client.login(args.email, args.password)
    done = 0
    while not stop.is_set():
        with lock:
            ready = acknowledged[done] if done < len(acknowledged) else None
        if ready is None:
            stop.wait(0.05)
            continue
        done += 1
        ident = ready["id"]
        approve = done % 4 != 0
        fields = [("id", str(ident)), (f"version-{ident}", "1"), ("status", "pending")]
        fields += [("action", "approve")] if approve else [("action", "reject"), ("reason", "other")]
        try:
            status, headers, _ = client.post("/moderation/decide", fields)
        except (OSError, http.client.HTTPException) as error:
            tally.error("decide", error)
            client.close()
            continue
        decided_at = time.monotonic()
        tally.add("decide", status)
        if status != 303 or not re.search(r"[?&]done=1(&|$)", headers.get("location", "")):
            with lock:
                failures.append(f"deciding comment {ident}: HTTP {status} {headers.get('location', '')}")
            continue
        verdict = "approved" if approve else "rejected"
        with lock:
            decisions[ident] = verdict
        if approve:
            approved_queue.append((ident, ready["text"], decided_at))
        stop.wait(args.decide_pause)


def shown_comments(client, slug, tally):
    """The article's public conversation, every page of it (following the earlier/later links),
    as one text; every page's status is counted."""
    seen, pages, queue = set(), [], [f"/articles/{slug}"]
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        seen.add(address)
        status, _, page = client.get(address)
        tally.add("watch", status)
        pages.append(page)
        for link in re.findall(r'<a href="([^"]+)" rel="(?:prev|next)"', page):
            queue.append(html.unescape(link).split("#")[0])
    return "\n".join(pages)


def watcher(port, args, stop_watching, tally, approved_queue, seen, lock):
    client = Client(f"http://127.0.0.1:{port}", timeout=15.0)
    waiting = {}
    taken = 0
    while True:
        while taken < len(approved_queue):
            ident, text, decided_at = approved_queue[taken]
            waiting[ident] = (text, decided_at)
            taken += 1
        if not waiting:
            if stop_watching.is_set():
                return
            time.sleep(0.02)
            continue
        try:
            page = shown_comments(client, args.slug, tally)
        except (OSError, http.client.HTTPException) as error:
            tally.error("watch", error)
            client.close()
            continue
        now = time.monotonic()
        for ident, (text, decided_at) in list(waiting.items()):
            if f'id="comment-{ident}"' in page and text in page:
                with lock:
                    seen[(port, ident)] = now - decided_at
                del waiting[ident]
            elif now - decided_at > GIVE_UP_AFTER:
                with lock:
                    seen[(port, ident)] = None
                del waiting[ident]
        time.sleep(0.05)


def stored_comments(database, ids):
    """(body, status) of each comment id in PostgreSQL, read with psql."""
    listed = ",".join(str(i) for i in sorted(ids)) or "0"
    query = f"SELECT comment_id, status, body FROM comments WHERE comment_id IN ({listed})"
    output = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", database, "-c", query],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    stored = {}
    for line in output.splitlines():
        ident, status, body = line.split("\t", 2)
        stored[int(ident)] = (body, status)
    return stored


def guarded(target, failures, lock):
    """`target` run so that its end by an exception (a failed login is a SystemExit) is a failure
    said in words, not a thread that silently stopped."""

    def run(*args):
        try:
            target(*args)
        except BaseException as error:  # noqa: BLE001 - reported below, as a failure
            with lock:
                failures.append(f"{target.__name__} stopped: {error!r}")

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nginx", required=True)
    parser.add_argument("--first", required=True)
    parser.add_argument("--second", required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--database", required=True, help="the PostgreSQL URL both servers use")
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--posters", type=int, default=4)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--pause", type=float, default=0.15, help="each poster's pause between posts")
    parser.add_argument("--decide-pause", type=float, default=0.2, help="the moderator's pause between decisions")
    args = parser.parse_args()

    tally = Tally()
    lock = threading.Lock()
    acknowledged, failures, approved_queue = [], [], []
    decisions, seen = {}, {}
    stop, stop_watching = threading.Event(), threading.Event()
    load = [threading.Thread(target=guarded(poster, failures, lock), args=(i, args, stop, tally, acknowledged, lock, failures)) for i in range(args.posters)]
    load += [threading.Thread(target=guarded(reader, failures, lock), args=(i, args, stop, tally)) for i in range(args.readers)]
    load.append(threading.Thread(target=guarded(moderator, failures, lock), args=(args, stop, tally, acknowledged, lock, decisions, approved_queue, failures)))
    watchers = [
        threading.Thread(target=guarded(watcher, failures, lock), args=(port, args, stop_watching, tally, approved_queue, seen, lock))
        for port in (args.first, args.second)
    ]
    started = time.monotonic()
    for thread in load + watchers:
        thread.daemon = True
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in load:
        thread.join(timeout=30)
    stop_watching.set()
    for thread in watchers:
        thread.join(timeout=GIVE_UP_AFTER + 30)
    elapsed = time.monotonic() - started
    if any(thread.is_alive() for thread in load + watchers):
        failures.append("a load thread did not stop within 30 s (a request hung)")

    # 1. No server error, no dropped connection.
    if tally.server_errors():
        failures.append(f"{tally.server_errors()} responses >= 500 or dropped connections: {tally.by_status()} {tally.errors}")

    # 2. Every acknowledged comment is stored, with its text and the moderator's decision.
    by_server = collections.Counter(item["server"] for item in acknowledged)
    if len(by_server) < 2:
        failures.append(f"the posts did not reach both servers: {dict(by_server)}")
    stored = stored_comments(args.database, [item["id"] for item in acknowledged])
    missing = [item["id"] for item in acknowledged if item["id"] not in stored]
    wrong_text = [item["id"] for item in acknowledged if item["id"] in stored and stored[item["id"]][0] != item["text"]]
    wrong_status = [i for i, verdict in decisions.items() if i in stored and stored[i][1] != verdict]
    if missing:
        failures.append(f"{len(missing)} acknowledged comments are not in the database, e.g. {missing[:5]}")
    if wrong_text:
        failures.append(f"{len(wrong_text)} stored comments differ from what was sent, e.g. {wrong_text[:5]}")
    if wrong_status:
        failures.append(f"{len(wrong_status)} comments do not have the status the moderator gave, e.g. {wrong_status[:5]}")

    # 3. Every approval shown by both servers within 2 s; nothing else shown.
    approvals = [ident for ident, verdict in decisions.items() if verdict == "approved"]
    if not approvals:
        failures.append("the moderator approved nothing: the test did not test")
    delays, n_late = [], 0
    for port in (args.first, args.second):
        late = []
        for ident in approvals:
            delay = seen.get((port, ident))
            if delay is None or delay > VISIBLE_WITHIN:
                late.append((ident, "never" if delay is None else f"{delay:.2f} s"))
            if delay is not None:
                delays.append(delay)
        n_late += len(late)
        if late:
            failures.append(f"127.0.0.1:{port} did not show {len(late)} approved comments within {VISIBLE_WITHIN} s, e.g. {late[:5]}")
        page = shown_comments(Client(f"http://127.0.0.1:{port}"), args.slug, tally)
        shown_unapproved = [item["id"] for item in acknowledged if decisions.get(item["id"]) != "approved" and item["text"] in page]
        if shown_unapproved:
            failures.append(f"127.0.0.1:{port} shows {len(shown_unapproved)} comments that were not approved, e.g. {shown_unapproved[:5]}")

    summary = {
        "seconds": round(elapsed, 1),
        "posts_acknowledged": len(acknowledged),
        "posts_by_server": dict(by_server),
        "approvals": len(approvals),
        "rejections": sum(1 for verdict in decisions.values() if verdict == "rejected"),
        "responses": sum(tally.counts.values()),
        "statuses": tally.by_status(),
        "5xx_or_dropped": tally.server_errors(),
        "shown_late_or_never": n_late,
        "worst_visibility_s": round(max(delays), 3) if delays else None,
        "median_visibility_s": round(sorted(delays)[len(delays) // 2], 3) if delays else None,
    }
    print(json.dumps(summary))
    for failure in failures[:20]:
        print(f"FAIL: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
