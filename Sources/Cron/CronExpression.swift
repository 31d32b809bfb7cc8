import Foundation
package import WorkingDays

/// A parsed cron expression in one dialect, and the times it fires.
///
/// Parsing refuses, with a Chinese message naming the field, anything malformed or
/// ambiguous and any expression that can never fire again. The search for the next fire
/// time works on wall-clock time (`LocalTime`); `next(after:in:)` maps it to instants in an
/// IANA zone, so results never depend on the host's time zone.
package struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    package let text: String
    package let dialect: CronDialect
    /// How the day fields combine: set only for POSIX expressions that restrict both
    /// day-of-month and day-of-week (elsewhere the `dayMatch` given is ignored).
    package let dayMatch: DayMatch?
    let schedule: Schedule

    /// Parses `text`. `dayMatch` is required for a POSIX expression that restricts both
    /// day-of-month and day-of-week (neither is exactly `*`), and ignored otherwise.
    /// `now` (default: the system clock) only matters to refuse an expression whose
    /// listed years have all passed.
    package init(_ text: String, dialect: CronDialect, dayMatch: DayMatch? = nil, now: Instant? = nil) throws(CronError) {
        self.text = text
        self.dialect = dialect
        switch dialect {
        case .posix:
            (schedule, self.dayMatch) = try POSIXParser.parse(text, dayMatch: dayMatch)
        case .quartz:
            schedule = try QuartzParser.parse(text)
            self.dayMatch = nil
        }
        let now = now ?? Instant(seconds: Int64(Date().timeIntervalSince1970))
        // A day before UTC's wall clock is earlier than the local time in any zone.
        if schedule.next(after: LocalTime(seconds: now.seconds - 86_400)) == nil {
            let ever = schedule.next(after: LocalTime(day: Day(year: Schedule.firstYear, month: 1, day: 1)!, second: -1)) != nil
            throw CronError(reason: ever ? "永远不会触发：所列年份都已过去" : "永远不会触发：没有任何日期同时满足各字段（如 2 月 30 日）")
        }
    }

    package var description: String { text }

    /// The first local time strictly after `local` that matches, or nil if none before the year 2200.
    package func next(after local: LocalTime) -> LocalTime? {
        schedule.next(after: local)
    }

    /// Whether `local` (to the second) is a fire time.
    package func matches(_ local: LocalTime) -> Bool {
        schedule.matches(local)
    }
}
