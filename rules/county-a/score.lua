-- County rule: adoption by the province (P1/P2) or the State Council office (N1/N2)
-- counts double, the way 衢州 multiplies the upper offices' own scores (DOMAIN.md §2.4
-- pattern 3). Every other line is exactly what the city's rules give.
--
-- parent.score runs the city's function (with the city's tables); the lines it returns
-- are new tables, so adjusting them here is fine. The item itself must never be changed.

local parent_score = parent.score
local UPPER_MULTIPLIER = 2
local MULTIPLIED = { P1 = true, P2 = true, N1 = true, N2 = true }
local NOTE = "（本县规定省级以上采用×" .. UPPER_MULTIPLIER .. "）"

function score(item, ctx)
  local lines = parent_score(item, ctx)
  if lines == nil then return nil end
  for i = 1, #lines do
    local line = lines[i]
    if MULTIPLIED[line.code] then
      line.points = line.points * UPPER_MULTIPLIER
      line.reason = line.reason .. NOTE
    end
  end
  return lines
end
