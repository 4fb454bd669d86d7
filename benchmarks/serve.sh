#!/usr/bin/env bash
# gazette-serve under load: wrk on loopback against Reuters-21578 x10, at 1, 8 and 64
# connections, side by side with the same searches in-process. Steps, one function each:
#   build       the release build (skipped with SKIP_BUILD=1);
#   prepare     the 10x corpus (prepare_reuters10x.sh) indexed from its SGML by gazette-index
#               into BENCH_DATA/serve/reuters-10x-db; kept between runs, redone when the
#               corpus changes (or with REINDEX=1);
#   in_process  search_latency on queries/reuters.txt (200 queries; --match any, top 10 with
#               snippets, collapse on, warm, one thread): p50/p95/p99 and queries/s;
#   serve       gazette-serve --db DB --port 0, then a warm-up: every query once over one
#               keep-alive connection (each must answer 200; the hits are counted against
#               search_latency's, so both sides run the same searches), then WARMUP seconds
#               of wrk at 8 connections;
#   load        per connection count C: wrk -t min(C,2) -c C -d DURATION with serve.lua (the
#               same 200 queries, round-robin, GET /search?q=...&n=10&match=any, the request
#               search_latency makes): requests/s, p50/p90/p99/p99.9, socket errors and
#               non-2xx answers; the server's CPU time per request and peak RSS (VmHWM,
#               /proc/PID/status), wrk's own CPU, the CPU other processes took meanwhile,
#               and (ss, a second before the end) the connections never answered at all,
#               which wrk does not report (it times out only answers that arrive late);
#   again       search_latency once more after the load, to show whether the machine
#               slowed down during the run;
#   report      one table (stdout, and OUT/serve.md) and OUT/serve.json.
# wrk and the server share the machine's cores (2 on the benchmark VM): at 8 and 64
# connections wrk's own CPU is taken from the server, which the table shows.
#
#   benchmarks/serve.sh [OUT]         everything (default OUT build/bench/serve)
#   benchmarks/serve.sh prepare       only the database
#   env: GAZETTE_CORPORA (../shared/corpora), BUILD_DIR (build/bench-release), BENCH_DATA
#        (build/bench-data), REUTERS10X ($BENCH_DATA/reuters10x), RUNS (search_latency
#        passes, 5), DURATION (seconds per wrk run, 20), WARMUP (seconds, 5), CONNECTIONS
#        ("1 8 64"), SERVER_THREADS (gazette-serve --threads; unset: the server's default),
#        TIMEOUT (wrk --timeout seconds, 10), SKIP_BUILD=1, REINDEX=1
# Exit status 77 (skipped) when the Reuters-21578 corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
command=all
if [ "${1:-}" = prepare ]; then
  command=prepare
  shift
fi
out=${1:-build/bench/serve}
corpora=${GAZETTE_CORPORA:-../shared/corpora}
bin=${BUILD_DIR:-build/bench-release}
data_root=${BENCH_DATA:-build/bench-data}
reuters10x_dir=${REUTERS10X:-$data_root/reuters10x}
db=$data_root/serve/reuters-10x-db
runs=${RUNS:-5}
duration=${DURATION:-20}
warmup=${WARMUP:-5}
connections=${CONNECTIONS:-1 8 64}
timeout=${TIMEOUT:-10}
queries=benchmarks/queries/reuters.txt
params="n=10&match=any"  # search_latency's request: top 10, match any, default snippets
server=
url=

log() { echo "serve.sh [$(date +%T)]: $*" >&2; }
fail() { log "$*"; exit 1; }

check_corpus() {
  compgen -G "$corpora/reuters21578/reut2-*.sgm" >/dev/null || {
    echo "serve.sh: no reut2-*.sgm in $corpora/reuters21578 (set GAZETTE_CORPORA): skipped" >&2
    exit 77
  }
}

check_tools() {
  local tool
  for tool in "$bin/indexer/cli/gazette-index" /usr/bin/time; do
    [ -x "$tool" ] || fail "$tool missing (build first; GNU time: apt-get install time)"
  done
  if [ "$command" = all ]; then
    for tool in "$bin/benchmarks/search_latency" "$bin/server/gazette-serve" \
      "$(command -v wrk || echo wrk)" "$(command -v curl || echo curl)"; do
      [ -x "$tool" ] || fail "$tool missing (build with -DGAZETTE_BUILD_BENCHMARKS=ON; apt-get install wrk)"
    done
  fi
}

build() {
  cmake -S . -B "$bin" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=OFF \
    -DGAZETTE_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$bin" -j2 >&2
}

# The database is reused while DB.stamp names the 10x corpus it was built from.
prepare() {
  benchmarks/prepare_reuters10x.sh "$corpora/reuters21578" "$reuters10x_dir" >/dev/null
  if [ -z "${REINDEX:-}" ] && [ -d "$db" ] &&
    [ "$(cat "$db.stamp" 2>/dev/null)" = "$(cat "$reuters10x_dir/.stamp")" ]; then
    log "reusing $db"
    return
  fi
  log "indexing Reuters 10x into $db (about 1.5 minutes on 2 idle cores)"
  rm -rf "$db" "$db.stamp" && mkdir -p "$(dirname "$db")"
  /usr/bin/time -f '%e %M' -o "$db.time" \
    "$bin/indexer/cli/gazette-index" --db "$db" --quiet "$reuters10x_dir"
  cp "$reuters10x_dir/.stamp" "$db.stamp"
}

# in_process NAME: search_latency into OUT/NAME.json.
in_process() {
  log "in-process ($1): search_latency, $runs passes of $queries"
  "$bin/benchmarks/search_latency" --db "$db" --queries "$queries" --runs "$runs" \
    --json "$out/$1.json" >/dev/null
}

# CPU ticks (user + system) of process $1 so far; fields 14 and 15 of /proc/PID/stat.
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# Busy CPU ticks of the whole machine so far (everything but idle and iowait).
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# seconds EXPR: clock ticks to seconds, e.g. seconds "$after - $before".
seconds() { awk "BEGIN {printf \"%.2f\", ($1) / $(getconf CLK_TCK)}"; }
status_field() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }

stop_server() {
  [ -n "$server" ] || return 0
  local pid=$server i
  server=
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "gazette-serve (pid $pid) still running 10 s after SIGTERM: killed"
    kill -KILL "$pid" 2>/dev/null || true
    echo '{"stopped_by_sigterm": false}' > "$out/server-exit.json"
  else
    local rc=0
    wait "$pid" 2>/dev/null || rc=$?
    echo "{\"stopped_by_sigterm\": true, \"exit_status\": $rc}" > "$out/server-exit.json"
  fi
}

serve() {
  local args=(--db "$db" --port 0) i
  [ -z "${SERVER_THREADS:-}" ] || args+=(--threads "$SERVER_THREADS")
  log "starting gazette-serve ${args[*]}"
  "$bin/server/gazette-serve" "${args[@]}" > "$out/server.out" 2> "$out/server.err" &
  server=$!
  for ((i = 0; i < 300; i++)); do
    url=$(sed -n 's|^gazette-serve: listening on \(http://[^ ]*\)/$|\1|p' "$out/server.out")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || fail "gazette-serve exited before listening: $(tail -3 "$out/server.err")"
    sleep 0.1
  done
  [ -n "$url" ] || fail "gazette-serve printed no 'listening on' line in 30 s"
  log "listening on $url; warm-up: every query once, then ${warmup} s of wrk at 8 connections"
  python3 - "$url" "$queries" "$params" > "$out/warm-up.json" <<'EOF'
import http.client, json, sys, urllib.parse
url, path, params = sys.argv[1:]
host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
opened = 0
class Counting(http.client.HTTPConnection):
    def connect(self):
        global opened
        opened += 1
        super().connect()
conn = Counting(host, port, timeout=30)
status, hits, body_bytes, n = {}, 0, 0, 0
for line in open(path):
    q = line.rstrip("\n")
    if not q or q.startswith("#"):
        continue
    conn.request("GET", f"/search?q={urllib.parse.quote(q, safe='')}&{params}")
    r = conn.getresponse()
    body = r.read()
    n += 1
    status[str(r.status)] = status.get(str(r.status), 0) + 1
    body_bytes += len(body)
    if r.status == 200:
        hits += len(json.loads(body)["hits"])
    else:
        print(f"serve.sh: HTTP {r.status} for {q!r}: {body[:200]!r}", file=sys.stderr)
print(json.dumps({"queries": n, "status": status, "hits": hits,
                  "mean_body_bytes": round(body_bytes / n), "connections_opened": opened}))
EOF
  wrk -t 2 -c 8 -d "${warmup}s" --timeout "${timeout}s" -s benchmarks/serve.lua "$url" -- \
    "$queries" "$params" 2 > "$out/wrk-warm-up.txt"
}

# load C: one wrk run at C connections; OUT/wrk-C.txt (wrk's output) and OUT/load-C.json.
load() {
  local c=$1 t cpu0 cpu1 m0 m1
  t=$((c < 2 ? c : 2))
  log "wrk -t $t -c $c -d ${duration}s"
  # A second before the end: the server's open connections, how many have not been sent a
  # single byte (never answered: waiting for a worker thread since wrk connected), and how
  # many hold a request the server has not read (Recv-Q > 0). wrk cannot show the first: it
  # counts a timeout only when a late answer arrives, never for a request left unanswered.
  (sleep "$(awk "BEGIN {print ($duration > 2 ? $duration - 1 : $duration / 2)}")"
    ss -tniH state established "( sport = :${url##*:} )" > "$out/ss-$c.txt") &
  local sampler=$!
  cpu0=$(cpu_ticks "$server")
  m0=$(machine_ticks)
  /usr/bin/time -f '%U %S' -o "$out/wrk-$c.time" \
    wrk -t "$t" -c "$c" -d "${duration}s" --timeout "${timeout}s" --latency \
    -s benchmarks/serve.lua "$url" -- "$queries" "$params" "$t" > "$out/wrk-$c.txt" ||
    fail "wrk failed at $c connections: $(tail -3 "$out/wrk-$c.txt")"
  m1=$(machine_ticks)
  wait "$sampler"
  kill -0 "$server" 2>/dev/null ||
    fail "gazette-serve died during the $c-connection run: $(tail -3 "$out/server.err")"
  cpu1=$(cpu_ticks "$server")
  local wrk_user wrk_sys
  read -r wrk_user wrk_sys < "$out/wrk-$c.time"
  printf '{"connections": %s, "wrk_threads": %s, "server_cpu_s": %s, "wrk_cpu_s": %s, "machine_busy_cpu_s": %s, "server_vmhwm_kb": %s, "server_vmrss_kb": %s, "server_threads": %s, "connections_at_end": %s, "never_answered_at_end": %s, "unread_at_end": %s}\n' \
    "$c" "$t" "$(seconds "$cpu1 - $cpu0")" "$(awk "BEGIN {print $wrk_user + $wrk_sys}")" \
    "$(seconds "$m1 - $m0")" \
    "$(status_field "$server" VmHWM)" "$(status_field "$server" VmRSS)" \
    "$(status_field "$server" Threads)" \
    "$(awk '/^[0-9]/ {n++} END {print n + 0}' "$out/ss-$c.txt")" \
    "$(awk '/^[0-9]/ {n++} /bytes_sent:/ {s++} END {print n - s}' "$out/ss-$c.txt")" \
    "$(awk '/^[0-9]/ && $1 > 0 {n++} END {print n + 0}' "$out/ss-$c.txt")" > "$out/load-$c.json"
  sleep 1  # let the closed connections drain before the next run
}

report() {
  python3 - "$out" "$duration" "$connections" "$(nproc)" "$load_at_start" "$started" \
    "${SERVER_THREADS:-}" "$(git describe --always --dirty 2>/dev/null || echo unknown)" \
    "${LD_PRELOAD:-}" <<'EOF'
import json, re, sys
out, duration, conns, cores, load_start, started, threads, commit, preload = sys.argv[1:]
conns = [int(c) for c in conns.split()]
inproc = json.load(open(f"{out}/in-process.json"))
after = json.load(open(f"{out}/in-process-after.json"))
warm = json.load(open(f"{out}/warm-up.json"))
stopped = json.load(open(f"{out}/server-exit.json"))
rows = []
for c in conns:
    text = open(f"{out}/wrk-{c}.txt").read()
    m = re.search(r"^serve\.lua: (\{.*\})$", text, re.M)
    if not m:
        sys.exit(f"serve.sh: no serve.lua line in {out}/wrk-{c}.txt")
    w, extra = json.loads(m.group(1)), json.load(open(f"{out}/load-{c}.json"))
    lat, err = w["latency_us"], w["errors"]
    seconds = w["duration_us"] / 1e6
    others = max(0.0, extra["machine_busy_cpu_s"] - extra["server_cpu_s"] - extra["wrk_cpu_s"])
    row = {"connections": c, "wrk_threads": extra["wrk_threads"], "requests": w["requests"],
           "seconds": round(seconds, 2), "requests_per_s": round(w["requests"] / seconds, 1),
           "p50_ms": lat["p50"] / 1e3, "p90_ms": lat["p90"] / 1e3, "p99_ms": lat["p99"] / 1e3,
           "p999_ms": lat["p999"] / 1e3, "mean_ms": round(lat["mean"] / 1e3, 3),
           "max_ms": lat["max"] / 1e3, "mean_body_bytes": round(w["bytes"] / max(1, w["requests"])),
           "socket_errors": {k: err[k] for k in ("connect", "read", "write", "timeout")},
           "non_2xx": err["status"],
           "server_cpu_ms_per_request": round(1e3 * extra["server_cpu_s"] / max(1, w["requests"]), 3),
           "server_cpu_cores": round(extra["server_cpu_s"] / seconds, 2),
           "wrk_cpu_cores": round(extra["wrk_cpu_s"] / seconds, 2),
           "other_cpu_cores": round(others / seconds, 2),
           "server_vmhwm_kb": extra["server_vmhwm_kb"], "server_vmrss_kb": extra["server_vmrss_kb"],
           "server_threads": extra["server_threads"],
           "connections_at_end": extra["connections_at_end"],
           "never_answered_at_end": extra["never_answered_at_end"],
           "unread_request_at_end": extra["unread_at_end"]}
    row["ratios"] = {"p50": round(row["p50_ms"] / inproc["p50_ms"], 2),
                     "p99": round(row["p99_ms"] / inproc["p99_ms"], 2),
                     "throughput": round(row["requests_per_s"] / inproc["qps"], 2)}
    rows.append(row)

hits_match = warm["hits"] == inproc["hits_per_pass"] and warm["status"] == {"200": warm["queries"]}
lines = [
    f"Reuters 10x, {inproc['queries']} queries of queries/reuters.txt, GET /search?q=...&n=10&match=any "
    f"(in-process: search_latency, the same request, {inproc['runs']} passes, one thread); "
    f"wrk {duration} s per row; {cores} cores shared by wrk and gazette-serve"
    f" (--threads {threads or 'default'}){', LD_PRELOAD=' + preload if preload else ''}; "
    f"commit {commit}, {started}, load at start {load_start}.",
    "",
    "| run | requests/s | p50 ms | p99 ms | p50 / in-proc | p99 / in-proc | req/s / in-proc q/s "
    "| socket errors c/r/w/t | non-2xx | server CPU ms/req | CPU cores server / wrk / other "
    "| server peak RSS MiB | conns never answered |",
    "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|",
    f"| in-process, 1 thread | {inproc['qps']:,.0f} | {inproc['p50_ms']:.2f} | {inproc['p99_ms']:.2f} "
    f"| 1 | 1 | 1 | | | {1000 / inproc['qps']:.2f} | | | |"]
for r in rows:
    e = r["socket_errors"]
    lines.append(
        f"| HTTP, {r['connections']} conn ({r['wrk_threads']} wrk thr) | {r['requests_per_s']:,.0f} "
        f"| {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['ratios']['p50']:.2f} | {r['ratios']['p99']:.2f} "
        f"| {r['ratios']['throughput']:.2f} | {e['connect']}/{e['read']}/{e['write']}/{e['timeout']} "
        f"| {r['non_2xx']} | {r['server_cpu_ms_per_request']:.2f} "
        f"| {r['server_cpu_cores']:.2f} / {r['wrk_cpu_cores']:.2f} / {r['other_cpu_cores']:.2f} "
        f"| {r['server_vmhwm_kb'] / 1024:.0f} "
        f"| {r['never_answered_at_end']} of {r['connections_at_end']} |")
lines.append(
    f"| in-process again, after the HTTP runs | {after['qps']:,.0f} | {after['p50_ms']:.2f} "
    f"| {after['p99_ms']:.2f} | {after['p50_ms'] / inproc['p50_ms']:.2f} "
    f"| {after['p99_ms'] / inproc['p99_ms']:.2f} | {after['qps'] / inproc['qps']:.2f} | | "
    f"| {1000 / after['qps']:.2f} | | | |")
lines += ["",
          f"Warm-up: {warm['queries']} queries over keep-alive, answers {warm['status']}, "
          f"{warm['hits']} hits (in-process {inproc['hits_per_pass']}: "
          f"{'same' if hits_match else 'DIFFERENT'}), {warm['connections_opened']} connection(s) "
          f"opened for {warm['queries']} sequential requests, {warm['mean_body_bytes']:,} bytes per answer. "
          f"Server stopped by SIGTERM: {'yes, exit status ' + str(stopped.get('exit_status')) if stopped['stopped_by_sigterm'] else 'NO (killed)'}."]
text = "\n".join(lines)
print(text)
open(f"{out}/serve.md", "w").write(text + "\n")
json.dump({"meta": {"commit": commit, "started": started, "cores": int(cores),
                    "load_at_start": float(load_start), "duration_s": int(duration),
                    "server_threads": threads or None, "ld_preload": preload or None, "queries": "benchmarks/queries/reuters.txt",
                    "params": "n=10&match=any"},
           "in_process": inproc, "in_process_after": after, "warm_up": warm, "http": rows, "server_exit": stopped,
           "same_hits": hits_match},
          open(f"{out}/serve.json", "w"), indent=2)
EOF
}

main() {
  load_at_start=$(cut -d' ' -f1 /proc/loadavg)
  started=$(date -Iseconds)
  check_corpus
  [ -n "${SKIP_BUILD:-}" ] || build
  check_tools
  prepare
  [ "$command" = all ] || return 0
  rm -rf "$out" && mkdir -p "$out"
  in_process in-process
  trap stop_server EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  serve
  local c
  for c in $connections; do
    load "$c"
  done
  stop_server
  # Again after the load: if the machine slowed down meanwhile (other processes, or a VM
  # throttled after minutes of full load), this row says so.
  in_process in-process-after
  report
}

main
