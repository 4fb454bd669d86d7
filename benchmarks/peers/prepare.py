#!/usr/bin/env python3
"""Common text for every engine in the peer comparison (benchmarks/peers.sh).

  prepare.py reuters SGM_DIR OUT_DIR [TXT_DIR]     Reuters-21578 SGML -> OUT_DIR/reut2-NNN.jsonl,
                                                   one JSON Lines file per .sgm file (and, for
                                                   omindex, one .txt per article under TXT_DIR)
  prepare.py time TIME_DIR OUT_DIR                 TIME -> time.jsonl, time-queries.tsv, time.qrels
  prepare.py trec SGML... OUT_JSONL                TREC newspaper SGML -> one JSON Lines file

Every engine (Gazette too) indexes the JSON Lines written here, so all of them see exactly the
same id, title, date, tags and body text; no engine gets its own SGML parser's idea of a story.
Record: {"id", "title", "date" (ISO 8601), "tags" (TOPICS), "body"}.
"""
import html
import json
import os
import re
import sys
from datetime import datetime

STORY = re.compile(rb"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)


def field(tag, story):
    m = re.search(rb"<%s(?: [^>]*)?>(.*?)</%s>" % (tag, tag), story, re.S)  # <TEXT TYPE="BRIEF">
    return m.group(1) if m else b""


def clean(raw):
    """SGML text -> plain text: entities decoded, wire control codes (&#N; below 32, &#127;) dropped."""
    text = raw.decode("latin-1")
    text = re.sub(r"&#(\d+);", lambda m: "" if int(m.group(1)) < 32 or int(m.group(1)) == 127 else chr(int(m.group(1))), text)
    text = html.unescape(text)
    text = re.sub(r"\s*\bReuter\s*$", "", text.strip(), flags=re.I)  # the wire sign-off
    return text.strip()


def reuters_date(raw):
    try:
        return datetime.strptime(raw.decode().strip().split(".")[0], "%d-%b-%Y %H:%M:%S").strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return ""


def reuters_records(sgm_path):
    data = open(sgm_path, "rb").read()
    for m in STORY.finditer(data):
        story = m.group(2)
        text = field(b"TEXT", story)
        body = field(b"BODY", text)
        if not body and b"<TITLE>" not in text:  # TYPE="UNPROC": raw text only
            body = text
        topics = re.findall(rb"<D>(.*?)</D>", field(b"TOPICS", story))
        yield {"id": m.group(1).decode(), "title": clean(field(b"TITLE", text)),
               "date": reuters_date(field(b"DATE", story)), "tags": [t.decode() for t in topics],
               "body": clean(body)}


def write_txt(txt_dir, rec):
    """omindex indexes files: one .txt per article, the title as its first line."""
    sub = os.path.join(txt_dir, rec["id"][-2:])  # 100 folders of ~216 files
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, rec["id"] + ".txt"), "w", encoding="utf-8") as f:
        f.write(f"{rec['title']}\n\n{rec['body']}\n")


def reuters(sgm_dir, out_dir, txt_dir=None):
    """One JSON Lines file per .sgm file (1,000 stories each), as the collection comes: a
    single 21,578-record file would be one commit for gazette-index, which commits between
    files only (see benchmarks/README.md, "Peers side by side")."""
    os.makedirs(out_dir, exist_ok=True)
    n = empty = 0
    for name in sorted(os.listdir(sgm_dir)):
        if not name.endswith(".sgm"):
            continue
        with open(os.path.join(out_dir, name[:-4] + ".jsonl"), "w", encoding="utf-8") as f:
            for rec in reuters_records(os.path.join(sgm_dir, name)):
                if not rec["title"] and not rec["body"]:  # a few UNPROC stories are empty
                    empty += 1
                    continue
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                if txt_dir:
                    write_txt(txt_dir, rec)
                n += 1
    print(f"{out_dir}: {n} articles ({empty} empty stories left out)", file=sys.stderr)


def time_texts(path):
    """TIME.ALL as it comes: per '*TEXT n mm/dd/yy PAGE p' record, in order (TIME.REL's doc
    ids are 1-based positions), {"header": its words, "lines": its non-blank lines}."""
    docs, cur = [], None
    for line in open(path, encoding="ascii"):
        if line.startswith("*TEXT") or line.startswith("*STOP"):
            if cur is not None:
                docs.append(cur)
            parts = line.split()
            cur = None if line.startswith("*STOP") else {"header": parts, "lines": []}
        elif cur is not None and line.strip():
            cur["lines"].append(line.strip())
    return docs


def time_date(header):
    """ISO date of a TIME header ('*TEXT 017 01/04/63 PAGE 020' -> '1963-01-04'), else ''."""
    mdy = re.findall(r"\d+", " ".join(header[2:-2]))
    return f"19{mdy[2]}-{mdy[0]}-{mdy[1]}" if len(mdy) == 3 else ""


def time_docs(path):
    out = []
    for i, d in enumerate(time_texts(path), 1):
        # No title field in TIME: the body is everything, the title stays empty for every engine.
        out.append({"id": str(i), "title": "", "date": time_date(d["header"]), "tags": [],
                    "body": " ".join(d["lines"])})
    return out


def time_queries(path):
    queries, cur = [], None
    for line in open(path, encoding="ascii"):
        if line.startswith("*FIND") or line.startswith("*STOP"):
            if cur:
                queries.append(cur)
            cur = [line.split()[1], []] if line.startswith("*FIND") else None
        elif cur is not None and line.strip():
            cur[1].append(line.strip())
    # As a user would type them, lower-cased (upper-case AND, OR, NOT are operators to every
    # engine); each harness reads the text its engine's way (benchmarks/README.md).
    return [(qid, " ".join(" ".join(words).split()).lower()) for qid, words in queries]


def time_qrels(path, ndocs):
    rels = []
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if parts:
            # Judgments past the last document (424, 425) are unreachable: dropped (see README).
            rels += [(parts[0], d) for d in parts[1:] if int(d) <= ndocs]
    return rels


def time(time_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    docs = time_docs(os.path.join(time_dir, "TIME.ALL"))
    with open(os.path.join(out_dir, "time.jsonl"), "w") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    with open(os.path.join(out_dir, "time-queries.tsv"), "w") as f:
        for qid, q in time_queries(os.path.join(time_dir, "TIME.QUE")):
            f.write(f"{qid}\t{q}\n")
    with open(os.path.join(out_dir, "time.qrels"), "w") as f:
        for qid, d in time_qrels(os.path.join(time_dir, "TIME.REL"), len(docs)):
            f.write(f"{qid} 0 {d} 1\n")
    print(f"{out_dir}: {len(docs)} TIME docs", file=sys.stderr)


TREC_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S | re.I)
TREC_TITLE_TAGS = ("HEADLINE", "HL", "HEAD", "TI")
# Metadata that TREC layouts keep inside their fields: FBIS's "Language: <F P=105>…</F>",
# "Article Type:…" lines and "[Report by …]" credit, WSJ's "@" line marks and the "----"
# that parts a headline from its byline. Peers index what a reader of the page would call
# the headline and the text, as Gazette's TREC reader does.
FBIS_PREAMBLE = re.compile(r"^\s*(Language:.*|Article Type:.*|<F P=106>.*?</F>)$", re.M)


def trec_text(raw):
    text = re.sub(r"<[^>]+>", " ", raw)
    return " ".join(html.unescape(text).split())


def trec_field(tag, doc):
    m = re.search(r"<%s(?:\s[^>]*)?>(.*?)</%s>" % (tag, tag), doc, re.S | re.I)
    return m.group(1) if m else ""


def trec_record(doc):
    title = next((t for t in (trec_field(tag, doc) for tag in TREC_TITLE_TAGS) if t), "")
    title = trec_text(title.split("----")[0].replace("@", " "))
    body = trec_text(FBIS_PREAMBLE.sub("", trec_field("TEXT", doc)))
    return {"id": trec_text(trec_field("DOCNO", doc)), "title": title, "date": "", "tags": [],
            "body": body}


def trec(sgml_paths, out_path):
    """TREC newspaper SGML (any layout of benchmarks/trec_layouts.py) -> one JSON Lines file:
    DOCNO as id, the headline as title, <TEXT> as body; other fields are metadata."""
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in sgml_paths:
            for m in TREC_DOC.finditer(open(path, encoding="utf-8").read()):
                out.write(json.dumps(trec_record(m.group(1)), ensure_ascii=False) + "\n")
                n += 1
    print(f"{out_path}: {n} TREC documents", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "reuters":
        reuters(*sys.argv[2:5])
    elif len(sys.argv) == 4 and sys.argv[1] == "time":
        time(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "trec":
        trec(sys.argv[2:-1], sys.argv[-1])
    else:
        sys.exit(__doc__)
