-- deadline(event, ctx): when an event's follow-up is due, and whom to remind when.
--
-- Three clocks (DOMAIN.md §5): natural minutes for emergencies (24/7, holidays
-- included), working days of the official calendar (调休 included) for everything else.
-- "N working days after D" does not count D (民法典 art. 201; cal.add_workdays).
-- Reminders that would fall before ctx.now are left out (an event recorded late does
-- not set off reminders about moments already past).
--
-- absence        外出报备 (DOMAIN.md §3.2): trips of 2 days or more (shorter → nil); due
--                17:30 on the working day before departure [盘锦: 1 day before]; reminders
--                09:00 three, two and one working days before departure to unit_leader;
--                at the due time a notice to office (overdue if still not filed).
-- instruction    批示件 (§3.3, 平顶山 平政办〔2017〕18号): the 批示's own limit if given,
--                else urgent 5 / ordinary 15 working days after receipt, at 17:30
--                (no urgency given = ordinary); reminders to handler 09:00 two working days
--                before and 09:00 on the due day; escalation to unit_leader 09:00 on the
--                next working day after the due day.
-- commission     约稿: the deadline set by the office, else 5 working days at 17:30;
--                reminder to reporter 09:00 one working day before.
-- emergency      突发事件 (§3.1): phone/written minutes by severity (EMERGENCY_MINUTES);
--                reminder to reporter 10 minutes before the written due.
--                DECISION: no severity yet = 一般 until the event is graded.
-- monthly_report 月报 (§3.4): 17:30 on the 5th of the next month, moved to the next
--                working day when the 5th is not one; reminder to reporter 09:00 two
--                working days before.

local CLOSE, REMIND_AT = CLOSE_OF_BUSINESS, REMINDER_TIME
local ABSENCE_MIN_DAYS, ABSENCE_NOTICE_WORKDAYS = ABSENCE_MIN_DAYS, ABSENCE_NOTICE_WORKDAYS
local INSTRUCTION_WORKDAYS, INSTRUCTION_REMIND_WORKDAYS = INSTRUCTION_WORKDAYS, INSTRUCTION_REMIND_WORKDAYS
local COMMISSION_WORKDAYS, COMMISSION_REMIND_WORKDAYS = COMMISSION_WORKDAYS, COMMISSION_REMIND_WORKDAYS
local EMERGENCY_MINUTES, EMERGENCY_REMIND_MINUTES, SEVERITY_LABEL = EMERGENCY_MINUTES, EMERGENCY_REMIND_MINUTES, SEVERITY_LABEL
local MONTHLY_REPORT_DAY, MONTHLY_REMIND_WORKDAYS = MONTHLY_REPORT_DAY, MONTHLY_REMIND_WORKDAYS
local format, sub, match, tonumber = string.format, string.sub, string.match, tonumber

-- "2026-02-26 17:30" for notes.
-- Global: child offices may use it.
function show_time(t)
  return sub(t, 1, 10) .. " " .. sub(t, 12, 16)
end
local show_time = show_time

-- Keeps the reminders at or after `now`, in order (a new list).
-- Global: child offices may use it.
function upcoming(reminders, now)
  local kept, n = {}, 0
  for i = 1, #reminders do
    local r = reminders[i]
    if r.at >= now then
      n = n + 1
      kept[n] = r
    end
  end
  return kept
end
local upcoming = upcoming

local EVENT_LABEL = { absence = "外出报备", instruction = "批示件", commission = "约稿", emergency = "突发事件", monthly_report = "月报" }

local function need(value, what, event)
  if value == nil then
    error(format("%s（%s）缺少%s", EVENT_LABEL[event.kind] or event.kind, tostring(event.id), what))
  end
  return value
end

-- The 外出报备 deadline with `notice` working days before departure: due 17:30 on that
-- day, reminders 09:00 on the due day and the two working days before it (for notice = 1
-- that is three, two and one working days before departure), and the office's notice at
-- the due time. Nil for trips shorter than ABSENCE_MIN_DAYS calendar days (both ends
-- counted); a trip without a return time is taken to need a report.
-- Global: child offices call it with their own notice period.
function absence_deadline(event, ctx, notice)
  local depart = need(event.depart, "出发时间 depart", event)
  local back = event.back
  if back and cal.days(depart, back) + 1 < ABSENCE_MIN_DAYS then return nil end
  local leave = cal.date(depart)
  local due_day = cal.add_workdays(leave, -notice)
  local due = cal.at(due_day, CLOSE)
  local note = format("领导干部拟于%s外出，请于%s前报备（去向、事由、往返时间、代为主持工作人员及联系方式）",
    show_time(depart), show_time(due))
  return {
    due = due,
    basis = format("外出%d天及以上，出发前%d个工作日%s前报备", ABSENCE_MIN_DAYS, notice, CLOSE),
    reminders = upcoming({
      { at = cal.at(cal.add_workdays(due_day, -2), REMIND_AT), to = "unit_leader", note = note },
      { at = cal.at(cal.add_workdays(due_day, -1), REMIND_AT), to = "unit_leader", note = note },
      { at = cal.at(due_day, REMIND_AT), to = "unit_leader", note = note },
      { at = due, to = "office", note = format("外出报备截止（拟于%s出发）：尚未报备的，记为报备逾期", show_time(depart)) },
    }, ctx.now),
  }
end

-- A deadline `n` working days after `start` (start day not counted) at 17:30.
-- Global: child offices may use it.
function workdays_deadline(start, n)
  return cal.at(cal.add_workdays(start, n), CLOSE)
end

local function instruction_deadline(event, ctx)
  local due, basis
  if event.due then
    due, basis = event.due, "按批示件载明的时限反馈"
  else
    local at = need(event.at, "收到时间 at", event)
    local urgency = event.urgency or "ordinary"
    local days = INSTRUCTION_WORKDAYS[urgency]
    if days == nil then error(format("批示件（%s）的紧急程度 '%s' 无法识别（urgent 或 ordinary）", event.id, urgency)) end
    due = workdays_deadline(at, days)
    basis = format("%s：收到后%d个工作日内反馈办理情况（不含收到当日）", urgency == "urgent" and "紧急件" or "一般件", days)
  end
  local due_day = cal.date(due)
  local reminders = {
    { at = cal.at(cal.add_workdays(due_day, -INSTRUCTION_REMIND_WORKDAYS), REMIND_AT), to = "handler",
      note = format("批示件%s将于%s到期，请抓紧办理并按时反馈", event.id, show_time(due)) },
  }
  local morning = cal.at(due_day, REMIND_AT)
  if morning < due then
    reminders[2] = { at = morning, to = "handler", note = format("批示件%s今日%s到期，请按时反馈办理情况", event.id, sub(due, 12, 16)) }
  end
  reminders[#reminders + 1] = {
    at = cal.at(cal.add_workdays(due_day, 1), REMIND_AT), to = "unit_leader",
    note = format("批示件%s已于%s到期，如未反馈请督促办理并说明原因", event.id, show_time(due)),
  }
  return { due = due, basis = basis, reminders = upcoming(reminders, ctx.now) }
end

local function commission_deadline(event, ctx)
  local due, basis
  if event.due then
    due, basis = event.due, "按约稿通知载明的时限报送"
  else
    due = workdays_deadline(need(event.at, "下达时间 at", event), COMMISSION_WORKDAYS)
    basis = format("约稿下达后%d个工作日内报送（不含下达当日）", COMMISSION_WORKDAYS)
  end
  return {
    due = due,
    basis = basis,
    reminders = upcoming({
      { at = cal.at(cal.add_workdays(due, -COMMISSION_REMIND_WORKDAYS), REMIND_AT), to = "reporter",
        note = format("约稿%s将于%s截止，请按时报送", event.id, show_time(due)) },
    }, ctx.now),
  }
end

local function emergency_deadline(event, ctx)
  local at = need(event.at, "事发时间 at", event)
  local severity = event.severity or "general"
  local limits = EMERGENCY_MINUTES[severity]
  if limits == nil then
    error(format("突发事件（%s）的等级 '%s' 无法识别", event.id, severity))
  end
  local label = SEVERITY_LABEL[severity]
  local due = cal.add_minutes(at, limits.written)
  local result = { due = due }
  local basis
  if limits.phone then
    result.phone_due = cal.add_minutes(at, limits.phone)
    basis = format("%s突发事件：事发后%d分钟内电话报告、%d分钟内书面报告", label, limits.phone, limits.written)
  else
    basis = format("%s突发事件：事发后%d分钟内书面报告", label, limits.written)
  end
  if event.severity == nil then
    result.basis = basis .. "（尚未定级，暂按一般事件；自然时间，节假日不顺延）"
  else
    result.basis = basis .. "（自然时间，节假日不顺延）"
  end
  result.reminders = upcoming({
    { at = cal.add_minutes(due, -EMERGENCY_REMIND_MINUTES), to = "reporter",
      note = format("突发事件%s的书面报告将于%s截止（还有%d分钟）", event.id, show_time(due), EMERGENCY_REMIND_MINUTES) },
  }, ctx.now)
  return result
end

local function monthly_report_deadline(event, ctx)
  local period = need(event.period, "报告月份 period", event)
  local y, m = match(period, "^(%d%d%d%d)%-(%d%d)$")
  if y == nil then error(format("月报（%s）的月份 '%s' 应为 2026-05 这样的格式", event.id, period)) end
  y, m = tonumber(y), tonumber(m)
  if m == 12 then y, m = y + 1, 1 else m = m + 1 end
  local nominal = format("%04d-%02d-%02d", y, m, MONTHLY_REPORT_DAY)
  local day = cal.next_workday(nominal)
  local due = cal.at(day, CLOSE)
  local basis = format("次月%d日%s前报送，遇节假日顺延至下一个工作日", MONTHLY_REPORT_DAY, CLOSE)
  if day ~= nominal then
    local holiday = cal.holiday(nominal)
    basis = basis .. format("（%d日为%s，顺延至%d月%d日）", MONTHLY_REPORT_DAY, holiday and (holiday .. "假期") or "休息日",
      tonumber(sub(day, 6, 7)), tonumber(sub(day, 9, 10)))
  end
  return {
    due = due,
    basis = basis,
    reminders = upcoming({
      { at = cal.at(cal.add_workdays(day, -MONTHLY_REMIND_WORKDAYS), REMIND_AT), to = "reporter",
        note = format("%s月报将于%s截止，请按时报送", period, show_time(due)) },
    }, ctx.now),
  }
end

function deadline(event, ctx)
  local kind = event.kind
  if kind == "absence" then return absence_deadline(event, ctx, ABSENCE_NOTICE_WORKDAYS) end
  if kind == "instruction" then return instruction_deadline(event, ctx) end
  if kind == "commission" then return commission_deadline(event, ctx) end
  if kind == "emergency" then return emergency_deadline(event, ctx) end
  if kind == "monthly_report" then return monthly_report_deadline(event, ctx) end
  return nil
end
