import Cron
import Testing
import WorkingDays
@testable import Scheduling

/// Reminder ladders before a deadline job, and cron triggers through the calculator.
@Suite struct RelativeTriggerTests {
    let deadline = Fixtures.job("indicators", Fixtures.workdays(.dayOfMonth(8, shift: .next, months: nil), at: "17:30"))

    func reminders(_ offsets: [String], at: String? = "09:00", _ after: String, _ through: String) -> [Fire] {
        let job = Fixtures.job("reminder", .beforeJob(job: "indicators", offsets: offsets.map { Offset($0)! }, at: at.map { TimeOfDay($0)! }))
        return fires(job, after, through, jobs: [deadline]).fires
    }

    @Test func workingDayRemindersSkipTheHolidayBeforeTheDeadline() {
        // October's deadline: the 8th (Thu, first day after 国庆), so one working day before is 09-30.
        let f = reminders(["-2wd", "-1wd"], "2026-09-20T00:00:00", "2026-10-08T23:00:00")
        #expect(f.map(\.at) == [Fixtures.t("2026-09-29T09:00:00"), Fixtures.t("2026-09-30T09:00:00")])
        #expect(f.allSatisfy { $0.subject == "indicators@2026-10-08T17:30:00+08:00" })
        #expect(f[1].explanation == "indicators（2026-10-08 17:30）前 1 个工作日 = 09-30 周三 09:00")
    }

    @Test func remindersBeforeAMovedDeadlineCountFromTheMovedDay() {
        // February's 8th is a Sunday: the deadline moves to Mon 02-09, reminders to Thu and Fri.
        let f = reminders(["-2wd", "-1wd", "0wd"], "2026-02-01T00:00:00", "2026-02-10T00:00:00")
        #expect(f.map(\.at) == ["2026-02-05T09:00:00", "2026-02-06T09:00:00", "2026-02-09T09:00:00"].map { Fixtures.t($0) })
    }

    @Test func hourRemindersCountAroundTheClock() {
        let f = reminders(["-1h", "-30m"], at: nil, "2026-05-01T00:00:00", "2026-05-31T00:00:00")
        // May's 8th is a Friday working day.
        #expect(f.map(\.at) == [Fixtures.t("2026-05-08T16:30:00"), Fixtures.t("2026-05-08T17:00:00")])
    }

    @Test func calendarDayRemindersKeepTheAnchorsTimeUnlessGivenOne() {
        let f = reminders(["-3d"], at: nil, "2026-05-01T00:00:00", "2026-05-31T00:00:00")
        #expect(f.map(\.at) == [Fixtures.t("2026-05-05T17:30:00")])
    }

    @Test func aCronTriggerExplainsHolidays() throws {
        let job = Fixtures.job("c", .cron(try CronExpression("0 9 * * 1-5", dialect: .posix)))
        let f = fires(job, "2026-09-30T10:00:00", "2026-10-02T10:00:00").fires
        #expect(f.map(\.at) == [Fixtures.t("2026-10-01T09:00:00"), Fixtures.t("2026-10-02T09:00:00")])
        #expect(f[0].explanation == "cron（posix）0 9 * * 1-5 → 2026-10-01 周四 09:00（法定节假日（国庆节））")
    }

    @Test func offsetsParseAndRefuseNonsense() {
        #expect(Offset("-3wd") == Offset(-3, .workdays))
        #expect(Offset("+2d") == Offset(2, .days))
        #expect(Offset("90m") == Offset(90, .minutes))
        for bad in ["", "wd", "-3", "3 wd", "-3w", "1.5h", "--1h", "99999m"] { #expect(Offset(bad) == nil, "\(bad)") }
        #expect(Offset(-3, .workdays).label == "前 3 个工作日")
    }

    @Test func timesOfDayParse() {
        #expect(TimeOfDay("9:00")?.description == "09:00")
        #expect(TimeOfDay("17:30:15")?.description == "17:30:15")
        for bad in ["24:00", "9", "09:60", "a:b", "09:00:60", "", "１0:00"] { #expect(TimeOfDay(bad) == nil, "\(bad)") }
    }
}
