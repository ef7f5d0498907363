-- wrk script of bench:api: each connection is one user. It takes the next request path from a list
-- (round robin per thread), sends it with one of the users' access tokens, and waits a think time
-- between requests, as a person at a console does.
-- The report (status counts, percentiles as one WRK_RESULT line) is bench/lib/wrk-report.lua's.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "../lib/wrk-report.lua")

local paths, tokens = {}, {}
local counter = 0
local think_ms = 0

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
