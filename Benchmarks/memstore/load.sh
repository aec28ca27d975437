#!/bin/sh
# Usage: Benchmarks/memstore/load.sh FILE.jsonl [SEGQ]
# Loading a JSON Lines file into memory: `segq bench` (one run of each
# query of samples/queries.segq, so the figure is the load) beside DuckDB's
# read_json of the same file into a table, in the same run, each under
# /usr/bin/time: wall, user and system CPU, peak resident. The load average
# is printed before and after; SEGQ_LOAD_TIMING=1 shows segq's phases.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
file=${1:?usage: load.sh FILE.jsonl [SEGQ]}
segq=${2:-$root/.build-release/release/segq}
format='%e s wall, %U s user, %S s system, %M KB peak'
echo "$(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "segq load: $format" "$segq" bench --store "$file" --runs 1 "$root/samples/queries.segq" > /dev/null
/usr/bin/time -f "DuckDB read_json: $format" python3 -c "
import duckdb
con = duckdb.connect()
con.execute(\"SET enable_progress_bar = false\")
con.execute(\"CREATE TABLE friends AS SELECT * FROM read_json('$file', format = 'newline_delimited')\")
print('DuckDB rows:', con.execute('SELECT count(*) FROM friends').fetchone()[0])
"
echo "$(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
