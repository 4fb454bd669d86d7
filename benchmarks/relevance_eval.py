#!/usr/bin/env python3
"""MAP, P@10 and nDCG@10 of TREC run files against binary qrels (trec_eval's definitions).

  relevance_eval.py QRELS RUN... [--json OUT]

QRELS lines: "qid 0 docid rel"; RUN lines: "qid Q0 docid rank score tag" (ordered by the file's
rank). Every query with a relevant document counts, also when a run returns nothing for it
(scored 0). Prints one markdown row per run and, with --json, writes them as JSON.

Every run after the first is also compared with the first, query by query ("vs_first"): the
first's MAP minus this run's, the queries on which the first's average precision is higher
or lower, and the two-sided p-value of the difference by a paired randomization test (each
query's difference keeps or flips its sign at random, 20,000 rounds, fixed seed), so that a
gap made by one or two queries is not read as one ranking beating another.
"""
import json
import math
import random
import sys
from collections import defaultdict

RANDOMIZATION_ROUNDS = 20000


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
            "ndcg10": sum(p[2] for p in per) / n, "ap": [p[0] for p in per]}


def randomization_p_value(differences, rounds=RANDOMIZATION_ROUNDS, seed=1):
    """Two-sided p-value that paired per-query differences average to zero by chance."""
    observed = abs(sum(differences)) - 1e-12
    rng = random.Random(seed)
    as_extreme = sum(abs(sum(d if rng.random() < 0.5 else -d for d in differences)) >= observed
                     for _ in range(rounds))
    return (as_extreme + 1) / (rounds + 1)


def compare(first, other):
    differences = [a - b for a, b in zip(first["ap"], other["ap"])]
    return {"map_difference": first["map"] - other["map"],
            "first_higher": sum(d > 1e-12 for d in differences),
            "first_lower": sum(d < -1e-12 for d in differences),
            "p_value": randomization_p_value(differences)}


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
    first = results[argv[1]]
    for path in argv[2:]:
        results[path]["vs_first"] = compare(first, results[path])
    print("| run | queries | MAP | P@10 | nDCG@10 | first's MAP - this (p) |\n"
          "| --- | --- | --- | --- | --- | --- |")
    for path, r in results.items():
        vs = r.get("vs_first")
        versus = f"{vs['map_difference']:+.3f} (p {vs['p_value']:.2f})" if vs else ""
        print(f"| {path} | {r['queries']} | {r['map']:.3f} | {r['p10']:.3f} | {r['ndcg10']:.3f} "
              f"| {versus} |")
    for r in results.values():
        del r["ap"]
    if json_out:
        json.dump(results, open(json_out, "w"), indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
