#!/usr/bin/env bash
# Benchmark driver: builds a release with the harnesses, then measures on ../shared/corpora:
# indexing throughput, peak memory and index size (BBC News, 2,225 .txt articles), search
# latency percentiles for 200 fixed queries, the cost of each search feature at 1x and 10x
# Reuters-21578 (benchmarks/features.sh), HTML main-text extraction quality, and the
# micro-benchmarks of the hot paths (benchmarks/micro, when Google Benchmark is installed).
# Prints a table and writes build/bench/results.json. Usage: benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${GAZETTE_CORPORA:-../shared/corpora}
[ -d "$corpora/bbc" ] || { echo "run.sh: $corpora/bbc not found (set GAZETTE_CORPORA)" >&2; exit 2; }

scripts/setup.sh
command -v /usr/bin/time >/dev/null || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
cmake -S . -B build/bench-release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DGAZETTE_BUILD_TESTS=OFF -DGAZETTE_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/bench-release
bin=build/bench-release
out=build/bench
rm -rf "$out" && mkdir -p "$out"

# Indexing: wall time and peak RSS from GNU time.
/usr/bin/time -f '%e %M' -o "$out/index.time" \
  "$bin/indexer/cli/gazette-index" --db "$out/bbc-db" --quiet "$corpora/bbc" || true
read -r seconds peak_kb < "$out/index.time"
articles=$(find "$corpora/bbc" -name '*.txt' | wc -l)
bytes=$(find "$corpora/bbc" -name '*.txt' -print0 | xargs -0 cat | wc -c)
index_bytes=$(du -sb "$out/bbc-db" | cut -f1)

# Search latency (warm, in-process, top 10 with snippets).
"$bin/benchmarks/search_latency" --db "$out/bbc-db" --queries benchmarks/queries/bbc.txt \
  --runs 5 --json "$out/search.json" >/dev/null

# Search features (snippets, collapse, filters, facets, timeline, sort) at 1x and 10x
# Reuters-21578, with the indexing figures of both scales.
benchmarks/features.sh "$bin" "$out" > "$out/features.md"

# Read+extract throughput per format (readers only): corpora in their own formats, and BBC,
# html-extraction and TIME text converted to the others by prepare_formats.py.
python3 benchmarks/prepare_formats.py "$corpora" "$out/formats" >/dev/null
"$bin/benchmarks/format_throughput" text="$corpora/bbc" html="$corpora/html-extraction/pages" \
  reuters="$corpora/reuters21578" email="$corpora/20news" json="$out/formats/bbc.jsonl" \
  trec="$out/formats/bbc.trec" feed="$out/formats/rss" nitf="$out/formats/nitf" \
  warc="$out/formats/pages.warc" > "$out/formats.md"

# Micro-benchmarks (readers, analysis, snippets, query parsing on examples/archive): about
# 15 s. Built only when Google Benchmark is installed (scripts/setup.sh installs it).
micro=$bin/benchmarks/micro/gazette_micro
if [ -x "$micro" ]; then
  "$micro" --benchmark_min_time=0.2 --benchmark_format=console \
    --benchmark_out="$out/micro.json" --benchmark_out_format=json > "$out/micro.txt"
else
  echo "run.sh: $micro not built (Google Benchmark missing): no micro-benchmarks" > "$out/micro.txt"
fi

# HTML extraction quality.
"$bin/benchmarks/html_extraction_quality" "$corpora/html-extraction" > "$out/extraction.txt" || true

python3 - "$out" "$seconds" "$peak_kb" "$articles" "$bytes" "$index_bytes" <<'PY'
import json, sys
out, seconds, peak_kb, articles, nbytes, index_bytes = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
search = json.load(open(f"{out}/search.json"))
results = {
  "corpus": "bbc", "articles": articles, "text_mb": round(nbytes / 1e6, 2),
  "index_seconds": seconds, "articles_per_s": round(articles / seconds), "mb_per_s": round(nbytes / 1e6 / seconds, 2),
  "peak_rss_mb": round(peak_kb / 1024, 1), "index_mb": round(index_bytes / 1e6, 1), "search": search,
  "reuters_features": json.load(open(f"{out}/features.json")),
}
json.dump(results, open(f"{out}/results.json", "w"), indent=2)
print(f"| measure | Gazette |\n| --- | --- |")
for k in ("articles", "text_mb", "index_seconds", "articles_per_s", "mb_per_s", "peak_rss_mb", "index_mb"):
  print(f"| {k} | {results[k]} |")
for k in ("p50_ms", "p95_ms", "p99_ms", "qps"):
  print(f"| search {k} | {search[k]} |")
PY
echo
cat "$out/features.md"
echo
cat "$out/formats.md"
echo
cat "$out/extraction.txt"
echo
cat "$out/micro.txt"
