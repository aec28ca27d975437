#!/bin/sh
# `segq import` into a PostgreSQL account: 1,000,000 friends into a new
# account, the same file again (nothing changed), the file with 1% of the
# friends changed, and a replacing import. For each: wall and client CPU
# time and peak RSS (/usr/bin/time -v), the server's CPU time (the
# postmaster's and its processes' clock ticks, reaped backends included,
# read from /proc: the server must run on this machine), and the load
# average when it started.
#
#   Benchmarks/postgres/import.sh [SEGQ] [FRIENDS.jsonl]
#
# SEGQ defaults to .build-release/release/segq, FRIENDS to
# $SEGQ_BENCH_DIR/friends.jsonl (`segq generate 1000000 --seed 7`, made
# once; default folder /tmp/segq-pg-bench). The server is
# $SEGQ_BENCH_POSTGRES, else the throwaway test server (`make pg-start`);
# each run imports into a new account `bench-<time>` and deletes it after.
# With SEGQ_IMPORT_TRACE=1 each import's phases are printed too.
set -eu
SEGQ=${1:-.build-release/release/segq}
DIR=${SEGQ_BENCH_DIR:-/tmp/segq-pg-bench}
HERE=$(dirname "$0")
mkdir -p "$DIR"
FRIENDS=${2:-$DIR/friends.jsonl}
[ -f "$FRIENDS" ] || "$SEGQ" generate 1000000 --seed 7 -o "$FRIENDS"
CHANGED="$DIR/$(basename "$FRIENDS" .jsonl)-changed.jsonl"
[ -f "$CHANGED" ] || python3 "$HERE/../sqlite/change_friends.py" "$FRIENDS" "$CHANGED"
BASE=${SEGQ_BENCH_POSTGRES:-$("$HERE/../../scripts/pg-test-server" url)}
ACCOUNT="bench-$(date +%s)"
case "$BASE" in *\?*) URL="$BASE&account=$ACCOUNT" ;; *) URL="$BASE?account=$ACCOUNT" ;; esac

# Clock ticks of the server so far: the postmaster and its live processes,
# plus the backends it has reaped (cutime, cstime).
server_ticks() {
    data=$(psql "$BASE" -Atqc "SHOW data_directory")
    pid=$(head -1 "$data/postmaster.pid")
    children=$(cat "/proc/$pid/task/$pid/children" 2>/dev/null || true)
    total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat")
    for child in $children; do
        [ -r "/proc/$child/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

measure() {
    label=$1; shift
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    before=$(server_ticks)
    /usr/bin/time -v "$@" > "$DIR/out.txt" 2> "$DIR/time.txt" || { cat "$DIR/out.txt" "$DIR/time.txt"; exit 1; }
    after=$(server_ticks)
    grep '^imported' "$DIR/out.txt" "$DIR/time.txt" | sed 's/^[^:]*://' | sed "s|$ACCOUNT|ACCOUNT|" || true
    # The import's phases, when SEGQ_IMPORT_TRACE is set.
    grep '^import:' "$DIR/time.txt" | sed 's/^/    /' || true
    awk -v label="$label" -v load="$load" -v server=$((after - before)) -v hz="$(getconf CLK_TCK)" -F': ' '
        /Elapsed \(wall clock\)/ { wall = $2 }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident/ { rss = $2 }
        END { printf "%s: wall %s, client CPU %.2f s (user %s, system %s), server CPU %.2f s, peak RSS %d MB, load %s\n",
                     label, wall, user + sys, user, sys, server / hz, rss / 1024, load }
    ' "$DIR/time.txt"
}

# Drops the account's partitions, removes its rows from every other table
# that carries the account, then the account.
drop_account() {
    psql "$BASE" -q >/dev/null 2>&1 <<SQL || true
DO \$\$ DECLARE a integer; t text; BEGIN
    SELECT account INTO a FROM segq.accounts WHERE name = '$ACCOUNT';
    IF a IS NULL THEN RETURN; END IF;
    -- The account's partitions of the friend tables (schema version 7) go whole.
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid
             WHERE c.relnamespace = 'segq'::regnamespace AND c.relname ~ ('_a' || a || '\$') LOOP
        EXECUTE format('DROP TABLE segq.%I', t);
    END LOOP;
    FOR t IN SELECT table_name FROM information_schema.columns
             WHERE table_schema = 'segq' AND column_name = 'account' AND table_name <> 'accounts' LOOP
        EXECUTE format('DELETE FROM segq.%I WHERE account = \$1', t) USING a;
    END LOOP;
    DELETE FROM segq.accounts WHERE account = a;
END \$\$;
SQL
}
trap drop_account EXIT
measure "import $(basename "$FRIENDS") into a new account" "$SEGQ" import --store "$URL" "$FRIENDS"
measure "re-import, nothing changed" "$SEGQ" import --store "$URL" "$FRIENDS"
measure "re-import, 1% changed" "$SEGQ" import --store "$URL" "$CHANGED"
measure "replacing import (--replace)" "$SEGQ" import --store "$URL" --replace "$FRIENDS"
