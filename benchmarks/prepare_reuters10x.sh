#!/usr/bin/env bash
# Builds "Reuters-21578 x10": ten copies of the 22 reut2-*.sgm files in OUT/copy0..copy9, so
# that every article key (path#NEWID) is unique (215,780 stories). Copy k has every <DATE>
# moved k years later (1987 -> 1987+k; 1987 has no 29 February, so every date stays valid),
# so date filters, the year facet and timelines see a ten-year archive instead of ten
# stacked copies of 1987. The text is left identical: each story's ten copies are exact
# duplicates, which Gazette's index-time clustering puts into one cluster (the searcher
# collapses them into one hit), as re-sent wire stories would be.
# copy0 alone is the original collection (its .sgm files only, without the READMEs and
# category lists), which the benchmarks index as "1x".
#
# Usage: benchmarks/prepare_reuters10x.sh [REUTERS_DIR] [OUT]
#   defaults: $GAZETTE_CORPORA/reuters21578 (../shared/corpora) and
#   $BENCH_DATA/reuters10x (build/bench-data)
# Re-running with the same sources is a no-op (a stamp records what was built).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-${GAZETTE_CORPORA:-../shared/corpora}/reuters21578}
out=${2:-${BENCH_DATA:-build/bench-data}/reuters10x}
copies=10

files=("$src"/reut2-*.sgm)
[ -f "${files[0]}" ] || { echo "prepare_reuters10x.sh: no reut2-*.sgm in $src" >&2; exit 2; }
# The stamp names the sources by content, so a changed corpus or script rebuilds the copies.
stamp=$(cat "${files[@]}" "$0" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "$out"
  exit 0
fi

rm -rf "$out" && mkdir -p "$out"
for ((k = 0; k < copies; k++)); do
  mkdir "$out/copy$k"
  for f in "${files[@]}"; do
    # Only the year of the DATE element changes; bytes stay bytes (one file has a raw 0xFC).
    LC_ALL=C sed -E "s/^(<DATE>[^<]*-)1987/\1$((1987 + k))/" "$f" > "$out/copy$k/$(basename "$f")"
  done
done
echo "$stamp" > "$out/.stamp"
echo "$out"
