#!/usr/bin/env bash
# Peers side by side: Gazette against SQLite FTS5, Lucene++ and omindex (Xapian Omega), on
# the same text, in one run. benchmarks/run.sh calls it as one of its jobs (and reads its
# OUT/peers.json); it also runs alone. Steps, one function each:
#   build      the release build with the harnesses (skipped with SKIP_BUILD=1);
#   prepare    the common JSON Lines text (benchmarks/peers/prepare.py) from Reuters-21578 at
#              1x and 10x (prepare_reuters10x.sh) and from TIME; kept between runs;
#   index      per scale and engine: articles/s, MB/s of text, peak RSS (GNU time), index size
#              (at 1x the median of INDEX_RUNS_1X runs, 3);
#   query      queries/reuters.txt (200), top 10 with snippets, warm, in-process, p50/p95/p99
#              and queries/s, plain and with a March-April 1987 date filter;
#   relevance  MAP, P@10, nDCG@10 on TIME (relevance_eval.py) of each engine's default
#              ranking, the query's words OR'ed, top 1000; Gazette also with --expand;
#   report     markdown tables with Gazette/peer ratios (peers/report.py), OUT/peers.json.
#
#   benchmarks/peers.sh [OUT]           everything (default OUT build/bench; work files in OUT/peers/)
#   benchmarks/peers.sh prepare         only the data (what run.sh's prepare step calls)
#   env: GAZETTE_CORPORA (../shared/corpora), SCALES ("1x 10x"), RUNS (timed query passes, 5),
#        OMINDEX_SCALES ("1x": omindex reads one file per article, 215,770 files at 10x),
#        BUILD_DIR (build/bench-release), BENCH_DATA (prepared corpora, build/bench-data),
#        REUTERS10X ($BENCH_DATA/reuters10x), INDEX_RUNS_1X (3), SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
command=all
if [ "${1:-}" = prepare ]; then
  command=prepare
  shift
fi
out=${1:-build/bench}
work=$out/peers
corpora=${GAZETTE_CORPORA:-../shared/corpora}
scales=${SCALES:-1x 10x}
omindex_scales=${OMINDEX_SCALES:-1x}
runs=${RUNS:-5}
build=${BUILD_DIR:-build/bench-release}
bench=$build/benchmarks
data_root=${BENCH_DATA:-build/bench-data}
reuters10x_dir=${REUTERS10X:-$data_root/reuters10x}
data=$data_root/peers  # the common text, outside OUT so that a new run does not redo it

log() { echo "peers.sh: $*" >&2; }

build() {
  scripts/setup.sh >&2
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=OFF \
    -DGAZETTE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" -j2 >&2
}

# The harnesses are built only when their library is found; fail early, not after 10x indexing.
check_tools() {
  local tool
  for tool in "$build/indexer/cli/gazette-index" "$bench/gazette_bench" "$bench/relevance" \
    "$bench/fts5_bench" "$bench/lucene_bench" "$(command -v omindex || echo omindex)" /usr/bin/time; do
    [ -x "$tool" ] || { log "$tool missing (scripts/setup.sh installs the peers; build first)"; exit 2; }
  done
}

# prepare_scale SCALE COPIES...: Reuters JSON Lines of the given copies of the 10x corpus
# (1x is copy0), one file of up to 1,000 articles per .sgm file (ids repeat across copies;
# Gazette's keys path#id stay unique). For the scales in OMINDEX_SCALES the same articles are
# also written as one .txt per article (title line, blank line, body), since omindex indexes
# files. Redone only when the 10x corpus, prepare.py or the omindex choice changed.
prepare_scale() {
  local scale=$1 dir=$data/reuters-$1 want_txt=no
  shift
  [[ " $omindex_scales " == *" $scale "* ]] && want_txt=yes
  if [ -f "$dir/.done" ] && [ "$dir/.done" -nt "$reuters10x_dir/.stamp" ] &&
    [ "$dir/.done" -nt benchmarks/peers/prepare.py ] && [ "$(cat "$dir/.done")" = "$want_txt" ]; then
    return
  fi
  log "preparing Reuters $scale (common JSON Lines text)"
  rm -rf "$dir" && mkdir -p "$dir/jsonl"
  local k txt
  for k in "$@"; do
    txt=()
    [ "$want_txt" = yes ] && txt=("$dir/txt/copy$k")
    python3 benchmarks/peers/prepare.py reuters "$reuters10x_dir/copy$k" "$dir/jsonl/copy$k" "${txt[@]}"
  done
  echo "$want_txt" > "$dir/.done"
}

prepare() {
  benchmarks/prepare_reuters10x.sh "$corpora/reuters21578" "$reuters10x_dir" >/dev/null
  local scale
  for scale in $scales; do
    case $scale in
      1x) prepare_scale 1x 0 ;;
      10x) prepare_scale 10x 0 1 2 3 4 5 6 7 8 9 ;;
      *) log "unknown scale $scale"; exit 2 ;;
    esac
  done
  # TIME is small (423 articles): always rewritten.
  python3 benchmarks/peers/prepare.py time "$corpora/time" "$data/time"
}

# timed NAME COMMAND...: runs COMMAND under GNU time into $work/NAME.time ("seconds peak_kb").
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" > "$work/$name.log" 2>&1 ||
    { log "$name failed:"; tail -5 "$work/$name.log" >&2; exit 1; }
}

# index_scale SCALE: a fresh index per engine. Gazette indexes the same JSON Lines (its json
# reader) with gazette-index's defaults; omindex the .txt files when they were prepared.
index_scale() {
  local scale=$1 dir=$data/reuters-$1 jsonl
  mapfile -t jsonl < <(find "$dir/jsonl" -name '*.jsonl' | sort)
  rm -rf "$work/gazette-$scale" "$work/fts5-$scale" "$work/lucene-$scale" "$work/omindex-$scale"
  # One run of a few seconds varies by about 15% (1x Gazette: 7.3 to 8.6 s), enough to swing
  # the growth ratio past its target either way: at 1x each engine runs INDEX_RUNS_1X times
  # (3) and its median run counts. A 10x run is long enough to average its own noise.
  local runs=1
  [ "$scale" = 1x ] && runs=${INDEX_RUNS_1X:-3}
  log "indexing Reuters $scale: Gazette ($runs run(s) per engine)"
  timed_median "$runs" gazette "$scale" "$build/indexer/cli/gazette-index" \
    --db "$work/gazette-$scale" --quiet "$dir/jsonl"
  log "indexing Reuters $scale: FTS5, Lucene++"
  timed_median "$runs" fts5 "$scale" "$bench/fts5_bench" index "${jsonl[@]}" "$work/fts5-$scale"
  timed_median "$runs" lucene "$scale" "$bench/lucene_bench" index "${jsonl[@]}" "$work/lucene-$scale"
  if [ -d "$dir/txt" ]; then
    log "indexing Reuters $scale: omindex"
    timed_median "$runs" omindex "$scale" omindex --db "$work/omindex-$scale" --url / "$dir/txt"
  fi
}

# timed_median RUNS ENGINE SCALE COMMAND...: RUNS fresh indexes of $work/ENGINE-SCALE by
# COMMAND under timed(); $work/index-ENGINE-SCALE.time gets the run of median time.
timed_median() {
  local runs=$1 engine=$2 scale=$3 i
  shift 3
  local name=index-$engine-$scale
  for ((i = 1; i <= runs; i++)); do
    rm -rf "${work:?}/$engine-$scale"
    timed "$name" "$@"
    cp "$work/$name.time" "$work/$name.time.$i"
  done
  cat "$work/$name".time.* | sort -n | sed -n "$(((runs + 1) / 2))p" > "$work/$name.time"
  rm -f "$work/$name".time.*
}

# query_scale SCALE: the same queries, passes and date filter for every engine (omindex has
# no query harness: it is an indexer).
query_scale() {
  local scale=$1 engine
  log "querying Reuters $scale ($runs timed passes)"
  for engine in gazette fts5 lucene; do
    "$bench/${engine}_bench" query "$work/$engine-$scale" benchmarks/queries/reuters.txt "$runs" \
      > "$work/query-$engine-$scale.json"
  done
}

# Relevance on TIME: each engine's default ranking, OR of the query words, top 1000; and
# Gazette with pseudo-relevance feedback (--expand), compared with the peers on its own.
relevance() {
  local time_data=$data/time engine
  log "relevance on TIME"
  "$bench/relevance" "$time_data/time.jsonl" "$time_data/time-queries.tsv" "$work/time-gazette" \
    "$work/time-gazette.run" 2>/dev/null
  "$bench/relevance" "$time_data/time.jsonl" "$time_data/time-queries.tsv" "$work/time-gazette" \
    "$work/time-gazette-expand.run" --reuse-db --expand 2>/dev/null
  for engine in fts5 lucene; do
    rm -rf "$work/time-$engine"
    "$bench/${engine}_bench" index "$time_data/time.jsonl" "$work/time-$engine" >/dev/null
    "$bench/${engine}_bench" trec "$work/time-$engine" "$time_data/time-queries.tsv" \
      "$work/time-$engine.run"
  done
  python3 benchmarks/relevance_eval.py "$time_data/time.qrels" "$work/time-gazette.run" \
    "$work/time-fts5.run" "$work/time-lucene.run" --json "$work/relevance.json" >/dev/null
  python3 benchmarks/relevance_eval.py "$time_data/time.qrels" "$work/time-gazette-expand.run" \
    "$work/time-fts5.run" "$work/time-lucene.run" --json "$work/relevance-expand.json" >/dev/null
}

main() {
  if [ "$command" = prepare ]; then
    prepare
    return
  fi
  [ -n "${SKIP_BUILD:-}" ] || build
  check_tools
  prepare
  # Results of an earlier run must not leak into this one's report (e.g. 10x after a quick run).
  rm -rf "$work" && mkdir -p "$work"
  local scale
  for scale in $scales; do
    index_scale "$scale"
    query_scale "$scale"
  done
  relevance
  python3 benchmarks/peers/report.py "$work" "$data" "$scales" "$out/peers.json"
}

main
