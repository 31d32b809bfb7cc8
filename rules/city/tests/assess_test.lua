-- assess(): a whole group assessed the way the host does it — in rank order, with
-- eligible_rank counting only the units not vetoed so far.

local ctx = fixtures.ctx("2027-01-15T09:00:00+08:00", "city")

-- points: list in rank order; vetoes: set of positions with a 瞒报.
local function run_group(points, vetoes, period, subject, adopted)
  local results, eligible = {}, 0
  for rank = 1, #points do
    local summary = {
      subject = subject or "unit", id = "u" .. rank, name = "单位" .. rank, group = "county",
      period = period or "2026", points = points[rank], rank = rank, group_size = #points,
      eligible_rank = eligible + 1, best = points[1], submitted = 30,
      adopted = adopted or { city = 10 }, instructions = {},
      compliance = vetoes[rank] and { ["emergency.concealed"] = 1 } or {},
    }
    local r = assess(summary, ctx)
    results[rank] = r
    if not r.veto then eligible = eligible + 1 end
  end
  return results
end

local function count(results, field, value)
  local n = 0
  for _, r in ipairs(results) do if r[field] == value then n = n + 1 end end
  return n
end

local function descending(n, top)
  local p = {}
  for i = 1, n do p[i] = top - (i - 1) * 3 end
  return p
end

function test_assess_twenty_units_get_five_awards_split_1_2_2()
  local r = run_group(descending(20, 120), {})
  expect.eq(count(r, "grade", "先进一等"), 1, "一等")
  expect.eq(count(r, "grade", "先进二等"), 2, "二等")
  expect.eq(count(r, "grade", "先进三等"), 2, "三等")
  expect.eq(count(r, "grade", "合格"), 15, "合格")
  expect.eq(r[1].converted, 3, "the best unit converts to the full 3")
  expect.eq(r[6].grade, "合格", "rank 6")
end

function test_assess_vetoed_units_free_their_award_place()
  local r = run_group(descending(20, 120), { [2] = true, [4] = true })
  expect.eq(r[2].veto, true)
  expect.eq(r[2].grade, "合格", "a vetoed unit is 合格")
  expect.eq(r[7].grade, "先进三等", "rank 7 is 5th among eligible units")
  expect.eq(r[8].grade, "合格", "rank 8 is 6th among eligible units")
  expect.eq(count(r, "reward", nil), 15, "five rewards")
end

function test_assess_forty_units_split_exactly_2_3_5()
  local r = run_group(descending(40, 200), {})
  expect.eq(count(r, "grade", "先进一等"), 2)
  expect.eq(count(r, "grade", "先进二等"), 3)
  expect.eq(count(r, "grade", "先进三等"), 5)
end

function test_assess_small_groups_always_have_one_award()
  for n = 1, 6 do
    local r = run_group(descending(n, 50), {})
    local awards = n - count(r, "grade", "合格")
    expect.eq(awards, math.max(1, math.floor(n * 0.25 + 0.5)), "awards in a group of " .. n)
    expect.eq(r[1].grade, "先进一等", "the first of a group of " .. n)
  end
end

function test_assess_quarters_have_no_grade_and_no_conversion()
  local r = run_group(descending(12, 60), { [3] = true }, "2026Q2")
  for rank, x in ipairs(r) do
    expect.eq(x.grade, nil, "grade of rank " .. rank)
    expect.eq(x.converted, nil, "converted of rank " .. rank)
  end
  expect.eq(r[3].veto, true, "veto still computed")
  expect.eq(count(r, "reward", "季度通报表扬"), 10, "top 10 eligible praised")
  expect.eq(r[11].reward, "季度通报表扬", "rank 11 is 10th among eligible units")
end

function test_assess_persons_need_five_adoptions_for_the_top_twenty()
  local points = descending(30, 200)
  local r = run_group(points, {}, "2026", "person", { city = 5 })
  expect.eq(count(r, "reward", "评为2026年度优秀信息员"), 20)
  local few = run_group(points, {}, "2026", "person", { city = 2, province = 2 })
  expect.eq(count(few, "reward", nil), 30, "nobody with 4 adoptions")
  expect.eq(count(few, "veto", true), 30, "all of them vetoed with the reason")
end

function test_assess_result_uses_only_contract_fields()
  local allowed = { grade = true, veto = true, reasons = true, reward = true, penalty = true, converted = true }
  for _, r in ipairs(run_group(descending(8, 80), { [1] = true })) do
    for k in pairs(r) do expect.truthy(allowed[k], "field " .. k) end
  end
end
