#!/usr/bin/env bash
# Peers side by side: Gazette against SQLite FTS5, Lucene++ and omindex (Xapian Omega), on
# the same text, in one run. Builds a release with the harnesses (build/peers-release),
# prepares the common JSON Lines text (benchmarks/peers/prepare.py) from Reuters-21578 at 1x
# and 10x (prepare_reuters10x.sh) and from TIME, then measures
#   - indexing: articles/s, MB/s of text, peak RSS (GNU time), index size (du), per scale;
#   - queries: queries/reuters.txt (200), top 10 with snippets, warm, in-process, p50/p95/p99
#     and queries/s, plain and with a March-April 1987 date filter (Gazette, FTS5, Lucene++);
#   - relevance on TIME: MAP, P@10, nDCG@10 (relevance_eval.py) of each engine's default
#     ranking, the query's words OR'ed, top 1000.
# Prints markdown tables with Gazette/peer ratios and writes OUT/peers.json.
#
#   benchmarks/peers.sh [OUT]        (default build/bench; work files in OUT/peers/)
#   env: GAZETTE_CORPORA (../shared/corpora), SCALES ("1x 10x"), RUNS (timed query passes, 5),
#        OMINDEX_SCALES ("1x": omindex reads one file per article, 215,780 files at 10x),
#        REUTERS10X (build/bench-data/reuters10x, kept between runs), SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/bench}
work=$out/peers
corpora=${GAZETTE_CORPORA:-../shared/corpora}
scales=${SCALES:-1x 10x}
omindex_scales=${OMINDEX_SCALES:-1x}
runs=${RUNS:-5}
build=build/peers-release
bench=$build/benchmarks

if [ -z "${SKIP_BUILD:-}" ]; then
  scripts/setup.sh >&2
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=OFF \
    -DGAZETTE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" -j2 >&2
fi
for tool in "$bench/fts5_bench" "$bench/lucene_bench" "$(command -v omindex)" /usr/bin/time; do
  [ -x "$tool" ] || { echo "peers.sh: $tool missing (scripts/setup.sh installs the peers)" >&2; exit 2; }
done
mkdir -p "$work"

# Common text. Reuters 1x is copy0 of the 10x corpus; each .sgm file becomes one JSON Lines
# file of up to 1,000 articles (ids repeat across copies; Gazette's keys path#id stay unique). omindex gets the same
# articles as one .txt per article (title line, blank line, body).
reuters10x=$(benchmarks/prepare_reuters10x.sh "$corpora/reuters21578" \
  "${REUTERS10X:-build/bench-data/reuters10x}")
prepare_scale() {  # prepare_scale SCALE COPIES...
  local scale=$1 dir=$work/data/reuters-$1
  shift
  [ -f "$dir/.done" ] && [ "$dir/.done" -nt "$reuters10x/.stamp" ] && return
  rm -rf "$dir" && mkdir -p "$dir/jsonl"
  for k in "$@"; do
    local txt=()
    [[ " $omindex_scales " == *" $scale "* ]] && txt=("$dir/txt/copy$k")
    python3 benchmarks/peers/prepare.py reuters "$reuters10x/copy$k" "$dir/jsonl/copy$k" "${txt[@]}"
  done
  touch "$dir/.done"
}
for scale in $scales; do
  case $scale in
    1x) prepare_scale 1x 0 ;;
    10x) prepare_scale 10x 0 1 2 3 4 5 6 7 8 9 ;;
    *) echo "peers.sh: unknown scale $scale" >&2; exit 2 ;;
  esac
done
python3 benchmarks/peers/prepare.py time "$corpora/time" "$work/data/time"

# timed NAME COMMAND...: runs COMMAND under GNU time into $work/NAME.time ("seconds peak_kb").
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 ||
    { echo "peers.sh: $name failed:" >&2; tail -5 "$work/$name.log" >&2; exit 1; }
}

for scale in $scales; do
  data=$work/data/reuters-$scale
  mapfile -t jsonl < <(find "$data/jsonl" -name '*.jsonl' | sort)
  rm -rf "$work/gazette-$scale" "$work/fts5-$scale" "$work/lucene-$scale" "$work/omindex-$scale"
  # Gazette indexes the same JSON Lines (its json reader) with gazette-index's defaults.
  timed "index-gazette-$scale" "$build/indexer/cli/gazette-index" --db "$work/gazette-$scale" \
    --quiet "$data/jsonl"
  timed "index-fts5-$scale" "$bench/fts5_bench" index "${jsonl[@]}" "$work/fts5-$scale"
  timed "index-lucene-$scale" "$bench/lucene_bench" index "${jsonl[@]}" "$work/lucene-$scale"
  if [ -d "$data/txt" ]; then
    timed "index-omindex-$scale" omindex --db "$work/omindex-$scale" --url / "$data/txt"
  fi
  for engine in gazette fts5 lucene; do
    "$bench/${engine}_bench" query "$work/$engine-$scale" benchmarks/queries/reuters.txt "$runs" \
      > "$work/query-$engine-$scale.json"
  done
done

# Relevance on TIME: each engine's default ranking, OR of the query words, top 1000.
time_data=$work/data/time
"$bench/relevance" "$time_data/time.jsonl" "$time_data/time-queries.tsv" "$work/time-gazette" \
  "$work/time-gazette.run" 2>/dev/null
for engine in fts5 lucene; do
  rm -rf "$work/time-$engine"
  "$bench/${engine}_bench" index "$time_data/time.jsonl" "$work/time-$engine" >/dev/null
  "$bench/${engine}_bench" trec "$work/time-$engine" "$time_data/time-queries.tsv" \
    "$work/time-$engine.run"
done
python3 benchmarks/relevance_eval.py "$time_data/time.qrels" "$work/time-gazette.run" \
  "$work/time-fts5.run" "$work/time-lucene.run" --json "$work/relevance.json" >/dev/null

python3 benchmarks/peers/report.py "$work" "$scales" "$out/peers.json"
