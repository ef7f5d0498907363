-- wrk script: batches from the file BENCH_BATCH_FILE (one JSON body per line), in turn.
local bodies = {}
for line in io.lines(os.getenv("BENCH_BATCH_FILE")) do bodies[#bodies + 1] = line end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY")

request = function()
  n = n + 1
  return wrk.format(nil, wrk.path, nil, bodies[(n % #bodies) + 1])
end
