-- Properties of score() that the JSON cases do not spell out one by one.

local ctx = fixtures.ctx("2026-04-01T09:00:00+08:00", "city")

local function copy(v)
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = copy(x) end
  return t
end

local function adoption(level, kind, date)
  return { level = level, publication = "政务信息", kind = kind, date = date or "2026-03-03" }
end

function test_score_nothing_to_score_returns_nil()
  expect.eq(score(fixtures.item{}, ctx), nil, "plain item")
  expect.eq(score(fixtures.item{ commission = "YG-2026-01", units = { "a", "b" }, merged = true }, ctx), nil,
    "commission and several units, but nothing adopted")
  expect.eq(score(fixtures.item{ forwardings = { { to = "city", date = "2026-03-03" } } }, ctx), nil,
    "a forwarding to the city itself earns nothing")
end

function test_score_every_level_and_kind_follows_the_table()
  for level, kinds in pairs(ADOPTION_POINTS) do
    for kind, points in pairs(kinds) do
      local lines = score(fixtures.item{ adoptions = { adoption(level, kind) } }, ctx)
      expect.eq(#lines, 1, level .. "/" .. kind .. " lines")
      expect.eq(lines[1].code, ADOPTION_CODE[level][kind], level .. "/" .. kind .. " code")
      expect.eq(lines[1].points, points, level .. "/" .. kind .. " points")
      expect.eq(lines[1].date, "2026-03-03", level .. "/" .. kind .. " date")
    end
  end
end

function test_score_levels_add_up_but_one_kind_per_level()
  local lines = score(fixtures.item{ adoptions = {
    adoption("city", "briefing"), adoption("city", "feature", "2026-03-09"), adoption("city", "digest"),
    adoption("province", "special", "2026-03-12"), adoption("province", "briefing", "2026-03-11"),
    adoption("state", "digest", "2026-03-30"),
  } }, ctx)
  expect.eq(#lines, 3, "one line per level")
  expect.total(lines, 20 + 40 + 50, "C4 + P2 + N1")
end

function test_score_joint_item_splits_the_same_total()
  local facts = {
    adoptions = { adoption("city", "special"), adoption("province", "briefing", "2026-03-10") },
    forwardings = { { to = "province", date = "2026-03-04" } },
    instructions = { { level = "city", principal = true, leader = "张某", date = "2026-03-05" } },
    commission = "YG-2026-01",
  }
  local single = copy(facts)
  single.units = { "county-a" }
  local joint = copy(facts)
  joint.units = { "county-a", "dept-x" }
  local one = score(fixtures.item(single), ctx)
  local two = score(fixtures.item(joint), ctx)
  expect.total(one, 10 + 5 + 3 + 10 + 20)
  expect.total(two, 10 + 5 + 3 + 10 + 20, "joint total")
  expect.eq(#two, 2 * #one, "one line per unit")
  for i = 1, #two do
    expect.eq(two[i].unit, i % 2 == 1 and "county-a" or "dept-x", "unit of line " .. i)
  end
  for i = 1, #one do
    expect.eq(one[i].unit, nil, "a single unit's lines leave unit out")
  end
end

function test_score_merged_item_gives_c1_to_every_unit()
  local units = { "u1", "u2", "u3", "u4", "u5" }
  local lines = score(fixtures.item{ units = units, merged = true, adoptions = { adoption("city", "digest") } }, ctx)
  expect.eq(#lines, 5)
  expect.total(lines, 5, "1 point per contributing unit")
  for i = 1, 5 do expect.eq(lines[i].unit, units[i]) end
end

function test_score_instruction_bonus_is_capped_at_two_extra_leaders()
  local instructions = {}
  for i = 1, 6 do
    instructions[i] = { level = "city", principal = false, leader = "领导" .. i, date = "2026-03-0" .. i }
  end
  instructions[7] = { level = "province", principal = true, leader = "省长", date = "2026-03-20" }
  local lines = score(fixtures.item{ instructions = instructions }, ctx)
  expect.eq(#lines, 3, "highest plus two further leaders")
  expect.total(lines, 50 + 5 + 5)
  expect.eq(lines[1].reason, "省主要领导批示（省长）")
end

function test_score_does_not_modify_its_input()
  local item = fixtures.item{
    units = { "county-a", "dept-x" }, commission = "YG-2026-01",
    adoptions = { adoption("city", "briefing"), adoption("state", "special", "2026-03-30") },
    forwardings = { { to = "state", date = "2026-03-20" } },
    instructions = { { level = "city", principal = false, leader = "王某", date = "2026-03-05" },
                     { level = "state", principal = false, leader = "钱某", date = "2026-03-28" } },
  }
  local before = copy(item)
  score(item, ctx)
  expect.eq(item, before, "item after scoring")
end

function test_score_lines_use_only_contract_fields()
  local allowed = { code = true, points = true, reason = true, date = true, unit = true, person = true }
  local lines = score(fixtures.item{
    units = { "county-a", "county-b" }, merged = true, commission = "YG-2026-02",
    adoptions = { adoption("city", "digest"), adoption("province", "feature", "2026-03-15") },
    instructions = { { level = "province", principal = false, leader = "李某", date = "2026-03-16" } },
  }, ctx)
  expect.truthy(#lines > 0, "has lines")
  for i, l in ipairs(lines) do
    for k in pairs(l) do expect.truthy(allowed[k], "field " .. tostring(k) .. " of line " .. i) end
    expect.truthy(type(l.code) == "string" and type(l.points) == "number" and type(l.reason) == "string", "line " .. i .. " types")
  end
end
