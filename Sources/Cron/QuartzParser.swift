/// The Quartz dialect: `second minute hour day-of-month month day-of-week [year]`, with
/// `?`, `L`, `W` and `#`, weekdays 1 = SUN … 7 = SAT, and ranges that wrap (`FRI-MON`).
enum QuartzParser {
    static func parse(_ text: String) throws(CronError) -> Schedule {
        let fields = splitFields(text)
        if fields.count == 1, fields[0].hasPrefix("@") {
            throw CronError(reason: "Quartz 方言不支持“\(fields[0])”这类宏，请写出全部字段（如每天零点写作 0 0 0 * * ?）")
        }
        guard fields.count == 6 || fields.count == 7 else {
            if fields.isEmpty { throw CronError(reason: "表达式为空") }
            let hint = fields.count == 5 ? "；5 个字段是 POSIX 格式，请改用 posix 方言" : ""
            throw CronError(reason: "Quartz 表达式应有 6 或 7 个字段（秒 分 时 日 月 周 [年]），实际为 \(fields.count) 个\(hint)")
        }
        let kinds: [FieldSpec.Kind] = [.second, .minute, .hour, .dayOfMonth, .month, .dayOfWeek, .year]
        let specs = kinds.enumerated().map { FieldSpec($0.element, .quartz, position: $0.offset + 1) }
        for (i, field) in fields.enumerated() where field.contains("?") {
            guard specs[i].kind == .dayOfMonth || specs[i].kind == .dayOfWeek else { throw specs[i].error("“?”只能用于日或星期字段") }
            guard field == "?" else { throw specs[i].error("“?”必须单独使用，实际为“\(field)”") }
        }
        let seconds = try specs[0].parseList(fields[0])
        let minutes = try specs[1].parseList(fields[1])
        let hours = try specs[2].parseList(fields[2])
        let monthDays = try parseMonthDays(fields[3], specs[3])
        let months = try specs[4].parseList(fields[4])
        let weekDays = try parseWeekDays(fields[5], specs[5])
        let years = fields.count == 7 && fields[6] != "*" ? try specs[6].parseList(fields[6]) : nil

        switch (fields[3] == "?", fields[5] == "?") {
        case (true, true):
            throw CronError(reason: "日（第4个字段）和星期（第6个字段）不能都是“?”：必须恰好有一个是“?”")
        case (false, false):
            throw CronError(reason: "日（第4个字段）和星期（第6个字段）必须恰好有一个是“?”：Quartz 不支持同时指定日和星期")
        default:
            let days = DayRule(monthDays: monthDays, weekDays: weekDays, either: false)
            return Schedule(seconds: seconds, minutes: minutes, hours: hours, months: months, years: years, days: days)
        }
    }

    /// `?`, `*`, a list, or one of `L`, `L-n`, `LW`, `L-nW`, `nW` on its own.
    private static func parseMonthDays(_ text: Substring, _ spec: FieldSpec) throws(CronError) -> MonthDays {
        if text == "?" || text == "*" { return .every }
        let u = text.uppercased()
        guard u.contains("L") || u.contains("W") else { return .days(try spec.parseList(text).low) }
        guard !u.contains(",") else { throw spec.error("“\(text)”：L、W 不能与其他日期写在同一列表里") }
        if u == "L" { return .last(offset: 0, weekday: false) }
        if u == "LW" { return .last(offset: 0, weekday: true) }
        if u.hasPrefix("L-") {
            let weekday = u.hasSuffix("W")
            let digits = u.dropFirst(2).dropLast(weekday ? 1 : 0)
            guard let n = FieldSpec.number(digits) else { throw spec.error("“\(text)”：L- 后必须是整数") }
            guard n <= 30 else { throw spec.error("“\(text)”：L- 后的偏移 \(digits) 超出范围 0–30") }
            return .last(offset: n, weekday: weekday)
        }
        if u.hasSuffix("W"), let n = FieldSpec.number(u.dropLast()) {
            guard n >= 1, n <= 31 else { throw spec.error("“\(text)”：W 前的日期 \(u.dropLast()) 超出范围 1–31") }
            return .nearestWeekday(n)
        }
        throw spec.error("无法识别“\(text)”，可用的写法有 L、L-n、LW、nW")
    }

    /// `?`, `*`, a list, or one of `L` (Saturday), `nL`, `n#k` on its own.
    private static func parseWeekDays(_ text: Substring, _ spec: FieldSpec) throws(CronError) -> WeekDays {
        if text == "?" || text == "*" { return .every }
        let u = text.uppercased()
        guard u.contains("L") || u.contains("#") else { return .days(try spec.parseList(text).low >> 1) }
        guard !u.contains(",") else { throw spec.error("“\(text)”：L、# 不能与其他星期写在同一列表里") }
        if u == "L" { return .days(1 << 6) }
        if u.hasSuffix("L") {
            let weekday = u.dropLast()
            return .last(try spec.value(weekday, in: weekday) - 1)
        }
        if let hash = u.firstIndex(of: "#") {
            let weekday = try spec.value(u[..<hash], in: u[..<hash]) - 1
            let k = u[u.index(after: hash)...]
            guard let n = FieldSpec.number(k), n >= 1, n <= 5 else { throw spec.error("“\(text)”：# 后必须是 1–5（第几个）") }
            return .nth(weekday, n)
        }
        throw spec.error("无法识别“\(text)”，可用的写法有 L、nL、n#k")
    }
}
