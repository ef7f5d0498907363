-- wrk script of bench:waf: every connection sends the same request (method, path, one credential header,
-- an optional JSON body read from a file) and waits a think time between requests. At the end it prints
-- the latency percentiles and the status counts as one JSON line, as bench/api/load.lua does.
local method, path, header, value, body
local think_ms = 0
local threads = {}
-- A global, not a local: done() reads each thread's copy with thread:get, which sees only globals.
statuses = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  method, path, header, value = args[1], args[2], args[3], args[4]
  if args[5] ~= "-" then
    local f = assert(io.open(args[5], "rb"))
    body = f:read("*a")
    f:close()
  end
  think_ms = tonumber(args[6]) or 0
end

function request()
  local headers = { [header] = value }
  if body then headers["content-type"] = "application/json" end
  return wrk.format(method, path, headers, body)
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
    for code, n in pairs(thread:get("statuses")) do merged[code] = (merged[code] or 0) + n end
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
