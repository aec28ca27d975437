#!/bin/sh
# Usage: Benchmarks/memstore/run.sh [N]   (default 1000000 friends)
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
# The SQLite store (SegqSQLiteStore, needing libsqlite3) is not part of this figure.
for module in SegqSyntax SegqSemantics SegqStore SegqMemoryStore; do
  for f in $(find "$root/Sources/$module" -name '*.swift'); do
    sed -E '/^(@testable )?import (SegqSyntax|SegqSemantics|SegqStore|SegqMemoryStore)$/d' "$f" > "$work/${module}_$(basename "$f")"
  done
done
# The module's `Predicate` would clash with Foundation's in one module: name it apart.
printf 'typealias SegqStorePredicate = Predicate\n' > "$work/alias.swift"
swiftc -O -wmo -module-name SegqBench -package-name segq "$work"/*.swift "$here/main.swift" -o "$work/bench"
"$work/bench" "${1:-1000000}"
rm -rf "$work"
