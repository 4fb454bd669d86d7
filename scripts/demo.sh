#!/usr/bin/env bash
# README command one: install dependencies, build a release, index the bundled sample
# archive (examples/archive) and run a search that prints ranked, highlighted results.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=OFF \
  -DGAZETTE_BUILD_BENCHMARKS=OFF
cmake --build build/release

db=build/demo-db
rm -rf "$db"
echo
echo "== gazette-index --db $db examples/archive"
build/release/indexer/cli/gazette-index --db "$db" examples/archive
query=${1:-obama}
echo
echo "== gazette-search --db $db \"$query\" --limit 5"
build/release/searcher/cli/gazette-search --db "$db" --limit 5 --color "${GAZETTE_COLOR:-auto}" "$query"
