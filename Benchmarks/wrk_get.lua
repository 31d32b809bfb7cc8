-- wrk: GET of one path with a bearer token (TALLY_TOKEN; none for /health), reporting p50/p90/p99
-- and the answers that were not 200. With TALLY_CONDITIONAL=1 the first answer's ETag is sent
-- back as If-None-Match (a dashboard polling an unchanged ranking), and 304 counts as good.
--
--   TALLY_TOKEN=… TALLY_PATH=/api/v1/rankings/live wrk -t2 -c16 -d30s -s Benchmarks/wrk_get.lua http://127.0.0.1:8080
local token = os.getenv("TALLY_TOKEN")
local path = os.getenv("TALLY_PATH") or "/health"
local conditional = os.getenv("TALLY_CONDITIONAL") == "1"
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args)
  bad = 0
  headers = {}
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  req = wrk.format("GET", path, headers)
end

function request() return req end

function response(status, answer, body)
  local etag = answer["ETag"] or answer["etag"] or answer["Etag"]
  if conditional and status == 200 and etag and not headers["If-None-Match"] then
    headers["If-None-Match"] = etag
    req = wrk.format("GET", path, headers)
  elseif status ~= 200 and not (conditional and status == 304) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("%s%s: %.0f requests/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, not 200%s: %d\n", path,
    conditional and " (If-None-Match)" or "", 
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, conditional and "/304" or "", b))
end
