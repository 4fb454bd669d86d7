#!/usr/bin/env python3
"""The summary of benchmarks/run.sh: ONE table, and every result in one JSON document.

  report.py OUT

Reads what run.sh's jobs left in OUT (meta.json, load.txt, peers.json, features.json,
bbc.json, formats.md, extraction.txt, micro.json), prints the summary table (markdown) and
writes OUT/results.json. Layout of results.json (benchmarks/README.md, "The driver"):

  meta      how the run was made: quick or full, scales, passes, start/end, cores, load
  table     the printed table, row by row: {section, measure, values {engine: number or
            null}, ratios {engine: Gazette/peer}} (targets rows carry "met" and "note")
  targets   issue 7's targets: {name, value, target, met (true/false/null = not measured)}
  peers     peers.sh's peers.json: indexing/queries per scale and engine, relevance, growth
  features  features.sh's features.json: Gazette on the Reuters SGML, feature costs per scale
  bbc, formats, extraction, micro   the Gazette-only jobs

Ratios are Gazette/peer of the same run, so load from other processes mostly cancels out in
them: for articles/s, MB/s, q/s and MAP above 1 favours Gazette; for times, ms, memory and
sizes below 1 does.
"""
import json
import os
import re
import sys

ENGINES = ("gazette", "omindex", "fts5", "lucene")  # the table's column order
NAMES = {"gazette": "Gazette", "omindex": "omindex", "fts5": "SQLite FTS5", "lucene": "Lucene++"}
GIB_MB = 1024  # peak RSS is in MiB (GNU time's %M is KiB)


# Run-to-run spread of one timed indexing run (Reuters-21578 1x on the 2-core machine).
GROWTH_NOISE = 0.10


def load_json(path, default=None):
    return json.load(open(path)) if os.path.exists(path) else default


# --- the table ------------------------------------------------------------------------------

class Table:
    """Rows of one table; each row a measure with a value per engine (None: not measured)."""

    def __init__(self):
        self.rows = []

    def add(self, section, measure, values, fmt, ratios=True):
        g = values.get("gazette")
        row = {"section": section, "measure": measure,
               "values": {e: values.get(e) for e in ENGINES}, "ratios": {}}
        if ratios and g:
            row["ratios"] = {e: g / v for e, v in values.items() if e != "gazette" and v}
        row["_fmt"] = fmt
        self.rows.append(row)

    def add_target(self, section, target):
        self.rows.append({"section": section, "measure": target["name"], "values": {},
                          "ratios": {}, "met": target["met"], "note": target["value"]})

    def cells(self, row):
        if "met" in row:  # a target: verdict and figures in the Gazette column
            verdict = {True: "met", False: "NOT met", None: "not measured"}[row["met"]]
            return [f"{verdict}: {row['note']}"] + [""] * (len(ENGINES) - 1)
        out = []
        for e in ENGINES:
            v = row["values"][e]
            if v is None:
                out.append("—")
            elif e in row["ratios"]:
                out.append(f"{row['_fmt'](v)} ({row['ratios'][e]:.2f})")
            else:
                out.append(row["_fmt"](v))
        return out

    def print(self):
        """Markdown; each section opens with a bold row of its own, its measures below it."""
        print("| measure | " + " | ".join(NAMES[e] for e in ENGINES) + " |")
        print("| --- |" + " --- |" * len(ENGINES))
        last = None
        for row in self.rows:
            if row["section"] != last:
                print(f"| **{row['section']}** |" + " |" * len(ENGINES))
                last = row["section"]
            print(f"| {row['measure']} | " + " | ".join(self.cells(row)) + " |")

    def as_json(self):
        return [{k: v for k, v in r.items() if k != "_fmt"} for r in self.rows]


def f0(v):
    return f"{v:,.0f}"


def f1(v):
    return f"{v:.1f}"


def f2(v):
    return f"{v:.2f}"


def f3(v):
    return f"{v:.3f}"


def fx(v):
    return f"{v:.1f}x"


def indexing_rows(table, peers, scale):
    rows = peers["indexing"][scale]
    g = rows["gazette"]
    section = f"Indexing Reuters {scale} ({g['articles']:,} articles, {g['text_mb']:.1f} MB text)"
    for measure, key, fmt in (("time s", "seconds", f1), ("articles/s", "articles_per_s", f0),
                              ("MB/s", "mb_per_s", f2), ("peak RSS MiB", "peak_rss_mb", f0),
                              ("index MB", "index_mb", f0)):
        table.add(section, measure, {e: r[key] for e, r in rows.items()}, fmt)


def query_rows(table, peers, scale):
    rows = peers["queries"][scale]
    section = f"Queries Reuters {scale} (200; top 10 + snippets, warm, in-process)"
    for variant, label in (("plain", ""), ("filtered", "date-filtered ")):
        for measure, key, fmt in (("p50 ms", "p50_ms", f2), ("p95 ms", "p95_ms", f2),
                                  ("p99 ms", "p99_ms", f2), ("q/s", "qps", f0)):
            table.add(section, label + measure, {e: r[variant][key] for e, r in rows.items()}, fmt)


def map_target(rel, expanded):
    """TIME MAP above every peer: with --expand (pseudo-relevance feedback) when it was run,
    the default ranking's figure beside it; p values compare each peer with that Gazette run
    query by query (relevance_eval.py's "vs_first")."""
    peer_map = {e: r["map"] for e, r in rel.items() if e != "gazette"}
    peers_text = ", ".join(f"{NAMES[e]} {v:.3f}" for e, v in peer_map.items())
    best = expanded or rel

    def with_p(runs):
        return ", ".join(f"{NAMES[e]} {runs[e]['map']:.3f}" +
                         (f" (p {runs[e]['vs_first']['p_value']:.2f})" if "vs_first" in runs[e] else "")
                         for e in peer_map)

    mine = best["gazette"]["map"]
    note = f"{mine:.3f} against {with_p(best)}"
    if expanded:
        note = (f"{mine:.3f} with --expand against {with_p(expanded)}; default ranking "
                f"{rel['gazette']['map']:.3f} against {with_p(rel)}")
    return target("TIME MAP above every peer", f"> {peers_text}",
                  note + "; p: paired randomization test", all(mine > v for v in peer_map.values()))


def relevance_rows(table, peers):
    rel = peers["relevance"]
    n = rel["gazette"]["queries"]
    section = f"Relevance TIME ({n} judged queries, words OR'ed, default ranking)"
    for measure, key in (("MAP", "map"), ("P@10", "p10"), ("nDCG@10", "ndcg10")):
        table.add(section, measure, {e: r[key] for e, r in rel.items()}, f3)
    # The Gazette column with --expand (pseudo-relevance feedback); the peers as above.
    expanded = peers.get("relevance_expanded")
    if expanded:
        for measure, key in (("MAP", "map"), ("P@10", "p10"), ("nDCG@10", "ndcg10")):
            table.add(section, f"{measure}, Gazette --expand",
                      {e: r[key] for e, r in expanded.items()}, f3)


def growth_rows(table, peers):
    growth = peers["growth"]
    data = growth["gazette"]["data"]
    section = f"Growth 1x → 10x (10x/1x; the text grows {data:.1f}x)"
    for measure, key in (("indexing time", "seconds"), ("peak RSS", "peak_rss"),
                         ("index size", "index_size"), ("query p50", "p50_ms"),
                         ("query p95", "p95_ms"), ("query p99", "p99_ms")):
        table.add(section, measure, {e: g[key] for e, g in growth.items() if key in g}, fx,
                  ratios=False)


def bbc_rows(table, b):
    """Gazette alone on BBC News (.txt files, its text reader; --match any, as before the peers)."""
    section = f"Gazette alone: BBC News ({b['articles']:,} .txt, {b['text_bytes'] / 1e6:.1f} MB)"
    s = b["search"]
    for measure, v, fmt in (("indexing articles/s", b["articles_per_s"], f0),
                            ("indexing peak RSS MiB", b["peak_rss_kb"] / 1024, f0),
                            ("index MB", b["index_bytes"] / 1e6, f0),
                            ("query p50 / p95 / p99 ms", None, None), ("q/s", s["qps"], f0)):
        if v is None:  # three figures in one cell
            table.add(section, measure, {"gazette": (s["p50_ms"], s["p95_ms"], s["p99_ms"])},
                      lambda t: " / ".join(f"{x:.2f}" for x in t), ratios=False)
        else:
            table.add(section, measure, {"gazette": v}, fmt, ratios=False)


def one_file_rows(table, one):
    """gazette-index on the whole 10x text as one JSON Lines file (run.sh bench_one_file)."""
    section = (f"Gazette alone: Reuters 10x as one JSON Lines file ({one['articles']:,} articles, "
               f"{one['bytes'] / 1e6:.0f} MB)")
    table.add(section, "indexing time s", {"gazette": one["seconds"]}, f1, ratios=False)
    table.add(section, "indexing peak RSS MiB", {"gazette": one["peak_rss_kb"] / 1024}, f0,
              ratios=False)


def write_floor_rows(table, floor, peers):
    """Xapian writing pre-built documents (write_floor) beside the peers' whole indexing runs."""
    one = peers["indexing"]["1x"]
    section = (f"Xapian write floor, Reuters 1x: pre-built documents, {floor['threads']} threads "
               "(peers: their whole indexing run)")
    whole = {e: r["seconds"] for e, r in one.items() if e != "gazette"}
    for case in floor["cases"]:
        table.add(section, f"{case['name']}: s (CPU {case['cpu_s']:.1f} s)",
                  {"gazette": case["total_s"], **whole}, f2)
    for kind, key in (("Gazette's", "gazette_build"), ("plain", "plain_build")):
        table.add(section, f"building {kind} documents (not timed above), one thread: s",
                  {"gazette": floor["analysis_s"][key]}, f2, ratios=False)


def plain_indexer_floor(floor):
    """(seconds, how): no Xapian indexer of plain documents can be faster on these cores. The
    writing alone takes plain-segments' time, and writing plus analysis, spread perfectly over
    the threads, takes their CPU time divided by the threads."""
    plain = next((c for c in floor["cases"] if c["name"] == "plain-segments"), None) if floor else None
    if not plain:
        return None, ""
    analysis = floor["analysis_s"]["plain_build"]
    spread = (plain["cpu_s"] + analysis) / floor["threads"]
    how = (f"Xapian alone writes the pre-built plain documents in {plain['total_s']:.2f} s on "
           f"{floor['threads']} threads; with their analysis, {plain['cpu_s']:.1f} + {analysis:.1f} "
           f"CPU s over {floor['threads']} cores is at least {spread:.2f} s")
    return max(plain["total_s"], spread), how


# --- issue 7's targets ----------------------------------------------------------------------

def target(name, goal, value, met):
    return {"name": name, "target": goal, "value": value, "met": met}


def targets(peers, features, floor=None, one_file=None):
    ix, q, rel = peers["indexing"], peers["queries"], peers["relevance"]
    out = []
    one = ix["1x"]
    g = one["gazette"]

    def speed_vs(peer, factor):
        name = (f"indexing 1x faster than {NAMES[peer]}" if factor == 1 else
                f"indexing 1x ≥ {factor}x as fast as {NAMES[peer]}")
        if peer not in one:
            return target(name, f"articles/s Gazette/peer >= {factor}", "not run", None)
        r = g["articles_per_s"] / one[peer]["articles_per_s"]
        note = f"{r:.2f}x its speed"
        # The target time against the least any Xapian indexer needs (write_floor).
        bound, how = plain_indexer_floor(floor)
        goal_s = one[peer]["seconds"] / factor
        if bound and r < factor:
            verdict = "out of reach with Xapian" if bound > goal_s else "not ruled out"
            note += f"; the target is {goal_s:.2f} s: {how}: {verdict}"
        return target(name, f"articles/s Gazette/peer >= {factor}", note, r >= factor)

    out.append(speed_vs("lucene", 1))
    out.append(speed_vs("omindex", 6))

    # Peak memory at 10x: both Gazette runs over the 10x corpus, the common text (peers) and
    # the SGML (features.sh), must stay below 1 GiB.
    peaks = {}
    if "10x" in ix:
        peaks["common text"] = ix["10x"]["gazette"]["peak_rss_mb"]
    if features and "10x" in features["index"]:
        peaks["SGML"] = features["index"]["10x"]["peak_rss_kb"] / 1024
    if one_file:
        peaks["one file"] = one_file["peak_rss_kb"] / 1024
    if peaks:
        out.append(target("Gazette peak RSS indexing 10x < 1 GiB", f"< {GIB_MB} MiB",
                          ", ".join(f"{v:.0f} MiB ({k})" for k, v in peaks.items()),
                          all(v < GIB_MB for v in peaks.values())))
    else:
        out.append(target("Gazette peak RSS indexing 10x < 1 GiB", f"< {GIB_MB} MiB",
                          "10x skipped (quick mode)", None))

    # Time growing no faster than the data: 10x/1x time at most 10x/1x text, within the
    # run-to-run noise of one timed run per scale (about 10%, measured: benchmarks/README.md).
    ratios = {}
    if peers.get("growth"):
        gr = peers["growth"]["gazette"]
        ratios["common text"] = (gr["seconds"], gr["data"])
    if features and {"1x", "10x"} <= features["index"].keys():
        a, b = features["index"]["1x"], features["index"]["10x"]
        ratios["SGML"] = (b["seconds"] / a["seconds"], b["sgml_bytes"] / a["sgml_bytes"])
    if ratios:
        out.append(target("Gazette indexing time grows no faster than the data",
                          f"time 10x/1x <= data 10x/1x (+{GROWTH_NOISE:.0%} noise)",
                          ", ".join(f"time {t:.1f}x for data {d:.1f}x ({k})" for k, (t, d) in ratios.items()),
                          all(t <= d * (1 + GROWTH_NOISE) for t, d in ratios.values())))
    else:
        out.append(target("Gazette indexing time grows no faster than the data",
                          "time 10x/1x <= data 10x/1x", "10x skipped (quick mode)", None))

    for scale in q:
        rows = q[scale]
        peer_p99 = {e: r["plain"]["p99_ms"] for e, r in rows.items() if e != "gazette"}
        mine = rows["gazette"]["plain"]["p99_ms"]
        peers_text = ", ".join(f"{NAMES[e]} {v:.2f}" for e, v in peer_p99.items())
        out.append(target(f"query p99 {scale} below every peer's", f"< {peers_text}",
                          f"{mine:.2f} ms against {peers_text}",
                          all(mine < v for v in peer_p99.values())))
    p50 = q["1x"]["gazette"]["plain"]["p50_ms"]
    out.append(target("query p50 1x < 1 ms", "< 1 ms", f"{p50:.2f} ms", p50 < 1))

    out.append(map_target(rel, peers.get("relevance_expanded")))

    if "omindex" in one:
        r = g["index_mb"] / one["omindex"]["index_mb"]
        out.append(target("index size 1x ≤ omindex's", "<= 1", f"{r:.2f}x ({g['index_mb']:.0f} MB)", r <= 1))
    return out


# --- the Gazette-only jobs, as JSON ---------------------------------------------------------

def markdown_rows(path):
    """A markdown table (format_throughput's output) as a list of dicts."""
    if not os.path.exists(path):
        return []
    lines = [l for l in open(path) if l.startswith("|") and not l.startswith("| ---")]
    if not lines:
        return []
    cells = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines]
    return [{k: number(v) for k, v in zip(cells[0], row)} for row in cells[1:]]


def number(text):
    """'2227' -> 2227, '34.1' -> 34.1, anything else stays text."""
    for kind in (int, float):
        try:
            return kind(text.replace(",", ""))
        except ValueError:
            pass
    return text


def extraction(path):
    """html_extraction_quality's per-set lines: 'all pages 600  P 0.938  R 0.960  F1 0.949 ...'."""
    out = {}
    for line in open(path) if os.path.exists(path) else []:
        m = re.match(r"(\S+)\s+pages\s+(\d+)\s+P ([\d.]+)\s+R ([\d.]+)\s+F1 ([\d.]+)", line)
        if m:
            out[m.group(1)] = {"pages": int(m.group(2)), "precision": float(m.group(3)),
                               "recall": float(m.group(4)), "f1": float(m.group(5))}
    return out


def micro(path):
    data = load_json(path)
    if not data:
        return None
    keep = ("name", "cpu_time", "real_time", "time_unit", "items_per_second", "bytes_per_second")
    return [{k: b[k] for k in keep if k in b} for b in data["benchmarks"]]


def bbc(path):
    b = load_json(path)
    if not b:
        return None
    b["articles_per_s"] = b["articles"] / b["seconds"]
    b["mb_per_s"] = b["text_bytes"] / 1e6 / b["seconds"]
    return b


def load_stats(meta, out):
    samples = [float(x) for x in open(f"{out}/load.txt").read().split()] if os.path.exists(f"{out}/load.txt") else []
    meta["load_during_run"] = {"mean": sum(samples) / len(samples), "max": max(samples)} if samples else None
    # The run's own load averages 1.5-1.7 on 2 cores (2.6 at most); runs that shared the
    # machine with builds averaged 5-6. The load at the start is no guide: it still counts
    # the minute before, the release build included.
    if samples:
        meta["busy"] = meta["load_during_run"]["mean"] > 1.5 * meta["cores"]
    else:
        meta["busy"] = meta["load_at_start"] >= meta["cores"] / 2
    return meta


def main(out):
    meta = load_stats(json.load(open(f"{out}/meta.json")), out)
    peers = json.load(open(f"{out}/peers.json"))
    features = load_json(f"{out}/features.json")

    table = Table()
    for scale in peers["scales"]:
        indexing_rows(table, peers, scale)
    for scale in peers["scales"]:
        query_rows(table, peers, scale)
    relevance_rows(table, peers)
    if peers.get("growth"):
        growth_rows(table, peers)
    bbc_results = bbc(f"{out}/bbc.json")
    if bbc_results:
        bbc_rows(table, bbc_results)
    one_file = load_json(f"{out}/one-file.json")
    if one_file:
        one_file_rows(table, one_file)
    floor = load_json(f"{out}/write_floor.json")
    if floor:
        write_floor_rows(table, floor, peers)
    goals = targets(peers, features, floor, one_file)
    for t in goals:
        table.add_target("Targets (issue 7)", t)

    mode = "QUICK (1x only)" if meta["quick"] else "full (1x and 10x)"
    load = meta["load_during_run"]
    busy = ("BUSY machine: other processes were running, absolute figures are noisy; compare "
            "the ratios" if meta["busy"] else "no other load: the machine was otherwise idle")
    print(f"# Gazette benchmarks: {mode}, {meta['started']} – {meta['finished']}")
    print(f"\n{meta['cores']} cores; load average {meta['load_at_start']:.2f} at start"
          + (f", {load['mean']:.1f} mean / {load['max']:.1f} max during the run" if load else "")
          + f" — {busy}. Query passes: {meta['runs']}. (r) = Gazette/peer of this run.\n")
    table.print()

    results = {"meta": meta, "table": table.as_json(), "targets": goals, "peers": peers,
               "features": features, "write_floor": floor, "one_file": one_file,
               "bbc": bbc_results,
               "formats": markdown_rows(f"{out}/formats.md"),
               "extraction": extraction(f"{out}/extraction.txt"), "micro": micro(f"{out}/micro.json")}
    json.dump(results, open(f"{out}/results.json", "w"), indent=2)
    print(f"\n(written {out}/results.json; details in {out}/*.md)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
