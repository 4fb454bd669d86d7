#!/usr/bin/env bash
# Search feature costs at 1x and 10x Reuters-21578: indexes each scale's SGML with the release
# gazette-index (its native Reuters reader: wall time, peak RSS, index size), runs
# search_features on each REPEATS times, and prints two markdown tables (indexing; latency per
# feature at each scale, with the 10x/1x ratio when both ran). Writes OUT/features.json. One
# of benchmarks/run.sh's jobs; also usable alone after a release build:
#
#   benchmarks/features.sh [BIN_DIR] [OUT_DIR]     (default build/bench-release, build/bench)
#   env: GAZETTE_CORPORA (../shared/corpora), SCALES ("1x 10x"; run.sh's quick mode: "1x"),
#        RUNS (passes per harness run, 3), REPEATS (harness runs per scale, 2),
#        REUTERS10X (where the 10x corpus is built, $BENCH_DATA/reuters10x, BENCH_DATA
#        defaulting to build/bench-data; kept between runs)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bench-release}
out=${2:-build/bench}
corpora=${GAZETTE_CORPORA:-../shared/corpora}
runs=${RUNS:-3}
repeats=${REPEATS:-2}
scales=${SCALES:-1x 10x}
mkdir -p "$out"

# copy0 is the original collection's .sgm files, so 1x is exactly the first tenth of 10x.
data=$(benchmarks/prepare_reuters10x.sh "$corpora/reuters21578" \
  "${REUTERS10X:-${BENCH_DATA:-build/bench-data}/reuters10x}")

# index SCALE ROOT: a fresh database OUT/reuters-SCALE-db and OUT/index-SCALE.json.
index() {
  local scale=$1 root=$2 db="$out/reuters-$1-db"
  rm -rf "$db"
  /usr/bin/time -f '%e %M' -o "$out/index-$scale.time" \
    "$bin/indexer/cli/gazette-index" --db "$db" --quiet "$root"
  local seconds peak_kb
  read -r seconds peak_kb < "$out/index-$scale.time"
  local articles sgml_bytes index_bytes
  articles=$("$bin/indexer/cli/gazette-index" --db "$db" stats --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["articles"])')
  sgml_bytes=$(find "$root" -name '*.sgm' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  index_bytes=$(du -sb "$db" | cut -f1)
  printf '{"scale": "%s", "articles": %s, "sgml_bytes": %s, "seconds": %s, "peak_rss_kb": %s, "index_bytes": %s}\n' \
    "$scale" "$articles" "$sgml_bytes" "$seconds" "$peak_kb" "$index_bytes" > "$out/index-$scale.json"
}
for scale in $scales; do
  case $scale in
    1x) index 1x "$data/copy0" ;;
    10x) index 10x "$data" ;;
    *) echo "features.sh: unknown scale $scale" >&2; exit 2 ;;
  esac
done

# Repeats alternate the scales, so that a burst of load from other processes on a shared
# machine does not land on one scale only.
for ((r = 1; r <= repeats; r++)); do
  for scale in $scales; do
    "$bin/benchmarks/search_features" --db "$out/reuters-$scale-db" \
      --queries benchmarks/queries/reuters.txt --runs "$runs" \
      --json "$out/features-$scale-$r.json" > /dev/null
  done
done

python3 - "$out" "$repeats" "$scales" <<'PY'
import json, sys
out, repeats, scales = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
index = {s: json.load(open(f"{out}/index-{s}.json")) for s in scales}
runs = {s: [json.load(open(f"{out}/features-{s}-{r}.json")) for r in range(1, repeats + 1)] for s in scales}

# Other processes only ever add time, so each percentile is the best of the repeats; the
# spread (worst p50 / best p50) says how noisy the repeats were.
def best(scale):
    rows = {}
    for run in runs[scale]:
        for f in run["features"]:
            rows.setdefault(f["name"], []).append(f)
    return {name: {"p50_ms": min(f["p50_ms"] for f in fs), "p95_ms": min(f["p95_ms"] for f in fs),
                   "p99_ms": min(f["p99_ms"] for f in fs), "qps": max(f["qps"] for f in fs),
                   "spread": max(f["p50_ms"] for f in fs) / max(1e-9, min(f["p50_ms"] for f in fs)),
                   "matches_per_query": fs[0]["matches_per_query"], "what": fs[0]["what"]}
            for name, fs in rows.items()}
table = {s: best(s) for s in scales}
json.dump({"index": index, "features": table, "runs": runs}, open(f"{out}/features.json", "w"), indent=2)

print("| Reuters-21578 | articles | SGML MB | index time s | articles/s | peak RSS MB | index MB |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for s in scales:
    i = index[s]
    print(f"| {s} | {i['articles']:,} | {i['sgml_bytes'] / 1e6:.1f} | {i['seconds']:.1f} | "
          f"{i['articles'] / i['seconds']:,.0f} | {i['peak_rss_kb'] / 1024:.0f} | {i['index_bytes'] / 1e6:,.0f} |")
print()
# One column group per scale; the growth columns only when both scales ran.
both = "1x" in scales and "10x" in scales
head = [f"{s} {p}" for s in scales for p in ("p50", "p95", "p99")]
if both:
    head += ["10x/1x p50", "10x/1x p95"]
head += [f"matches/query {' / '.join(scales)}"]
print("| feature | " + " | ".join(head) + " |")
print("|" + " --- |" * (len(head) + 1))
for name in table[scales[0]]:
    rows = [table[s][name] for s in scales]
    cells = [f"{r[p]:.2f}" for r in rows for p in ("p50_ms", "p95_ms", "p99_ms")]
    if both:
        a, b = table["1x"][name], table["10x"][name]
        cells += [f"{b['p50_ms'] / a['p50_ms']:.1f}", f"{b['p95_ms'] / a['p95_ms']:.1f}"]
    cells += [" / ".join(f"{r['matches_per_query']:,.0f}" for r in rows)]
    print(f"| {name} | " + " | ".join(cells) + " |")
spread = max(f["spread"] for s in scales for f in table[s].values())
print(f"\nms; best of {repeats} harness runs per scale (worst/best p50 across runs up to {spread:.2f}x).")
PY
