import Testing
@testable import Cron
import WorkingDays

/// Cases ported from Quartz's own suites, with the times they expect (Quartz reads them in
/// the JVM's or CLR's local zone; here they are wall-clock `LocalTime`s):
///
/// * `quartz-scheduler/quartz`, `quartz-core/src/test/java/org/quartz/CronExpressionTest.java`
///   (cited as `Quartz testName`);
/// * `quartznet/quartznet`, `src/Quartz.Tests.Unit/CronExpressionTest.cs` (cited as
///   `Quartz.NET TestName`).
///
/// Where the two disagree, the Quartz (Java) behaviour wins: `L` in a day-of-month list
/// (`6,15,L`) is refused as in `testQuartz640`, and so is naming both day fields
/// (`testQuartz621`), which Quartz.NET 3 accepts. Quartz.NET's `FRI/2` "every other
/// Friday" and `LW-n` are not ported.
@Suite struct QuartzPortTests {
    /// Quartz's cases use years back to 2005: parse them as of 2005.
    static let then = Instant(iso: "2005-01-01T00:00:00Z")!

    struct Ported: CustomTestStringConvertible, Sendable {
        let source: String
        let text: String
        let time: String
        let expected: [String]
        var testDescription: String { "\(source): “\(text)”" }
        init(_ source: String, _ text: String, _ time: String, _ expected: [String]) {
            (self.source, self.text, self.time, self.expected) = (source, text, time, expected)
        }
    }

    static func june2007(_ days: [Int]) -> [String] { days.map { "2007-06-\(Day.pad($0, 2)) 12:00" } }

    static let fires: [Ported] = [
        .init("Quartz.NET TestCronExpressionPassingMidnight", "0 15 23 * * ?", "2005-06-01 23:16", ["2005-06-02 23:15"]),
        .init("Quartz.NET CanGetNextTimeAfterExternal_From_JsonDeserializedExpression", "0 15 23 * * ?", "2005-06-01 23:16", ["2005-06-02 23:15"]),
        .init("Quartz.NET TestCronExpressionPassingYear", "0 55 15 1 * ?", "2007-12-01 23:59:59", ["2008-01-01 15:55"]),
        .init("Quartz.NET TestHourShift", "0/5 * * * * ?", "2005-06-01 01:59:55", ["2005-06-01 02:00"]),
        .init("Quartz.NET TestMonthShift (QRTZNET-28)", "* * 1 * * ?", "2005-07-31 22:59:57", ["2005-08-01 01:00"]),
        .init("Quartz.NET TestYearChange (QRTZNET-85)", "0 12 4 ? * 3", "2007-12-28", ["2008-01-01 04:12"]),
        .init("Quartz.NET TestGetTimeAfter_QRTZNET149", "0 0 0 29 * ?", "2009-01-30", ["2009-03-29 00:00"]),
        .init("Quartz.NET TestGetTimeAfter_QRTZNET149", "0 0 0 29 * ?", "2009-12-30", ["2010-01-29 00:00"]),
        .init("Quartz.NET TestQRTZNET152_Nearest_Weekday_Expression_W", "0 5 13 5W 1-12 ?", "2009-03-08", ["2009-04-06 13:05", "2009-05-05 13:05"]),
        .init("Quartz.NET TestCronExpressionLastDayOfMonth", "0 0 12 L * ?", "2007-06-01 11:00", ["2007-06-30 12:00"]),
        .init("Quartz.NET TestCronExpressionWeekdaysMonFri", "0 0 12 ? * MON-FRI", "2007-06-01 11:00",
              june2007([1, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28, 29]) + ["2007-07-02 12:00"]),
        .init("Quartz.NET TestCronExpressionWeekdaysFriday", "0 0 12 ? * FRI", "2007-06-01 11:00", june2007([1, 8, 15, 22, 29])),
        // Seconds 58-4 wrap around the minute (Quartz.NET TestSecond).
        .init("Quartz.NET TestSecond", "58-4 5 21 ? * MON-FRI", "2007-06-01 21:04:59",
              ["2007-06-01 21:05", "2007-06-01 21:05:01", "2007-06-01 21:05:02", "2007-06-01 21:05:03", "2007-06-01 21:05:04",
               "2007-06-01 21:05:58", "2007-06-01 21:05:59", "2007-06-04 21:05"]),
        .init("Quartz.NET TestHour", "0 0/5 21-3 ? * MON-FRI", "2007-06-01 03:50",
              ["2007-06-01 03:55", "2007-06-01 21:00"]),
        .init("Quartz.NET TestDayOfWeekNumber", "58 5 21 ? * 6-2", "2007-06-01", ["2007-06-01 21:05:58", "2007-06-02 21:05:58", "2007-06-03 21:05:58", "2007-06-04 21:05:58", "2007-06-08 21:05:58"]),
        .init("Quartz.NET TestDayOfMonth", "58 5 21 28-5 1 ?", "2007-06-01", ["2008-01-01 21:05:58"]),
        .init("Quartz.NET TestMonth", "58 5 21 ? 11-2 FRI", "2007-06-01", ["2007-11-02 21:05:58"]),
    ]

    @Test(arguments: fires)
    func firesAsQuartzDoes(_ c: Ported) throws {
        let e = try quartz(c.text, now: Self.then)
        #expect(e.fires(after: c.time, c.expected.count) == c.expected)
    }

    static let matches: [Ported] = [
        .init("Quartz testIsSatisfiedBy", "0 15 10 * * ? 2005", "2005-06-01 10:15", ["true"]),
        .init("Quartz testIsSatisfiedBy", "0 15 10 * * ? 2005", "2006-06-01 10:15", ["false"]),
        .init("Quartz testIsSatisfiedBy", "0 15 10 * * ? 2005", "2005-06-01 10:16", ["false"]),
        .init("Quartz testIsSatisfiedBy", "0 15 10 * * ? 2005", "2005-06-01 10:14", ["false"]),
        .init("Quartz.NET TestIsSatisfiedBy", "0 15 10 ? * MON-FRI", "2007-06-09 10:15", ["false"]),
        .init("Quartz.NET TestIsSatisfiedBy", "0 15 10 ? * MON-FRI", "2007-06-10 10:15", ["false"]),
        .init("Quartz.NET TestIsSatisfiedBy", "0 15 10 ? * MON-FRI", "2007-06-08 10:15", ["true"]),
        .init("Quartz testLastDayOffset", "0 15 10 L-2 * ? 2010", "2010-10-29 10:15", ["true"]),
        .init("Quartz testLastDayOffset", "0 15 10 L-2 * ? 2010", "2010-10-28 10:15", ["false"]),
        .init("Quartz testLastDayOffset", "0 15 10 L-5W * ? 2010", "2010-10-26 10:15", ["true"]),
        .init("Quartz testLastDayOffset", "0 15 10 L-1 * ? 2010", "2010-10-30 10:15", ["true"]),
        .init("Quartz testLastDayOffset", "0 15 10 L-1W * ? 2010", "2010-10-29 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 1#1 2010", "2010-01-03 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 2#1 2010", "2010-01-04 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 3#1 2010", "2010-01-05 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 4#1 2010", "2010-01-06 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 5#1 2010", "2010-01-07 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 6#1 2010", "2010-01-01 10:15", ["true"]),
        .init("Quartz.NET Ensure_NthWeek_Day_IsBetween1And7", "0 15 10 ? * 7#1 2010", "2010-01-02 10:15", ["true"]),
        .init("Quartz.NET TestCronExpressionWithExtraWhiteSpace", " 30 *   * * * ?  ", "2026-04-08 00:02", ["false"]),
        .init("Quartz.NET TestCronExpressionWithExtraWhiteSpace", " 30 *   * * * ?  ", "2026-04-08 00:02:30", ["true"]),
    ]

    @Test(arguments: matches)
    func matchesAsQuartzDoes(_ c: Ported) throws {
        #expect(try quartz(c.text, now: Self.then).matches(local(c.time)) == (c.expected == ["true"]))
    }

    static let accepted: [String] = [
        "0 0 0 LW * ? *", "0 0 0 ? * 2#3 *", "0 0 0 5W * ? *", "0 0 0 ? * SUNL *",  // Quartz testLastDayOffset
        "19 15 10 4 Apr ? ",  // Quartz testQuartz571
        "0 43 9 ? * 5L",  // Quartz testQuartz640
        "0 15 10 ? * 1#1 2010", "0 15 10 ? * 1#2 2010", "0 15 10 ? * 1#3 2010", "0 15 10 ? * 1#4 2010", "0 15 10 ? * 1#5 2010",  // Quartz.NET Ensure_NthWeek_IsBetween1And5
        "0 15 10 L * ? 2010", "0 15 10 ? * L 2010",  // Quartz.NET Ensure_L_Token_CanOnlyBeUsedIn_DayOfWeek_ORDayOfMonth
        "0 0 * * * ? ", "0 0 * * * ?\t",  // Quartz.NET QuestionMark_With_ExtraWhitespace_Should_Be_Valid
        "0 0/30 * * * ?", "0 0/1 * * * ?", "0 0/30 * * */2 ?",  // Quartz.NET TestInvalidCharactersAfterAsterisk
        "0 0 18-21/1 ? * MON,TUE,WED,THU,FRI,SAT,SUN",  // Quartz.NET TestHourRangeAndSlash
        "0 15 10 * * ? 2005",  // Quartz.NET TestNormal
        "0 58-4 21 ? * MON-FRI", "58 5 21 ? * FRI-TUE", "0 0 14-6 ? * FRI-MON", "55-3 56-2 6 ? * FRI",  // Quartz.NET TestMinute, TestDayOfWeek, TestAmbiguous
        "0 15 10 6,15 * ? 2010", "0 15 10 15,31 * ? 2010",  // Quartz.NET ExpressionToString, ExpressionEquality
    ]

    @Test(arguments: accepted)
    func acceptedAsByQuartz(_ text: String) throws {
        let e = try quartz(text, now: Self.then)
        #expect(e.description == text)  // Quartz.NET ExpressionToString
        #expect(e == (try quartz(text, now: Self.then)))  // Quartz.NET ExpressionEquality, CanGetHashCode
        #expect(e.next(after: local("2005-01-01")) != nil)
    }

    static let refused: [RefusedCase] = [
        // Quartz testQuartz574
        .init(.quartz, "* * * * Foo ?", 5, "无法识别“Foo”"),
        .init(.quartz, "* * * * Jan-Foo ?", 5, "无法识别“Foo”"),
        // Quartz testQuartz621
        .init(.quartz, "0 0 * * * *", nil, "恰好有一个是“?”"),
        .init(.quartz, "0 0 * 4 * *", nil, "恰好有一个是“?”"),
        .init(.quartz, "0 0 * * * 4", nil, "恰好有一个是“?”"),
        // Quartz testQuartz640 (Quartz.NET TestQuartz640, CannotUseMultipleLastDayOfMonthInArray)
        .init(.quartz, "0 43 9 1,5,29,L * ?", 4, "同一列表"),
        .init(.quartz, "0 43 9 ? * SAT,SUN,L", 6, "同一列表"),
        .init(.quartz, "0 43 9 ? * 6,7,L", 6, "同一列表"),
        .init(.quartz, "0 15 10 L-1,L-2 * ? 2010", 4, "同一列表"),
        .init(.quartz, "0 15 10 15,L * ? 2010", 4, "同一列表"),
        // Quartz testQtz96 (Quartz.NET ShouldThrowExceptionIfWParameterMakesNoSense)
        .init(.quartz, "0/5 * * 32W 1 ?", 4, "W 前的日期 32 超出范围 1–31"),
        // Quartz test{Sec,Min,Hour,DayOfMonth,Month,DayOfWeek}RangeIntervalAfterSlash (issue #58)
        .init(.quartz, "/120 0 8-18 ? * 2-6", 1, "“/”前缺少起始值"),
        .init(.quartz, "0/120 0 8-18 ? * 2-6", 1, "步长 120 超出范围 1–60"),
        .init(.quartz, "/ 0 8-18 ? * 2-6", 1, "“/”前缺少起始值"),
        .init(.quartz, "0/ 0 8-18 ? * 2-6", 1, "“/”后必须是整数"),
        .init(.quartz, "0 /120 8-18 ? * 2-6", 2, "“/”前缺少起始值"),
        .init(.quartz, "0 0/120 8-18 ? * 2-6", 2, "步长 120 超出范围 1–60"),
        .init(.quartz, "0 / 8-18 ? * 2-6", 2, "“/”前缺少起始值"),
        .init(.quartz, "0 0/ 8-18 ? * 2-6", 2, "“/”后必须是整数"),
        .init(.quartz, "0 0 /120 ? * 2-6", 3, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0/120 ? * 2-6", 3, "步长 120 超出范围 1–24"),
        .init(.quartz, "0 0 / ? * 2-6", 3, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0/ ? * 2-6", 3, "“/”后必须是整数"),
        .init(.quartz, "0 0 0 /120 * 2-6", 4, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0 0/120 * 2-6", 4, "步长 120 超出范围 1–31"),
        .init(.quartz, "0 0 0 / * 2-6", 4, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0 0/ * 2-6", 4, "“/”后必须是整数"),
        .init(.quartz, "0 0 0 ? /120 2-6", 5, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0 ? 0/120 2-6", 5, "步长 120 超出范围 1–12"),
        .init(.quartz, "0 0 0 ? / 2-6", 5, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0 ? 0/ 2-6", 5, "“/”后必须是整数"),
        .init(.quartz, "0 0 0 ? * /120", 6, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0 ? * 0/120", 6, "步长 120 超出范围 1–7"),
        .init(.quartz, "0 0 0 ? * /", 6, "“/”前缺少起始值"),
        .init(.quartz, "0 0 0 ? * 0/", 6, "“/”后必须是整数"),
        // Quartz.NET Ensure_NthWeek_IsBetween1And5, Ensure_NthWeek_Day_IsBetween1And7
        .init(.quartz, "0 15 10 ? * 1#0 2010", 6, "# 后必须是 1–5"),
        .init(.quartz, "0 15 10 ? * 1#6 2010", 6, "# 后必须是 1–5"),
        .init(.quartz, "0 15 10 ? * 0#1 2010", 6, "取值 0 超出范围 1–7"),
        .init(.quartz, "0 15 10 ? * 8#1 2010", 6, "取值 8 超出范围 1–7"),
        .init(.quartz, "0 15 10 ? * 14#1 2010", 6, "取值 14 超出范围 1–7"),
        // Quartz.NET OffSetValue_CannontBe_GreaterThan30
        .init(.quartz, "0 15 10 15,L-31 * ? 2010", 4, "同一列表"),
        .init(.quartz, "0 15 10 L-31 * ? 2010", 4, "超出范围 0–30"),
        // Quartz.NET Ensure_L_Token_CanOnlyBeUsedIn_DayOfWeek_ORDayOfMonth
        .init(.quartz, "L 15 10 15 * ? 2010", 1, "只能用于日或星期字段"),
        .init(.quartz, "0 L 10 15 * ? 2010", 2, "只能用于日或星期字段"),
        .init(.quartz, "0 15 L 15 * ? 2010", 3, "只能用于日或星期字段"),
        .init(.quartz, "0 15 10 15 L ? 2010", 5, "只能用于日或星期字段"),
        .init(.quartz, "0 15 10 15 * ? L", 7, "只能用于日或星期字段"),
        // Quartz.NET Should_Throw_Error_When_Extra_NonWhitespace_Character_After_QuestionMark
        .init(.quartz, "0 0 * * * ?h", 6, "“?”必须单独使用"),
        .init(.quartz, "0 0 * * * ??", 6, "“?”必须单独使用"),
        .init(.quartz, "0 0 * * * ?*", 6, "“?”必须单独使用"),
        // Quartz.NET TestCronExpressionParsingIncorrectDayOfWeek
        .init(.quartz, " * * * * * 2026", 6, "取值 2026 超出范围 1–7"),
        // Quartz.NET TestInvalidCharactersAfterAsterisk, TestExtraCharactersAfterWeekDay
        .init(.quartz, "* * * ? * *A&/5:", 6, "“/”后必须是整数"),
        .init(.quartz, "* * * ? *14 ", nil, "实际为 5 个"),
        .init(.quartz, " * * ? *A&/5 *", nil, "实际为 5 个"),
        .init(.quartz, "* * ? */5 *", nil, "实际为 5 个"),
        .init(.quartz, "* * ? */52 *", nil, "实际为 5 个"),
        .init(.quartz, "0 0 15 ? * FRI*", 6, "无法识别“FRI*”"),
    ]

    @Test(arguments: refused)
    func refusedAsByQuartz(_ c: RefusedCase) throws {
        let e = try #require(parseError(c.text, .quartz, now: Self.then), "parsed, but Quartz refuses it")
        #expect(e.field == c.field, "\(e)")
        #expect(e.reason.contains(c.reason), "\(e)")
    }

    /// Quartz testQtz259, testQtz259LW (Quartz.NET TestQtz259, TestQtz259Lw): last-day
    /// offsets never give the same fire time twice.
    @Test(arguments: ["0 0 0 L-2 * ? *", "0 0 0 LW * ? *"])
    func lastDayOffsetsNeverRepeat(_ text: String) throws {
        let e = try quartz(text)
        var previous = local("2026-04-08")
        for _ in 0..<26 {
            let next = try #require(e.next(after: previous))
            #expect(next > previous)
            #expect(next.day.month != previous.day.month || previous == local("2026-04-08"))
            previous = next
        }
    }

    /// Quartz.NET TestNthWeekDayPassingMonth: `FRI#3` at 10–13:30, checked every half hour.
    @Test func nthWeekdayPassingMonth() throws {
        let e = try quartz("0 30 10-13 ? * FRI#3")
        var t = local("2008-12-19")
        for _ in 0..<200 {
            let day = t.day
            let expected = (10...13).contains(t.hour) && t.minute == 30 && day.weekday == 5 && (15...21).contains(day.components.day)
            #expect(e.matches(t) == expected, "\(t)")
            t = LocalTime(seconds: t.seconds + 1800)
        }
    }
}
