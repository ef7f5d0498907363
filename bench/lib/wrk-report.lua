-- Shared by the benchmarks' wrk scripts (bench/api/load.lua, bench/waf/request.lua), loaded with dofile:
-- counts the answers by status in every thread and, at the end, prints the latency percentiles and the
-- status counts as one line, "WRK_RESULT {json}", which the Node runners parse.
local threads = {}
-- A global, not a local: done() reads each thread's copy with thread:get, which sees only globals.
statuses = {}

function setup(thread)
  table.insert(threads, thread)
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
