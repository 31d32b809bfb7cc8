-- wrk: item submissions through the API as a clerk. Each submission is two requests:
-- POST /api/v1/items (a draft, 201 with Location) then POST /api/v1/items/{id}/submit (200).
-- A thread keeps the ids of drafts created but not yet submitted and submits them first, so
-- drafts and submits alternate and every submission is one draft + one submit.
-- With TALLY_ONE_STEP=1 each submission is one request instead: POST /api/v1/items with
-- "submit": true (201, the item stored as submitted).
--
--   TALLY_TOKEN=… TALLY_UNIT=dept-001 [TALLY_ONE_STEP=1] wrk -t2 -c32 -d30s -s Benchmarks/wrk_submit.lua http://127.0.0.1:8080
local token = os.getenv("TALLY_TOKEN") or error("TALLY_TOKEN: a bearer token of a clerk")
local unit = os.getenv("TALLY_UNIT") or "dept-001"
local one_step = os.getenv("TALLY_ONE_STEP") == "1"
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local pending = {}
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local draft = '{"units":["' .. unit .. '"],"category":"progress","title":"压力测试：重点项目建设进展","body":"一季度，全市重点项目完成投资，同比增长。"'
  .. (one_step and ',"submit":true}' or '}')

function init(args)
  created, submitted, failed = 0, 0, 0
end

function request()
  local id = table.remove(pending)
  if id then
    return wrk.format("POST", "/api/v1/items/" .. id .. "/submit", headers, "")
  end
  return wrk.format("POST", "/api/v1/items", headers, draft)
end

function response(status, hdrs, body)
  if status == 201 and one_step then
    created = created + 1
    submitted = submitted + 1
  elseif status == 201 then
    local location = hdrs["location"] or hdrs["Location"]
    local id = location and location:match("/api/v1/items/([^/]+)$")
    if id then table.insert(pending, id); created = created + 1 else failed = failed + 1 end
  elseif status == 200 then
    submitted = submitted + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local c, s, f = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); s = s + t:get("submitted"); f = f + t:get("failed")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("drafts %d, submissions %d (%.0f submissions/s), other answers %d\n", c, s, s / seconds, f))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
