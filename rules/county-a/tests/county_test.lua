-- County-a against its parent: what it overrides, and that the rest is the city's.
--
-- In a test file `parent` is the office under test (county-a) and `parent.parent` the
-- city, so both versions of a function can be called side by side.

local city = parent.parent
local ctx = fixtures.ctx("2026-04-01T09:00:00+08:00", "county-a")

local ITEMS = {
  { units = { "town-1" }, adoptions = { { level = "city", publication = "每日要情", kind = "briefing", date = "2026-03-03" } } },
  { units = { "town-1" }, commission = "YG-X-01",
    adoptions = { { level = "province", publication = "政务信息", kind = "digest", date = "2026-03-10" },
                  { level = "state", publication = "国务院办公厅信息", kind = "feature", date = "2026-03-30" } },
    forwardings = { { to = "province", date = "2026-03-04" }, { to = "state", date = "2026-03-15" } } },
  { units = { "town-1", "town-2", "dept-y" }, merged = true,
    adoptions = { { level = "city", publication = "政务信息", kind = "digest", date = "2026-03-05" },
                  { level = "province", publication = "政务信息专报", kind = "special", date = "2026-03-18" } },
    instructions = { { level = "city", principal = true, leader = "张某", date = "2026-03-06" },
                     { level = "province", principal = false, leader = "李某", date = "2026-03-20" } } },
}

local UPPER = { P1 = true, P2 = true, N1 = true, N2 = true }

function test_county_doubles_upper_adoptions_and_keeps_every_other_line()
  for n, facts in ipairs(ITEMS) do
    local mine = score(fixtures.item(facts), ctx)
    local theirs = city.score(fixtures.item(facts), ctx)
    expect.eq(#mine, #theirs, "item " .. n .. " line count")
    for i = 1, #mine do
      local a, b = mine[i], theirs[i]
      expect.eq(a.code, b.code, "item " .. n .. " line " .. i .. " code")
      expect.eq(a.unit, b.unit, "item " .. n .. " line " .. i .. " unit")
      expect.eq(a.date, b.date, "item " .. n .. " line " .. i .. " date")
      if UPPER[a.code] then
        expect.near(a.points, 2 * b.points, 1e-9, "item " .. n .. " line " .. i .. " doubled")
      else
        expect.eq(a.points, b.points, "item " .. n .. " line " .. i .. " unchanged")
        expect.eq(a.reason, b.reason, "item " .. n .. " line " .. i .. " reason")
      end
    end
  end
end

function test_county_items_without_facts_still_return_nil()
  expect.eq(score(fixtures.item{ units = { "town-1" } }, ctx), nil)
end

function test_county_inherits_assess_unchanged()
  expect.truthy(rawequal(assess, city.assess), "assess is the city's function")
end

function test_county_other_deadlines_are_the_citys()
  local events = {
    { kind = "instruction", id = "PS-1", unit = "town-1", at = "2026-09-28T16:00:00+08:00", urgency = "urgent" },
    { kind = "commission", id = "YG-1", unit = "town-1", at = "2026-06-15T10:00:00+08:00" },
    { kind = "emergency", id = "TF-1", unit = "town-1", at = "2026-01-01T00:10:00+08:00", severity = "serious" },
    { kind = "monthly_report", id = "YB-1", unit = "town-1", period = "2026-03" },
  }
  for _, e in ipairs(events) do
    expect.eq(deadline(e, ctx), city.deadline(e, ctx), e.kind)
  end
end

function test_county_absence_is_due_two_working_days_before_departure()
  local day = "2026-01-07"
  while day <= "2026-12-20" do
    local e = { kind = "absence", id = "BB-1", unit = "town-1", depart = cal.at(day, "08:00"), back = cal.at(cal.add_days(day, 3), "18:00") }
    local mine, theirs = deadline(e, ctx), city.deadline(e, ctx)
    expect.eq(cal.date(mine.due), cal.add_workdays(day, -2), "county due for " .. day)
    expect.eq(cal.date(theirs.due), cal.add_workdays(day, -1), "city due for " .. day)
    day = cal.add_days(day, 4)
  end
end

function test_county_absence_lapse_costs_two_points_other_facts_do_not_change()
  local late = { kind = "absence", outcome = "late", unit = "town-1", date = "2026-03-10", ref = "BB-1" }
  expect.eq(compliance(late, ctx)[1].points, -2)
  expect.eq(city.compliance(late, ctx)[1].points, 0)
  local missed = { kind = "quota", outcome = "missed", unit = "town-1", date = "2026-03-31", ref = "2026-03", required = 2, submitted = 0 }
  expect.eq(compliance(missed, ctx), city.compliance(missed, ctx))
end
