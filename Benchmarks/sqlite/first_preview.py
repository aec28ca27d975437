#!/usr/bin/env python3
"""Time to the first preview of the REPL on a SQLite store, driven in a
pseudo-terminal as a person would use it: segq is started, the first
query is typed at once, and the clock stops when its count appears. Then
each query of samples/queries.segq is typed again and again for a few
seconds, timing each preview, so the push-down answers and those after the
switch to the memory image are both seen. Prints wall times and the
process's CPU time (user + system, the background load included).

    python3 first_preview.py --segq .build-release/release/segq --store /tmp/segq-1m.sqlite
"""
import argparse
import os
import pty
import re
import select
import time

COUNT = re.compile(rb"(\d[\d,]*|No) friends? match")


def read_until(fd, pattern, timeout):
    buffer = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            if pattern.search(buffer):
                return buffer
    raise TimeoutError(f"no match for {pattern.pattern!r} in {buffer[-400:]!r}")


def queries(path):
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line.split("\t", 1)[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--segq", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--queries", default="samples/queries.segq")
    parser.add_argument("--now", default="2026-11-23T00:00:00Z")
    parser.add_argument("--seconds", type=float, default=8.0, help="how long to keep typing queries")
    args = parser.parse_args()
    texts = list(queries(args.queries))
    # PAGER=cat: previews taller than the terminal are not held in a pager.
    env = dict(os.environ, SEGQ_HISTORY="", NO_COLOR="1", TERM="xterm", PAGER="cat")
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args.segq, [args.segq, "--store", args.store, "--now", args.now], env)
    os.write(fd, texts[0].encode() + b"\r")
    read_until(fd, COUNT, 60)
    first = time.monotonic() - start
    print(f"first preview: {first * 1000:.0f} ms from start ({texts[0]})")
    rounds = []
    while time.monotonic() - start < args.seconds:
        for text in texts:
            t0 = time.monotonic()
            os.write(fd, text.encode() + b"\r")
            read_until(fd, COUNT, 60)
            rounds.append((time.monotonic() - start, (time.monotonic() - t0) * 1000, text))
    for at, ms, text in rounds[: len(texts)]:
        print(f"  at {at:6.2f} s: {ms:7.1f} ms  {text[:60]}")
    print("  …")
    for at, ms, text in rounds[-len(texts):]:
        print(f"  at {at:6.2f} s: {ms:7.1f} ms  {text[:60]}")
    os.write(fd, b".quit\r")
    _, status, usage = os.wait4(pid, 0)
    print(f"exit status {os.waitstatus_to_exitcode(status)}; CPU {usage.ru_utime + usage.ru_stime:.2f} s "
          f"(user {usage.ru_utime:.2f}, system {usage.ru_stime:.2f}); peak RSS {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
