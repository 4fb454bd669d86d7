-- wrk script for benchmarks/serve.sh: GET /search?q=QUERY&PARAMS, the queries of a query
-- file (search_latency's format: one a line, blank lines and '#' lines skipped) taken
-- round-robin by each thread, thread k of T starting at query (k-1)·N/T so that the threads
-- do not send the same query at the same time. Every request is built once, in init().
-- Nothing is recorded per response (no response() hook, so wrk parses no bodies); done()
-- prints one line, "serve.lua: {JSON}", with wrk's own counts and latency percentiles.
--
--   wrk -t T -c C -d 20s --latency -s benchmarks/serve.lua URL -- QUERIES PARAMS T
--   e.g. ... http://127.0.0.1:8080 -- benchmarks/queries/reuters.txt "n=10&match=any" 2

local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

-- Percent-encodes everything but the unreserved characters of RFC 3986.
local function encode(s)
  return (s:gsub("[^A-Za-z0-9%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local requests_built = {}
local count = 0
local index = 0

function init(args)
  local path, params, threads = args[1], args[2] or "", tonumber(args[3]) or 1
  local file = assert(io.open(path, "r"), "serve.lua: cannot read " .. tostring(path))
  for line in file:lines() do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local target = "/search?q=" .. encode(line)
      if params ~= "" then target = target .. "&" .. params end
      count = count + 1
      requests_built[count] = wrk.format("GET", target)
    end
  end
  file:close()
  assert(count > 0, "serve.lua: no queries in " .. path)
  index = math.floor(((id or 1) - 1) * count / threads) % count
end

function request()
  index = index % count + 1
  return requests_built[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  print(string.format(
    'serve.lua: {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "p999": %d, "mean": %.1f, ' ..
    '"max": %d, "min": %d}, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}}',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.mean, latency.max, latency.min,
    e.connect, e.read, e.write, e.status, e.timeout))
end
