#!/usr/bin/env python3
"""Writes a copy of a friends JSON Lines file in which every 100th friend
(1%) is changed, for timing a re-import (`run.sh`). The change alternates
between a new tag, one more Shopify purchase and a new name, so set
tables, facts and friend rows are all touched; other lines are copied
byte for byte.

    python3 change_friends.py IN.jsonl OUT.jsonl [--every 100]
"""
import argparse
import json


def change(friend, n):
    kind = n % 3
    if kind == 0:
        friend["tags"] = list(friend.get("tags") or []) + ["Re-imported"]
    elif kind == 1 and isinstance(friend.get("shopify"), dict):
        friend["shopify"]["purchases"] = int(friend["shopify"].get("purchases") or 0) + 1
    else:
        friend["name"] = (friend.get("name") or "") + " (changed)"
    return friend


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--every", type=int, default=100)
    args = parser.parse_args()
    changed = 0
    with open(args.source, "rb") as src, open(args.target, "wb") as out:
        for i, line in enumerate(src):
            if i % args.every == args.every - 1 and line.strip():
                friend = change(json.loads(line), changed)
                line = (json.dumps(friend, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
                changed += 1
            out.write(line)
    print(f"changed {changed} friends")


if __name__ == "__main__":
    main()
