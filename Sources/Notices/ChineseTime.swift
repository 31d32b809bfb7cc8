package import WorkingDays

/// Dates and times as a Chinese document prints them, in Beijing time.
package enum ChineseTime {
    /// 2026年4月30日 12:00.
    package static func dateTime(_ t: Instant) -> String {
        let minute = t.minuteOfDay
        return "\(date(t.day)) \(twoDigits(minute / 60)):\(twoDigits(minute % 60))"
    }

    /// 2026年3月3日.
    package static func date(_ d: Day) -> String {
        let (y, m, day) = d.components
        return "\(y)年\(m)月\(day)日"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
