#!/usr/bin/env python3
"""Common text for every engine in the peer comparison (benchmarks/peers.sh).

  prepare.py reuters SGM_DIR OUT_DIR [TXT_DIR]     Reuters-21578 SGML -> OUT_DIR/reut2-NNN.jsonl,
                                                   one JSON Lines file per .sgm file (and, for
                                                   omindex, one .txt per article under TXT_DIR)
  prepare.py time TIME_DIR OUT_DIR                 TIME -> time.jsonl, time-queries.tsv, time.qrels

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


def time_docs(path):
    """TIME.ALL: '*TEXT n mm/dd/yy PAGE p' headers; doc ids are 1-based positions (as TIME.REL)."""
    docs, cur = [], None
    for line in open(path, encoding="ascii"):
        if line.startswith("*TEXT") or line.startswith("*STOP"):
            if cur is not None:
                docs.append(cur)
            parts = line.split()
            cur = None if line.startswith("*STOP") else {"header": parts, "lines": []}
        elif cur is not None and line.strip():
            cur["lines"].append(line.strip())
    out = []
    for i, d in enumerate(docs, 1):
        mdy = re.findall(r"\d+", " ".join(d["header"][2:-2]))
        date = f"19{mdy[2]}-{mdy[0]}-{mdy[1]}" if len(mdy) == 3 else ""
        # No title field in TIME: the body is everything, the title stays empty for every engine.
        out.append({"id": str(i), "title": "", "date": date, "tags": [], "body": " ".join(d["lines"])})
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


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "reuters":
        reuters(*sys.argv[2:5])
    elif len(sys.argv) == 4 and sys.argv[1] == "time":
        time(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
