-- compliance(): every outcome of the table, and the yearly quota cap.

local ctx = fixtures.ctx("2026-06-01T09:00:00+08:00", "city")

local function fact(kind, outcome, extra)
  local f = { kind = kind, outcome = outcome, unit = "county-a", date = "2026-05-31", ref = "R-1" }
  for k, v in pairs(extra or {}) do f[k] = v end
  return f
end

function test_compliance_every_outcome_matches_the_table()
  for kind, outcomes in pairs(COMPLIANCE_POINTS) do
    for outcome, rule in pairs(outcomes) do
      local lines = compliance(fact(kind, outcome), ctx)
      if rule == false then
        expect.eq(lines, nil, kind .. "." .. outcome)
      else
        expect.eq(#lines, 1, kind .. "." .. outcome .. " lines")
        expect.eq(lines[1].code, rule.code, kind .. "." .. outcome .. " code")
        expect.eq(lines[1].points, rule.points, kind .. "." .. outcome .. " points")
        expect.eq(lines[1].date, "2026-05-31", kind .. "." .. outcome .. " date")
        expect.eq(lines[1].unit, nil, "the fact's own unit is implied")
      end
    end
  end
end

function test_compliance_monthly_quota_caps_at_24_a_year()
  local lines = {}
  for month = 1, 12 do
    local ref = string.format("2026-%02d", month)
    local got = compliance(fact("quota", "met", { ref = ref, required = 8, submitted = 8 }), ctx)
    lines[#lines + 1] = got[1]
  end
  expect.total(lines, 24, "12 months met")
end

function test_compliance_unknown_outcomes_fail_loudly()
  expect.error(function() compliance(fact("emergency", "forgotten"), ctx) end, "无法识别", "emergency.forgotten")
  expect.error(function() compliance(fact("quota", "late"), ctx) end, "无法识别", "quota.late")
end

function test_compliance_absence_lapse_is_recorded_with_zero_points()
  local lines = compliance(fact("absence", "missing", { person = "p-leader-1" }), ctx)
  expect.eq(lines[1].points, 0)
  expect.eq(lines[1].person, "p-leader-1")
end
