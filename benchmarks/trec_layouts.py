#!/usr/bin/env python3
"""Relevance on TREC newspaper layouts (issue 14): the TIME test collection written as AP, WSJ,
FT, LA Times and FBIS SGML, indexed and searched by Gazette and by its peers, MAP and P@10 of
each engine on each layout.

  benchmarks/trec_layouts.py [--build DIR] [--corpora DIR] [--out DIR] [--layouts ap,wsj,...]

  --build    build tree with gazette-index, gazette-search and the peer harnesses
             (fts5_bench, lucene_bench, xapian_bench: -DGAZETTE_BUILD_BENCHMARKS=ON);
             default build/release
  --corpora  where time/ lies (default ../shared/corpora, as benchmarks/peers.sh)
  --out      work files and results (default build/trec-layouts); OUT/results.md is the
             table of benchmarks/README.md, OUT/results.json the figures

Every layout holds the same 423 articles. Each TIME record gives a padded DOCNO of its
layout's shape (" AP630104-0001 "), its first line as the headline (TIME runs its title
words into the first line) and the rest as the text, in <P> paragraphs or indented wire
paragraphs as the layout has them, a byline, a section where the layout has one, the date in
the layout's form and the layout's metadata fields (DOCID, FILEID, LENGTH, PROFILE, PAGE,
HT...). The judgments are rewritten to the DOCNOs, so that an engine scores only when it
returns a DOCNO exactly.

Gazette indexes the SGML with gazette-index and answers each query with gazette-search
--match any -n 1000 --format ids, once as is (near-duplicate collapsing on, the default),
once with --no-collapse and once with --expand. The peers index what
benchmarks/peers/prepare.py trec reads from the same SGML (DOCNO, headline, text): SQLite FTS5, Lucene++ and raw Xapian (TermGenerator,
QueryParser OR, BM25), each with its default ranking, the query's words OR'ed, top 1000.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "peers"))
import prepare  # noqa: E402  (benchmarks/peers/prepare.py: TIME reading, the peers' text)

# Invented bylines, none of whose words occurs in a TIME query: they must add nothing a
# query could match.
BYLINES = ["ALAN PRENDERGAST", "MARTHA OKONKWO", "PETER VANDERLIP", "SUSAN HALVORSEN"]
LINES_PER_PARAGRAPH = 4


class Story:
    """One TIME record as a newspaper story."""

    def __init__(self, ordinal, record):
        self.ordinal = ordinal  # 1-based, TIME.REL's doc id
        self.iso = prepare.time_date(record["header"])  # "1963-01-04"
        self.page = int(record["header"][-1])
        self.headline = record["lines"][0]
        rest = record["lines"][1:] or record["lines"]
        self.paragraphs = [" ".join(rest[i:i + LINES_PER_PARAGRAPH])
                           for i in range(0, len(rest), LINES_PER_PARAGRAPH)]
        self.byline = BYLINES[ordinal % len(BYLINES)]
        self.words = sum(len(line.split()) for line in record["lines"])

    def yymmdd(self):
        return self.iso[2:4] + self.iso[5:7] + self.iso[8:10]

    def mmddyy(self):
        return self.iso[5:7] + self.iso[8:10] + self.iso[2:4]

    def day(self):
        return datetime.date.fromisoformat(self.iso)


def wire_text(story):
    """AP and WSJ text: paragraphs open with a three-space indent."""
    return "\n".join("   " + p for p in story.paragraphs)


def p_elements(lines):
    return "\n".join(f"<P>\n{line}\n</P>" for line in lines)


def ap(s):
    docno = f"AP{s.yymmdd()}-{s.ordinal:04d}"
    md = f"{s.iso[5:7]}-{s.iso[8:10]}"
    return docno, f"""<DOC>
<DOCNO> {docno} </DOCNO>
<FILEID>AP-NR-{md}-{s.iso[2:4]} {s.ordinal:04d}EST</FILEID>
<FIRST>r i AM-Time-{s.ordinal:04d} {md} {s.words:04d}</FIRST>
<SECOND>AM-Time-{s.ordinal:04d},{s.words:04d}</SECOND>
<HEAD>{s.headline}</HEAD>
<BYLINE>By {s.byline}</BYLINE>
<BYLINE>Associated Press Writer</BYLINE>
<TEXT>
{wire_text(s)}
</TEXT>
</DOC>
"""


def wsj(s):
    docno = f"WSJ{s.yymmdd()}-{s.ordinal:04d}"
    return docno, f"""<DOC>
<DOCNO> {docno} </DOCNO>
<DOCID> {s.yymmdd()}-{s.ordinal:04d}. </DOCID>
<HL> {s.headline}
@  ----
@  By {s.byline} </HL>
<DATE> {s.yymmdd()} </DATE>
<SO> WALL STREET JOURNAL (J), PAGE A{s.page} </SO>
<CO> TIME </CO>
<IN> INTERNATIONAL NEWS (INT) </IN>
<GV> STATE DEPARTMENT (STD) </GV>
<TEXT>
{wire_text(s)}
</TEXT>
</DOC>
"""


def ft(s):
    docno = f"FT{s.iso[2:4]}1-{s.ordinal}"
    issue = s.day().strftime("%d %b %y").upper()
    return docno, f"""<DOC>
<DOCNO>{docno}</DOCNO>
<PROFILE>_AN-TIME{s.ordinal:04d}FT</PROFILE>
<DATE>{s.yymmdd()}
</DATE>
<HEADLINE>
FT  {issue} / {s.headline}
</HEADLINE>
<BYLINE>
By {s.byline}
</BYLINE>
<TEXT>
{chr(10).join(p + chr(10) for p in s.paragraphs)}</TEXT>
<PUB>The Financial Times
</PUB>
<PAGE>
International Page {s.page}
</PAGE>
</DOC>
"""


def latimes(s):
    docno = f"LA{s.mmddyy()}-{s.ordinal:04d}"
    day = s.day()
    dateline = f"{day:%B} {day.day}, {day.year}, {day:%A}, Home Edition"
    return docno, f"""<DOC>
<DOCNO> {docno} </DOCNO>
<DOCID> {s.ordinal} </DOCID>
<DATE>
{p_elements([dateline])}
</DATE>
<SECTION>
{p_elements([f"Part A; Page {s.page}; Column 1; Foreign Desk"])}
</SECTION>
<LENGTH>
{p_elements([f"{s.words} words"])}
</LENGTH>
<HEADLINE>
{p_elements([s.headline])}
</HEADLINE>
<BYLINE>
{p_elements([f"By {s.byline}, Times Staff Writer"])}
</BYLINE>
<TEXT>
{p_elements(s.paragraphs)}
</TEXT>
<GRAPHIC>
{p_elements(["Photo, Associated Press"])}
</GRAPHIC>
<TYPE>
{p_elements(["News Analysis"])}
</TYPE>
</DOC>
"""


def fbis(s):
    docno = f"FBIS3-{s.ordinal}"
    day = s.day()
    paragraphs = "\n".join("  " + ("[Text] " if i == 0 else "") + p
                           for i, p in enumerate(s.paragraphs))
    return docno, f"""<DOC>
<DOCNO> {docno} </DOCNO>
<HT>    "drweu{s.ordinal:03d}_a_63001" </HT>


<HEADER>
<AU>   FBIS-WEU-63-{s.ordinal:03d} </AU>
Document Type:Daily Report
<DATE1>  {day.day} {day:%B} {day.year} </DATE1>

</HEADER>

<F P=100> WEST EUROPE </F>
<F P=101> INTERNATIONAL AFFAIRS </F>
<H3> <TI>   {s.headline} </TI></H3>
<F P=102>  LD{s.yymmdd()}0094 New York TIME in English {day.day} {day:%b} {day:%y} </F>
<F P=103> LD{s.yymmdd()}0094 </F>
<F P=104>  New York TIME </F>


<TEXT>
Language: <F P=105> English </F>
Article Type:BFN

<F P=106> [Report by {s.byline.title()}] </F>
{paragraphs}

</TEXT>

</DOC>
"""


LAYOUTS = {"ap": ap, "wsj": wsj, "ft": ft, "latimes": latimes, "fbis": fbis}
ENGINES = ["gazette", "gazette-no-collapse", "gazette-expand", "fts5", "lucene", "xapian"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def render(layout, stories, qrels, work):
    """Writes WORK/LAYOUT.trec and WORK/qrels (TIME's judgments by DOCNO)."""
    docnos = {}
    with open(os.path.join(work, f"{layout}.trec"), "w", encoding="utf-8") as out:
        for story in stories:
            docno, sgml = LAYOUTS[layout](story)
            docnos[str(story.ordinal)] = docno
            out.write(sgml)
    with open(os.path.join(work, "qrels"), "w") as out:
        for qid, doc in qrels:
            out.write(f"{qid} 0 {docnos[doc]} 1\n")


def gazette_runs(build, work, queries):
    db = os.path.join(work, "gazette.db")
    shutil.rmtree(db, ignore_errors=True)
    run([os.path.join(build, "indexer/cli/gazette-index"), "--db", db, "--quiet",
         os.path.join(work, os.path.basename(work) + ".trec")])
    search = os.path.join(build, "searcher/cli/gazette-search")
    for engine, extra in (("gazette", []), ("gazette-no-collapse", ["--no-collapse"]),
                          ("gazette-expand", ["--expand"])):
        with open(os.path.join(work, f"{engine}.run"), "w") as out:
            for qid, text in queries:
                # Exit 1 is "no match": an empty ranking, not a failure.
                ids = subprocess.run([search, "--db", db, "--match", "any", "-n", "1000",
                                      "--format", "ids", *extra, "--", text],
                                     capture_output=True, text=True)
                if ids.returncode not in (0, 1):
                    sys.exit(f"gazette-search failed on query {qid}: {ids.stderr}")
                for rank, docno in enumerate(ids.stdout.splitlines(), 1):
                    out.write(f"{qid} Q0 {docno} {rank} {1000 - rank} {engine}\n")


def peer_runs(build, work, queries_tsv):
    jsonl = os.path.join(work, "peers.jsonl")
    run([sys.executable, os.path.join(HERE, "peers/prepare.py"), "trec",
         os.path.join(work, os.path.basename(work) + ".trec"), jsonl], stderr=subprocess.DEVNULL)
    for engine in ("fts5", "lucene", "xapian"):
        tool = os.path.join(build, "benchmarks", f"{engine}_bench")
        store = os.path.join(work, f"{engine}.index")
        shutil.rmtree(store, ignore_errors=True)
        if os.path.exists(store):
            os.remove(store)
        run([tool, "index", jsonl, store], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run([tool, "trec", store, queries_tsv, os.path.join(work, f"{engine}.run")])


def evaluate(work):
    runs = [os.path.join(work, f"{e}.run") for e in ENGINES]
    out = os.path.join(work, "eval.json")
    run([sys.executable, os.path.join(HERE, "relevance_eval.py"), os.path.join(work, "qrels"),
         *runs, "--json", out], stdout=subprocess.DEVNULL)
    results = json.load(open(out))
    return {e: results[r] for e, r in zip(ENGINES, runs)}


def table(figures):
    """Markdown: per layout, each engine's MAP and P@10 and Gazette's ratio to the best peer."""
    peers = ["fts5", "lucene", "xapian"]
    rows = ["| layout | " + " | ".join(f"{e} MAP / P@10" for e in ENGINES) +
            " | Gazette / best peer (MAP) | Gazette --expand / best peer (MAP) |",
            "| --- " * (len(ENGINES) + 3) + "|"]
    for layout, f in figures.items():
        best = max(f[p]["map"] for p in peers)
        cells = [f"{f[e]['map']:.3f} / {f[e]['p10']:.3f}" for e in ENGINES]
        rows.append(f"| {layout} | " + " | ".join(cells) + f" | {f['gazette']['map'] / best:.3f} "
                    f"| {f['gazette-expand']['map'] / best:.3f} |")
    return "\n".join(rows) + "\n"


def check_tools(build):
    """Fails before any work when a binary is missing (the peers are built only when their
    library is found: scripts/setup.sh installs them)."""
    tools = ["indexer/cli/gazette-index", "searcher/cli/gazette-search"] + [
        f"benchmarks/{engine}_bench" for engine in ("fts5", "lucene", "xapian")]
    missing = [t for t in tools if not os.access(os.path.join(build, t), os.X_OK)]
    if missing:
        sys.exit(f"trec_layouts: not built in {build}: {', '.join(missing)} "
                 "(configure with -DGAZETTE_BUILD_BENCHMARKS=ON)")


def main():
    ap_ = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap_.add_argument("--build", default="build/release")
    ap_.add_argument("--corpora", default=os.environ.get("GAZETTE_CORPORA", "../shared/corpora"))
    ap_.add_argument("--out", default="build/trec-layouts")
    ap_.add_argument("--layouts", default=",".join(LAYOUTS))
    args = ap_.parse_args()
    check_tools(args.build)
    time_dir = os.path.join(args.corpora, "time")
    texts = prepare.time_texts(os.path.join(time_dir, "TIME.ALL"))
    stories = [Story(i, t) for i, t in enumerate(texts, 1)]
    queries = prepare.time_queries(os.path.join(time_dir, "TIME.QUE"))
    qrels = prepare.time_qrels(os.path.join(time_dir, "TIME.REL"), len(stories))
    os.makedirs(args.out, exist_ok=True)
    queries_tsv = os.path.join(args.out, "queries.tsv")
    with open(queries_tsv, "w") as f:
        f.writelines(f"{qid}\t{q}\n" for qid, q in queries)
    figures = {}
    for layout in args.layouts.split(","):
        work = os.path.join(args.out, layout)
        os.makedirs(work, exist_ok=True)
        print(f"trec_layouts: {layout}", file=sys.stderr)
        render(layout, stories, qrels, work)
        gazette_runs(args.build, work, queries)
        peer_runs(args.build, work, queries_tsv)
        figures[layout] = evaluate(work)
    markdown = table(figures)
    open(os.path.join(args.out, "results.md"), "w").write(markdown)
    json.dump(figures, open(os.path.join(args.out, "results.json"), "w"), indent=2)
    print(markdown)


if __name__ == "__main__":
    main()
