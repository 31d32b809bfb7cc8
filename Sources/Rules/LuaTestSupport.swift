/// Helpers visible to `tests/*_test.lua` files: `expect` assertions and `fixtures`
/// builders that give tables the same shape the host passes in production.
enum LuaTestSupport {
    static let prelude = #"""
    local function show(v)
      if type(v) == "string" then return string.format("%q", v) end
      if type(v) ~= "table" then return tostring(v) end
      local parts = {}
      for k, x in pairs(v) do parts[#parts + 1] = tostring(k) .. "=" .. show(x) end
      return "{" .. table.concat(parts, ", ") .. "}"
    end

    local function same(a, b)
      if type(a) ~= type(b) then return false end
      if type(a) ~= "table" then return a == b end
      for k, x in pairs(a) do if not same(x, b[k]) then return false end end
      for k in pairs(b) do if a[k] == nil then return false end end
      return true
    end

    expect = {}
    function expect.eq(actual, expected, what)
      if not same(actual, expected) then
        error((what and (what .. ": ") or "") .. "expected " .. show(expected) .. ", got " .. show(actual), 2)
      end
    end
    function expect.near(actual, expected, tolerance, what)
      tolerance = tolerance or 1e-9
      if type(actual) ~= "number" or math.abs(actual - expected) > tolerance then
        error((what and (what .. ": ") or "") .. "expected " .. tostring(expected) .. " ± " .. tostring(tolerance) .. ", got " .. show(actual), 2)
      end
    end
    function expect.truthy(value, what)
      if not value then error((what or "value") .. " should be true, got " .. show(value), 2) end
    end
    function expect.error(fn, fragment, what)
      local ok, err = pcall(fn)
      if ok then error((what or "call") .. " should have failed", 2) end
      if fragment and not string.find(tostring(err), fragment, 1, true) then
        error((what or "call") .. " failed with " .. show(err) .. ", expected a message containing " .. show(fragment), 2)
      end
    end
    function expect.total(lines, expected, what)
      local sum = 0
      for _, l in ipairs(lines or {}) do sum = sum + l.points end
      expect.near(sum, expected, 1e-9, what or "total points")
    end

    fixtures = {}
    function fixtures.item(t)
      t = t or {}
      local units = t.units or { t.unit or "unit-1" }
      return {
        id = t.id or "item-1", unit = units[1], units = units, merged = t.merged or false,
        category = t.category or "other", submitted = t.submitted or "2026-01-05",
        authors = t.authors or {}, commission = t.commission,
        adoptions = t.adoptions or {}, forwardings = t.forwardings or {}, instructions = t.instructions or {},
      }
    end
    function fixtures.ctx(now, office)
      now = now or "2026-01-05T09:00:00+08:00"
      return { now = now, today = string.sub(now, 1, 10), office = office or "test", version = "test" }
    end
    """#
}
