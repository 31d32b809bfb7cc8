-- County rule: a leader's absence report (外出报备) filed late or not at all costs the
-- unit 2 points instead of the city's 0 (the county's 纪检 practice: 迟报/漏报 of 报备 are
-- named and held to account, DOMAIN.md §3.2). Everything else is the city's.

local parent_compliance = parent.compliance
local ABSENCE_LAPSE_POINTS = -2
local NOTE = "（本县规定扣" .. -ABSENCE_LAPSE_POINTS .. "分）"

function compliance(fact, ctx)
  local lines = parent_compliance(fact, ctx)
  if lines ~= nil and fact.kind == "absence" then
    local line = lines[1]
    line.points = ABSENCE_LAPSE_POINTS
    line.reason = line.reason .. NOTE
  end
  return lines
end
