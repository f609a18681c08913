#!/usr/bin/env python3
"""A small browser-like client for ashyq, for the bench scripts (Python standard library only).

It keeps cookies, sends the CSRF token the way a page's form does, posts comments, logs a moderator
in and approves comments. Subcommands:

  seed       post N comments on an article and approve them as a moderator
  writer     post comments in a loop until the server goes away or a deadline; record every 303
  verify     every acknowledged id of the writer files is in the database (--db), and each writer's
             page (their cookie) shows their newest ones (a writer's page lists their newest 20)
  approver   soak helper: in a loop, post a comment, approve it, look at the moderation queue

Every subcommand talks to 127.0.0.1 only and is bounded in time.
"""

import argparse
import http.client
import html
import json
import os
import random
import re
import sys
import time
import urllib.parse

PHRASES = [
    "Thank you for reporting this; the printers' story deserves to be read widely.",
    "Спасибо за материал. Хорошо, что интервью дано и на русском, и в переводе.",
    "Рахмет! Осындай мақалалар көбірек болса екен.",
    "I worked in a print shop in the nineties and this is exactly how it felt.",
    "Could you publish the full list of the printers who refused?",
    "Интересно, что стало с типографией после этого решения.",
    "The photographs are remarkable; who took the second one?",
    "My uncle was one of them. He never talked about it until last year.",
]


def comment_text(writer, number):
    phrase = PHRASES[(writer * 7 + number) % len(PHRASES)]
    return f"{phrase} (reader {writer}, note {number}, {random.randrange(10**9)})"


class Client:
    """One browser: one keep-alive connection, its own cookies."""

    def __init__(self, base, timeout=30.0):
        parsed = urllib.parse.urlsplit(base)
        assert parsed.hostname in ("127.0.0.1", "localhost"), "loopback only"
        self.host, self.port = parsed.hostname, parsed.port
        self.timeout = timeout
        self.cookies = {}
        self.conn = None
        self.last_used = 0.0

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, headers dict (lower-case names; set-cookie as a list), body text)."""
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # A kept-alive connection idle for a while may be closed by the server just as a request is
        # sent on it. A GET is retried (below); a POST must not be sent twice, so after an idle
        # second it goes on a fresh connection instead, as careful clients do.
        if method != "GET" and time.monotonic() - self.last_used > 1.0:
            self.close()
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=all_headers)
                response = conn.getresponse()
                data = response.read()
                self.last_used = time.monotonic()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                # A kept-alive connection the server closed: retry once on a new one (GET only).
                if attempt == 1 or method != "GET":
                    raise
        result = {}
        cookies = []
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookies.append(value)
            else:
                result[name.lower()] = value
        result["set-cookie"] = cookies
        for value in cookies:
            pair = value.split(";", 1)[0]
            key, _, cookie = pair.partition("=")
            if not cookie or "Max-Age=0" in value:
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = cookie
        if response.getheader("connection", "").lower() == "close":
            self.close()
        return response.status, result, data.decode("utf-8", "replace")

    def get(self, path):
        return self.request("GET", path)

    def csrf(self):
        if "ashyq_csrf" not in self.cookies:
            self.get("/login")
        return self.cookies["ashyq_csrf"]

    def post(self, path, fields):
        fields = list(fields) + [("csrf_token", self.csrf())]
        body = urllib.parse.urlencode(fields)
        return self.request(
            "POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )

    def post_comment(self, slug, name, text):
        started = str(int(time.time()) - 30)
        return self.post(
            f"/articles/{slug}/comments",
            [("name", name), ("email", ""), ("body", text), ("form_started", started)],
        )

    def login(self, email, password):
        self.get("/login")
        status, headers, _ = self.post("/login", [("email", email), ("password", password), ("next", "/admin")])
        if status != 303 or "ashyq_session" not in self.cookies:
            raise SystemExit(f"moderator login failed: HTTP {status} {headers.get('location')}")

    def approve(self, ids):
        for start in range(0, len(ids), 50):
            chunk = ids[start : start + 50]
            # A decision names the version the moderator saw; a comment just posted is at version 1.
            fields = [("id", str(i)) for i in chunk] + [(f"version-{i}", "1") for i in chunk]
            fields += [("action", "approve"), ("status", "pending")]
            status, headers, _ = self.post("/moderation/decide", fields)
            if status != 303:
                raise SystemExit(f"approving {chunk[:3]}…: HTTP {status}")
        return len(ids)


def conversation_pages(client, path):
    """The article page and every page of its conversation (50 threads a page), following the
    earlier/later links; returns the first page's status and the pages' HTML."""
    first_status, seen, pages, queue = None, set(), [], [path]
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        seen.add(address)
        status, _, page = client.get(address)
        first_status = status if first_status is None else first_status
        pages.append(page)
        for link in re.findall(r'<a href="([^"]+)" rel="(?:prev|next)"', page):
            queue.append(html.unescape(link).split("#")[0])
    return first_status, pages


def posted_id(headers):
    match = re.search(r"posted=(\d+)#comment-(\d+)", headers.get("location", ""))
    return int(match.group(1)) if match else None


def cmd_seed(args):
    reader = Client(args.base)
    ids = []
    for number in range(args.count):
        status, headers, body = reader.post_comment(args.slug, f"Reader {number + 1}", comment_text(0, number))
        ident = posted_id(headers)
        if status != 303 or ident is None:
            raise SystemExit(f"comment {number}: HTTP {status} {body[:200]}")
        ids.append(ident)
    moderator = Client(args.base)
    moderator.login(args.email, args.password)
    moderator.approve(ids)
    status, pages = conversation_pages(Client(args.base), f"/articles/{args.slug}")
    shown = sum(1 for i in ids if any(f'id="comment-{i}"' in page for page in pages))
    if status != 200 or shown != len(ids):
        raise SystemExit(f"after approval the public page shows {shown} of {len(ids)} comments")
    print(json.dumps({"ids": ids, "shown": shown}))


def cmd_writer(args):
    """Posts until the server is gone (or the deadline); appends each acknowledged id to the file."""
    client = Client(args.base, timeout=10.0)
    client.csrf()
    deadline = time.monotonic() + args.seconds
    acknowledged = 0
    other = 0
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"cookie {client.cookies['ashyq_csrf']}\n")
        out.flush()
        number = 0
        while time.monotonic() < deadline:
            number += 1
            try:
                status, headers, _ = client.post_comment(args.slug, f"Writer {args.writer}", comment_text(args.writer, number))
            except (OSError, http.client.HTTPException):
                break  # the server went away: what was acknowledged is in the file
            ident = posted_id(headers)
            if status == 303 and ident is not None:
                if "ashyq_commenter" not in client.cookies:
                    raise SystemExit("no commenter cookie after a post")
                if acknowledged == 0:
                    out.write(f"commenter {client.cookies['ashyq_commenter']}\n")
                out.write(f"id {ident}\n")
                out.flush()
                acknowledged += 1
            else:
                other += 1
    print(json.dumps({"writer": args.writer, "acknowledged": acknowledged, "other": other}))


# A writer's page lists their newest 20 undecided comments. One of those may be a comment the
# server committed but was killed before acknowledging (a writer posts one at a time, so at most
# one): the newest 19 acknowledged ones must be there.
OWN_SHOWN = 19


def cmd_verify(args):
    stored = None
    if args.ids_file:
        # The ids the database holds, one per line (PostgreSQL mode: written by psql).
        with open(args.ids_file, encoding="utf-8") as f:
            stored = {int(line) for line in f if line.strip()}
    elif args.db:
        import sqlite3
        # Read-only, next to the running server (WAL allows it); the restart has recovered the log.
        with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True, timeout=30) as con:
            stored = {row[0] for row in con.execute("SELECT comment_id FROM comments")}
    total = lost = 0
    for path in args.files:
        commenter = None
        ids = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                kind, _, value = line.strip().partition(" ")
                if kind == "commenter":
                    commenter = value
                elif kind == "id":
                    ids.append(int(value))
        if not ids:
            continue
        not_stored = set(i for i in ids if i not in stored) if stored is not None else set()
        client = Client(args.base)
        client.cookies["ashyq_commenter"] = commenter
        status, _, page = client.get(f"/articles/{args.slug}")
        if status != 200:
            raise SystemExit(f"GET as writer {path}: HTTP {status}")
        newest = sorted(ids)[-OWN_SHOWN:] if stored is not None else ids
        not_shown = set(i for i in newest if f'id="comment-{i}"' not in page)
        missing = not_stored | not_shown
        total += len(ids)
        lost += len(missing)
        if not_stored:
            print(f"{path}: {len(not_stored)} acknowledged comments not in the database, e.g. {sorted(not_stored)[:5]}", file=sys.stderr)
        if not_shown:
            print(f"{path}: {len(not_shown)} of the newest acknowledged comments not on the writer's page, e.g. {sorted(not_shown)[:5]}", file=sys.stderr)
    print(json.dumps({"acknowledged": total, "lost": lost}))


def cmd_approver(args):
    """Soak helper: a moderator approving now and then; counts statuses (any 5xx is a failure)."""
    reader = Client(args.base)
    moderator = Client(args.base)
    moderator.login(args.email, args.password)
    deadline = time.monotonic() + args.seconds
    counts = {}
    approved = 0
    number = 0
    slugs = args.slugs.split(",")
    while time.monotonic() < deadline:
        number += 1
        slug = slugs[number % len(slugs)]
        try:
            status, headers, _ = reader.post_comment(slug, "Soak reader", comment_text(99, number))
            counts[status] = counts.get(status, 0) + 1
            ident = posted_id(headers)
            if ident is not None:
                fields = [("id", str(ident)), (f"version-{ident}", "1"), ("action", "approve"), ("status", "pending")]
                status, _, _ = moderator.post("/moderation/decide", fields)
                counts[status] = counts.get(status, 0) + 1
                approved += status == 303
                if status != 303:
                    # A refused approval means the soak no longer exercises what it claims to.
                    counts["refused"] = counts.get("refused", 0) + 1
            status, _, _ = moderator.get("/moderation")
            counts[status] = counts.get(status, 0) + 1
        except (OSError, http.client.HTTPException) as error:
            counts["error"] = counts.get("error", 0) + 1
            print(f"approver: {error!r}", file=sys.stderr)
            reader.close()
            moderator.close()
        time.sleep(args.pause)
    print(json.dumps({"approved": approved, "statuses": {str(k): v for k, v in counts.items()}}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    seed = sub.add_parser("seed")
    seed.add_argument("--base", required=True)
    seed.add_argument("--slug", required=True)
    seed.add_argument("--count", type=int, default=50)
    seed.add_argument("--email", required=True)
    seed.add_argument("--password", required=True)
    writer = sub.add_parser("writer")
    writer.add_argument("--base", required=True)
    writer.add_argument("--slug", required=True)
    writer.add_argument("--writer", type=int, required=True)
    writer.add_argument("--out", required=True)
    writer.add_argument("--seconds", type=float, default=60)
    verify = sub.add_parser("verify")
    verify.add_argument("--base", required=True)
    verify.add_argument("--slug", required=True)
    verify.add_argument("--db", help="the server's SQLite file: check every id there, not only the newest on the page")
    verify.add_argument("--ids-file", help="every comment id the database holds, one per line (instead of --db)")
    verify.add_argument("files", nargs="+")
    approver = sub.add_parser("approver")
    approver.add_argument("--base", required=True)
    approver.add_argument("--slugs", required=True)
    approver.add_argument("--email", required=True)
    approver.add_argument("--password", required=True)
    approver.add_argument("--seconds", type=float, default=60)
    approver.add_argument("--pause", type=float, default=1.0)
    args = parser.parse_args()
    {"seed": cmd_seed, "writer": cmd_writer, "verify": cmd_verify, "approver": cmd_approver}[args.command](args)


if __name__ == "__main__":
    main()
