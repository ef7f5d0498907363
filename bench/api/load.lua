-- wrk script of bench:api: each connection is one user. It takes the next request path from a list
-- (round robin per thread), sends it with one of the users' access tokens, and thinks between requests
-- as a person at a console does: a random time, exponentially distributed around the mean think time
-- (the usual model of independent users). A fixed think time would keep all connections in step: they
-- open together, and each burst of 100 requests, answered one after another, stays a burst, second
-- after second, which measures the queue of a synchronised crowd rather than 100 people.
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
  -- Each wrk thread has its own Lua state, seeded alike: the address of a fresh table tells them apart.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16))
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("GET", path, { ["authorization"] = "Bearer " .. token, ["accept-encoding"] = "gzip" })
end

-- wrk asks for a delay before every request, the first one too, so the users also start spread out.
-- Bounded at five times the mean (a user who thinks longer has left).
function delay()
  return math.min(-think_ms * math.log(1 - math.random()), 5 * think_ms)
end
