-- assess(summary, ctx): grade, veto and reward of a unit or person for a period.
--
-- The host calls assess in rank order within each group; `eligible_rank` is the rank
-- among those not vetoed so far, so a veto returned here moves everyone below up.
--
-- Veto (一票否决, not eligible for 先进, any period): 瞒报/谎报/漏报 of an emergency,
-- confirmed 信息失实, 2 or more unanswered 约稿 (DOMAIN.md D2, D5, D6, D7).
-- Year periods ("2026"):
--   units:   top 25 % of group_size (rounded, at least 1) by eligible_rank are 先进, split
--            一/二/三等 about 2:3:5 (cumulative shares 20 % / 50 % of the slots, rounded,
--            at least one 一等); the others are 合格.
--            DECISION: a vetoed unit is 合格 (the veto only removes 先进 eligibility);
--            a unit with no positive points is never 先进.
--            converted = 3 × points / best, rounded to 0.01 (DECISION), 0 when best ≤ 0;
--            negative points give a negative converted score (the penalty carries over).
--   persons: 优秀信息员 (reward, no grade) for the top 20 eligible persons with at least 5
--            adopted items. Persons below 5 are vetoed with that reason, so they do not
--            take one of the 20 places (eligible_rank skips vetoed persons).
--            DECISION: adopted items = city + province + state adoptions (an item adopted
--            at two levels counts twice).
-- Quarter and month periods: no grade and no converted score; veto and reasons as above.
--   DECISION: units in the top 10 with at least 3 adopted items in the quarter get the
--   reward 季度通报表扬 (DOMAIN.md, quarterly notice [潜江]).

local AWARD_SHARE, AWARD_TIERS, AWARD_GRADES, GRADE_PASS = AWARD_SHARE, AWARD_TIERS, AWARD_GRADES, GRADE_PASS
local CONVERSION_FULL = CONVERSION_FULL
local PERSON_AWARD_TOP, PERSON_MIN_ADOPTED = PERSON_AWARD_TOP, PERSON_MIN_ADOPTED
local QUARTER_PRAISE_TOP, QUARTER_PRAISE_MIN_ADOPTED = QUARTER_PRAISE_TOP, QUARTER_PRAISE_MIN_ADOPTED
local COMMISSION_MISSING_VETO = COMMISSION_MISSING_VETO
local round_points = round_points
local floor, max, find, format, sub = math.floor, math.max, string.find, string.format, string.sub

-- Veto checks in the order reasons are listed: compliance key, reason format, minimum count.
local VETO_CHECKS = {
  { key = "emergency.concealed", text = "瞒报突发事件信息%d次", min = 1, notice = true },
  { key = "emergency.false", text = "谎报突发事件信息%d次", min = 1, notice = true },
  { key = "emergency.omitted", text = "漏报突发事件信息%d次", min = 1 },
  { key = "inaccuracy.confirmed", text = "报送信息失实%d次（经核实）", min = 1 },
  { key = "commission.missing", text = "约稿未报送%d次（" .. COMMISSION_MISSING_VETO .. "次及以上不得评先）", min = COMMISSION_MISSING_VETO },
}

-- "year", "quarter" or "month" for 2026, 2026Q2, 2026-05.
-- Global: child offices may use it.
function period_kind(period)
  if find(period, "^%d%d%d%d$") then return "year" end
  if find(period, "^%d%d%d%dQ[1-4]$") then return "quarter" end
  if find(period, "^%d%d%d%d%-[01]%d$") then return "month" end
  error(format("无法识别的考评期间 '%s'（应为 2026、2026Q2 或 2026-05）", tostring(period)))
end
local period_kind = period_kind

-- Rounds half up, at least `least`.
local function slots(x, least)
  return max(least, floor(x + 0.5))
end

-- Veto reasons from the compliance counts (a new list; empty when none).
-- Returns reasons, count, and whether a 瞒报/谎报 was among them.
-- Global: child offices may use it.
function veto_reasons(compliance)
  local reasons, n, serious = {}, 0, false
  for i = 1, #VETO_CHECKS do
    local c = VETO_CHECKS[i]
    local count = compliance[c.key] or 0
    if count >= c.min then
      n = n + 1
      reasons[n] = format(c.text, count)
      if c.notice then serious = true end
    end
  end
  return reasons, n, serious
end
local veto_reasons = veto_reasons

local function adopted_total(summary)
  local a = summary.adopted
  return (a.city or 0) + (a.province or 0) + (a.state or 0)
end

local function assess_unit_year(summary, result, reasons, n)
  local year = sub(summary.period, 1, 4)
  local best = summary.best
  if best > 0 then
    result.converted = round_points(CONVERSION_FULL * summary.points / best)
  else
    result.converted = 0
  end
  result.grade = GRADE_PASS
  if result.veto then return end
  local award = slots(summary.group_size * AWARD_SHARE, 1)
  local rank = summary.eligible_rank
  if rank > award then return end
  if summary.points <= 0 then
    reasons[n + 1] = "得分不为正，不评先进"
    return
  end
  local first = slots(award * AWARD_TIERS[1], 1)
  local second = slots(award * AWARD_TIERS[2], first)
  local tier = 3
  if rank <= first then tier = 1 elseif rank <= second then tier = 2 end
  result.grade = AWARD_GRADES[tier]
  result.reward = format("通报表扬，授予“%s年度政务信息工作先进单位”称号（%s）", year, AWARD_GRADES[tier])
  reasons[n + 1] = format("剔除否决单位后排名第%d，本组先进名额%d个（一等%d个、二等%d个、三等%d个）",
    rank, award, first, second - first, award - second)
end

local function assess_person_year(summary, result, reasons, n)
  if result.veto then return end
  local adopted = adopted_total(summary)
  if adopted < PERSON_MIN_ADOPTED then
    result.veto = true
    reasons[n + 1] = format("全年采用信息%d条，不足%d条，不参评优秀信息员", adopted, PERSON_MIN_ADOPTED)
    return
  end
  if summary.eligible_rank <= PERSON_AWARD_TOP and summary.points > 0 then
    result.reward = format("评为%s年度优秀信息员", sub(summary.period, 1, 4))
    reasons[n + 1] = format("全年采用信息%d条，符合条件人员中排名第%d", adopted, summary.eligible_rank)
  end
end

function assess(summary, ctx)
  local kind = period_kind(summary.period)
  local reasons, n, serious = veto_reasons(summary.compliance)
  local result = { veto = n > 0, reasons = reasons }
  if n > 0 then
    result.penalty = serious and "通报批评，取消年度评先评优资格" or "取消年度评先评优资格"
  end
  if kind == "year" then
    if summary.subject == "unit" then
      assess_unit_year(summary, result, reasons, n)
    else
      assess_person_year(summary, result, reasons, n)
    end
  elseif kind == "quarter" and summary.subject == "unit" and not result.veto
      and summary.eligible_rank <= QUARTER_PRAISE_TOP and summary.points > 0
      and adopted_total(summary) >= QUARTER_PRAISE_MIN_ADOPTED then
    result.reward = "季度通报表扬"
  end
  return result
end
