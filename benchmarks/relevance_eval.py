#!/usr/bin/env python3
"""MAP, P@10 and nDCG@10 of TREC run files against binary qrels (trec_eval's definitions).

  relevance_eval.py QRELS RUN... [--json OUT]

QRELS lines: "qid 0 docid rel"; RUN lines: "qid Q0 docid rank score tag" (ordered by the file's
rank). Every query with a relevant document counts, also when a run returns nothing for it
(scored 0). Prints one markdown row per run and, with --json, writes them as JSON.
"""
import json
import math
import sys
from collections import defaultdict


def read_qrels(path):
    rel = defaultdict(set)
    for line in open(path):
        qid, _, doc, grade = line.split()
        if int(grade) > 0:
            rel[qid].add(doc)
    return rel


def read_run(path):
    ranked = defaultdict(list)
    for line in open(path):
        qid, _, doc, rank, score, _tag = line.split()
        ranked[qid].append((int(rank), doc))
    return {q: [d for _, d in sorted(v)] for q, v in ranked.items()}


def average_precision(docs, relevant):
    hits, total = 0, 0.0
    for i, d in enumerate(docs, 1):
        if d in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def ndcg(docs, relevant, k=10):
    dcg = sum(1 / math.log2(i + 1) for i, d in enumerate(docs[:k], 1) if d in relevant)
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(k, len(relevant)) + 1))
    return dcg / ideal


def evaluate(qrels, run):
    qids = sorted(qrels, key=int)
    per = [(average_precision(run.get(q, []), qrels[q]),
            sum(d in qrels[q] for d in run.get(q, [])[:10]) / 10, ndcg(run.get(q, []), qrels[q]))
           for q in qids]
    n = len(per)
    return {"queries": n, "map": sum(p[0] for p in per) / n, "p10": sum(p[1] for p in per) / n,
            "ndcg10": sum(p[2] for p in per) / n}


def main(argv):
    json_out = None
    if "--json" in argv:
        i = argv.index("--json")
        json_out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if len(argv) < 2:
        sys.exit(__doc__)
    qrels = read_qrels(argv[0])
    results = {path: evaluate(qrels, read_run(path)) for path in argv[1:]}
    print("| run | queries | MAP | P@10 | nDCG@10 |\n| --- | --- | --- | --- | --- |")
    for path, r in results.items():
        print(f"| {path} | {r['queries']} | {r['map']:.3f} | {r['p10']:.3f} | {r['ndcg10']:.3f} |")
    if json_out:
        json.dump(results, open(json_out, "w"), indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
