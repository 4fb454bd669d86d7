#!/usr/bin/env python3
"""Builds one input per format from ../shared/corpora for the format throughput benchmark.

Real text in every format: BBC News articles as JSON Lines, TREC SGML, RSS 2.0 and NITF;
html-extraction pages as a WARC file; the TIME collection as JSON Lines. Formats the corpora
already come in (text, HTML, Reuters SGML, Usenet) are benchmarked in place.

usage: prepare_formats.py CORPORA OUT
"""
import gzip, html, json, os, sys, uuid
from email.utils import formatdate

corpora, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def bbc_articles():
    root = os.path.join(corpora, "bbc")
    for category in sorted(os.listdir(root)):
        folder = os.path.join(root, category)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            text = open(os.path.join(folder, name), "rb").read().decode("utf-8", "replace")
            title, _, body = text.partition("\n")
            yield f"{category}-{name[:-4]}", category, title.strip(), body.strip()


articles = list(bbc_articles())
with open(os.path.join(out, "bbc.jsonl"), "w") as f:
    for key, category, title, body in articles:
        f.write(json.dumps({"id": key, "title": title, "body": body, "section": category,
                            "source": "BBC News"}) + "\n")

with open(os.path.join(out, "bbc.trec"), "w") as f:
    for key, _, title, body in articles:
        paragraphs = "".join(f"<P>\n{p}\n</P>\n" for p in body.split("\n\n") if p.strip())
        f.write(f"<DOC>\n<DOCNO> {key} </DOCNO>\n<HEADLINE>\n{html.escape(title, False)}\n"
                f"</HEADLINE>\n<TEXT>\n{html.escape(paragraphs, False)}</TEXT>\n</DOC>\n")

os.makedirs(os.path.join(out, "rss"), exist_ok=True)
for start in range(0, len(articles), 100):
    items = []
    for i, (key, category, title, body) in enumerate(articles[start:start + 100]):
        content = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        items.append(f"<item><title>{html.escape(title)}</title><guid>{key}</guid>"
                     f"<link>https://news.example/{key}</link><category>{category}</category>"
                     f"<pubDate>{formatdate(1104537600 + 3600 * (start + i), usegmt=True)}</pubDate>"
                     f"<description>{html.escape(content)}</description></item>")
    with open(os.path.join(out, "rss", f"feed-{start // 100:03}.rss"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>BBC News</title>{''.join(items)}</channel></rss>")

os.makedirs(os.path.join(out, "nitf"), exist_ok=True)
for key, category, title, body in articles[:500]:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    with open(os.path.join(out, "nitf", f"{key}.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><nitf><head><title>'
                f'{html.escape(title)}</title><docdata><doc-id id-string="{key}"/>'
                '<date.issue norm="20050101T000000Z"/></docdata><pubdata name="BBC News"/>'
                f"</head><body><body.head><hedline><hl1>{html.escape(title)}</hl1></hedline>"
                f"</body.head><body.content>{paragraphs}</body.content></body></nitf>")

pages = os.path.join(corpora, "html-extraction", "pages")
with open(os.path.join(out, "pages.warc"), "wb") as f:
    for name in sorted(os.listdir(pages)):
        page = gzip.open(os.path.join(pages, name)).read()
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        header = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>\r\n"
                  f"WARC-Target-URI: https://pages.example/{name[:-8]}\r\nWARC-Date: 2012-11-07T00:00:00Z\r\n"
                  f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n")
        f.write(header.encode() + block + b"\r\n\r\n")

with open(os.path.join(corpora, "time", "TIME.ALL"), "rb") as src, \
        open(os.path.join(out, "time.jsonl"), "w") as f:
    docs = src.read().decode("latin-1").split("*TEXT ")[1:]
    for position, doc in enumerate(docs, 1):
        header, _, text = doc.partition("\n")
        number, date = header.split()[0], header.split()[1]
        f.write(json.dumps({"id": str(position), "title": f"TIME {number}", "date": date,
                            "body": " ".join(text.split())}) + "\n")
print(f"prepare_formats: wrote {out}")
