#!/usr/bin/env bash
# The benchmark driver: one command that builds, prepares the data and measures everything,
# peers included, then prints ONE summary table and writes it with every detail to
# OUT/results.json (benchmarks/README.md, "The driver", describes the table and the JSON).
#
#   benchmarks/run.sh [--quick] [OUT]        (OUT defaults to build/bench)
#
# Jobs, in order, one function each (each job's logic lives in one place; run.sh only calls):
#   build           release build of Gazette, its harnesses and the peer harnesses
#   prepare_data    from $GAZETTE_CORPORA: the ten-times Reuters with unique keys, the common
#                   JSON Lines text of Reuters 1x/10x and TIME (peers.sh prepare), the BBC
#                   articles in the other input formats (prepare_formats.py)
#   bench_peers     Gazette vs omindex, SQLite FTS5, Lucene++: indexing, queries, TIME
#                   relevance, growth 1x -> 10x (peers.sh)
#   bench_write_floor  Xapian alone writing Gazette's and plain pre-built documents of
#                   Reuters 1x (write_floor): the floor under any Xapian indexer's time
#   bench_one_file  gazette-index on the 10x text as one JSON Lines file (full runs only):
#                   time and peak memory when one file holds the whole archive
#   bench_features  the cost of each search feature at 1x and 10x Reuters (features.sh)
#   bench_bbc       gazette-index on BBC News and search latency on its 200 queries
#   bench_formats   read+extract throughput per input format
#   bench_extraction  HTML main-text extraction quality
#   bench_micro     Google Benchmark micro-benchmarks of the hot paths
#   report          the summary table and results.json (benchmarks/report.py)
#
# --quick (or QUICK=1) skips the 10x scale everywhere and times fewer passes: about 4 minutes
# after the build instead of about 20 (both measured on a busy 2-core machine). Figures are
# ratios of the same run; nothing is asserted.
#
# env: GAZETTE_CORPORA (../shared/corpora), BUILD_DIR (build/bench-release), BENCH_DATA
#      (prepared corpora kept between runs, build/bench-data), RUNS (timed query passes:
#      5, quick 2), REPEATS (features.sh harness runs per scale: 2, quick 1), OMINDEX_SCALES
#      ("1x"), SKIP_BUILD=1 (use BUILD_DIR as it is)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=${QUICK:-}
out=build/bench
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    *) out=$arg ;;
  esac
done

# Settings shared with the job scripts, which read the same variables.
export GAZETTE_CORPORA=${GAZETTE_CORPORA:-../shared/corpora}
export BUILD_DIR=${BUILD_DIR:-build/bench-release}
export BENCH_DATA=${BENCH_DATA:-build/bench-data}
if [ -n "$quick" ]; then
  export SCALES=1x RUNS=${RUNS:-2} REPEATS=${REPEATS:-1} INDEX_RUNS_1X=${INDEX_RUNS_1X:-1}
else
  export SCALES="1x 10x" RUNS=${RUNS:-5} REPEATS=${REPEATS:-2}
fi
corpora=$GAZETTE_CORPORA
bin=$BUILD_DIR

log() { echo "run.sh [$(date +%T)]: $*" >&2; }

# Fail before a long build when an input is missing.
check_inputs() {
  local d
  for d in reuters21578 bbc time html-extraction 20news; do
    [ -d "$corpora/$d" ] || { echo "run.sh: $corpora/$d not found (set GAZETTE_CORPORA)" >&2; exit 2; }
  done
}

# One build serves every job (peers.sh and features.sh are told to use it, not to build).
build() {
  log "build ($bin)"
  scripts/setup.sh >&2
  command -v /usr/bin/time >/dev/null || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
  cmake -S . -B "$bin" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=OFF \
    -DGAZETTE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$bin" -j2 >&2
}

prepare_data() {
  log "prepare data ($BENCH_DATA, scales: $SCALES)"
  benchmarks/peers.sh prepare "$out"
  python3 benchmarks/prepare_formats.py "$corpora" "$out/formats" >/dev/null
}

bench_peers() {
  log "peers: Gazette, omindex, SQLite FTS5, Lucene++"
  SKIP_BUILD=1 benchmarks/peers.sh "$out" > "$out/peers.md"
}

bench_write_floor() {
  log "Xapian write floor (write_floor, Reuters 1x)"
  local jsonl
  mapfile -t jsonl < <(find "$BENCH_DATA/peers/reuters-1x/jsonl" -name '*.jsonl' | sort)
  "$bin/benchmarks/write_floor" --threads "$(nproc)" --runs "$([ -n "$quick" ] && echo 1 || echo 3)" \
    --json "$out/write_floor.json" "$out/write-floor-work" "${jsonl[@]}" > "$out/write_floor.md"
  rm -rf "$out/write-floor-work"
}

bench_one_file() {
  [ -z "$quick" ] || return 0
  log "Gazette: the 10x Reuters text as one JSON Lines file"
  local dir=$out/one-file seconds peak_kb
  mkdir -p "$dir"
  find -L "$BENCH_DATA/peers/reuters-10x/jsonl" -name '*.jsonl' -print0 | sort -z |
    xargs -0 cat > "$dir/reuters-10x.jsonl"
  /usr/bin/time -f '%e %M' -o "$out/one-file.time" \
    "$bin/indexer/cli/gazette-index" --db "$dir/db" --quiet "$dir/reuters-10x.jsonl"
  read -r seconds peak_kb < "$out/one-file.time"
  printf '{"articles": %s, "bytes": %s, "seconds": %s, "peak_rss_kb": %s}\n' \
    "$(wc -l < "$dir/reuters-10x.jsonl")" "$(stat -c %s "$dir/reuters-10x.jsonl")" \
    "$seconds" "$peak_kb" > "$out/one-file.json"
  rm -rf "$dir"
}

bench_features() {
  log "search features (features.sh)"
  benchmarks/features.sh "$bin" "$out" > "$out/features.md"
}

# BBC News (2,225 .txt articles): indexing under GNU time, then the 200 queries of
# queries/bbc.txt (--match any, top 10 with snippets, warm, in-process). Writes OUT/bbc.json.
bench_bbc() {
  log "BBC indexing and search latency"
  /usr/bin/time -f '%e %M' -o "$out/bbc-index.time" \
    "$bin/indexer/cli/gazette-index" --db "$out/bbc-db" --quiet "$corpora/bbc"
  local seconds peak_kb articles bytes index_bytes
  read -r seconds peak_kb < "$out/bbc-index.time"
  articles=$(find "$corpora/bbc" -name '*.txt' | wc -l)
  bytes=$(find "$corpora/bbc" -name '*.txt' -print0 | du -cb --apparent-size --files0-from=- | tail -1 | cut -f1)
  index_bytes=$(du -sb "$out/bbc-db" | cut -f1)
  "$bin/benchmarks/search_latency" --db "$out/bbc-db" --queries benchmarks/queries/bbc.txt \
    --runs "$RUNS" --json "$out/bbc-search.json" >/dev/null
  printf '{"articles": %s, "text_bytes": %s, "seconds": %s, "peak_rss_kb": %s, "index_bytes": %s, "search": %s}\n' \
    "$articles" "$bytes" "$seconds" "$peak_kb" "$index_bytes" "$(cat "$out/bbc-search.json")" > "$out/bbc.json"
}

# Readers only (no analysis, no database): the corpora in their own formats, and BBC,
# html-extraction and TIME text converted to the others by prepare_formats.py.
bench_formats() {
  log "read+extract throughput per format"
  "$bin/benchmarks/format_throughput" text="$corpora/bbc" html="$corpora/html-extraction/pages" \
    reuters="$corpora/reuters21578" email="$corpora/20news" json="$out/formats/bbc.jsonl" \
    trec="$out/formats/bbc.trec" feed="$out/formats/rss" nitf="$out/formats/nitf" \
    warc="$out/formats/pages.warc" > "$out/formats.md"
}

bench_extraction() {
  log "HTML extraction quality"
  "$bin/benchmarks/html_extraction_quality" "$corpora/html-extraction" > "$out/extraction.txt"
}

# About 15 s. Built only when Google Benchmark is installed (scripts/setup.sh installs it).
bench_micro() {
  local micro=$bin/benchmarks/micro/gazette_micro
  if [ -x "$micro" ]; then
    log "micro-benchmarks"
    "$micro" --benchmark_min_time=0.2 --benchmark_format=console \
      --benchmark_out="$out/micro.json" --benchmark_out_format=json > "$out/micro.txt"
  else
    echo "run.sh: $micro not built (Google Benchmark missing): no micro-benchmarks" > "$out/micro.txt"
  fi
}

# The load average says whether other processes shared the machine (then absolute figures
# are noisy and only the ratios of this run mean much): sampled every 15 s into OUT/load.txt.
start_load_sampler() {
  (while :; do cut -d' ' -f1 /proc/loadavg; sleep 15; done) > "$out/load.txt" &
  sampler=$!
  trap 'kill "$sampler" 2>/dev/null || true' EXIT
}

# What report.py needs to know about the run itself.
write_meta() {
  printf '{"quick": %s, "scales": "%s", "runs": %s, "repeats": %s, "omindex_scales": "%s", "corpora": "%s", "build": "%s", "started": "%s", "finished": "%s", "cores": %s, "load_at_start": %s}\n' \
    "$([ -n "$quick" ] && echo true || echo false)" "$SCALES" "$RUNS" "$REPEATS" \
    "${OMINDEX_SCALES:-1x}" "$corpora" "$bin" "$started" "$(date -Iseconds)" "$(nproc)" \
    "$load_at_start" > "$out/meta.json"
}

# The details first (each job's own tables), the summary table last.
report() {
  local f
  for f in peers.md write_floor.md features.md formats.md extraction.txt micro.txt; do
    echo
    echo "## $f"
    cat "$out/$f"
  done
  echo
  python3 benchmarks/report.py "$out"
}

main() {
  # Before anything of ours runs: what other processes were doing.
  load_at_start=$(cut -d' ' -f1 /proc/loadavg)
  started=$(date -Iseconds)
  check_inputs
  [ -n "${SKIP_BUILD:-}" ] || build
  # A new run starts from an empty OUT, so nothing of an earlier (e.g. quick) run leaks in.
  rm -rf "$out" && mkdir -p "$out"
  start_load_sampler
  prepare_data
  bench_peers
  bench_write_floor
  bench_one_file
  bench_features
  bench_bbc
  bench_formats
  bench_extraction
  bench_micro
  write_meta
  report
}

main
