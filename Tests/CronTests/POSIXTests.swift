import Testing
@testable import Cron
import WorkingDays

/// An expression, the time to search after, and the fire times expected after it.
struct FiresCase: CustomTestStringConvertible, Sendable {
    let text: String
    let dayMatch: DayMatch?
    let start: String
    let expected: [String]
    var testDescription: String { "“\(text)”\(dayMatch.map { " (\($0))" } ?? "") after \(start)" }

    init(_ text: String, _ dayMatch: DayMatch? = nil, after start: String, _ expected: [String]) {
        (self.text, self.dayMatch, self.start, self.expected) = (text, dayMatch, start, expected)
    }
}

@Suite struct POSIXTests {
    static let cases: [FiresCase] = [
        // SCHEDULING.md §3: both day fields restricted. POSIX (and croniter) OR them.
        .init("0 9 13 * 5", .any, after: "2026-04-08", ["2026-04-10 09:00", "2026-04-13 09:00", "2026-04-17 09:00"]),
        .init("0 9 13 * 5", .all, after: "2026-01-01", ["2026-02-13 09:00", "2026-03-13 09:00", "2026-11-13 09:00", "2027-08-13 09:00"]),
        // `*/2` counts as restricted (no Vixie "cron bug"): OR gives odd days and Mondays.
        .init("0 9 */2 * 1", .any, after: "2026-06-01", ["2026-06-01 09:00", "2026-06-03 09:00", "2026-06-05 09:00"]),
        .init("0 9 */2 * 1", .all, after: "2026-06-01", ["2026-06-01 09:00", "2026-06-15 09:00", "2026-06-29 09:00"]),
        .init("0 0 1-31 * 1-5", .any, after: "2026-04-10", ["2026-04-11 00:00", "2026-04-12 00:00"]),
        .init("0 0 1-31 * 1-5", .all, after: "2026-04-10", ["2026-04-13 00:00", "2026-04-14 00:00"]),
        // One day field restricted: the other is `*`, day_match does not apply.
        .init("0 9 13 * *", .all, after: "2026-04-08", ["2026-04-13 09:00", "2026-05-13 09:00"]),
        .init("0 9 * * 5", .any, after: "2026-04-08", ["2026-04-10 09:00", "2026-04-17 09:00"]),
        // Strictly after: a start on a fire time moves on; seconds in the start round up.
        .init("0 9 * * *", after: "2026-04-08 09:00", ["2026-04-09 09:00"]),
        .init("* * * * *", after: "2026-04-08 09:00:30", ["2026-04-08 09:01", "2026-04-08 09:02"]),
        .init("59 23 31 12 *", after: "2026-12-31 23:59", ["2027-12-31 23:59"]),
        // Steps.
        .init("*/25 * * * *", after: "2026-04-08 10:00", ["2026-04-08 10:25", "2026-04-08 10:50", "2026-04-08 11:00", "2026-04-08 11:25"]),
        .init("10/20 * * * *", after: "2026-04-08 10:00", ["2026-04-08 10:10", "2026-04-08 10:30", "2026-04-08 10:50", "2026-04-08 11:10"]),
        .init("0 9-17/4 * * *", after: "2026-04-08", ["2026-04-08 09:00", "2026-04-08 13:00", "2026-04-08 17:00", "2026-04-09 09:00"]),
        .init("0 0 1 2/3 *", after: "2026-01-01", ["2026-02-01 00:00", "2026-05-01 00:00", "2026-08-01 00:00", "2026-11-01 00:00", "2027-02-01 00:00"]),
        .init("0 0 */10 * *", after: "2026-01-25", ["2026-01-31 00:00", "2026-02-01 00:00", "2026-02-11 00:00"]),
        .init("50-51/15 0 * * *", after: "2026-04-08", ["2026-04-08 00:50", "2026-04-09 00:50"]),
        .init("59/15 0 * * *", after: "2026-04-08", ["2026-04-08 00:59", "2026-04-09 00:59"]),
        // Lists mix values, ranges and steps.
        .init("5,10-12,*/30 8 * * *", after: "2026-04-08", ["2026-04-08 08:00", "2026-04-08 08:05", "2026-04-08 08:10", "2026-04-08 08:11", "2026-04-08 08:12", "2026-04-08 08:30"]),
        .init("5-5 0 * * *", after: "2026-04-08", ["2026-04-08 00:05", "2026-04-09 00:05"]),
        // Names, any case; weekday 0 and 7 are Sunday; 5-7 is Friday to Sunday.
        .init("0 0 1 jan,Jul *", after: "2026-04-08", ["2026-07-01 00:00", "2027-01-01 00:00"]),
        .init("0 12 * * mon-FRI", after: "2026-04-10", ["2026-04-10 12:00", "2026-04-13 12:00"]),
        .init("0 0 * * 5-7", after: "2026-04-06", ["2026-04-10 00:00", "2026-04-11 00:00", "2026-04-12 00:00", "2026-04-17 00:00"]),
        .init("0 0 * * 7", after: "2026-04-06", ["2026-04-12 00:00", "2026-04-19 00:00"]),
        .init("0 0 * * 0", after: "2026-04-06", ["2026-04-12 00:00", "2026-04-19 00:00"]),
        .init("0 0 * * Sun", after: "2026-04-06", ["2026-04-12 00:00", "2026-04-19 00:00"]),
        .init("0 0 1 JAN-MAR/2 *", after: "2026-01-01", ["2026-03-01 00:00", "2027-01-01 00:00"]),
        // `a/n` on weekdays runs to Saturday (6), as croniter; `7/n` is `0/n`.
        .init("0 0 * * 1/2", after: "2026-04-05", ["2026-04-06 00:00", "2026-04-08 00:00", "2026-04-10 00:00", "2026-04-13 00:00"]),
        .init("0 0 * * 7/2", after: "2026-04-05", ["2026-04-07 00:00", "2026-04-09 00:00", "2026-04-11 00:00", "2026-04-12 00:00"]),
        .init("0 0 * * */3", after: "2026-04-05", ["2026-04-08 00:00", "2026-04-11 00:00", "2026-04-12 00:00"]),
        // 29 February fires only in leap years; Monday 29 February once in 28 years.
        .init("0 0 29 2 *", after: "2026-01-01", ["2028-02-29 00:00", "2032-02-29 00:00"]),
        .init("0 0 29 2 1", .all, after: "2026-01-01", ["2044-02-29 00:00", "2072-02-29 00:00", "2112-02-29 00:00"]),
        .init("0 0 29 2 1", .all, after: "2196-03-01", []),
        .init("0 0 31 * *", after: "2026-04-01", ["2026-05-31 00:00", "2026-07-31 00:00", "2026-08-31 00:00"]),
        // Macros.
        .init("@yearly", after: "2026-04-08", ["2027-01-01 00:00", "2028-01-01 00:00"]),
        .init("@annually", after: "2026-04-08", ["2027-01-01 00:00"]),
        .init("@monthly", after: "2026-04-08", ["2026-05-01 00:00", "2026-06-01 00:00"]),
        .init("@weekly", after: "2026-04-08", ["2026-04-12 00:00", "2026-04-19 00:00"]),
        .init("@daily", after: "2026-04-08 00:00", ["2026-04-09 00:00"]),
        .init("@midnight", after: "2026-04-08 12:00", ["2026-04-09 00:00"]),
        .init("@HOURLY", after: "2026-04-08 12:00", ["2026-04-08 13:00", "2026-04-08 14:00"]),
        // White space: tabs, runs of spaces, a full-width space.
        .init("  0\t9  * *\u{3000}1-5 ", after: "2026-04-10 09:00", ["2026-04-13 09:00"]),
    ]

    @Test(arguments: cases)
    func fires(_ c: FiresCase) throws {
        let e = try posix(c.text, c.dayMatch)
        let got = e.fires(after: c.start, c.expected.count + 1)
        #expect(Array(got.prefix(c.expected.count)) == c.expected)
        if c.expected.isEmpty { #expect(got.isEmpty) }
    }

    @Test func stepsDoNotApplyToNamesOfTheWrongField() {
        #expect(parseError("0 0 * * JAN-MAR/2", .posix)?.reason.contains("无法识别“JAN”") == true)
    }

    @Test func matchesIsTheSameRuleAsNext() throws {
        let e = try posix("0 9 13 * 5", .any)
        #expect(e.matches(local("2026-04-10 09:00")))  // Friday
        #expect(e.matches(local("2026-04-13 09:00")))  // Monday the 13th
        #expect(!e.matches(local("2026-04-14 09:00")))
        #expect(!e.matches(local("2026-04-10 09:00:30")))  // POSIX fires on second 0
        #expect(!e.matches(local("2026-04-10 09:01")))
        let all = try posix("0 9 13 * 5", .all)
        #expect(!all.matches(local("2026-04-13 09:00")) && all.matches(local("2026-02-13 09:00")))
    }

    @Test func macrosEqualTheirExpansion() throws {
        let pairs = [("@yearly", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"), ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@hourly", "0 * * * *")]
        for (macro, fields) in pairs {
            #expect(try posix(macro).fires(after: "2026-04-08 07:30", 5) == posix(fields).fires(after: "2026-04-08 07:30", 5), "\(macro)")
        }
    }

    @Test func equivalentSpellingsAgree() throws {
        let spellings = ["0 9 * * MON-FRI", "0 9 * * 1,2,3,4,5", "0 9 * * mon,2-4,Fri", "0 9 * * 1-5/1"]
        let reference = try posix("0 9 * * 1-5").fires(after: "2026-04-01", 30)
        for s in spellings { #expect(try posix(s).fires(after: "2026-04-01", 30) == reference, "\(s)") }
        // `1/1` is Monday through Saturday and `0/7` is Sunday alone: every day.
        #expect(try posix("0 9 * * 1/1,0/7").fires(after: "2026-04-01", 7) == posix("0 9 * * *").fires(after: "2026-04-01", 7))
    }

    @Test func expressionKeepsItsTextAndCompares() throws {
        let e = try posix("0 9 13 * 5", .any)
        #expect(e.text == "0 9 13 * 5" && e.description == "0 9 13 * 5" && e.dialect == .posix)
        #expect(e == (try posix("0 9 13 * 5", .any)))
        #expect(e != (try posix("0 9 13 * 5", .all)))
    }
}
