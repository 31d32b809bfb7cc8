import Foundation
import Testing
@testable import WorkingDays

/// The shipped 2020–2026 data, checked against the notices' arithmetic and against an
/// independent source (the `chinese-calendar` package from PyPI).
@Suite struct OfficialCalendarTests {
    static let calendar: WorkCalendar = try! CalendarFile.load(schedules: Repository.schedules)

    @Test func coversEveryYearFrom2020To2026() {
        #expect(Self.calendar.coveredYears == Array(2020...2026))
    }

    @Test func workingDaysPerMonthOf2026() throws {
        var perMonth: [Int] = []
        for m in 1...12 {
            let first = Day(year: 2026, month: m, day: 1)!
            let last = Day(year: 2026, month: m, day: Day.daysIn(month: m, year: 2026))!
            perMonth.append(try Self.calendar.workdays(in: first, last).count)
        }
        #expect(perMonth == [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23])
        #expect(perMonth.reduce(0, +) == 248)
    }

    @Test func quarterCountsOf2026() throws {
        let q = try (1...4).map { q in
            try Self.calendar.workdays(in: Day(year: 2026, month: q * 3 - 2, day: 1)!, Day(year: 2026, month: q * 3, day: Day.daysIn(month: q * 3, year: 2026))!).count
        }
        #expect(q == [59, 61, 66, 62])
    }

    @Test(arguments: [
        ("2026-01-04", true, "调休上班（元旦）"), ("2026-02-14", true, "调休上班（春节）"), ("2026-02-28", true, "调休上班（春节）"),
        ("2026-05-09", true, "调休上班（劳动节）"), ("2026-09-20", true, "调休上班（国庆节）"), ("2026-10-10", true, "调休上班（国庆节）"),
        ("2026-02-16", false, "法定节假日（春节）"), ("2026-10-08", true, "工作日"), ("2026-10-07", false, "法定节假日（国庆节）"),
        ("2026-06-19", false, "法定节假日（端午节）"), ("2026-03-07", false, "周末"), ("2025-01-26", true, "调休上班（春节）"),
    ])
    func dayKinds(_ date: String, _ workday: Bool, _ label: String) throws {
        let kind = try Self.calendar.kind(of: Day(iso: date)!)
        #expect(kind.isWorkday == workday)
        #expect(kind.description == label)
    }

    @Test func amendmentOf2020ExtendedTheSpringFestival() throws {
        // 国办发明电〔2020〕1号 moved the end of the holiday to 2020-02-02: Saturday 02-01 was no
        // longer a working day.
        #expect(try Self.calendar.isWorkday(Day(iso: "2020-02-01")!) == false)
        #expect(try Self.calendar.isWorkday(Day(iso: "2020-01-31")!) == false)
        #expect(try Self.calendar.isWorkday(Day(iso: "2020-02-03")!) == true)
        #expect(Self.calendar.years[2020]?.notices.count == 2)
    }

    @Test func everyDayMatchesChineseCalendar() throws {
        let oracle = try Self.oracle()
        var mismatches: [String] = []
        var compared = 0
        var d = Day(iso: "2020-01-01")!
        while d <= Day(iso: "2026-12-31")! {
            guard let expected = oracle[d.iso] else { Issue.record("oracle lacks \(d)"); return }
            if try Self.calendar.isWorkday(d) != expected { mismatches.append(d.iso) }
            compared += 1
            d = d.adding(days: 1)
        }
        #expect(compared == 2557)
        #expect(mismatches.isEmpty, "days that differ from chinese-calendar: \(mismatches)")
    }

    /// Runs the PyPI oracle; CI installs `chinesecalendar` (see .ci/run).
    static func oracle() throws -> [String: Bool] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Repository.root.appendingPathComponent("Tests/oracles/calendar_oracle.py").path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "calendar_oracle.py failed (pip install chinesecalendar)"])
        }
        return try JSONDecoder().decode([String: Bool].self, from: data)
    }
}
