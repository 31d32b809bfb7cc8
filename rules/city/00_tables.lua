-- City office scoring and time-limit tables (2026 edition).
--
-- Loaded first (files load in name order, hence the "00_" prefix): the other files copy
-- these constants into module-level locals when they load. Every value is configuration;
-- the sources are DOMAIN.md "(a) Proposed default scoring rule set for a city office"
-- (nearest published rule in brackets) and DOMAIN.md §3 for time limits.
--
-- These tables are constants: never modify them at run time (rules keep no state).

RULES_EDITION = "2026"

-- Display labels (user-visible text is Simplified Chinese).
LEVEL_LABEL = { city = "市", province = "省", state = "国办" }
LEVEL_LEADER_LABEL = { city = "市", province = "省", state = "国务院" }
-- Word written after the publication's name: 市《每日要情》采用, 市《政务信息》综合采用
-- (left out when the name already contains it: 市《政务信息专报》采用).
KIND_WORD = { briefing = "", digest = "综合", special = "专报", feature = "特刊" }
SEVERITY_LABEL = {
  general = "一般", major = "较大", serious = "重大", especially_serious = "特别重大",
}

-- Within one level only the highest kind counts: this is the order of "highest".
KIND_RANK = { digest = 1, briefing = 2, special = 3, feature = 4 }

-- Adoption points per level and publication kind.
--   city:     C1 综合/简讯 +1 per contributing unit (never split, see 10_score.lua),
--             C2 《每日要情》/动态 +3 [湖州 3, 连云港 3], C3 专报 +10 [湖州, 六安 10],
--             C4 特刊/调研 +20 [湖州 20, 连云港 20].
--   province: P1 要情/综合/简讯 +10 [湖州, 连云港 10], P2 专报/单篇 +40 [湖州 10+30, 六安 40].
--             DECISION (DOMAIN.md is silent): a provincial 特刊/调研 counts as P2 (+40):
--             40 is the top of the provincial range seen (10–40), so it is not exceeded.
--   state:    N1 综合 +50 [连云港 50], N2 专报/单篇 +80 [六安 80].
--             DECISION: a 国办 要情/动态 (briefing) counts as N1 (+50) and a 国办 特刊/调研
--             as N2 (+80): the bottom and top of the 国办 range seen (50–80).
ADOPTION_POINTS = {
  city = { digest = 1, briefing = 3, special = 10, feature = 20 },
  province = { digest = 10, briefing = 10, special = 40, feature = 40 },
  state = { digest = 50, briefing = 50, special = 80, feature = 80 },
}
ADOPTION_CODE = {
  city = { digest = "C1", briefing = "C2", special = "C3", feature = "C4" },
  province = { digest = "P1", briefing = "P1", special = "P2", feature = "P2" },
  state = { digest = "N1", briefing = "N1", special = "N2", feature = "N2" },
}

-- C5: the adopted item answered a 约稿 (commissioned topic) [广元 5]. Given once per
-- item, dated by its first adoption at any level.
COMMISSION_BONUS = { code = "C5", points = 5 }

-- F1/F2: forwarding credit, separate from adoption credit; once per level, dated by the
-- first forwarding to that level.
FORWARDING = {
  province = { code = "F1", points = 3, reason = "市政府办公室转报省政府办公厅" },   -- [湖州 3, 连云港 2, 六安 5]
  state = { code = "F2", points = 10, reason = "省政府办公厅转报国务院办公厅" },     -- [连云港 10]
}

-- L1/L2/L3: leaders' written instructions (批示) on the item.
--   L1 city leader +10, mayor or party secretary (主要领导) +20 [湖州 10–20, 六安 30]
--   L2 provincial leader +30, 省主要领导 +50 [连云港, 湖州 50]
--   L3 State Council leader +100 [连云港 100].
--   DECISION: DOMAIN.md gives one value for the State Council; a 主要领导 批示 there also
--   counts +100 (the reason text still says 国务院主要领导).
INSTRUCTION_POINTS = {
  city = { code = "L1", principal = 20, other = 10 },
  province = { code = "L2", principal = 50, other = 30 },
  state = { code = "L3", principal = 100, other = 100 },
}
-- Several 批示 on one item: the highest counts in full, each further leader +50 % of
-- their own value, at most two further leaders. The same leader twice counts once.
INSTRUCTION_EXTRA_SHARE = 0.5
INSTRUCTION_MAX_EXTRA = 2

-- Compliance outcomes → points (D1–D8, M1/M2). `false` = no line for that outcome.
--   D1 约稿 late −5; D2 约稿 missing −10 [广元, 广东安监 −10].
--   D3 批示 feedback late −10 [广元 −10]. DECISION: feedback missing is also −10, the
--      source (广元) punishes "missing or late" alike; the reason text tells them apart.
--   D4 emergency 迟报 −20; D5 漏报 −50; D6 瞒报 or 谎报 −100.
--   D7 信息失实 confirmed −30 [广东安监 −30].
--   D8 leader-absence 报备 late or missing: 0 points, recorded for the quarterly notice.
--   M1 monthly quota met +2 (12 months × 2 = the 24/year cap) [常山, 梅州]; M2 missed −2.
COMPLIANCE_POINTS = {
  commission = {
    on_time = false,
    late = { code = "D1", points = -5, reason = "约稿逾期报送" },
    missing = { code = "D2", points = -10, reason = "约稿未报送" },
  },
  instruction_reply = {
    on_time = false,
    late = { code = "D3", points = -10, reason = "领导批示办理情况逾期反馈" },
    missing = { code = "D3", points = -10, reason = "领导批示办理情况未反馈" },
  },
  emergency = {
    on_time = false,
    late = { code = "D4", points = -20, reason = "突发事件信息迟报" },
    omitted = { code = "D5", points = -50, reason = "突发事件信息漏报" },
    concealed = { code = "D6", points = -100, reason = "突发事件信息瞒报" },
    ["false"] = { code = "D6", points = -100, reason = "突发事件信息谎报" },
  },
  absence = {
    on_time = false,
    late = { code = "D8", points = 0, reason = "领导干部外出报备不及时" },
    missing = { code = "D8", points = 0, reason = "领导干部外出未报备" },
  },
  quota = {
    met = { code = "M1", points = 2, reason = "月度信息报送任务完成" },
    missed = { code = "M2", points = -2, reason = "月度信息报送任务未完成" },
  },
  inaccuracy = {
    confirmed = { code = "D7", points = -30, reason = "报送信息经核实失实" },
  },
}
COMPLIANCE_KIND_LABEL = {
  commission = "约稿", instruction_reply = "批示反馈", emergency = "突发事件信息",
  absence = "外出报备", quota = "月度报送任务", inaccuracy = "信息失实",
}

-- Year-end assessment (DOMAIN.md (a), "Year-end").
AWARD_SHARE = 0.25                 -- 先进单位: top 25 % of the group (rounded, at least 1)
AWARD_TIERS = { 0.2, 0.5 }         -- cumulative shares of the award slots: 一等 20 %, 二等 up to 50 %, 三等 the rest (2:3:5)
AWARD_GRADES = { "先进一等", "先进二等", "先进三等" }
GRADE_PASS = "合格"
CONVERSION_FULL = 3                -- 折算综合考评分 = 3 × points / best points in the group
PERSON_AWARD_TOP = 20              -- 优秀信息员: top 20 eligible persons …
PERSON_MIN_ADOPTED = 5             -- … with at least 5 adopted items in the year
QUARTER_PRAISE_TOP = 10            -- quarterly notice praises the top 10 …
QUARTER_PRAISE_MIN_ADOPTED = 3     -- … with at least 3 adopted items in the quarter [潜江]
COMMISSION_MISSING_VETO = 2        -- 2+ unanswered 约稿 in a year: not eligible for 先进

-- Time limits (DOMAIN.md §3). Working days follow the official calendar (调休 included);
-- "N working days after D" never counts D itself (民法典 art. 201).
CLOSE_OF_BUSINESS = "17:30"
REMINDER_TIME = "09:00"
ABSENCE_MIN_DAYS = 2               -- 外出 2 days or more must be reported (PRODUCT.md glossary)
ABSENCE_NOTICE_WORKDAYS = 1        -- report by 17:30 of the working day before departure [盘锦 1 day]
INSTRUCTION_WORKDAYS = { urgent = 5, ordinary = 15 }   -- [平顶山 平政办〔2017〕18号: 5 / 15]
INSTRUCTION_REMIND_WORKDAYS = 2
COMMISSION_WORKDAYS = 5
COMMISSION_REMIND_WORKDAYS = 1
-- Emergencies: natural minutes, 24/7, holidays included.
--   特别重大/重大: phone 15, written 30; 较大: phone 30, written 60 [a city rule quoted
--   by a company notice, doczj]; 一般: written 2 h, no phone [武汉 武政〔2020〕27号].
EMERGENCY_MINUTES = {
  especially_serious = { phone = 15, written = 30 },
  serious = { phone = 15, written = 30 },
  major = { phone = 30, written = 60 },
  general = { written = 120 },
}
EMERGENCY_REMIND_MINUTES = 10
-- Monthly reports: the 5th of the next month at 17:30 [a district 督查专报: before the 5th];
-- a 5th that is not a working day moves to the next working day [岳阳; 民法典 art. 203].
MONTHLY_REPORT_DAY = 5
MONTHLY_REMIND_WORKDAYS = 2
