#!/usr/bin/env python3
"""Run the issue's benchmark queries on DuckDB and on segq in the same run.

DuckDB is the peer: it loads the same JSONL friends into a flat columnar
table and runs SQL equivalent to each segq query (same `now`, same UTC
day boundaries, same missing-value rules: a negated test includes friends
whose value is missing). segq runs through `segq bench --json` on the same
file (in memory) and on a SQLite store imported from it (push-down).

    python3 Benchmarks/duckdb_peer.py --friends /tmp/friends-1m.jsonl \
        --segq .build/release/segq --now 2026-11-23T00:00:00Z [--sqlite /tmp/friends-1m.sqlite] \
        [--postgres 'postgresql://USER@HOST/DB?account=NAME'] [--skip-memory] \
        [--queries samples/queries.segq,Benchmarks/queries-mix.segq]

The queries are read from the query files (by default the issue's six in
samples/queries.segq and the marketer's mix in Benchmarks/queries-mix.segq);
this script carries each one's SQL, by name.

Prints a table (median ms per query, DuckDB beside segq) and, with
--json, the raw figures. Counts must agree, or the script exits 1.
"""
import argparse
import os
import datetime as dt
import json
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QUERY_FILES = [os.path.join(HERE, "..", "samples", "queries.segq"), os.path.join(HERE, "queries-mix.segq")]


def read_queries(paths) -> dict:
    """name -> query from QUERY_FILEs (name<TAB>query; # comments, blank lines skipped)."""
    queries = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                name, _, query = line.partition("\t")
                queries[name] = query
    return queries


def duckdb_sql(now: dt.datetime) -> dict:
    """SQL equivalent to each named query under Grammar/README.md, for the UTC zone."""
    today = now.date()
    def day(n):
        """Start of the day n days before today (`-Nd`)."""
        return f"TIMESTAMP '{(today - dt.timedelta(days=n)).isoformat()} 00:00:00'"
    def instant(t):
        return f"TIMESTAMP '{t.strftime('%Y-%m-%d %H:%M:%S')}'"
    NOW = instant(now)
    def within(column, n):
        """`column within Nd`: from the start of the day N days ago up to now."""
        return f"({column} >= {day(n)} AND {column} <= {NOW})"
    tag = "list_contains(tags, '{}')".format
    where = {
        "card": f"({tag('VIP')} AND shopify_purchases >= 3) OR hubspot_stage = 'Customer'",
        # days since = today - day(last purchase) >= 90  <=>  last purchase before start of (today - 89)
        "dormant": f"shopify_last_purchase < {day(90 - 1)}",
        "onboarding": f"added >= {day(7)}",
        # whole hours since >= 24  <=>  abandoned at or before now - 24h
        "cart": f"shopify_cart_abandoned <= {instant(now - dt.timedelta(hours=24))}",
        "complex": f"({tag('VIP')} OR {tag('Wholesale')}"
                   " OR coalesce(list_contains(shopify_tags, 'loyalty-gold'), false))"
                   f" AND NOT {tag('Complaint-Pending')}"
                   " AND (hubspot_linked OR coalesce(list_contains(klaviyo_lists, 'VIP list'), false))"
                   " AND added < TIMESTAMP '2026-06-01 00:00:00'",
        "negation": "NOT coalesce(shopify_purchases >= 3, false)",
        # Benchmarks/queries-mix.segq
        "winback": f"shopify_purchases >= 2 AND shopify_last_purchase < {day(180 - 1)} AND NOT {tag('Complaint-Pending')}",
        "cart_no_purchase": f"{within('shopify_cart_abandoned', 7)}"
                            f" AND NOT coalesce({within('shopify_last_purchase', 7)}, false)",
        "coupon_marketing": f"{tag('coupon:2026-spring')} AND coalesce(klaviyo_accepts_marketing, false)",
        "tag_all": f"{tag('VIP')} AND {tag('常連')} AND shopify_linked",
        "city_or_company": "coalesce(klaviyo_city IN ('Tokyo', '東京'), false)"
                           " OR coalesce(contains(lower(hubspot_company), 'sakura'), false)",
        "name_text": "coalesce(starts_with(lower(name), 'hina') OR ends_with(lower(name), 'kim'), false)",
        "deep_negation": f"NOT ({tag('VIP')} OR (coalesce(shopify_purchases >= 5, false)"
                         " AND NOT coalesce(list_contains(klaviyo_lists, 'Winback'), false)))",
        "not_within": f"NOT {within('added', 365)} AND NOT coalesce({within('shopify_last_purchase', 90)}, false)",
        "purchases_score": "shopify_purchases BETWEEN 2 AND 5 AND hubspot_score >= 50",
        "lead_status": "hubspot_lead_status IN ('OPEN', 'IN_PROGRESS')"
                       " AND NOT coalesce(list_contains(hubspot_lists, 'Churn risk'), false)",
        "orders_vip_list": "klaviyo_orders > 10 AND coalesce(list_contains(klaviyo_lists, 'VIP list'), false)"
                           f" AND NOT {tag('vip')}",
        "cart_window": f"shopify_cart_abandoned >= {day(3)}"
                       f" AND shopify_cart_abandoned < {instant(now - dt.timedelta(hours=24))}"
                       " AND shopify_purchases >= 1",
        "rare_values": f"{tag('vip')} OR coalesce(list_contains(shopify_tags, 'Loyalty-Gold'), false)",
        "recent_newsletter": f"added >= {day(30)} AND ({tag('VIP')} OR {tag('Newsletter')}) AND NOT hubspot_linked",
        "no_tags_unlinked": "len(tags) = 0 AND NOT hubspot_linked AND NOT klaviyo_linked",
        "stage_not_customer": "NOT coalesce(hubspot_stage = 'Customer', false) AND shopify_purchases >= 1"
                              " AND added < TIMESTAMP '2026-01-01 00:00:00'",
    }
    return {name: f"SELECT count(*) FROM friends WHERE {w}" for name, w in where.items()}


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
            hubspot.segments AS hubspot_lists,
            json_extract_string(hubspot.properties, '$.stage') AS hubspot_stage,
            json_extract_string(hubspot.properties, '$.lead_status') AS hubspot_lead_status,
            json_extract_string(hubspot.properties, '$.company') AS hubspot_company,
            CAST(json_extract(hubspot.properties, '$.score') AS DOUBLE) AS hubspot_score,
            klaviyo IS NOT NULL AS klaviyo_linked,
            klaviyo.lists AS klaviyo_lists,
            json_extract_string(klaviyo.properties, '$.city') AS klaviyo_city,
            CAST(json_extract(klaviyo.properties, '$.orders') AS DOUBLE) AS klaviyo_orders,
            CAST(json_extract(klaviyo.properties, '$.accepts_marketing') AS BOOLEAN) AS klaviyo_accepts_marketing
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


def run_segq(segq: str, store: str, queries: dict, now: str, runs: int, extra=()):
    with open("/tmp/segq-bench-queries.segq", "w", encoding="utf-8") as f:
        for name, q in queries.items():
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
    ap.add_argument("--queries", help="comma-separated query files (default: samples/queries.segq and "
                                      "Benchmarks/queries-mix.segq)")
    args = ap.parse_args()

    now = dt.datetime.fromisoformat(args.now.replace("Z", "+00:00")).astimezone(dt.timezone.utc).replace(tzinfo=None)
    queries = read_queries(args.queries.split(",") if args.queries else QUERY_FILES)
    sqls = duckdb_sql(now)
    missing = [name for name in queries if name not in sqls]
    if missing:
        sys.exit(f"no DuckDB SQL for: {', '.join(missing)}")
    con, load_s = load_duckdb(args.friends)
    duck = {name: time_duckdb(con, sqls[name], args.runs) for name in queries}
    memory = {} if args.skip_memory else run_segq(args.segq, args.friends, queries, args.now, args.runs)
    sqlite = run_segq(args.segq, args.sqlite, queries, args.now, max(5, args.runs // 5),
                      ("--engine", "sqlite")) if args.sqlite else {}
    postgres = run_segq(args.segq, args.postgres, queries, args.now, max(5, args.runs // 5),
                        ("--engine", "postgres")) if args.postgres else {}

    rows, ok = [], True
    for name in queries:
        d_count, d_ms = duck[name]
        m = memory.get(name)
        s = sqlite.get(name)
        p = postgres.get(name)
        agree = all(x is None or x["count"] == d_count for x in (m, s, p))
        if not agree:
            print(f"{name}: DuckDB counts {d_count}, segq " + ", ".join(
                f"{engine} {x['count']}" for engine, x in (("memory", m), ("sqlite", s), ("postgres", p)) if x),
                file=sys.stderr)
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
