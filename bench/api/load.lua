-- wrk script of bench:api: each connection is one user. It takes the next request path from a list
-- (round robin per thread), sends it with one of the users' access tokens, and waits a think time
-- between requests, as a person at a console does. At the end it prints the latency percentiles and
-- the status counts as one JSON line.
local paths, tokens = {}, {}
local counter = 0
-- A global, not a local: done() reads each thread's copy with thread:get, which sees only globals.
statuses = {}
local think_ms = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function read_lines(file)
  local out = {}
  for line in io.lines(file) do
    if line ~= "" then table.insert(out, line) end
  end
  return out
end

function init(args)
  paths = read_lines(args[1])
  tokens = read_lines(args[2])
  think_ms = tonumber(args[3]) or 0
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("GET", path, { ["authorization"] = "Bearer " .. token, ["accept-encoding"] = "gzip" })
end

function delay()
  return think_ms
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do merged[code] = (merged[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(merged) do table.insert(parts, string.format('"%d":%d', code, n)) end
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"seconds":%.3f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"errors":%d,"timeouts":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status,
    summary.errors.timeout, table.concat(parts, ",")))
end
