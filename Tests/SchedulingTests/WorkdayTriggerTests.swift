import Testing
import WorkingDays
@testable import Scheduling

/// Working-day triggers on the official 2025–2026 calendars, including the 2026 holiday
/// blocks and their 调休 working weekends.
@Suite struct WorkdayTriggerTests {
    /// Dates of the fires of `rule` at 09:00 on the days after `after` up to `through`.
    func dates(_ rule: WorkdayRule, _ after: String, _ through: String) -> [String] {
        fires(Fixtures.job("j", Fixtures.workdays(rule)), after + "T23:59:59", through + "T23:59:59").fires.map { $0.at.day.iso }
    }

    @Test(arguments: [
        // 3rd working day of Oct 2026: 10-08 Thu, 10-09 Fri, then Sat 10-10 (调休上班).
        (WorkdayRule.nth(3, of: .month, months: nil), "2026-10-01", "2026-10-31", ["2026-10-10"]),
        // The year and Q1 start on Sun 01-04, the 元旦 make-up day.
        (.nth(1, of: .quarter, months: nil), "2025-12-31", "2026-03-31", ["2026-01-04"]),
        (.nth(1, of: .year, months: nil), "2025-12-31", "2026-12-31", ["2026-01-04"]),
        // February ends on Sat 02-28, a working day (春节 swap).
        (.nth(-1, of: .month, months: nil), "2026-02-01", "2026-02-28", ["2026-02-28"]),
        (.nth(-2, of: .month, months: nil), "2026-02-01", "2026-02-28", ["2026-02-27"]),
        // The 11th working day of Q4, the day after Q3 closes.
        (.nth(11, of: .quarter, months: nil), "2026-10-01", "2026-12-31", ["2026-10-21"]),
        (.nth(-1, of: .quarter, months: nil), "2026-07-01", "2026-09-30", ["2026-09-30"]),
        (.nth(10, of: .month, months: [1]), "2026-01-01", "2026-12-31", ["2026-01-15"]),
        // The 8th of February 2026 is a Sunday: moved to Monday.
        (.dayOfMonth(8, shift: .next, months: [2]), "2026-01-01", "2026-03-31", ["2026-02-09"]),
        // 05-05 is the last day of 劳动节.
        (.dayOfMonth(5, shift: .next, months: [5]), "2026-05-01", "2026-05-31", ["2026-05-06"]),
        // 元旦: New Year's Day moves back into the previous year.
        (.dayOfMonth(1, shift: .previous, months: [1]), "2025-12-01", "2026-01-31", ["2025-12-31"]),
        (.dayOfMonth(4, shift: .skip, months: [4]), "2026-04-01", "2026-04-30", []),
        (.dayOfMonth(-1, shift: .next, months: [2]), "2026-02-01", "2026-03-31", ["2026-02-28"]),
        (.dayOfMonth(31, shift: .next, months: [2, 3]), "2026-02-01", "2026-03-31", ["2026-03-31"]),
        // Mondays of the 春节 fortnight (02-16, 02-23) both move to Tue 02-24: one fire.
        (.dayOfWeek(1, shift: .next, months: nil), "2026-02-10", "2026-03-01", ["2026-02-24"]),
        (.dayOfWeek(1, shift: .previous, months: nil), "2026-02-10", "2026-03-01", ["2026-02-14"]),
        // Saturdays fire only when they are 调休 working days.
        (.dayOfWeek(6, shift: .skip, months: nil), "2026-02-01", "2026-03-01", ["2026-02-14", "2026-02-28"]),
        // Every working day across 春节: the Saturday make-up day counts.
        (.every(months: nil), "2026-02-11", "2026-02-25", ["2026-02-12", "2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25"]),
        (.every(months: nil), "2026-09-30", "2026-10-10", ["2026-10-08", "2026-10-09", "2026-10-10"]),
        (.every(months: [3]), "2026-02-26", "2026-03-03", ["2026-03-02", "2026-03-03"]),
    ])
    func firesOnTheRightDays(_ rule: WorkdayRule, _ after: String, _ through: String, _ expected: [String]) {
        #expect(dates(rule, after, through) == expected)
    }

    @Test func theYearHas248WorkingDaysAndTheMonthsMatchTheNotice() {
        let all = dates(.every(months: nil), "2025-12-31", "2026-12-31")
        #expect(all.count == 248)
        let perMonth = (1...12).map { m in all.filter { Int($0.dropFirst(5).prefix(2)) == m }.count }
        #expect(perMonth == [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23])
    }

    @Test func explanationsNameTheRuleTheDayAndTheSwap() {
        let job = Fixtures.job("notice", Fixtures.workdays(.nth(3, of: .month, months: nil)))
        let f = fires(job, "2026-10-01T00:00:00", "2026-10-31T23:59:59").fires
        #expect(f.map(\.explanation) == ["2026年10月第3个工作日 = 10-10 周六（调休上班（国庆节）） 09:00"])
        let moved = fires(Fixtures.job("m", Fixtures.workdays(.dayOfMonth(8, shift: .next, months: [2]), at: "17:30")),
                          "2026-02-01T00:00:00", "2026-02-28T00:00:00").fires
        #expect(moved.map(\.explanation) == ["每月8日：2026-02-08 周日为周末，顺延至 02-09 周一 17:30"])
        #expect(moved.map(\.at) == [Fixtures.t("2026-02-09T17:30:00")])
    }

    @Test func severalTimesADayFireInOrder() {
        let job = Fixtures.job("j", .workdays(.every(months: nil), at: [TimeOfDay("09:00")!, TimeOfDay("17:30")!]))
        let f = fires(job, "2026-02-13T00:00:00", "2026-02-14T23:59:59").fires.map(\.at)
        #expect(f == ["2026-02-13T09:00:00", "2026-02-13T17:30:00", "2026-02-14T09:00:00", "2026-02-14T17:30:00"].map { Fixtures.t($0) })
    }

    @Test func planningStopsWhereTheCalendarDataEnds() {
        let job = Fixtures.job("j", Fixtures.workdays(.every(months: nil)))
        let w = fires(job, "2026-12-29T00:00:00", "2027-01-08T00:00:00")
        #expect(w.fires.map { $0.at.day.iso } == ["2026-12-29", "2026-12-30", "2026-12-31"])
        #expect(w.uncoveredYear == 2027)
        #expect(w.fires.allSatisfy { !$0.provisional })
    }

    @Test func aProvisionalJobPlansPastTheDataAndSaysSo() {
        let job = Fixtures.job("j", Fixtures.workdays(.every(months: nil)), provisional: true)
        let w = fires(job, "2026-12-30T00:00:00", "2027-01-05T00:00:00")
        #expect(w.fires.map { $0.at.day.iso } == ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-04"])
        #expect(w.fires.map(\.provisional) == [false, false, true, true])
        #expect(w.fires[2].explanation.contains("2027年官方安排尚未发布"))
        #expect(w.uncoveredYear == nil)
    }

    @Test func startAndEndBoundTheFires() {
        var job = Fixtures.job("j", Fixtures.workdays(.every(months: nil)))
        job.start = Fixtures.t("2026-03-03T00:00:00")
        job.end = Fixtures.t("2026-03-05T09:00:00")
        #expect(fires(job, "2026-03-01T00:00:00", "2026-03-31T00:00:00").fires.map { $0.at.day.iso } == ["2026-03-03", "2026-03-04", "2026-03-05"])
    }
}
