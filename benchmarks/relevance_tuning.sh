#!/usr/bin/env bash
# The "Relevance tuning" table of benchmarks/README.md: Gazette's MAP, P@10 and nDCG@10 on the
# TIME collection under each ranking variant (benchmarks/relevance.cpp options), the default
# first. Prints one markdown row per variant.
#
#   benchmarks/relevance_tuning.sh [BIN_DIR] [WORK_DIR]
#     (default build/bench-release and build/bench/tuning)
#   env: GAZETTE_CORPORA (../shared/corpora)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bench-release}
work=${2:-build/bench/tuning}
corpora=${GAZETTE_CORPORA:-../shared/corpora}
mkdir -p "$work"
data=$work/data
python3 benchmarks/peers/prepare.py time "$corpora/time" "$data" >&2
# The collection's queries as written, in capitals (prepare.py lower-cases them), except the
# words and, or, not, which in capitals would be Boolean operators.
awk -F'\t' '{ q = " " toupper($2) " "; gsub(/ AND /, " and ", q); gsub(/ OR /, " or ", q);
               gsub(/ NOT /, " not ", q); gsub(/^ | $/, "", q); print $1 "\t" q }' \
  "$data/time-queries.tsv" > "$data/time-queries-upper.tsv"
"$bin/benchmarks/relevance" "$data/time.jsonl" "$data/time-queries.tsv" "$work/db" \
  "$work/default.run" 2>/dev/null

echo "| variant | relevance options | MAP | P@10 | nDCG@10 |"
echo "| --- | --- | --- | --- | --- |"
n=0
# variant NAME QUERY-FILE OPTION...: one row; the options change Gazette's defaults.
variant() {
  local name=$1 queries=$2
  shift 2
  n=$((n + 1))
  "$bin/benchmarks/relevance" "$data/time.jsonl" "$data/$queries" "$work/db" "$work/$n.run" \
    --reuse-db "$@" 2>/dev/null
  python3 benchmarks/relevance_eval.py "$data/time.qrels" "$work/$n.run" --json "$work/$n.json" \
    > /dev/null
  python3 - "$work/$n.json" "$name" "$*" <<'PY'
import json, sys
r = next(iter(json.load(open(sys.argv[1])).values()))
print(f"| {sys.argv[2]} | `{sys.argv[3] or '(none)'}` | {r['map']:.3f} | {r['p10']:.3f} | {r['ndcg10']:.3f} |")
PY
}
q=time-queries.tsv
variant "**default**: BM25 1.2/0.75, stopwords, title weight 1, STEM_SOME" $q
variant "before: Xapian's BM25 defaults, no stopwords" $q --k1 1 --b 0.5 --stopwords off
variant "Xapian's BM25 defaults, stopwords" $q --k1 1 --b 0.5
variant "BM25 1.2/0.75 (FTS5's), no stopwords" $q --stopwords off
for kb in "0.9 0.4" "1.2 0.5" "1.2 0.9" "1.5 0.75" "2.0 0.75"; do
  set -- $kb
  variant "BM25 k1 $1, b $2" $q --k1 "$1" --b "$2"
done
for w in 0 2 5; do
  variant "title weight $w" $q --title-weight "$w"
done
variant "stemming: STEM_NONE" $q --stemming none
variant "stemming: STEM_ALL_Z" $q --stemming all_z
variant "capitalised queries, STEM_SOME" time-queries-upper.tsv
variant "capitalised queries, STEM_ALL_Z" time-queries-upper.tsv --stemming all_z
variant "**--expand**: feedback, top 5 docs, 10 terms, weight 0.3 (RM3)" $q --expand
# Pseudo-relevance feedback (relevance model RM3, as --expand does) around its defaults.
for fb in "2,10,0.3" "3,10,0.3" "10,10,0.3" "5,5,0.3" "5,20,0.3" "5,10,0.2" "5,10,0.5" \
  "10,20,0.3" "10,20,0.5"; do
  IFS=, read -r docs terms weight <<< "$fb"
  variant "feedback: top $docs docs, $terms terms, weight $weight" $q --feedback "$fb"
done
