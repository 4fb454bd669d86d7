#!/usr/bin/env bash
# The cost of reading queries in every language of an archive (searcher/src/languages.hpp):
# the same Reuters-21578 text (benchmarks/peers/prepare.py's JSON Lines) indexed twice, once
# with every article declared English and once with the articles declared English, French
# and German in turn, so the second archive needs three readings of each query (three parses,
# each limited to its third of the articles) where the first needs one. The text is the same,
# so what differs is only the analysis work. Per archive: indexing time, index size, and the
# search latency of benchmarks/queries/reuters.txt (search_latency: top 10 with snippets).
#
#   benchmarks/languages.sh [OUT]    (default OUT build/bench/languages)
#   env: GAZETTE_CORPORA (../shared/corpora), BUILD_DIR (build/bench-release), RUNS (5),
#        SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/bench/languages}
corpora=${GAZETTE_CORPORA:-../shared/corpora}
build=${BUILD_DIR:-build/bench-release}
runs=${RUNS:-5}

if [ -z "${SKIP_BUILD:-}" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=OFF \
    -DGAZETTE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" -j2 >&2
fi
mkdir -p "$out"
python3 benchmarks/peers/prepare.py reuters "$corpora/reuters21578" "$out/jsonl" >&2

# declare LANGS DIR: the JSON Lines with each article's "lang" taken in turn from LANGS.
declare_languages() {
  python3 - "$1" "$out/jsonl" "$2" <<'EOF'
import json, os, sys
langs, src, dst = sys.argv[1].split(","), sys.argv[2], sys.argv[3]
os.makedirs(dst, exist_ok=True)
n = 0
for name in sorted(os.listdir(src)):
    with open(os.path.join(src, name)) as f, open(os.path.join(dst, name), "w") as g:
        for line in f:
            record = json.loads(line)
            record["lang"] = langs[n % len(langs)]
            n += 1
            g.write(json.dumps(record) + "\n")
EOF
}

echo "| archive | readings per query | index s | index MB | p50 ms | p95 ms | p99 ms | queries/s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for variant in en en,fr,de; do
  dir=$out/${variant//,/-}
  rm -rf "$dir" && declare_languages "$variant" "$dir/text"
  start=$(date +%s.%N)
  "$build/indexer/cli/gazette-index" --db "$dir/db" --quiet "$dir/text"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  megabytes=$(du -sm "$dir/db" | cut -f1)
  "$build/benchmarks/search_latency" --db "$dir/db" --queries benchmarks/queries/reuters.txt \
    --runs "$runs" --json "$dir/latency.json" >/dev/null
  python3 - "$variant" "$seconds" "$megabytes" "$dir/latency.json" <<'EOF'
import json, sys
variant, seconds, megabytes, path = sys.argv[1:]
l = json.load(open(path))
print(f"| Reuters, {variant.replace(',', ' / ')} | {len(variant.split(','))} | {float(seconds):.1f} "
      f"| {megabytes} | {l['p50_ms']:.2f} | {l['p95_ms']:.2f} | {l['p99_ms']:.2f} "
      f"| {l['qps']:.0f} |")
EOF
done
python3 - "$out/en/latency.json" "$out/en-fr-de/latency.json" <<'EOF'
import json, sys
one, three = (json.load(open(p)) for p in sys.argv[1:])
print(f"| ratio, three languages / one | | | | {three['p50_ms'] / one['p50_ms']:.2f} "
      f"| {three['p95_ms'] / one['p95_ms']:.2f} | {three['p99_ms'] / one['p99_ms']:.2f} "
      f"| {three['qps'] / one['qps']:.2f} |")
EOF
