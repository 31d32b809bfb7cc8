-- Baseline for `tally-bench score`: the same items through the same rule files in the
-- standalone lua5.4 interpreter (no sandbox, no Swift).
--   lua5.4 Benchmarks/score_baseline.lua ITEMS.lua RUNS rules/city [rules/county-a ...]
-- Loads the office chain's *.lua files in name order into layered environments (as the
-- host does), then times two loops, each with and without a no-op count hook every 1000
-- instructions (the host arms one):
--   call  : score(items[i], ctx) on prebuilt item tables
--   build : the item table is rebuilt field by field before each call, as the host does
-- Prints items/s (CPU time) and the same checksum as tally-bench.
local items_file, runs = arg[1], tonumber(arg[2] or "3")
local folders = {}
for i = 3, #arg do folders[#folders + 1] = arg[i] end

local function lua_files(dir)
  local p = io.popen('ls "' .. dir .. '"')
  local names = {}
  for name in p:lines() do if name:match("%.lua$") then names[#names + 1] = name end end
  p:close()
  table.sort(names)
  return names
end

-- Calendar and log stubs: the score rule must not need them.
local stub = setmetatable({}, { __index = function(_, k) return function() error("baseline: cal/log." .. k .. " not available") end end })
local base = setmetatable({ cal = stub, log = stub }, { __index = _G })
local env = base
for _, dir in ipairs(folders) do
  local layer = setmetatable({}, { __index = env })
  if env ~= base then layer.parent = env end
  for _, name in ipairs(lua_files(dir)) do
    local chunk = assert(loadfile(dir .. "/" .. name, "t", layer))
    chunk()
  end
  env = layer
end
local score = env.score

EMPTY = {}
collectgarbage("generational") -- as the host runs its states
local t0 = os.clock()
local items = dofile(items_file)
io.stderr:write(string.format("baseline: loaded %d items in %.1f s\n", #items, os.clock() - t0))
local ctx = { now = "2026-12-31T18:00:00+08:00", today = "2026-12-31", office = "bench", version = "baseline" }

-- Rebuilds an item the way the host hands it over: fresh tables with the same fields.
local function copy_strings(xs)
  local n = #xs
  if n == 0 then return EMPTY end
  if n == 1 then return { xs[1] } end
  local out = {}
  for i = 1, n do out[i] = xs[i] end
  return out
end

local function copy_adoptions(xs)
  if #xs == 0 then return EMPTY end
  local out = {}
  for i = 1, #xs do
    local a = xs[i]
    out[i] = { level = a.level, publication = a.publication, kind = a.kind, issue = a.issue, date = a.date }
  end
  return out
end

local function copy_forwardings(xs)
  if #xs == 0 then return EMPTY end
  local out = {}
  for i = 1, #xs do out[i] = { to = xs[i].to, date = xs[i].date } end
  return out
end

local function copy_instructions(xs)
  if #xs == 0 then return EMPTY end
  local out = {}
  for i = 1, #xs do
    local x = xs[i]
    out[i] = { level = x.level, principal = x.principal, leader = x.leader, date = x.date }
  end
  return out
end

local function run(build, hooked)
  if hooked then debug.sethook(function() end, "", 1000) end
  local lines, points = 0, 0
  local start = os.clock()
  for i = 1, #items do
    local it = items[i]
    if build then
      it = { id = it.id, unit = it.unit, units = copy_strings(it.units), merged = it.merged, category = it.category,
             submitted = it.submitted, authors = copy_strings(it.authors), commission = it.commission,
             adoptions = copy_adoptions(it.adoptions), forwardings = copy_forwardings(it.forwardings),
             instructions = copy_instructions(it.instructions) }
    end
    local r = score(it, ctx)
    if r then
      for j = 1, #r do lines = lines + 1 points = points + r[j].points end
    end
  end
  local elapsed = os.clock() - start
  debug.sethook()
  return elapsed, lines, points
end

local function median(xs) table.sort(xs) return xs[(#xs + 1) // 2] end
for _, mode in ipairs({ { "call", false }, { "build", true } }) do
  for _, hooked in ipairs({ false, true }) do
    local times, lines, points = {}, 0, 0
    for _ = 1, runs do
      local t
      t, lines, points = run(mode[2], hooked)
      times[#times + 1] = t
    end
    local t = median(times)
    print(string.format("lua5.4 %-5s %-9s %.3f s  %10.0f items/s  (%d lines, checksum %.2f)",
      mode[1], hooked and "hook" or "no hook", t, #items / t, lines, math.floor(points * 100 + 0.5) / 100))
  end
end
