-- compliance(fact, ctx): points for a compliance outcome (D1–D8, M1/M2).
--
-- One fact gives at most one line, dated by the fact's date and credited to the fact's
-- unit (the unit field is left out) and, when the fact names one, to that person.
-- An outcome the table does not know is an error, never silently ignored.

local COMPLIANCE_POINTS, COMPLIANCE_KIND_LABEL = COMPLIANCE_POINTS, COMPLIANCE_KIND_LABEL
local SEVERITY_LABEL = SEVERITY_LABEL
local format = string.format

-- 逾期1个工作日 / 超时25分钟 (empty when unknown or nothing to say).
local function lateness(fact)
  local due, done = fact.due, fact.done
  if due == nil or done == nil or done <= due then return "" end
  if fact.kind == "emergency" then
    return format("，超时%d分钟", cal.minutes(due, done))
  end
  local days = cal.workdays(due, done)
  if days > 0 then return format("，逾期%d个工作日", days) end
  return ""
end

-- The explanation after the base reason, e.g. （YG-2026-01，逾期2个工作日）.
local function details(fact)
  local kind = fact.kind
  if kind == "quota" then
    local required, submitted = fact.required, fact.submitted
    if required and submitted then
      return format("（%s，应报%d条，实报%d条）", fact.ref, required, submitted)
    end
    return "（" .. fact.ref .. "）"
  end
  if kind == "emergency" and fact.severity then
    local label = SEVERITY_LABEL[fact.severity] or fact.severity
    return "（" .. fact.ref .. "，" .. label .. lateness(fact) .. "）"
  end
  return "（" .. fact.ref .. lateness(fact) .. "）"
end

function compliance(fact, ctx)
  local kind, outcome = fact.kind, fact.outcome
  local rules = COMPLIANCE_POINTS[kind]
  if rules == nil then
    error(format("未知的合规事项类型 '%s'", tostring(kind)))
  end
  local rule = rules[outcome]
  if rule == nil then
    error(format("%s结果 '%s' 无法识别", COMPLIANCE_KIND_LABEL[kind], tostring(outcome)))
  end
  if rule == false then return nil end
  return {
    { code = rule.code, points = rule.points, reason = rule.reason .. details(fact), date = fact.date, person = fact.person },
  }
end
