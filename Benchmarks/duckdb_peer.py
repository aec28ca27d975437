#!/usr/bin/env python3
"""Run the issue's benchmark queries on DuckDB and on segq in the same run.

DuckDB is the peer: it loads the same JSONL friends into a flat columnar
table and runs SQL equivalent to each segq query (same `now`, same UTC
day boundaries, same missing-value rules: a negated test includes friends
whose value is missing). segq runs through `segq bench --json` on the same
file (in memory) and on a SQLite store imported from it (push-down).

    python3 Benchmarks/duckdb_peer.py --friends /tmp/friends-1m.jsonl \
        --segq .build/release/segq --now 2026-11-23T00:00:00Z [--sqlite /tmp/friends-1m.sqlite] \
        [--postgres 'postgresql://USER@HOST/DB?account=NAME'] [--skip-memory]

Prints a table (median ms per query, DuckDB beside segq) and, with
--json, the raw figures. Counts must agree, or the script exits 1.
"""
import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time

QUERIES = {
    "card": 'tag = "VIP" and shopify.purchases >= 3 or hubspot.stage = "Customer"',
    "dormant": "shopify.days_since_last_purchase >= 90",
    "onboarding": "added >= -7d",
    "cart": "shopify.hours_since_cart_abandoned >= 24",
    "complex": '(tag in ("VIP", "Wholesale") or shopify.tag = "loyalty-gold") and not tag = "Complaint-Pending" '
               'and (hubspot.linked or klaviyo.list = "VIP list") and added < 2026-06-01',
    "negation": "not shopify.purchases >= 3",
}


def duckdb_sql(now: dt.datetime) -> dict:
    """SQL equivalent to QUERIES under Grammar/README.md, for the UTC zone."""
    today = now.date()
    def day_start(d):
        return f"TIMESTAMP '{d.isoformat()} 00:00:00'"
    dormant_cut = day_start(today - dt.timedelta(days=90 - 1))
    onboarding_cut = day_start(today - dt.timedelta(days=7))
    cart_cut = f"TIMESTAMP '{(now - dt.timedelta(hours=24)).strftime('%Y-%m-%d %H:%M:%S')}'"
    return {
        "card": "SELECT count(*) FROM friends WHERE (list_contains(tags, 'VIP') AND shopify_purchases >= 3)"
                " OR hubspot_stage = 'Customer'",
        # days since = today - day(last purchase) >= 90  <=>  last purchase before start of (today - 89)
        "dormant": f"SELECT count(*) FROM friends WHERE shopify_last_purchase < {dormant_cut}",
        "onboarding": f"SELECT count(*) FROM friends WHERE added >= {onboarding_cut}",
        # whole hours since >= 24  <=>  abandoned at or before now - 24h
        "cart": f"SELECT count(*) FROM friends WHERE shopify_cart_abandoned <= {cart_cut}",
        "complex": "SELECT count(*) FROM friends WHERE (list_contains(tags, 'VIP') OR list_contains(tags, 'Wholesale')"
                   " OR coalesce(list_contains(shopify_tags, 'loyalty-gold'), false))"
                   " AND NOT list_contains(tags, 'Complaint-Pending')"
                   " AND (hubspot_linked OR coalesce(list_contains(klaviyo_lists, 'VIP list'), false))"
                   " AND added < TIMESTAMP '2026-06-01 00:00:00'",
        "negation": "SELECT count(*) FROM friends WHERE NOT coalesce(shopify_purchases >= 3, false)",
    }


def load_duckdb(path: str):
    import duckdb
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    started = time.perf_counter()
    con.execute(f"""
        CREATE TABLE raw AS SELECT * FROM read_json('{path}', format = 'newline_delimited',
            columns = {{id: 'VARCHAR', name: 'VARCHAR', added_at: 'VARCHAR', tags: 'VARCHAR[]',
                       shopify: 'STRUCT(id VARCHAR, tags VARCHAR[], purchases BIGINT, last_purchase_at VARCHAR, abandoned_cart_at VARCHAR)',
                       hubspot: 'STRUCT(id VARCHAR, segments VARCHAR[], properties JSON)',
                       klaviyo: 'STRUCT(id VARCHAR, lists VARCHAR[], properties JSON)'}})""")
    con.execute("""
        CREATE TABLE friends AS SELECT
            id, name,
            CAST(CAST(added_at AS TIMESTAMPTZ) AS TIMESTAMP) AS added,
            coalesce(tags, []) AS tags,
            shopify IS NOT NULL AS shopify_linked,
            shopify.tags AS shopify_tags,
            CASE WHEN shopify IS NULL THEN NULL ELSE coalesce(shopify.purchases, 0) END AS shopify_purchases,
            CAST(CAST(shopify.last_purchase_at AS TIMESTAMPTZ) AS TIMESTAMP) AS shopify_last_purchase,
            CAST(CAST(shopify.abandoned_cart_at AS TIMESTAMPTZ) AS TIMESTAMP) AS shopify_cart_abandoned,
            hubspot IS NOT NULL AS hubspot_linked,
            json_extract_string(hubspot.properties, '$.stage') AS hubspot_stage,
            klaviyo IS NOT NULL AS klaviyo_linked,
            klaviyo.lists AS klaviyo_lists
        FROM raw""")
    con.execute("DROP TABLE raw")
    return con, time.perf_counter() - started


def time_duckdb(con, sql: str, runs: int):
    con.execute(sql).fetchone()  # warm-up
    samples = []
    count = None
    for _ in range(runs):
        t0 = time.perf_counter()
        count = con.execute(sql).fetchone()[0]
        samples.append((time.perf_counter() - t0) * 1000)
    return count, statistics.median(samples)


def run_segq(segq: str, store: str, now: str, runs: int, extra=()):
    with open("/tmp/segq-bench-queries.segq", "w") as f:
        for name, q in QUERIES.items():
            f.write(f"{name}\t{q}\n")
    out = subprocess.run([segq, "bench", "--store", store, "--now", now, "--tz", "UTC", "--runs", str(runs),
                          "--json", *extra, "/tmp/segq-bench-queries.segq"],
                         check=True, capture_output=True, text=True).stdout
    return {r["name"]: r for r in json.loads(out)["queries"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--friends", required=True)
    ap.add_argument("--segq", default=".build/release/segq")
    ap.add_argument("--sqlite")
    ap.add_argument("--postgres", help="a PostgreSQL account imported from the same file (push-down)")
    ap.add_argument("--skip-memory", action="store_true", help="time only DuckDB and the database stores")
    ap.add_argument("--now", default="2026-11-23T00:00:00Z")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    now = dt.datetime.fromisoformat(args.now.replace("Z", "+00:00")).astimezone(dt.timezone.utc).replace(tzinfo=None)
    con, load_s = load_duckdb(args.friends)
    sqls = duckdb_sql(now)
    duck = {name: time_duckdb(con, sqls[name], args.runs) for name in QUERIES}
    memory = {} if args.skip_memory else run_segq(args.segq, args.friends, args.now, args.runs)
    sqlite = run_segq(args.segq, args.sqlite, args.now, max(5, args.runs // 5), ("--engine", "sqlite")) if args.sqlite else {}
    postgres = run_segq(args.segq, args.postgres, args.now, max(5, args.runs // 5), ("--engine", "postgres")) if args.postgres else {}

    rows, ok = [], True
    for name in QUERIES:
        d_count, d_ms = duck[name]
        m = memory.get(name)
        s = sqlite.get(name)
        p = postgres.get(name)
        agree = all(x is None or x["count"] == d_count for x in (m, s, p))
        ok &= agree
        rows.append({"name": name, "count": d_count, "duckdb_count": d_count, "agree": agree,
                     "segq_memory_ms": m["median_ms"] if m else None, "duckdb_ms": d_ms,
                     "speedup": d_ms / m["median_ms"] if m and m["median_ms"] > 0 else None,
                     "segq_sqlite_ms": s["median_ms"] if s else None,
                     "segq_postgres_ms": p["median_ms"] if p else None})
    if args.json:
        print(json.dumps({"duckdb_load_s": load_s, "queries": rows}, indent=2))
    else:
        print(f"DuckDB load: {load_s:.2f} s   runs per query: {args.runs}   now: {args.now}")
        print(f"| query | count | segq in-memory (ms) | DuckDB (ms) | segq ÷ DuckDB speed-up | segq SQLite push-down (ms) | segq PostgreSQL push-down (ms) | counts agree |")
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        def ms(v):
            return f"{v:.3f}" if v is not None else "–"
        for r in rows:
            sp = f"{r['speedup']:.1f}×" if r["speedup"] else "–"
            print(f"| {r['name']} | {r['count']} | {ms(r['segq_memory_ms'])} | {r['duckdb_ms']:.3f} | {sp} | "
                  f"{ms(r['segq_sqlite_ms'])} | {ms(r['segq_postgres_ms'])} | {'yes' if r['agree'] else 'NO'} |")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
