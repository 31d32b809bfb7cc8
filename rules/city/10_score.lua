-- score(item, ctx): the points one information item (政务信息) earns.
--
-- Combination rules (DOMAIN.md (a), "Combination rules"):
--   * levels are cumulative: city adoption + forwarding + province + 国办 + 批示;
--   * within one level only the highest publication kind counts (KIND_RANK); two
--     adoptions of the same kind at one level count once (the earlier one);
--   * several 批示: the highest in full, each further leader +50 %, at most two further;
--   * joint items (several units, not merged): every amount is split equally, one line
--     per unit, rounded to 0.01 point;
--   * merged 综合 items: C1 gives +1 to EVERY contributing unit (never split).
--     DECISION: any other points of a merged item (a higher city kind, forwarding,
--     province, 国办, 批示, C5) are split equally, as for a joint item;
--   * every line is dated by its adoption / forwarding / 批示 date, never the submission.
--
-- Line order: city adoption, C5, F1, province adoption, F2, 国办 adoption, 批示.
--
-- Hot path: ~70 % of items have nothing to score. They return nil before any table is
-- created. Constants are module-level locals (a global read walks the layer chain).

local ADOPTION_POINTS, ADOPTION_CODE, KIND_RANK = ADOPTION_POINTS, ADOPTION_CODE, KIND_RANK
local LEVEL_LABEL, LEVEL_LEADER_LABEL, KIND_WORD = LEVEL_LABEL, LEVEL_LEADER_LABEL, KIND_WORD
local CITY_POINTS, CITY_CODE = ADOPTION_POINTS.city, ADOPTION_CODE.city
local C5 = COMMISSION_BONUS
local F1, F2 = FORWARDING.province, FORWARDING.state
local INSTRUCTION_POINTS = INSTRUCTION_POINTS
local EXTRA_SHARE, MAX_EXTRA = INSTRUCTION_EXTRA_SHARE, INSTRUCTION_MAX_EXTRA
local floor, find, gsub, format, sort = math.floor, string.find, string.gsub, string.format, table.sort

local EXTRA_TEXT = format("按%d%%计", floor(EXTRA_SHARE * 100 + 0.5))

-- Rounds points to 0.01 (shares of joint items). Global: child offices may use it.
function round_points(x)
  return floor(x * 100 + 0.5) / 100
end
local round_points = round_points

-- 市《每日要情》采用, 省《政务信息》2026-12期专报采用, 市《政务信息专报》采用: level, publication
-- (brackets already in the name are dropped), issue, and the kind word unless the
-- publication's name already contains it.
-- Global: child offices may use it.
function adoption_reason(a)
  local pub = a.publication
  if find(pub, "《", 1, true) or find(pub, "》", 1, true) then
    pub = gsub(gsub(pub, "《", ""), "》", "")
  end
  local word = KIND_WORD[a.kind]
  if word ~= "" and find(pub, word, 1, true) then word = "" end
  local issue = a.issue
  if issue then
    return LEVEL_LABEL[a.level] .. "《" .. pub .. "》" .. issue .. "期" .. word .. "采用"
  end
  return LEVEL_LABEL[a.level] .. "《" .. pub .. "》" .. word .. "采用"
end
local adoption_reason = adoption_reason

-- Appends `points` for the item: one line (unit omitted = the lead unit) for a single
-- unit; for several units one line per unit with an equal share. Returns the new count.
local function add_line(lines, n, item, code, points, reason, date)
  local units = item.units
  local count = #units
  if count == 1 then
    n = n + 1
    lines[n] = { code = code, points = points, reason = reason, date = date }
    return n
  end
  local share = round_points(points / count)
  reason = reason .. format(item.merged and "（%d个单位合编，均分）" or "（%d个单位联合报送，均分）", count)
  for i = 1, count do
    n = n + 1
    lines[n] = { code = code, points = share, reason = reason, date = date, unit = units[i] }
  end
  return n
end

-- Appends `points` for EVERY unit of the item (C1: 综合 credit per contributing unit).
local function add_per_unit(lines, n, item, code, points, reason, date)
  local units = item.units
  local count = #units
  if count == 1 then
    n = n + 1
    lines[n] = { code = code, points = points, reason = reason, date = date }
    return n
  end
  reason = reason .. "（参与单位各计" .. points .. "分）"
  for i = 1, count do
    n = n + 1
    lines[n] = { code = code, points = points, reason = reason, date = date, unit = units[i] }
  end
  return n
end

local function instruction_value(s)
  local t = INSTRUCTION_POINTS[s.level]
  if s.principal then return t.principal end
  return t.other
end

-- 市主要领导批示（张某）; a further leader: 省领导批示（李某；第2位领导，按50%计）.
local function instruction_reason(s, position)
  local who = LEVEL_LEADER_LABEL[s.level] .. (s.principal and "主要领导" or "领导") .. "批示（" .. s.leader
  if position then
    return who .. "；第" .. position .. "位领导，" .. EXTRA_TEXT .. "）"
  end
  return who .. "）"
end

-- Highest value first; ties: earlier date, 主要领导, leader name, input order.
local function before(x, y)
  if x.value ~= y.value then return x.value > y.value end
  local a, b = x.fact, y.fact
  if a.date ~= b.date then return a.date < b.date end
  if a.principal ~= b.principal then return a.principal end
  if a.leader ~= b.leader then return a.leader < b.leader end
  return x.index < y.index
end

-- Several 批示 (rare): rank them, count each leader once, highest full, then at most
-- MAX_EXTRA further leaders at EXTRA_SHARE of their own value.
local function add_instructions(lines, n, item, instructions)
  local ranked = {}
  for i = 1, #instructions do
    local s = instructions[i]
    ranked[i] = { fact = s, value = instruction_value(s), index = i }
  end
  sort(ranked, before)
  local seen, counted = {}, 0
  for k = 1, #ranked do
    local s = ranked[k].fact
    if not seen[s.leader] then
      seen[s.leader] = true
      counted = counted + 1
      local code = INSTRUCTION_POINTS[s.level].code
      if counted == 1 then
        n = add_line(lines, n, item, code, ranked[k].value, instruction_reason(s), s.date)
      else
        n = add_line(lines, n, item, code, ranked[k].value * EXTRA_SHARE, instruction_reason(s, counted), s.date)
        if counted > MAX_EXTRA then break end
      end
    end
  end
  return n
end

function score(item, ctx)
  local adoptions, forwardings, instructions = item.adoptions, item.forwardings, item.instructions
  local na, nf, ni = #adoptions, #forwardings, #instructions
  if na == 0 and nf == 0 and ni == 0 then return nil end

  -- The best adoption of each level, and the first adoption date (for C5).
  local city, province, state, first
  for i = 1, na do
    local a = adoptions[i]
    local level, date = a.level, a.date
    local best
    if level == "city" then best = city elseif level == "province" then best = province else best = state end
    local better = best == nil
    if not better then
      local r, br = KIND_RANK[a.kind], KIND_RANK[best.kind]
      better = r > br or (r == br and date < best.date)
    end
    if better then
      if level == "city" then city = a elseif level == "province" then province = a else state = a end
    end
    if first == nil or date < first then first = date end
  end

  -- The first forwarding to each level.
  local to_province, to_state
  for i = 1, nf do
    local f = forwardings[i]
    local to = f.to
    if to == "province" then
      if to_province == nil or f.date < to_province then to_province = f.date end
    elseif to == "state" then
      if to_state == nil or f.date < to_state then to_state = f.date end
    end
  end

  local lines, n = {}, 0
  if city then
    local kind = city.kind
    if kind == "digest" then
      n = add_per_unit(lines, n, item, CITY_CODE.digest, CITY_POINTS.digest, adoption_reason(city), city.date)
    else
      n = add_line(lines, n, item, CITY_CODE[kind], CITY_POINTS[kind], adoption_reason(city), city.date)
    end
  end
  if first and item.commission then
    n = add_line(lines, n, item, C5.code, C5.points, "答复约稿（" .. item.commission .. "）被采用加分", first)
  end
  if to_province then
    n = add_line(lines, n, item, F1.code, F1.points, F1.reason, to_province)
  end
  if province then
    local kind = province.kind
    n = add_line(lines, n, item, ADOPTION_CODE.province[kind], ADOPTION_POINTS.province[kind], adoption_reason(province), province.date)
  end
  if to_state then
    n = add_line(lines, n, item, F2.code, F2.points, F2.reason, to_state)
  end
  if state then
    local kind = state.kind
    n = add_line(lines, n, item, ADOPTION_CODE.state[kind], ADOPTION_POINTS.state[kind], adoption_reason(state), state.date)
  end
  if ni == 1 then
    local s = instructions[1]
    n = add_line(lines, n, item, INSTRUCTION_POINTS[s.level].code, instruction_value(s), instruction_reason(s), s.date)
  elseif ni > 1 then
    n = add_instructions(lines, n, item, instructions)
  end
  if n == 0 then return nil end
  return lines
end
