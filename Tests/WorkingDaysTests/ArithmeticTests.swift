import Testing
@testable import WorkingDays

/// Deadline arithmetic on the three clocks offices use.
@Suite struct ArithmeticTests {
    let calendar = OfficialCalendarTests.calendar

    @Test(arguments: [
        // Start day not counted; holidays skipped; 调休 weekends counted.
        ("2026-02-12", 1, "2026-02-13"), ("2026-02-12", 2, "2026-02-14"), ("2026-02-12", 3, "2026-02-24"),
        ("2026-02-12", 5, "2026-02-26"), ("2026-09-30", 1, "2026-10-08"), ("2026-09-30", 2, "2026-10-09"),
        ("2026-09-30", 3, "2026-10-10"), ("2026-12-31", 0, "2026-12-31"), ("2026-02-24", -1, "2026-02-14"),
        ("2026-10-08", -1, "2026-09-30"), ("2025-12-31", 1, "2026-01-04"),
    ])
    func addingWorkdays(_ from: String, _ n: Int, _ expected: String) throws {
        #expect(try calendar.adding(workdays: n, to: Day(iso: from)!).iso == expected)
    }

    @Test func countingWorkdaysExcludesTheStartDay() throws {
        #expect(try calendar.workdays(after: Day(iso: "2026-02-12")!, through: Day(iso: "2026-02-26")!) == 5)
        #expect(try calendar.workdays(after: Day(iso: "2026-02-26")!, through: Day(iso: "2026-02-12")!) == -5)
        #expect(try calendar.workdays(after: Day(iso: "2025-12-31")!, through: Day(iso: "2026-12-31")!) == 248)
    }

    @Test func nextAndPreviousWorkday() throws {
        #expect(try calendar.nextWorkday(onOrAfter: Day(iso: "2026-10-01")!).iso == "2026-10-08")
        #expect(try calendar.previousWorkday(onOrBefore: Day(iso: "2026-10-07")!).iso == "2026-09-30")
        #expect(try calendar.nextWorkday(onOrAfter: Day(iso: "2026-10-10")!).iso == "2026-10-10")
    }

    @Test func nthWorkdayOfAMonth() throws {
        let oct = (Day(iso: "2026-10-01")!, Day(iso: "2026-10-31")!)
        #expect(try calendar.workday(1, in: oct.0, oct.1)?.iso == "2026-10-08")
        #expect(try calendar.workday(3, in: oct.0, oct.1)?.iso == "2026-10-10")
        #expect(try calendar.workday(-1, in: oct.0, oct.1)?.iso == "2026-10-30")
        #expect(try calendar.workday(40, in: oct.0, oct.1) == nil)
    }

    @Test func uncoveredYearIsAnErrorNamingTheYear() throws {
        #expect(throws: CalendarError.yearNotCovered(2027)) { try calendar.isWorkday(Day(iso: "2027-01-04")!) }
        #expect(throws: CalendarError.yearNotCovered(2027)) { try calendar.adding(workdays: 3, to: Day(iso: "2026-12-30")!) }
        #expect(CalendarError.yearNotCovered(2027).description.contains("2027"))
    }

    @Test func provisionalPlanningIsFlagged() throws {
        let provisional = calendar.provisional()
        #expect(try provisional.isWorkday(Day(iso: "2027-01-04")!))
        #expect(provisional.isProvisional(Day(iso: "2027-01-04")!))
        #expect(!provisional.isProvisional(Day(iso: "2026-01-04")!))
    }

    @Test func localOverlayAddsAndRemovesWorkingDays() throws {
        let local = calendar.with(overlay: LocalOverlay(office: "county-a",
                                                        daysOff: [Day(iso: "2026-07-15")!: "防汛停工"],
                                                        workdays: [Day(iso: "2026-07-18")!: "集中办公"]))
        #expect(try local.kind(of: Day(iso: "2026-07-15")!) == .localDayOff("防汛停工"))
        #expect(try local.isWorkday(Day(iso: "2026-07-18")!))
        #expect(try local.adding(workdays: 1, to: Day(iso: "2026-07-14")!).iso == "2026-07-16")
    }

    @Test func instantsAreShownInShanghai() throws {
        let t = try #require(Instant(iso: "2026-03-01T17:30:00Z"))
        #expect(t.iso == "2026-03-02T01:30:00+08:00")
        #expect(t.day.iso == "2026-03-02")
        #expect(Instant(iso: "2026-03-02T09:00:00+08:00")?.seconds == Instant(day: Day(iso: "2026-03-02")!, minute: 540).seconds)
        #expect(Instant(iso: "2026-03-02T09:00:00") == nil, "an offset is required")
        #expect(Instant(iso: "2026-03-02T09:00+08:00")?.iso == "2026-03-02T09:00:00+08:00")
    }

    @Test func dayArithmeticRoundTrips() {
        var d = Day(iso: "1999-12-25")!
        for _ in 0..<20_000 {
            let (y, m, dd) = d.components
            #expect(Day(year: y, month: m, day: dd) == d)
            d = d.adding(days: 1)
        }
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2026-01-01")!.weekday == 4)
    }
}
