-- County rule: leaders report an absence 2 working days before departure (the city asks
-- for 1) [青海 青政办〔2013〕303号 and 义马 义政办〔2020〕3号: 2 days before]. The reminders
-- move with the due day (09:00 on it and on the two working days before it). Every other
-- kind of deadline is the city's.

COUNTY_ABSENCE_NOTICE_WORKDAYS = 2

local parent_deadline = parent.deadline
local absence_deadline = absence_deadline   -- the city's helper, called with the county's notice
local NOTICE = COUNTY_ABSENCE_NOTICE_WORKDAYS

function deadline(event, ctx)
  if event.kind == "absence" then
    return absence_deadline(event, ctx, NOTICE)
  end
  return parent_deadline(event, ctx)
end
