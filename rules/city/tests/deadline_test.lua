-- deadline(): properties checked over many start days of 2026.

local ctx = fixtures.ctx("2025-12-01T09:00:00+08:00", "city")

local function event(t)
  t.id = t.id or "E-1"
  t.unit = t.unit or "county-a"
  return t
end

function test_deadline_instructions_count_working_days_from_every_day_of_2026()
  local day = "2026-01-01"
  while day <= "2026-11-30" do
    for urgency, n in pairs(INSTRUCTION_WORKDAYS) do
      local d = deadline(event{ kind = "instruction", at = cal.at(day, "10:00"), urgency = urgency }, ctx)
      local due = cal.date(d.due)
      expect.truthy(cal.is_workday(due), urgency .. " from " .. day .. " is due on a working day")
      expect.eq(cal.workdays(day, due), n, urgency .. " working days from " .. day)
      expect.eq(string.sub(d.due, 12, 16), "17:30", "close of business")
      expect.eq(d.reminders[#d.reminders].to, "unit_leader", "escalation last")
      expect.truthy(d.reminders[#d.reminders].at > d.due, "escalation after the due time")
    end
    day = cal.add_days(day, 3)
  end
end

function test_deadline_absence_is_due_the_working_day_before_departure()
  local day = "2026-01-05"
  while day <= "2026-12-20" do
    local d = deadline(event{ kind = "absence", depart = cal.at(day, "08:00"), back = cal.at(cal.add_days(day, 2), "18:00") }, ctx)
    local due = cal.date(d.due)
    expect.truthy(cal.is_workday(due), "due on a working day (departure " .. day .. ")")
    expect.truthy(due < day, "due before departure " .. day)
    expect.eq(due, cal.prev_workday(cal.add_days(day, -1)), "the last working day before departure " .. day)
    expect.eq(#d.reminders, 4, "three reminders and the office notice")
    day = cal.add_days(day, 5)
  end
end

function test_deadline_absence_shorter_than_two_days_needs_no_report()
  expect.eq(deadline(event{ kind = "absence", depart = "2026-03-10T08:00:00+08:00", back = "2026-03-10T23:00:00+08:00" }, ctx), nil)
  expect.truthy(deadline(event{ kind = "absence", depart = "2026-03-10T20:00:00+08:00", back = "2026-03-11T09:00:00+08:00" }, ctx),
    "overnight trip spans two days")
end

function test_deadline_monthly_reports_fall_on_working_days_from_the_fifth()
  for month = 1, 11 do
    local period = string.format("2026-%02d", month)
    local d = deadline(event{ kind = "monthly_report", period = period }, ctx)
    local due = cal.date(d.due)
    local fifth = string.format("2026-%02d-05", month + 1)
    expect.eq(due, cal.next_workday(fifth), period)
    expect.eq(cal.workdays(cal.date(d.reminders[1].at), due), MONTHLY_REMIND_WORKDAYS, period .. " reminder")
  end
end

function test_deadline_emergency_phone_comes_before_written_for_every_severity()
  for severity, limits in pairs(EMERGENCY_MINUTES) do
    local at = "2026-10-01T03:00:00+08:00"
    local d = deadline(event{ kind = "emergency", at = at, severity = severity }, ctx)
    expect.eq(cal.minutes(at, d.due), limits.written, severity .. " written")
    if limits.phone then
      expect.eq(cal.minutes(at, d.phone_due), limits.phone, severity .. " phone")
      expect.truthy(d.phone_due < d.due, severity .. " phone first")
    else
      expect.eq(d.phone_due, nil, severity .. " has no phone limit")
    end
  end
end

function test_deadline_past_reminders_are_dropped()
  local e = event{ kind = "commission", at = "2026-06-15T10:00:00+08:00" }
  expect.eq(#deadline(e, ctx).reminders, 1)
  expect.eq(#deadline(e, fixtures.ctx("2026-06-22T09:30:00+08:00", "city")).reminders, 0, "after the reminder time")
end
