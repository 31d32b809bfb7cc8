#!/usr/bin/env python3
"""Baseline for `tally-bench assess`/`score`: Python + lupa (Lua 5.4) scoring the same items
with the same rule files, on one core.

    python3 scripts/score_baseline_lupa.py ITEMS.lua RUNS rules/city [rules/county-a ...]

ITEMS.lua is the chunk tally-bench writes (see Sources/TallyBench/LuaItemsFile.swift). The
office chain's *.lua files are loaded in name order into layered environments, as the host
and Benchmarks/score_baseline.lua do. Two timed loops (median of RUNS, process CPU time):
  call  : score(item, ctx) on prebuilt Lua item tables, called from a Python loop
  build : each item is held as Python data and handed over as a fresh Lua table (what a
          Python host does), the result lines read back into Python
Prints items/s and the same checksum as tally-bench (lines / points).
"""
import os
import sys
import time

from lupa import lua54

items_file, runs, folders = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
lua = lua54.LuaRuntime(unpack_returned_tuples=True)

load_chain = lua.eval("""
function(folders)
  local stub = setmetatable({}, { __index = function(_, k) return function() error("baseline: cal/log." .. k .. " not available") end end })
  local base = setmetatable({ cal = stub, log = stub }, { __index = _G })
  local env = base
  for _, f in ipairs(folders) do
    local layer = setmetatable({}, { __index = env })
    if env ~= base then layer.parent = env end
    for _, path in ipairs(f) do assert(loadfile(path, "t", layer))() end
    env = layer
  end
  collectgarbage("generational")
  return env.score
end
""")
chain = [lua.table_from(sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".lua"))) for d in folders]
score = load_chain(lua.table_from(chain))

lua.execute("EMPTY = {}")
EMPTY = lua.globals().EMPTY
t0 = time.process_time()
lua_items = lua.eval(f"dofile({items_file!r})")
n = len(lua_items)
lua_items = [lua_items[i] for i in range(1, n + 1)]


def py_list(t):
    return [t[i] for i in range(1, len(t) + 1)]


def py_item(t):
    d = dict(t.items())
    for k in ("units", "authors"):
        d[k] = py_list(d[k])
    for k in ("adoptions", "forwardings", "instructions"):
        d[k] = [dict(x.items()) for x in py_list(d[k])]
    return d


py_items = [py_item(t) for t in lua_items]
sys.stderr.write(f"lupa baseline: loaded {n} items in {time.process_time() - t0:.1f} s\n")
ctx = lua.table_from({"now": "2026-12-31T18:00:00+08:00", "today": "2026-12-31", "office": "bench", "version": "baseline"})
table_from = lua.table_from


def to_lua(d):
    t = dict(d)
    for k in ("units", "authors"):
        t[k] = table_from(d[k]) if d[k] else EMPTY
    for k in ("adoptions", "forwardings", "instructions"):
        t[k] = table_from([table_from(x) for x in d[k]]) if d[k] else EMPTY
    return table_from(t)


def run(build):
    lines, points = 0, 0.0
    start = time.process_time()
    for it in (py_items if build else lua_items):
        r = score(to_lua(it) if build else it, ctx)
        if r is not None:
            for line in r.values():
                lines += 1
                points += line["points"]
    return time.process_time() - start, lines, points


for mode, build in (("call", False), ("build", True)):
    results = sorted(run(build) for _ in range(runs))
    t, lines, points = results[len(results) // 2]
    print(f"python+lupa {mode:<5} {t:.3f} s  {n / t:10.0f} items/s  ({lines} lines, checksum {round(points * 100) / 100:.2f})")
