import Foundation
@testable import Cron
import WorkingDays

/// Paths inside the repository, found from this file's location.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// `2026-04-08 09:00`, `2026-04-08 09:00:05` or `2026-04-08T09:00:05`, or a bare day (midnight).
func local(_ text: String) -> LocalTime {
    let u = Array(text.utf8)
    let day = Day(iso: text.prefix(10))!
    guard u.count >= 16 else { return LocalTime(day: day, second: 0) }
    let seconds = u.count >= 19 ? Day.digits(u, 17, 2)! : 0
    return LocalTime(day: day, hour: Day.digits(u, 11, 2)!, minute: Day.digits(u, 14, 2)!, second: seconds)
}

/// A fixed "now" for parsing, so that the year checks do not follow the clock.
let testNow = Instant(iso: "2026-04-08T00:00:00+08:00")!

func posix(_ text: String, _ dayMatch: DayMatch? = nil) throws(CronError) -> CronExpression {
    try CronExpression(text, dialect: .posix, dayMatch: dayMatch, now: testNow)
}

func quartz(_ text: String, now: Instant = testNow) throws(CronError) -> CronExpression {
    try CronExpression(text, dialect: .quartz, now: now)
}

/// The parse error for `text`, or nil when it parses.
func parseError(_ text: String, _ dialect: CronDialect, _ dayMatch: DayMatch? = nil, now: Instant = testNow) -> CronError? {
    do {
        _ = try CronExpression(text, dialect: dialect, dayMatch: dayMatch, now: now)
        return nil
    } catch {
        return error
    }
}

extension CronExpression {
    /// The next `count` fire times after `start`, as `LocalTime.description`s.
    func fires(after start: String, _ count: Int) -> [String] {
        var out: [String] = []
        var t = local(start)
        while out.count < count, let n = next(after: t) {
            out.append(n.description)
            t = n
        }
        return out
    }
}
