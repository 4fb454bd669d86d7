#!/usr/bin/env python3
"""Tables of benchmarks/peers.sh: reads its work directory, prints markdown, writes JSON.

  report.py WORK DATA "SCALES" OUT.json

WORK is peers.sh's work directory (timings, query results, relevance.json), DATA the prepared
common text (for the article and byte counts). OUT.json holds "indexing" and "queries" per
scale and engine, "relevance" per engine (and "relevance_expanded": the same with Gazette's
--expand run, each peer compared with it), and "growth" (10x/1x) per engine when both scales ran;
benchmarks/report.py puts it into run.sh's results.json.

Ratios are Gazette/peer of the same run: for articles/s and queries/s above 1 means Gazette is
faster; for times, memory and sizes below 1 means Gazette uses less.
"""
import glob
import json
import os
import sys

ENGINES = ("gazette", "fts5", "lucene", "omindex")
NAMES = {"gazette": "Gazette", "fts5": "SQLite FTS5", "lucene": "Lucene++", "omindex": "omindex"}


def size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def text_stats(data, scale):
    """Articles and bytes of indexed text (title + body, UTF-8), the same for every engine."""
    n = nbytes = 0
    for path in glob.glob(f"{data}/reuters-{scale}/jsonl/**/*.jsonl", recursive=True):
        for line in open(path, encoding="utf-8"):
            a = json.loads(line)
            n += 1
            nbytes += len(a["title"].encode()) + len(a["body"].encode())
    return n, nbytes


def indexing(work, data, scale):
    articles, nbytes = text_stats(data, scale)
    rows = {}
    for e in ENGINES:
        t = f"{work}/index-{e}-{scale}.time"
        if not os.path.exists(t):
            continue
        seconds, peak_kb = open(t).read().split()[-2:]
        seconds = float(seconds)
        rows[e] = {"articles": articles, "text_mb": nbytes / 1e6, "seconds": seconds,
                   "articles_per_s": articles / seconds, "mb_per_s": nbytes / 1e6 / seconds,
                   "peak_rss_mb": int(peak_kb) / 1024, "index_mb": size(f"{work}/{e}-{scale}") / 1e6}
    return rows


def queries(work, scale):
    return {e: json.load(open(p)) for e in ENGINES
            if os.path.exists(p := f"{work}/query-{e}-{scale}.json")}


def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def print_indexing(scale, rows):
    g = rows["gazette"]
    print(f"\n**Indexing, Reuters-21578 {scale}** ({g['articles']:,} articles, {g['text_mb']:.1f} MB of text)\n")
    print("| engine | time s | articles/s | MB/s | peak RSS MB | index MB | speed Gazette/peer | RSS Gazette/peer | size Gazette/peer |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for e, r in rows.items():
        print(f"| {NAMES[e]} | {r['seconds']:.1f} | {r['articles_per_s']:,.0f} | {r['mb_per_s']:.2f} | "
              f"{r['peak_rss_mb']:.0f} | {r['index_mb']:.0f} | {ratio(g['articles_per_s'], r['articles_per_s'])} | "
              f"{ratio(g['peak_rss_mb'], r['peak_rss_mb'])} | {ratio(g['index_mb'], r['index_mb'])} |")


def print_queries(scale, rows):
    g = rows["gazette"]
    print(f"\n**Queries, Reuters-21578 {scale}** (200 queries, top 10 with snippets, warm, ms)\n")
    print("| engine | p50 | p95 | p99 | q/s | filtered p50 | filtered p95 | filtered p99 | filtered q/s | q/s Gazette/peer | filtered q/s Gazette/peer | hits/pass |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for e, r in rows.items():
        p, f = r["plain"], r["filtered"]
        print(f"| {NAMES[e]} | {p['p50_ms']:.2f} | {p['p95_ms']:.2f} | {p['p99_ms']:.2f} | {p['qps']:.0f} | "
              f"{f['p50_ms']:.2f} | {f['p95_ms']:.2f} | {f['p99_ms']:.2f} | {f['qps']:.0f} | "
              f"{ratio(g['plain']['qps'], p['qps'])} | {ratio(g['filtered']['qps'], f['qps'])} | "
              f"{p['hits_per_pass']} |")


def print_relevance(rel, expanded):
    print("\n**Relevance on TIME** (423 articles, 82 judged queries, words OR'ed, default ranking; "
          "Gazette also with --expand)\n")
    print("| engine | MAP | P@10 | nDCG@10 | MAP Gazette/peer | MAP Gazette --expand/peer (p) |")
    print("| --- | --- | --- | --- | --- | --- |")
    g, x = rel["gazette"], expanded["gazette"]
    for e, r in rel.items():
        p = f" (p {expanded[e]['vs_first']['p_value']:.2f})" if "vs_first" in expanded[e] else ""
        print(f"| {NAMES[e]} | {r['map']:.3f} | {r['p10']:.3f} | {r['ndcg10']:.3f} | "
              f"{ratio(g['map'], r['map'])} | {ratio(x['map'], r['map'])}{p} |")
    print(f"| Gazette --expand | {x['map']:.3f} | {x['p10']:.3f} | {x['ndcg10']:.3f} | | |")


def relevance(path, gazette_run):
    """relevance_eval.py's JSON keyed by engine; `gazette_run` names Gazette's run file."""
    by_path = json.load(open(path))
    out = {"gazette": next(r for p, r in by_path.items() if p.endswith(gazette_run))}
    out.update({e: r for e in ENGINES if e != "gazette"
                for p, r in by_path.items() if p.endswith(f"time-{e}.run")})
    return out


def growth(result):
    """10x/1x ratios per engine: indexing time, peak RSS, index size, and (engines with a query
    harness) p50/p95/p99; "data" is the ratio of the text itself, what time should not outgrow."""
    ix, q = result["indexing"], result["queries"]
    rows = {}
    for e in ix["1x"]:
        if e not in ix["10x"]:
            continue
        a, b = ix["1x"][e], ix["10x"][e]
        row = {"articles": b["articles"] / a["articles"], "data": b["text_mb"] / a["text_mb"],
               "seconds": b["seconds"] / a["seconds"], "peak_rss": b["peak_rss_mb"] / a["peak_rss_mb"],
               "index_size": b["index_mb"] / a["index_mb"]}
        if e in q["1x"] and e in q["10x"]:
            for p in ("p50_ms", "p95_ms", "p99_ms"):
                row[p] = q["10x"][e]["plain"][p] / q["1x"][e]["plain"][p]
        rows[e] = row
    return rows


def print_growth(result):
    ix, q = result["indexing"], result["queries"]
    print("\n**Growth 1x → 10x** (x = 10x/1x)\n")
    print("| engine | index time 1x / 10x s | x | peak RSS 1x / 10x MB | x | index 1x / 10x MB | p50 1x / 10x ms | x | p95 1x / 10x ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for e, g in result["growth"].items():
        a, b = ix["1x"][e], ix["10x"][e]
        row = (f"| {NAMES[e]} | {a['seconds']:.1f} / {b['seconds']:.1f} | {g['seconds']:.1f} | "
               f"{a['peak_rss_mb']:.0f} / {b['peak_rss_mb']:.0f} | {g['peak_rss']:.1f} | "
               f"{a['index_mb']:.0f} / {b['index_mb']:.0f} |")
        if "p50_ms" in g:
            qa, qb = q["1x"][e]["plain"], q["10x"][e]["plain"]
            row += (f" {qa['p50_ms']:.2f} / {qb['p50_ms']:.2f} | {g['p50_ms']:.1f} | "
                    f"{qa['p95_ms']:.2f} / {qb['p95_ms']:.2f} |")
        else:
            row += " | | |"
        print(row)


def main(work, data, scales, out):
    scales = scales.split()
    rel = relevance(f"{work}/relevance.json", "time-gazette.run")
    # The same peers' runs, compared with Gazette's --expand run (relevance_eval's first).
    expanded = relevance(f"{work}/relevance-expand.json", "time-gazette-expand.run")
    result = {"scales": scales, "indexing": {s: indexing(work, data, s) for s in scales},
              "queries": {s: queries(work, s) for s in scales}, "relevance": rel,
              "relevance_expanded": expanded}
    both = "1x" in scales and "10x" in scales
    result["growth"] = growth(result) if both else {}
    for s in scales:
        print_indexing(s, result["indexing"][s])
        print_queries(s, result["queries"][s])
    print_relevance(rel, expanded)
    if both:
        print_growth(result)
    json.dump(result, open(out, "w"), indent=2)
    print(f"\n(written {out})")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
