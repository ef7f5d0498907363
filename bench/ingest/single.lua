-- wrk script: one detection per request, cameras in turn (CAMERAS is a comma-separated id list).
local cameras = {}
for id in string.gmatch(os.getenv("BENCH_CAMERA_IDS"), "%d+") do cameras[#cameras + 1] = id end
local captured = os.getenv("BENCH_CAPTURED_AT")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY")

request = function()
  n = n + 1
  local body = '{"cameraId":' .. cameras[(n % #cameras) + 1] ..
    ',"plate":"BRA' .. string.format("%04d", n % 10000) .. '","confidence":0.91,"capturedAt":"' .. captured ..
    '","bbox":{"x":0.41,"y":0.62,"width":0.12,"height":0.05},"vehicle":{"type":"car","colour":"white"}' ..
    ',"alternatives":[{"plate":"8RA' .. string.format("%04d", n % 10000) .. '","confidence":0.42}]}'
  return wrk.format(nil, wrk.path, nil, body)
end
