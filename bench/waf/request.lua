-- wrk script of bench:waf: every connection sends the same request (method, path, one credential header,
-- an optional JSON body read from a file) and waits a think time between requests. The report (status
-- counts, percentiles as one WRK_RESULT line) is bench/lib/wrk-report.lua's, found beside this script.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "../lib/wrk-report.lua")

local method, path, header, value, body
local think_ms = 0

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
