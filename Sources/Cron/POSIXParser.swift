/// The five-field POSIX dialect: `minute hour day-of-month month day-of-week`, and the
/// `@` macros.
enum POSIXParser {
    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// The schedule, and `dayMatch` when it applies (both day fields restricted).
    static func parse(_ text: String, dayMatch: DayMatch?) throws(CronError) -> (Schedule, DayMatch?) {
        var fields = splitFields(text)
        if fields.count == 1, fields[0].hasPrefix("@") {
            let name = fields[0].lowercased()
            if name == "@reboot" { throw CronError(reason: "不支持 @reboot（开机时运行）：计划只能按时间触发") }
            guard let expansion = macros[name] else {
                throw CronError(reason: "无法识别的宏“\(fields[0])”，可用的有 @yearly @annually @monthly @weekly @daily @midnight @hourly")
            }
            fields = splitFields(expansion)
        }
        guard fields.count == 5 else {
            if fields.isEmpty { throw CronError(reason: "表达式为空") }
            let hint = fields.count == 6 || fields.count == 7 ? "；6 或 7 个字段是 Quartz 格式（带秒），请改用 quartz 方言" : ""
            throw CronError(reason: "POSIX 表达式应有 5 个字段（分 时 日 月 周），实际为 \(fields.count) 个\(hint)")
        }
        let minutes = try FieldSpec(.minute, .posix, position: 1).parseList(fields[0])
        let hours = try FieldSpec(.hour, .posix, position: 2).parseList(fields[1])
        let monthDays = try FieldSpec(.dayOfMonth, .posix, position: 3).parseList(fields[2])
        let months = try FieldSpec(.month, .posix, position: 4).parseList(fields[3])
        let weekdays = try FieldSpec(.dayOfWeek, .posix, position: 5).parseList(fields[4])

        // A day field is restricted unless it is exactly `*` (so `*/2` is restricted,
        // unlike the Vixie "cron bug").
        let domRestricted = fields[2] != "*", dowRestricted = fields[4] != "*"
        var effective: DayMatch?
        if domRestricted && dowRestricted {
            guard let dayMatch else {
                throw CronError(reason: "日（第3个字段）和星期（第5个字段）同时受限，含义有歧义：POSIX cron 满足其一即触发（或），"
                    + "另一些调度器要求两者同时满足（且）。请设置 day_match: any（满足其一）或 day_match: all（同时满足）")
            }
            effective = dayMatch
        }
        // Weekday 7 is Sunday, 0.
        let week = (weekdays.low | weekdays.low >> 7) & 0x7F
        let days = DayRule(
            monthDays: domRestricted ? .days(monthDays.low) : .every,
            weekDays: dowRestricted ? .days(week) : .every,
            either: effective == .any)
        let schedule = Schedule(seconds: BitSet([0]), minutes: minutes, hours: hours, months: months, years: nil, days: days)
        return (schedule, effective)
    }
}

/// Fields are separated by any run of white space (full-width spaces included).
func splitFields(_ text: String) -> [Substring] {
    text.split(whereSeparator: \.isWhitespace)
}
