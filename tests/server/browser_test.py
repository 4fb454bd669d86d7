#!/usr/bin/env python3
"""The search page of gazette-serve (server/web) in a real browser.

Indexes the sample archive and a hostile article written here into a temporary database,
starts `gazette-serve --port 0` on it and drives headless Chromium through Debian's
chromedriver with a small W3C WebDriver client (standard library only: no selenium). It
types a query, follows a timeline bar, a facet, the pager, an article, "did you mean",
the completions and a bad date, and checks each result against the JSON API; the hostile
article's markup must stay text. One line is printed per check passed.

    browser_test.py --serve build/.../gazette-serve --index build/.../gazette-index
                    --archive examples/archive --screenshots DIR
                    [--readme-screenshot docs/images/gazette-serve.png]

Exit status: 0 every check passed; 1 a check failed (a PNG screenshot and the page's HTML
are saved in --screenshots DIR, with the server and chromedriver logs); 77 Chromium or
chromedriver is not installed (CTest's SKIP_RETURN_CODE). The whole run is bounded by a
time limit, so it cannot hang.
"""
import argparse
import base64
import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

SKIP = 77
BUDGET_SECONDS = 85    # for the checks; saving evidence and cleanup have short timeouts of
                       # their own on top, so a run ends within 120 s whatever happens
WAIT_SECONDS = 10.0    # the longest any one condition is waited for
POLL_SECONDS = 0.05
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # W3C web element reference key
FACETS = "source,year,lang,tag"                   # what app.js asks for
PAGE_SIZE = 10

# Keys (WebDriver's code points).
NULL, BACKSPACE, ENTER, ESCAPE, ARROW_DOWN, CONTROL = (
    "\ue000", "\ue003", "\ue007", "\ue00c", "\ue015", "\ue009")

HOSTILE_TITLE = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"
HOSTILE_WORD = "quixotrex"  # in the hostile article's body only
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "title": HOSTILE_TITLE,
    "body": (f"The {HOSTILE_WORD} dossier. <img src=x onerror=window.__pwned=1> Markup in a "
             f"body is text.\n\n<script>window.__pwned=1</script> A second paragraph about "
             f"{HOSTILE_WORD}, <a href=\"javascript:window.__pwned=1\">a link</a>."),
    "date": "2011-06-01T10:00:00Z",
    "source": "<b onmouseover=window.__pwned=1>Evil</b> Press",
    "authors": ["<svg onload=window.__pwned=1>"],
    "url": "javascript:window.__pwned=1",
    "lang": "en",
    "tags": ["<iframe src=javascript:window.__pwned=1>"],
}

# Queries the sample archive answers with more than one page, facets and a timeline; the
# first that qualifies is used.
CANDIDATE_QUERIES = ["election", "polls", "campaign", "obama", "price"]

# Installed in every document before the page's own script (CDP): script errors, failed
# loads and Content-Security-Policy violations are recorded for the checks to read.
PROBE_JS = r"""
window.__gazetteProbe = {errors: [], csp: []};
window.addEventListener('error', (e) => {
  const what = e.message || ('failed to load ' + ((e.target && e.target.outerHTML) || '?'));
  window.__gazetteProbe.errors.push(String(what).slice(0, 300));
}, true);
window.addEventListener('unhandledrejection', (e) =>
  window.__gazetteProbe.errors.push('unhandled rejection: ' + String(e.reason).slice(0, 300)));
document.addEventListener('securitypolicyviolation', (e) =>
  window.__gazetteProbe.csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""

# Everything the checks look at, read in one round trip.
STATE_JS = r"""
const $ = (s) => document.querySelector(s);
const shown = (e) => Boolean(e) && !e.hidden && e.getClientRects().length > 0;
const text = (e) => (e ? e.textContent : null);
const params = {};
for (const [k, v] of new URLSearchParams(location.search)) (params[k] = params[k] || []).push(v);
const article = $('#article');
return {
  ready: document.readyState,
  params,
  loading: document.body.classList.contains('loading'),
  busy: $('#results') ? $('#results').getAttribute('aria-busy') : null,
  count: text($('#count')),
  tagline: text($('#tagline')),
  q: $('#q') ? $('#q').value : null,
  hits: [...document.querySelectorAll('#results > li.hit')].map((h) => ({
    id: h.querySelector('.hit-title') && h.querySelector('.hit-title').dataset.id,
    title: text(h.querySelector('.hit-title')),
    meta: text(h.querySelector('.hit-meta')),
    snippet: text(h.querySelector('.snippet')),
    marks: [...h.querySelectorAll('.snippet mark')].map((m) => m.textContent),
  })),
  chips: [...document.querySelectorAll('#chips .chip .chip-label')].map((c) => c.textContent),
  error: shown($('#error')) ? $('#error').textContent : null,
  suggestion: shown($('#suggestion')) ? $('#suggestion').textContent : null,
  suggestionLink: text($('#suggestion a')),
  warnings: shown($('#warnings')) ? $('#warnings').textContent : null,
  empty: shown($('#empty')) ? $('#empty').textContent : null,
  currentPage: text($('#pager .current')),
  completions: shown($('#q-suggestions'))
    ? [...document.querySelectorAll('#q-suggestions [role=option]')].map((o) => ({
        text: o.textContent, selected: o.getAttribute('aria-selected') === 'true'}))
    : [],
  article: shown(article) ? {
    title: text($('#article-title')), source: text($('#article-source')),
    meta: text($('#article-meta')), footer: text($('#article-footer')),
    paragraphs: [...document.querySelectorAll('#article-body p')].map((p) => p.textContent),
  } : null,
  timelineShown: shown($('#timeline-section')),
  bars: [...document.querySelectorAll('#timeline svg.timeline-chart g.bar')].map((g) => ({
    period: g.dataset.period, count: Number(g.dataset.count),
    height: g.querySelector('.bar-fill').getBoundingClientRect().height,
    clickable: g.getAttribute('role') === 'button'})),
  facets: Object.fromEntries([...document.querySelectorAll('#facets .facet')].map((f) => [
    f.dataset.facet, [...f.querySelectorAll('.facet-value')].map((b) => ({
      value: b.dataset.value, label: text(b.querySelector('.facet-label')),
      count: text(b.querySelector('.facet-count')),
      pressed: b.getAttribute('aria-pressed') === 'true'}))])),
  pwned: typeof window.__pwned,
  // Markup the page itself never makes: any of it would have come from archive text.
  injected: [...document.querySelectorAll(
      'img, iframe, object, embed, b, script:not([src="/app.js"]), svg:not(.timeline-chart), ' +
      '[onerror], [onload], [onmouseover], a[href^="javascript:" i]')]
    .map((e) => e.outerHTML.slice(0, 120)),
  probe: window.__gazetteProbe || null,
};
"""


class Failure(Exception):
    """A check that did not pass: the message says what was expected and what was seen."""


def fail(message):
    raise Failure(message)


def check(condition, message):
    if not condition:
        fail(message)


# ---------------------------------------------------------------------------------------
# HTTP and WebDriver

def http(method, url, body=None, timeout=20.0):
    """(status, bytes) of a request; HTTP error statuses are answers, not exceptions."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"} if data is not None else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class WebDriver:
    """The few W3C WebDriver commands the test needs, over urllib."""

    def __init__(self, base):
        self.base = base
        self.session = None

    def command(self, method, path, body=None, timeout=20.0):
        status, raw = http(method, self.base + path, body, timeout)
        try:
            value = json.loads(raw or b"{}").get("value")
        except ValueError:
            fail(f"WebDriver {method} {path}: HTTP {status}, not JSON: {raw[:200]!r}")
        if status != 200:
            detail = value if isinstance(value, dict) else {}
            fail(f"WebDriver {method} {path}: HTTP {status} {detail.get('error', '')}: "
                 f"{str(detail.get('message', value))[:400]}")
        return value

    def start(self, binary, args):
        options = {"args": args}
        if binary:
            options["binary"] = binary
        capabilities = {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"implicit": 0, "pageLoad": 20000, "script": 10000},
            "goog:chromeOptions": options,
        }}
        value = self.command("POST", "/session", {"capabilities": capabilities}, timeout=40)
        self.session = value["sessionId"]

    def s(self, method, path, body=None, timeout=20.0):
        return self.command(method, f"/session/{self.session}{path}", body, timeout)

    def cdp(self, cmd, params):
        return self.s("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})

    def get(self, url):
        self.s("POST", "/url", {"url": url}, timeout=30)

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        """The first element matching css (fails when there is none)."""
        return self.s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css):
        found = self.s("POST", "/elements", {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def click(self, element):
        self.s("POST", f"/element/{element}/click", {})

    def send_keys(self, element, keys):
        self.s("POST", f"/element/{element}/value", {"text": keys})

    def press(self, key):
        """A key pressed and released on whatever has the focus."""
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]})
        self.s("DELETE", "/actions")

    def screenshot(self):
        return base64.b64decode(self.s("GET", "/screenshot", timeout=8))

    def source(self):
        return self.s("GET", "/source", timeout=5)

    def quit(self):
        if self.session:
            session, self.session = self.session, None
            try:
                http("DELETE", f"{self.base}/session/{session}", timeout=5)
            except OSError:
                pass


# ---------------------------------------------------------------------------------------
# Processes

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process, name):
    """Ends a process this test started, and its process group (Chromium's children)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except OSError:
        process.terminate()
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        print(f"note: {name} ignored SIGTERM; killing it", flush=True)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass


def first_line(process, timeout):
    """The first line the process writes on stdout, read with a deadline."""
    fd = process.stdout.fileno()
    deadline = time.monotonic() + timeout
    buffer = b""
    while b"\n" not in buffer:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            fail(f"gazette-serve printed no line in {timeout:.0f} s (got {buffer!r})")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                fail(f"gazette-serve exited with status {process.wait(timeout=5)} before "
                     f"saying where it listens (stdout {buffer!r})")
            buffer += chunk
    # Whatever it prints later is read and dropped, so a full pipe can never block it.
    def drain():
        while os.read(fd, 65536):
            pass

    threading.Thread(target=drain, daemon=True).start()
    return buffer.split(b"\n", 1)[0].decode("utf-8", "replace")


def find_browser():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def find_driver():
    for path in (shutil.which("chromedriver"), "/usr/bin/chromedriver",
                 "/usr/lib/chromium/chromedriver"):
        if path and os.access(path, os.X_OK):
            return path
    return None


# ---------------------------------------------------------------------------------------
# The test

class BrowserTest:
    def __init__(self, options):
        self.options = options
        self.tmp = None
        self.server = None
        self.driver_process = None
        self.driver = None
        self.base = None
        self.articles = 0
        self.checks = 0
        self.server_log = None
        self.logs = []  # of the servers and chromedriver, saved on a failure
        self.driver_log = None

    # -- reporting ----------------------------------------------------------------------

    def passed(self, message):
        self.checks += 1
        print(f"ok {self.checks} - {message}", flush=True)

    # -- the API, asked directly: what the page should show ------------------------------

    def api(self, path, params=None, expect=200):
        url = self.base + path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        status, raw = http("GET", url)
        try:
            body = json.loads(raw)
        except ValueError:
            fail(f"GET {url}: HTTP {status}, body is not JSON: {raw[:200]!r}")
        check(status == expect, f"GET {url}: HTTP {status}, expected {expect}: {raw[:300]!r}")
        return body

    @staticmethod
    def timeline_unit(params):
        since = params.get("since", [""])[0][:4]
        until = params.get("until", [""])[0][:4]
        if since.isdigit() and until.isdigit() and int(since) and int(until) \
                and int(until) - int(since) < 3:
            return "month"
        return "year"

    def api_search(self, params):
        """The answer the page asks for when its URL has these parameters (app.js)."""
        full = {k: list(v) for k, v in params.items() if k != "article"}
        full.setdefault("q", [""])
        full["page"] = full.get("page", ["1"])
        full["n"] = full.get("n", [str(PAGE_SIZE)])
        full["facets"] = [FACETS]
        full["timeline"] = [self.timeline_unit(params)]
        answer = self.api("/search", full)
        check(answer.get("schema") == 2, f"/search answered schema {answer.get('schema')!r}")
        return answer

    @staticmethod
    def count_text(answer):
        total = int(answer["total_estimate"])
        if total == 0 and not answer["hits"]:
            return "No results"
        noun = "result" if total == 1 else "results"
        return f"{total:,} {noun}" if answer["total_exact"] else f"About {total:,} {noun}"

    # -- the page -----------------------------------------------------------------------

    def state(self):
        return self.driver.js(STATE_JS)

    def wait_for(self, description, predicate, timeout=WAIT_SECONDS):
        """Polls the page's state until predicate(state) is true; returns that state."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            last = self.state()
            if predicate(last):
                return last
            if time.monotonic() >= deadline:
                shown = {k: last.get(k) for k in
                         ("params", "loading", "count", "q", "error", "chips", "completions")}
                shown["hits"] = [h["title"] for h in last.get("hits", [])][:5]
                fail(f"timed out after {timeout:.0f} s waiting for {description}; "
                     f"the page shows {json.dumps(shown)[:900]}")
            time.sleep(POLL_SECONDS)

    def wait_results(self, params, description):
        """Waits until the URL holds exactly `params` and the answer for it is on screen,
        then checks the hits and the count against the API's answer."""
        want = {k: list(v) for k, v in params.items()}
        state = self.wait_for(
            f"the results of {description} ({urllib.parse.urlencode(want, doseq=True)})",
            lambda s: s["params"] == want and not s["loading"] and s["busy"] == "false"
            and bool(s["count"] or s["error"]))
        check(state["error"] is None, f"{description}: the page shows an error: {state['error']}")
        answer = self.api_search(want)
        check(state["count"] == self.count_text(answer),
              f"{description}: the count says {state['count']!r}, the API "
              f"{self.count_text(answer)!r}")
        ids = [h["id"] for h in state["hits"]]
        api_ids = [h["id"] for h in answer["hits"]]
        check(ids == api_ids, f"{description}: hits {ids} on the page, {api_ids} from the API")
        titles = [h["title"] for h in state["hits"]]
        api_titles = [h["title"] or h["id"] for h in answer["hits"]]
        check(titles == api_titles,
              f"{description}: titles {titles} on the page, {api_titles} from the API")
        return state, answer

    def clear_box(self):
        box = self.driver.find("#q")
        self.driver.send_keys(box, CONTROL + "a" + NULL + BACKSPACE)
        self.wait_for("the search box to empty", lambda s: s["q"] == "")
        return box

    def type_into(self, element, text):
        """Types text one character at a time, as a person would."""
        for character in text:
            self.driver.send_keys(element, character)

    def check_probe(self, where):
        state = self.state()
        probe = state.get("probe")
        if probe is None:
            return
        check(not probe["errors"], f"{where}: script errors or failed loads: {probe['errors']}")
        check(not probe["csp"], f"{where}: Content-Security-Policy violations: {probe['csp']}")

    def load(self, query_string=""):
        self.driver.get(self.base + "/" + query_string)
        return self.wait_for("the page to load",
                             lambda s: s["ready"] == "complete" and s["q"] is not None)

    # -- setup ---------------------------------------------------------------------------

    def write_hostile_article(self):
        hostile_dir = os.path.join(self.tmp, "hostile")
        os.makedirs(hostile_dir)
        with open(os.path.join(hostile_dir, "hostile.json"), "w", encoding="utf-8") as f:
            json.dump(HOSTILE_ARTICLE, f)
        return hostile_dir

    def build_database(self, name, paths, what):
        db = os.path.join(self.tmp, name)
        command = [self.options.index, "--db", db, *paths]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            fail(f"{' '.join(command)} took over 60 s")
        check(done.returncode == 0,
              f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-800:]}")
        self.passed(f"indexed {what}: "
                    f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'done'}")
        return db

    def start_server(self, db):
        """Starts gazette-serve on db (stopping the one before, if any)."""
        stop(self.server, "gazette-serve")
        self.server_log = os.path.join(self.tmp, f"gazette-serve-{os.path.basename(db)}.log")
        self.logs.append(self.server_log)
        with open(self.server_log, "wb") as log:
            self.server = subprocess.Popen(
                [self.options.serve, "--db", db, "--port", "0"], stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=log, start_new_session=True)
        line = first_line(self.server, 15)
        match = re.fullmatch(r"gazette-serve: listening on (http://127\.0\.0\.1:(\d+)/)", line)
        check(match and match.group(2) != "0",
              f"gazette-serve's first line is {line!r}, expected "
              f"'gazette-serve: listening on http://127.0.0.1:PORT/'")
        self.base = match.group(1).rstrip("/")  # paths below start with /
        health = self.api("/health")
        check(health.get("status") == "ok" and int(health.get("articles", 0)) >= 2,
              f"/health answered {health}")
        self.articles = int(health["articles"])
        self.passed(f"gazette-serve listens on {self.base}/ ({self.articles} articles)")

    def start_browser(self, browser, chromedriver):
        port = free_port()
        self.driver_log = os.path.join(self.tmp, "chromedriver.log")
        self.logs.append(self.driver_log)
        with open(self.driver_log, "wb") as log:
            self.driver_process = subprocess.Popen(
                [chromedriver, f"--port={port}"], stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                status, raw = http("GET", base + "/status", timeout=2)
                if status == 200 and json.loads(raw)["value"].get("ready"):
                    break
            except (OSError, ValueError, KeyError):
                pass
            if self.driver_process.poll() is not None or time.monotonic() > deadline:
                fail(f"chromedriver did not become ready (exit status "
                     f"{self.driver_process.poll()}); see {self.driver_log}")
            time.sleep(POLL_SECONDS)
        self.driver = WebDriver(base)
        self.driver.start(browser, [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
            "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--lang=en-US", "--hide-scrollbars",
            f"--user-data-dir={os.path.join(self.tmp, 'profile')}"])
        try:
            self.driver.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE_JS})
        except Failure as error:
            print(f"note: no CDP, so script errors are not watched ({error})", flush=True)
        window = self.driver.s("GET", "/window/rect")  # proves the session answers
        self.passed(f"headless Chromium is up through chromedriver "
                    f"(window {window['width']}x{window['height']})")

    def pick_query(self):
        for word in CANDIDATE_QUERIES:
            answer = self.api_search({"q": [word]})
            sources = answer.get("facets", {}).get("source", [])
            if (answer["total_estimate"] > PAGE_SIZE and len(answer["hits"]) == PAGE_SIZE
                    and any(v["count"] < answer["total_estimate"] for v in sources)
                    and answer.get("timeline")):
                return word
        fail(f"none of {CANDIDATE_QUERIES} has more than {PAGE_SIZE} hits, a source facet "
             f"and a timeline in this archive")

    # -- the checks ----------------------------------------------------------------------

    def run(self, browser, chromedriver):
        db = self.build_database("db", [self.options.archive, self.write_hostile_article()],
                                 "the sample archive and a hostile article")
        self.start_server(db)
        word = self.pick_query()
        self.start_browser(browser, chromedriver)

        # The page and its stylesheet.
        self.load()
        state = self.wait_for("the tagline to give the archive's size",
                              lambda s: s["tagline"] == f"Search {self.articles:,} articles")
        styled = self.driver.js(
            "const l = document.querySelector('label[for=q]');"
            "const m = document.createElement('mark'); document.body.append(m);"
            "const bg = getComputedStyle(m).backgroundColor; m.remove();"
            "return {hidden: getComputedStyle(l).position === 'absolute' && l.clientWidth <= 1,"
            " rules: [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0),"
            " markBg: bg};")
        check(styled["hidden"] and styled["rules"] > 20,
              f"style.css is not applied (visually-hidden label, {styled['rules']} rules)")
        check(styled["markBg"] not in ("rgba(0, 0, 0, 0)", "transparent"),
              f"<mark> has no highlight background ({styled['markBg']})")
        check(not state["hits"] and state["count"] == "", "the empty page shows results")
        self.passed(f"/ loads with style.css applied ({styled['rules']} rules, <mark> on "
                    f"{styled['markBg']}) and says 'Search {self.articles:,} articles'")

        # Typing a query: hits with <mark>ed words, as the API ranks them.
        box = self.driver.find("#q")
        self.driver.click(box)
        self.type_into(box, word)
        state, answer = self.wait_results({"q": [word]}, f"typing '{word}'")
        marked = [h for h in state["hits"] if any(word in m.lower() for m in h["marks"])]
        check(marked, f"no snippet has a <mark> with '{word}': "
                      f"{[h['marks'] for h in state['hits']]}")
        check(not any("<mark>" in (h["snippet"] or "") or "&lt;" in (h["snippet"] or "")
                      for h in state["hits"]), "a snippet shows markup as text")
        check(len(state["hits"]) == PAGE_SIZE, f"{len(state['hits'])} hits on page 1")
        self.passed(f"typing '{word}' shows {state['count']}: the API's first {PAGE_SIZE} hits "
                    f"in order, {len(marked)} snippets with <mark>{word}</mark>")
        page1 = [h["id"] for h in state["hits"]]

        # The timeline: a bar per period from the first to the last, as tall as its count.
        self.check_timeline(state, answer, word)

        # A facet value narrows the search, shows a chip and goes in the URL.
        self.check_facet(state, answer, word)

        # Page 2: the next ten hits.
        self.driver.click(self.driver.find("#pager a.next"))
        state, answer = self.wait_results({"q": [word], "page": ["2"]}, "page 2")
        check(state["currentPage"] == "2", f"the pager marks page {state['currentPage']!r}")
        page2 = [h["id"] for h in state["hits"]]
        check(page2 and not set(page2) & set(page1),
              f"page 2 repeats hits of page 1: {set(page2) & set(page1)}")
        self.passed(f"'Next' shows page 2: {len(page2)} other hits, as the API pages them")

        # An article: the whole text in the overlay, its key in the URL.
        self.check_article(state, {"q": [word], "page": ["2"]})

        # Did you mean: a misspelling offers the word, and the link searches it.
        self.check_did_you_mean(word)

        # Completions under the box, chosen with the keyboard.
        self.check_completions(word)

        # Hostile archive text stays text.
        self.check_hostile()

        # A query the parser refuses is searched as words, with the server's warning.
        self.check_warnings(word)

        # A bad date in the URL: the server's message in the error box.
        self.check_probe("before the bad-date load")
        self.check_error(word)
        self.check_probe("the bad-date page")
        self.passed("no script errors, failed loads or CSP violations on any page")

        if self.options.readme_screenshot:
            self.readme_screenshot(word)

    def check_timeline(self, state, answer, word):
        periods = [p["period"] for p in answer["timeline"]]
        counts = {p["period"]: p["count"] for p in answer["timeline"]}
        check(state["timelineShown"], "the timeline is not shown")
        first, last = int(periods[0]), int(periods[-1])
        want = [str(y) for y in range(first, last + 1)]
        bars = state["bars"]
        check([b["period"] for b in bars] == want,
              f"timeline bars {[b['period'] for b in bars]}, expected {want}")
        for bar in bars:
            check(bar["count"] == counts.get(bar["period"], 0),
                  f"the {bar['period']} bar counts {bar['count']}, the API "
                  f"{counts.get(bar['period'], 0)}")
            check((bar["height"] > 0) == (bar["count"] > 0) and bar["clickable"] == (bar["count"] > 0),
                  f"the {bar['period']} bar ({bar['count']}) is {bar['height']:.1f} px tall")
        tallest = max(bars, key=lambda b: b["count"])
        shorter = [b for b in bars if 0 < b["count"] < tallest["count"]]
        if shorter:
            check(all(b["height"] < tallest["height"] for b in shorter),
                  "a bar with fewer matches is not shorter")
        self.passed(f"the timeline draws {len(bars)} bars {want[0]}–{want[-1]}, "
                    f"{sum(1 for b in bars if b['count'])} with matches, heights by count")

        period = tallest["period"]
        self.driver.click(self.driver.find(f'#timeline g.bar[data-period="{period}"]'))
        params = {"q": [word], "since": [period], "until": [period]}
        state, narrowed = self.wait_results(params, f"the {period} bar")
        check(f"Date: {period}" in state["chips"], f"chips {state['chips']} after the bar")
        check(narrowed["total_estimate"] != answer["total_estimate"] or
              narrowed["total_estimate"] == tallest["count"],
              "the bar did not narrow the search")
        self.passed(f"clicking the {period} bar narrows to {state['count']} "
                    f"with a 'Date: {period}' chip")
        self.driver.click(self.driver.find("#chips .chip"))
        self.wait_results({"q": [word]}, "removing the date chip")

    def check_facet(self, state, answer, word):
        values = [v for v in answer["facets"]["source"] if v["count"] < answer["total_estimate"]]
        value = values[0]["value"]
        shown = state["facets"].get("source", [])
        check([v["value"] for v in shown] == [v["value"] for v in answer["facets"]["source"]],
              f"source facet {[v['value'] for v in shown]} on the page, "
              f"{[v['value'] for v in answer['facets']['source']]} from the API")
        check(all(s["count"] == f"{a['count']:,}" for s, a in zip(shown, answer["facets"]["source"])),
              "facet counts differ from the API's")
        button = self.driver.find(f'#facets .facet[data-facet="source"] '
                                  f'.facet-value[data-value="{value}"]')
        self.driver.click(button)
        state, narrowed = self.wait_results({"q": [word], "source": [value]},
                                            f"the source facet '{value}'")
        check(state["count"] != self.count_text(answer),
              f"the count stayed {state['count']!r} after the facet")
        check(f"Source: {value}" in state["chips"], f"chips {state['chips']}, no 'Source: {value}'")
        pressed = [v for v in state["facets"].get("source", []) if v["pressed"]]
        check([v["value"] for v in pressed] == [value], f"pressed facet values {pressed}")
        self.passed(f"the source facet '{value}' narrows {self.count_text(answer)} to "
                    f"{state['count']}, shows a 'Source: {value}' chip and puts "
                    f"source={value} in the URL")
        self.driver.click(self.driver.find("#chips .chip"))
        state, _ = self.wait_results({"q": [word]}, "removing the source chip")
        check(not state["chips"], f"chips {state['chips']} after removing the filter")
        self.passed("removing the chip restores the unfiltered results")

    def check_article(self, state, params):
        hit = state["hits"][0]
        self.driver.click(self.driver.find("#results .hit-title"))
        opened = self.wait_for(f"the article '{hit['title']}'",
                               lambda s: s["article"] is not None and s["article"]["title"] != "Loading…"
                               and s["params"].get("article") == [hit["id"]])
        article = self.api("/article/" + urllib.parse.quote(hit["id"], safe=""))
        check(article.get("schema") == 2 and article.get("id") == hit["id"],
              f"/article/{hit['id']} answered id {article.get('id')!r}")
        shown = opened["article"]
        check(shown["title"] == (article["title"] or article["id"]),
              f"the overlay's title is {shown['title']!r}, the article's {article['title']!r}")
        paragraphs = [p for p in re.split(r"\n{2,}", article["body"]) if p.strip()]
        check(shown["paragraphs"] == paragraphs,
              f"the overlay shows {len(shown['paragraphs'])} paragraphs, the article has "
              f"{len(paragraphs)} (first: {shown['paragraphs'][:1]!r} vs {paragraphs[:1]!r})")
        check(hit["id"] in shown["footer"], f"the footer {shown['footer']!r} lacks the key")
        self.passed(f"clicking '{hit['title']}' opens it: title, {len(paragraphs)} paragraphs "
                    f"and key as /article gives them, article= in the URL")
        self.driver.press(ESCAPE)
        closed = self.wait_for("Escape to close the article",
                               lambda s: s["article"] is None and "article" not in s["params"])
        check(closed["params"] == params, f"closing the article left {closed['params']}")
        check([h["id"] for h in closed["hits"]] == [h["id"] for h in state["hits"]],
              "the results changed under the article")
        self.passed("Escape closes the article back to the same results page")

    def check_did_you_mean(self, word):
        misspelt = None
        for i in range(1, len(word) - 1):
            candidate = word[:i] + word[i + 1:]
            if self.api_search({"q": [candidate]}).get("suggestion") == word:
                misspelt = candidate
                break
        if misspelt is None:
            print(f"skip - did you mean: the archive suggests nothing for misspellings of "
                  f"'{word}'", flush=True)
            return
        box = self.clear_box()
        self.type_into(box, misspelt)
        state = self.wait_for(f"'Did you mean: {word}?' for '{misspelt}'",
                              lambda s: s["params"] == {"q": [misspelt]} and not s["loading"]
                              and s["suggestion"] is not None)
        check(state["suggestion"] == f"Did you mean: {word}?" and state["suggestionLink"] == word,
              f"the suggestion reads {state['suggestion']!r}")
        self.driver.click(self.driver.find("#suggestion a"))
        state, _ = self.wait_results({"q": [word]}, "the did-you-mean link")
        check(state["q"] == word, f"the box holds {state['q']!r} after the suggestion")
        self.passed(f"'{misspelt}' offers 'Did you mean: {word}?', and the link searches '{word}'")

    def check_completions(self, word):
        prefix = word[:4]
        expected = self.api("/suggest", {"q": prefix, "n": "8"})
        check(expected.get("schema") == 2 and isinstance(expected.get("suggestions"), list),
              f"/suggest answered {expected}")
        words = [w for w in expected["suggestions"] if w != prefix]
        if not words:
            print(f"skip - completions: /suggest has none for '{prefix}'", flush=True)
            return
        box = self.clear_box()
        self.type_into(box, prefix)
        state = self.wait_for(f"completions of '{prefix}'",
                              lambda s: s["q"] == prefix and len(s["completions"]) > 0)
        shown = [c["text"] for c in state["completions"]]
        check(shown == words, f"completions {shown} on the page, {words} from /suggest")
        self.driver.send_keys(box, ARROW_DOWN)
        state = self.wait_for("ArrowDown to select the first completion",
                              lambda s: s["completions"] and s["completions"][0]["selected"])
        self.driver.send_keys(box, ENTER)
        state, _ = self.wait_results({"q": [words[0]]}, f"choosing the completion '{words[0]}'")
        check(not state["completions"] and state["q"] == words[0],
              f"after choosing, the box holds {state['q']!r}, the list {state['completions']}")
        self.passed(f"typing '{prefix}' lists {len(shown)} completions from /suggest; "
                    f"ArrowDown and Enter search '{words[0]}'")

    def check_hostile(self):
        box = self.clear_box()
        self.type_into(box, HOSTILE_TITLE)
        state, answer = self.wait_results({"q": [HOSTILE_TITLE]}, "the hostile title")
        titles = [h["title"] for h in state["hits"]]
        check(HOSTILE_TITLE in titles, f"the hostile title is not shown literally: {titles}")
        hit = state["hits"][titles.index(HOSTILE_TITLE)]
        check("By " + HOSTILE_ARTICLE["authors"][0] in (hit["meta"] or ""),
              f"the hostile byline is not shown literally: {hit['meta']!r}")
        check(state["pwned"] == "undefined", "window.__pwned is set: archive markup ran")
        check(not state["injected"], f"archive markup became elements: {state['injected']}")
        tags = [v["label"] for v in state["facets"].get("tag", [])]
        check(HOSTILE_ARTICLE["tags"][0] in tags, f"the hostile tag is not a literal facet: {tags}")
        self.passed("a title of <img onerror> and <script> is searched and shown as text; "
                    "window.__pwned is undefined; no element came from archive text")

        self.driver.click(self.driver.find(f'#results .hit-title[data-id="{hit["id"]}"]'))
        state = self.wait_for("the hostile article",
                              lambda s: s["article"] is not None and s["article"]["title"] != "Loading…")
        shown = state["article"]
        check(shown["title"] == HOSTILE_TITLE, f"the article title shows {shown['title']!r}")
        check(shown["source"] == HOSTILE_ARTICLE["source"], f"the source shows {shown['source']!r}")
        check(HOSTILE_ARTICLE["url"] in shown["footer"], f"the footer shows {shown['footer']!r}")
        check(any("<img src=x onerror=window.__pwned=1>" in p for p in shown["paragraphs"]),
              f"the body's markup is not shown as text: {shown['paragraphs']}")
        check(state["pwned"] == "undefined" and not state["injected"],
              f"the article view ran or built archive markup: {state['injected']}")
        self.passed("the hostile article's title, source, body and javascript: URL show as text")
        self.driver.click(self.driver.find("#article-close"))
        self.wait_for("the article to close", lambda s: s["article"] is None)

    def check_warnings(self, word):
        query = f"{word} AND"
        box = self.clear_box()
        self.type_into(box, query)
        state, answer = self.wait_results({"q": [query]}, f"'{query}'")
        warnings = answer.get("warnings") or []
        if not warnings:
            print(f"skip - warnings: the API has none for '{query}'", flush=True)
            return
        want = " ".join(" ".join(w.split()) for w in warnings)
        check(state["warnings"] == want,
              f"the page shows the warning {state['warnings']!r}, the API {want!r}")
        self.passed(f"'{query}' is searched as words under the server's warning: {want!r}")

    def check_error(self, word):
        params = {"q": [word], "since": ["2012-99"]}
        status, raw = http("GET", self.base + "/search?" + urllib.parse.urlencode(
            {**params, "facets": FACETS}, doseq=True))
        body = json.loads(raw)
        check(status == 400 and body.get("error", {}).get("code") == "invalid_input",
              f"/search with since=2012-99 answered HTTP {status}: {raw[:300]!r}")
        message = " ".join(body["error"]["message"].split())
        self.load("?" + urllib.parse.urlencode(params, doseq=True))
        state = self.wait_for("the error box", lambda s: s["error"] is not None and not s["loading"])
        check(state["error"] == message, f"the error box says {state['error']!r}, "
                                         f"the server {message!r}")
        check(not state["hits"] and state["count"] == "", "results shown beside the error")
        self.passed(f"a bad date shows the server's message in the error box: {message!r}")

    def readme_screenshot(self, word):
        """A picture of the page for the README, over the sample archive alone."""
        path = self.options.readme_screenshot
        self.start_server(self.build_database("readme-db", [self.options.archive],
                                              "the sample archive alone for the README"))
        self.driver.cdp("Emulation.setDeviceMetricsOverride",
                        {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.load("?" + urllib.parse.urlencode({"q": self.options.readme_query}))
        state, _ = self.wait_results({"q": [self.options.readme_query]},
                                     "the README search")
        check(state["timelineShown"] and state["facets"], "no timeline or facets to show")
        self.driver.js("document.activeElement.blur(); window.scrollTo(0, 0);")
        self.wait_for("the view to settle", lambda s: not s["completions"])
        png = self.driver.screenshot()
        width, height = struct.unpack(">II", png[16:24])
        check((width, height) == (1280, 900), f"the screenshot is {width}x{height}, not 1280x900")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png)
        self.passed(f"README screenshot ({width}x{height}) written to {path}")

    # -- failure and cleanup -------------------------------------------------------------

    def save_evidence(self):
        directory = self.options.screenshots
        os.makedirs(directory, exist_ok=True)
        saved = []
        if self.driver and self.driver.session:
            try:
                png = os.path.join(directory, "browser-failure.png")
                with open(png, "wb") as f:
                    f.write(self.driver.screenshot())
                saved.append(png)
                html = os.path.join(directory, "browser-failure.html")
                with open(html, "w", encoding="utf-8") as f:
                    f.write(self.driver.source())
                saved.append(html)
            except Exception as error:  # the browser may be what failed
                print(f"note: could not save the page: {error}", file=sys.stderr)
        for log in self.logs:
            if log and os.path.exists(log):
                target = os.path.join(directory, os.path.basename(log))
                shutil.copyfile(log, target)
                saved.append(target)
        for path in saved:
            print(f"saved {os.path.abspath(path)}", file=sys.stderr)
        if self.server_log and os.path.exists(self.server_log):
            with open(self.server_log, encoding="utf-8", errors="replace") as f:
                tail = f.read()[-1500:]
            if tail.strip():
                print(f"gazette-serve's stderr ends:\n{tail}", file=sys.stderr)

    def cleanup(self):
        if self.driver:
            self.driver.quit()
        stop(self.driver_process, "chromedriver")
        stop(self.server, "gazette-serve")
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", required=True, help="the gazette-serve binary")
    parser.add_argument("--index", required=True, help="the gazette-index binary")
    parser.add_argument("--archive", required=True, help="examples/archive")
    parser.add_argument("--screenshots", required=True,
                        help="where a failure's screenshot, HTML and logs go")
    parser.add_argument("--readme-screenshot", metavar="PATH",
                        help="after the checks pass, save a 1280x900 PNG of a search here")
    parser.add_argument("--readme-query", metavar="Q", default="obama",
                        help="the search for --readme-screenshot (default: %(default)s, whose "
                             "hits show sources, dates and bylines)")
    options = parser.parse_args()

    browser, chromedriver = find_browser(), find_driver()
    if not browser or not chromedriver:
        print(f"SKIPPED: needs Chromium and chromedriver (Debian: chromium chromium-driver); "
              f"found browser={browser}, chromedriver={chromedriver}", flush=True)
        return SKIP
    for name in ("serve", "index"):
        path = getattr(options, name)
        if not os.access(path, os.X_OK):
            print(f"not ok - --{name} {path} is not an executable", flush=True)
            return 1

    def over_budget(signum, frame):
        raise Failure(f"the test took over {BUDGET_SECONDS} s")

    signal.signal(signal.SIGALRM, over_budget)
    signal.alarm(BUDGET_SECONDS)
    started = time.monotonic()
    test = BrowserTest(options)
    test.tmp = tempfile.mkdtemp(prefix="gazette-browser-")
    try:
        try:
            test.run(browser, chromedriver)
        except Exception as error:  # a failed check, or the browser or server failing
            signal.alarm(0)
            message = str(error) if isinstance(error, Failure) else f"{type(error).__name__}: {error}"
            print(f"not ok {test.checks + 1} - {message}", flush=True)
            test.save_evidence()
            return 1
        signal.alarm(0)
        print(f"all {test.checks} checks passed in {time.monotonic() - started:.1f} s",
              flush=True)
        return 0
    finally:
        signal.alarm(0)
        test.cleanup()


if __name__ == "__main__":
    sys.exit(main())
