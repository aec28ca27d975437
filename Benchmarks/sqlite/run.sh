#!/bin/sh
# 1,000,000 friends and a SQLite store: `segq import` into a new store, the
# same file again with 1% of the friends changed, and the REPL's time to its
# first preview. Wall and CPU time and peak RSS from /usr/bin/time -v.
#
#   Benchmarks/sqlite/run.sh [SEGQ]     (default .build-release/release/segq)
#
# Data lives in $SEGQ_BENCH_DIR (default /tmp/segq-sqlite-bench); the
# friends are `segq generate 1000000 --seed 7`, made once.
set -eu
SEGQ=${1:-.build-release/release/segq}
DIR=${SEGQ_BENCH_DIR:-/tmp/segq-sqlite-bench}
HERE=$(dirname "$0")
mkdir -p "$DIR"
[ -f "$DIR/friends.jsonl" ] || "$SEGQ" generate 1000000 --seed 7 -o "$DIR/friends.jsonl"
[ -f "$DIR/changed.jsonl" ] || python3 "$HERE/change_friends.py" "$DIR/friends.jsonl" "$DIR/changed.jsonl"

measure() {
    label=$1; shift
    /usr/bin/time -v "$@" > "$DIR/out.txt" 2> "$DIR/time.txt" || { cat "$DIR/time.txt"; exit 1; }
    tail -1 "$DIR/out.txt"
    awk -v label="$label" -F': ' '
        /Elapsed \(wall clock\)/ { wall = $2 }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident/ { rss = $2 }
        END { printf "%s: wall %s, CPU %.2f s (user %s, system %s), peak RSS %d MB\n", label, wall, user + sys, user, sys, rss / 1024 }
    ' "$DIR/time.txt"
}

rm -f "$DIR/store.sqlite" "$DIR/store.sqlite-journal"
measure "import 1M into a new store" "$SEGQ" import --store "$DIR/store.sqlite" "$DIR/friends.jsonl"
cp "$DIR/store.sqlite" "$DIR/again.sqlite"
measure "re-import, 1% changed" "$SEGQ" import --store "$DIR/again.sqlite" "$DIR/changed.jsonl"
measure "re-import, nothing changed" "$SEGQ" import --store "$DIR/again.sqlite" "$DIR/changed.jsonl"
python3 "$HERE/first_preview.py" --segq "$SEGQ" --store "$DIR/store.sqlite"
