#!/usr/bin/env python3
"""Hostile clients against one server on 127.0.0.1 (asyncio, raw sockets, standard library only).

While the attack runs, a normal reader fetches the article page one request at a time (a new
connection each, `Connection: close`) and its latency is recorded. The attack:

  idle         connections that connect and send nothing
  slow-header  slowloris: a request line, then one header byte every INTERVAL seconds, never done
  slow-body    a complete POST header announcing a body, then one body byte every INTERVAL seconds
  big-header   one request with a 1 MiB header (expect 431 or a closed connection, fast)
  big-body     one POST announcing 100 MiB, sending as fast as allowed (expect 413, fast)

For every attack connection it records whether and when the server closed it, and the status line of
anything the server answered. Prints one JSON object.

With --bursts SECONDS it runs the password bursts instead, in waves for that long: each wave is
LINKS concurrent POST /password/set with bogus one-time links and LOGINS concurrent wrong logins
(unknown accounts, so every one would cost an Argon2 check), each request from its own address named
in X-Forwarded-For (start the server with ASHYQ_TRUSTED_PROXIES=127.0.0.1, so per-address limits do
not answer them cheaply), while the normal reader is timed.
"""

import argparse
import asyncio
import json
import multiprocessing
import statistics
import time

HOST = "127.0.0.1"


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def normal_reader(port, path, seconds, results):
    deadline = time.monotonic() + seconds
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode()
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 10)
            writer.write(request)
            await writer.drain()
            data = await asyncio.wait_for(reader.read(-1), 10)
            writer.close()
            ok = data.startswith(b"HTTP/1.1 200")
        except (OSError, asyncio.TimeoutError):
            ok = False
        elapsed = (time.monotonic() - started) * 1000
        if ok:
            results["latencies"].append(elapsed)
        else:
            results["failures"] += 1
        await asyncio.sleep(0.02)


def _reader_process(port, path, seconds, pipe):
    results = {"latencies": [], "failures": 0}
    asyncio.run(normal_reader(port, path, seconds, results))
    pipe.send(results)
    pipe.close()


class ReaderProcess:
    """The timed reader in its own process, with its own event loop: a reader on another machine
    does not wait for the attacker's hundreds of coroutines, so timing it inside the attacker's loop
    would add the client's own scheduling delay to the server's answer."""

    def __init__(self, port, path, seconds):
        context = multiprocessing.get_context("spawn")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_reader_process, args=(port, path, seconds, send))
        self.process.start()

    async def results(self):
        loop = asyncio.get_running_loop()
        results = await loop.run_in_executor(None, self.receive.recv)
        await loop.run_in_executor(None, self.process.join)
        return results


async def attacker(kind, port, path, hold, interval, record, t0):
    entry = {"kind": kind, "opened": False, "closed_after": None, "status": None}
    record.append(entry)
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 20)
    except (OSError, asyncio.TimeoutError):
        entry["closed_after"] = 0.0
        entry["status"] = "connect-failed"
        return
    entry["opened"] = True
    opened_at = time.monotonic()
    deadline = t0 + hold
    try:
        if kind == "slow-header":
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ".encode())
        elif kind == "slow-body":
            writer.write(
                (
                    f"POST {path}/comments HTTP/1.1\r\nHost: {HOST}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    "Cookie: ashyq_csrf=" + "a" * 64 + "\r\nContent-Length: 100000\r\n\r\nname="
                ).encode()
            )
        elif kind == "big-header":
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nX-Big: ".encode() + b"x" * (1 << 20) + b"\r\n\r\n")
        elif kind == "big-body":
            writer.write(
                (
                    f"POST {path}/comments HTTP/1.1\r\nHost: {HOST}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    "Cookie: ashyq_csrf=" + "a" * 64 + f"\r\nContent-Length: {100 << 20}\r\n\r\n"
                ).encode()
            )
        await writer.drain()
        sent = 0
        while time.monotonic() < deadline:
            if kind == "big-body" and sent < (100 << 20):
                writer.write(b"x" * 65536)
                sent += 65536
                try:
                    await asyncio.wait_for(writer.drain(), 0.5)
                except asyncio.TimeoutError:
                    pass
                timeout = 0.001
            else:
                timeout = min(interval, max(0.0, deadline - time.monotonic()))
            try:
                data = await asyncio.wait_for(reader.read(4096), timeout)
            except asyncio.TimeoutError:
                if kind in ("slow-header", "slow-body"):
                    writer.write(b"a")
                    await writer.drain()
                continue
            if data and entry["status"] is None:
                entry["status"] = data.split(b"\r\n", 1)[0].decode("latin-1")
            if not data:
                entry["closed_after"] = round(time.monotonic() - opened_at, 2)
                break
            if entry["status"] and kind in ("big-header", "big-body"):
                entry["closed_after"] = round(time.monotonic() - opened_at, 2)
                entry["answered"] = True
                break
    except (ConnectionResetError, BrokenPipeError, OSError):
        entry["closed_after"] = round(time.monotonic() - opened_at, 2)
    finally:
        writer.close()


CSRF = "0123456789abcdef" * 4


async def post_form(port, path, body, client):
    """One form POST with a matching CSRF cookie and field; returns the status code (or None)."""
    body = f"{body}&csrf_token={CSRF}".encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
        f"Cookie: ashyq_csrf={CSRF}\r\nX-Forwarded-For: {client}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 20)
        writer.write(request)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(-1), 60)
        writer.close()
        return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else None
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        return None


async def bursts(args):
    """Waves of bogus password links and wrong logins while a reader is timed."""
    counts = {"links": {}, "logins": {}}
    deadline = time.monotonic() + args.bursts
    reader = ReaderProcess(args.port, args.path, args.bursts)
    waves, client = 0, 0

    def address():
        nonlocal client
        client += 1
        return f"10.{client >> 16 & 255}.{client >> 8 & 255}.{client & 255}"

    async def counted(kind, coroutine):
        status = str(await coroutine)
        counts[kind][status] = counts[kind].get(status, 0) + 1

    while time.monotonic() < deadline:
        jobs = [counted("links", post_form(args.port, "/password/set",
                                           f"token={waves:032x}{i:032x}&password=a+long+enough+new+password",
                                           address()))
                for i in range(args.links)]
        jobs += [counted("logins", post_form(args.port, "/login",
                                             f"email=nobody{waves}-{i}%40example.org&password=wrong+guess&next=%2Fadmin",
                                             address()))
                 for i in range(args.logins)]
        await asyncio.gather(*jobs)
        waves += 1
    during = await reader.results()
    return {"waves": waves, "links": counts["links"], "logins": counts["logins"], "during": during}


def summarize(record, kind):
    entries = [e for e in record if e["kind"] == kind]
    closed = [e["closed_after"] for e in entries if e["closed_after"] is not None]
    statuses = {}
    for e in entries:
        statuses[str(e["status"])] = statuses.get(str(e["status"]), 0) + 1
    return {
        "count": len(entries),
        "opened": sum(e["opened"] for e in entries),
        "closed_by_server": len(closed),
        "closed_after_median_s": statistics.median(closed) if closed else None,
        "closed_after_max_s": max(closed) if closed else None,
        "statuses": statuses,
    }


def lat(results):
    values = results["latencies"]
    return {
        "requests": len(values),
        "failures": results["failures"],
        "p50_ms": round(percentile(values, 50), 2) if values else None,
        "p99_ms": round(percentile(values, 99), 2) if values else None,
        "max_ms": round(max(values), 2) if values else None,
    }


async def main(args):
    baseline = {"latencies": [], "failures": 0}
    await normal_reader(args.port, args.path, args.baseline, baseline)
    if args.bursts:
        result = await bursts(args)
        result["baseline"] = lat(baseline)
        result["during"] = lat(result["during"])
        print(json.dumps(result))
        return
    record = []
    t0 = time.monotonic()
    tasks = []
    for kind, count in (("idle", args.idle), ("slow-header", args.slow_header), ("slow-body", args.slow_body),
                        ("big-header", 1), ("big-body", 1)):
        for _ in range(count):
            tasks.append(asyncio.create_task(attacker(kind, args.port, args.path, args.hold, args.interval, record, t0)))
        await asyncio.sleep(0.2)
    reader = ReaderProcess(args.port, args.path, args.hold - 1)
    await asyncio.gather(*tasks)
    during = await reader.results()

    print(json.dumps({
        "hold_s": args.hold,
        "baseline": lat(baseline),
        "during": lat(during),
        "attack": {kind: summarize(record, kind) for kind in ("idle", "slow-header", "slow-body", "big-header", "big-body")},
    }))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/articles/printers-who-said-no")
    parser.add_argument("--baseline", type=float, default=5)
    parser.add_argument("--hold", type=float, default=75)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--slow-header", type=int, default=200)
    parser.add_argument("--slow-body", type=int, default=200)
    parser.add_argument("--bursts", type=float, default=0, help="seconds of password bursts instead")
    parser.add_argument("--links", type=int, default=200)
    parser.add_argument("--logins", type=int, default=200)
    asyncio.run(main(parser.parse_args()))
