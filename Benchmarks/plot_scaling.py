#!/usr/bin/env python3
"""Count latency against store size, segq in memory beside DuckDB.

Takes the first N friends of one generated JSON Lines file (the generator
is deterministic per friend, so `head -n N` of `segq generate 10000000
--seed 7` is `segq generate N --seed 7`) for N from 100k to 10M, runs
Benchmarks/duckdb_peer.py on each (same queries, same run), and plots the
median count time per query against N on log-log axes.

    python3 Benchmarks/plot_scaling.py --friends /tmp/segq-10m.jsonl \
        --segq .build/release/segq --out Benchmarks/scaling.png

Needs `pip install duckdb matplotlib`. Writes the figures beside the PNG
as JSON (same name, .json) so the README table can quote them.
"""
import argparse
import json
import os
import subprocess
import sys

SIZES = [100_000, 300_000, 1_000_000, 3_000_000, 10_000_000]


def subset(source: str, n: int) -> str:
    path = f"/tmp/segq-scale-{n}.jsonl"
    if not os.path.exists(path):
        with open(path, "wb") as out:
            subprocess.run(["head", "-n", str(n), source], stdout=out, check=True)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--friends", required=True, help="JSON Lines with at least the largest size's friends")
    ap.add_argument("--segq", default=".build/release/segq")
    ap.add_argument("--out", default="Benchmarks/scaling.png")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--queries", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples",
                                                      "queries.segq"),
                    help="query files for duckdb_peer.py (default: the six of samples/queries.segq)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the sizes already in the JSON beside --out instead of measuring them again")
    args = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    results = {}
    saved = os.path.splitext(args.out)[0] + ".json"
    if args.reuse and os.path.exists(saved):
        with open(saved) as f:
            results = {int(n): r for n, r in json.load(f).items()}
    for n in [int(s) for s in args.sizes.split(",")]:
        if n in results:
            continue
        path = subset(args.friends, n)
        out = subprocess.run([sys.executable, os.path.join(here, "duckdb_peer.py"), "--friends", path,
                              "--segq", args.segq, "--runs", str(args.runs), "--queries", args.queries, "--json"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"duckdb_peer.py failed at {n} friends:\n{out.stdout}\n{out.stderr}")
        results[n] = json.loads(out.stdout)
        print(f"{n:>10,} friends: " + "  ".join(
            f"{q['name']} {q['segq_memory_ms']:.3f}/{q['duckdb_ms']:.1f} ms" for q in results[n]["queries"]),
            flush=True)

        with open(saved, "w") as f:
            json.dump({str(k): r for k, r in sorted(results.items())}, f, indent=2)

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sizes = sorted(results)
    names = [q["name"] for q in results[sizes[0]]["queries"]]
    fig, ax = plt.subplots(figsize=(8, 5.5))
    colours = plt.get_cmap("tab10")
    for i, name in enumerate(names):
        seg = [next(q for q in results[n]["queries"] if q["name"] == name)["segq_memory_ms"] for n in sizes]
        duck = [next(q for q in results[n]["queries"] if q["name"] == name)["duckdb_ms"] for n in sizes]
        ax.plot(sizes, seg, "-o", color=colours(i), label=f"segq {name}")
        ax.plot(sizes, duck, "--s", color=colours(i), alpha=0.6, label=f"DuckDB {name}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("friends")
    ax.set_ylabel("median exact count (ms)")
    ax.set_title("Count latency: segq in memory (solid) vs DuckDB (dashed)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
