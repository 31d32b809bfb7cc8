import Testing
@testable import Cron
import WorkingDays

/// One refused expression: the field the error names (nil: the whole expression) and a
/// fragment of the Chinese reason.
struct RefusedCase: CustomTestStringConvertible, Sendable {
    let dialect: CronDialect
    let text: String
    let field: Int?
    let reason: String
    var testDescription: String { "\(dialect) “\(text)”" }

    init(_ dialect: CronDialect, _ text: String, _ field: Int?, _ reason: String) {
        (self.dialect, self.text, self.field, self.reason) = (dialect, text, field, reason)
    }
}

@Suite struct ParseErrorTests {
    @Test func messageNamesTheFieldInChinese() {
        let e = parseError("0 25 * * *", .posix)
        #expect(e?.description == "第2个字段（小时）：取值 25 超出范围 0–23")
        #expect(e?.field == 2 && e?.fieldName == "小时")
        #expect(parseError("0 0 25 * * ?", .quartz)?.description == "第3个字段（小时）：取值 25 超出范围 0–23")
    }

    static let posixCases: [RefusedCase] = [
        .init(.posix, "60 * * * *", 1, "取值 60 超出范围 0–59"),
        .init(.posix, "0 24 * * *", 2, "取值 24 超出范围 0–23"),
        .init(.posix, "0 0 0 * *", 3, "取值 0 超出范围 1–31"),
        .init(.posix, "0 0 32 * *", 3, "取值 32 超出范围 1–31"),
        .init(.posix, "0 0 * 0 *", 4, "取值 0 超出范围 1–12"),
        .init(.posix, "0 0 * 13 *", 4, "取值 13 超出范围 1–12"),
        .init(.posix, "0 0 * * 8", 5, "取值 8 超出范围 0–7"),
        .init(.posix, "99999999999 * * * *", 1, "取值 99999999999 超出范围 0–59"),
        .init(.posix, "0 1-24 * * *", 2, "取值 24 超出范围 0–23"),
        .init(.posix, "5-2 * * * *", 1, "范围“5-2”的起点大于终点"),
        .init(.posix, "0 0 * NOV-FEB *", 4, "起点大于终点"),
        .init(.posix, "0 0 * * 6-0", 5, "星期日可写作 7"),
        .init(.posix, "0 0 * * FRI-SUN", 5, "起点大于终点"),
        .init(.posix, "*/0 * * * *", 1, "步长不能为 0"),
        .init(.posix, "0 1-5/0 * * *", 2, "步长不能为 0"),
        .init(.posix, "*/61 * * * *", 1, "步长 61 超出范围 1–60"),
        .init(.posix, "0 */25 * * *", 2, "步长 25 超出范围 1–24"),
        .init(.posix, "0 0 * * */8", 5, "步长 8 超出范围 1–7"),
        .init(.posix, "*/x * * * *", 1, "“/”后必须是整数"),
        .init(.posix, "*/ * * * *", 1, "“/”后必须是整数"),
        .init(.posix, "/5 * * * *", 1, "“/”前缺少起始值"),
        .init(.posix, "1/2/3 * * * *", 1, "多个“/”"),
        .init(.posix, "1,,2 * * * *", 1, "空项"),
        .init(.posix, "1, * * * *", 1, "空项"),
        .init(.posix, "0 ,5 * * *", 2, "空项"),
        .init(.posix, "1- * * * *", 1, "缺少数值"),
        .init(.posix, "-1 * * * *", 1, "缺少数值"),
        .init(.posix, "0 0 * FOO *", 4, "无法识别“FOO”"),
        .init(.posix, "0 0 * JAN-FOO *", 4, "无法识别“FOO”"),
        .init(.posix, "0 0 * * MONDAY", 5, "无法识别“MONDAY”"),
        .init(.posix, "0 0 * * JAN", 5, "无法识别“JAN”"),
        .init(.posix, "0 MON * * *", 2, "无法识别“MON”，应为数字"),
        .init(.posix, "0 0 ? * *", 3, "请改用 quartz 方言"),
        .init(.posix, "0 0 * * ?", 5, "请改用 quartz 方言"),
        .init(.posix, "0 0 L * *", 3, "“L”是 Quartz 语法"),
        .init(.posix, "0 0 L-2 * *", 3, "“L-2”是 Quartz 语法"),
        .init(.posix, "0 0 LW * *", 3, "请改用 quartz 方言"),
        .init(.posix, "0 0 15W * *", 3, "“15W”是 Quartz 语法"),
        .init(.posix, "0 0 * * 5L", 5, "请改用 quartz 方言"),
        .init(.posix, "0 0 * * FRIL", 5, "请改用 quartz 方言"),
        .init(.posix, "0 0 * * 5#3", 5, "“5#3”是 Quartz 语法"),
        .init(.posix, "", nil, "表达式为空"),
        .init(.posix, "   ", nil, "表达式为空"),
        .init(.posix, "* * * *", nil, "POSIX 表达式应有 5 个字段（分 时 日 月 周），实际为 4 个"),
        .init(.posix, "0 0 9 * * ?", nil, "请改用 quartz 方言"),
        .init(.posix, "0 0 9 * * ? 2027", nil, "请改用 quartz 方言"),
        .init(.posix, "0 0 9 * * * * *", nil, "实际为 8 个"),
        .init(.posix, "@reboot", nil, "不支持 @reboot"),
        .init(.posix, "@REBOOT", nil, "不支持 @reboot"),
        .init(.posix, "@fortnightly", nil, "无法识别的宏“@fortnightly”"),
        .init(.posix, "@daily 9", nil, "实际为 2 个"),
        .init(.posix, "0 9 13 * 5", nil, "day_match: any"),
        .init(.posix, "0 9 */2 * 1", nil, "day_match: all"),
        .init(.posix, "0 9 1-31 * *,1", nil, "同时受限"),
        .init(.posix, "0 0 30 2 *", nil, "永远不会触发"),
        .init(.posix, "0 0 31 4,6,9,11 *", nil, "永远不会触发：没有任何日期"),
        .init(.posix, "0 0 30-31 feb *", nil, "永远不会触发"),
    ]

    static let quartzCases: [RefusedCase] = [
        .init(.quartz, "60 0 0 * * ?", 1, "取值 60 超出范围 0–59"),
        .init(.quartz, "0 0 0 ? * 0", 6, "取值 0 超出范围 1–7"),
        .init(.quartz, "0 0 0 ? * 8", 6, "取值 8 超出范围 1–7"),
        .init(.quartz, "0 0 0 1 1 ? 1969", 7, "取值 1969 超出范围 1970–2199"),
        .init(.quartz, "0 0 0 1 1 ? 2200", 7, "取值 2200 超出范围 1970–2199"),
        .init(.quartz, "0 0 0 1 1 ? 2030-2027", 7, "起点大于终点"),
        .init(.quartz, "0 0 0 ? * ?", nil, "不能都是“?”"),
        .init(.quartz, "0 0 0 * * *", nil, "必须恰好有一个是“?”"),
        .init(.quartz, "0 0 0 13 * FRI", nil, "不支持同时指定日和星期"),
        .init(.quartz, "0 ? 0 * * ?", 2, "“?”只能用于日或星期字段"),
        .init(.quartz, "0 0 0 * ? *", 5, "“?”只能用于日或星期字段"),
        .init(.quartz, "0 0 0 ?,1 * ?", 4, "“?”必须单独使用"),
        .init(.quartz, "0 0 0 L,15 * ?", 4, "L、W 不能与其他日期写在同一列表里"),
        .init(.quartz, "0 0 0 1W,15 * ?", 4, "同一列表"),
        .init(.quartz, "0 0 0 L-31 * ?", 4, "L- 后的偏移 31 超出范围 0–30"),
        .init(.quartz, "0 0 0 L-x * ?", 4, "L- 后必须是整数"),
        .init(.quartz, "0 0 0 0W * ?", 4, "W 前的日期 0 超出范围 1–31"),
        .init(.quartz, "0 0 0 1-5W * ?", 4, "无法识别“1-5W”"),
        .init(.quartz, "0 0 0 W * ?", 4, "无法识别“W”"),
        .init(.quartz, "0 0 0 ? * 5L,6", 6, "L、# 不能与其他星期写在同一列表里"),
        .init(.quartz, "0 0 0 ? * 6#1,6#3", 6, "同一列表"),
        .init(.quartz, "0 0 0 ? * 8L", 6, "取值 8 超出范围 1–7"),
        .init(.quartz, "0 0 0 ? * 6#", 6, "# 后必须是 1–5"),
        .init(.quartz, "0 0 0 ? * FOO#2", 6, "无法识别“FOO”"),
        .init(.quartz, "0 0 0 ? * 6W", 6, "不能用于此字段"),
        .init(.quartz, "0 0 0 1 JUL-FOO ?", 5, "无法识别“FOO”"),
        .init(.quartz, "*/0 0 0 * * ?", 1, "步长不能为 0"),
        .init(.quartz, "", nil, "表达式为空"),
        .init(.quartz, "0 0 * * *", nil, "5 个字段是 POSIX 格式，请改用 posix 方言"),
        .init(.quartz, "0 0 0 * * ? 2027 1", nil, "实际为 8 个"),
        .init(.quartz, "@daily", nil, "Quartz 方言不支持“@daily”"),
        .init(.quartz, "0 0 0 30 2 ?", nil, "永远不会触发：没有任何日期"),
        .init(.quartz, "0 0 0 31W 2,4 ?", nil, "永远不会触发"),
        .init(.quartz, "0 0 0 L-30 2 ?", nil, "永远不会触发"),
        .init(.quartz, "0 0 0 ? 2 1#5 2027", nil, "永远不会触发"),
        .init(.quartz, "0 0 0 29 2 ? 2100", nil, "永远不会触发"),
        .init(.quartz, "0 0 0 1 1 ? 2005", nil, "永远不会触发：所列年份都已过去"),
        .init(.quartz, "0 0 0 1 1 ? 2020-2025,2026", nil, "所列年份都已过去"),
    ]

    @Test(arguments: posixCases + quartzCases)
    func refused(_ c: RefusedCase) throws {
        let e = try #require(parseError(c.text, c.dialect), "parsed, but should have been refused")
        #expect(e.field == c.field, "\(e)")
        #expect(e.reason.contains(c.reason), "\(e)")
        if let field = c.field { #expect(e.description.hasPrefix("第\(field)个字段（")) }
    }

    @Test func dayMatchSettlesTheAmbiguity() throws {
        #expect(try posix("0 9 13 * 5", .any).dayMatch == .any)
        #expect(try posix("0 9 13 * 5", .all).dayMatch == .all)
        // Ignored unless both day fields are restricted.
        #expect(try posix("0 9 13 * *", .all).dayMatch == nil)
        #expect(try posix("0 9 * * 5", .any).dayMatch == nil)
        #expect(try CronExpression("0 0 9 13 * ?", dialect: .quartz, dayMatch: .all, now: testNow).dayMatch == nil)
    }

    @Test func aYearThatHasNotPassedParses() throws {
        // The year check uses `now`, with a day's margin for zones ahead of UTC.
        let now = Instant(iso: "2026-12-31T20:00:00Z")!
        #expect(parseError("0 0 0 1 1 ? 2026", .quartz, now: now)?.reason.contains("已过去") == true)
        #expect(parseError("0 0 0 31 12 ? 2026", .quartz, now: now) == nil)
        #expect(parseError("0 0 0 1 1 ? 2027", .quartz, now: now) == nil)
    }

    @Test func leapDayIsNotAnError() throws {
        #expect(parseError("0 0 29 2 *", .posix) == nil)
        #expect(parseError("0 0 0 29 2 ?", .quartz) == nil)
        #expect(parseError("0 0 0 29 2 ? 2100-2103,2104", .quartz) == nil)
    }
}
