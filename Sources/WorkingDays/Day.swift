/// A civil date without a time zone (a day on the calendar), counted from 1970-01-01.
///
/// Arithmetic is exact and cheap (days-from-civil), so deadline counting never goes
/// through `Foundation.Calendar`.
package struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (which is day 0, a Thursday).
    package let ordinal: Int

    package init(ordinal: Int) { self.ordinal = ordinal }

    /// The date `year-month-day`; nil when it does not exist (e.g. 2026-02-29).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    package init?(iso: some StringProtocol) {
        let u = Array(iso.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45,
              let y = Day.digits(u, 0, 4), let m = Day.digits(u, 5, 2), let d = Day.digits(u, 8, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    package var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    package var year: Int { components.year }
    package var month: Int { components.month }
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    package var weekday: Int { ((ordinal % 7 + 7 + 3) % 7) + 1 }
    package var isWeekend: Bool { weekday >= 6 }
    /// 周一 … 周日.
    package var weekdayName: String { ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][weekday - 1] }
    /// 1…4.
    package var quarter: Int { (month - 1) / 3 + 1 }

    package func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// `YYYY-MM-DD`.
    package var iso: String {
        let (y, m, d) = components
        return Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
    }

    package var description: String { iso }

    package static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    package static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    package init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = Day(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a date YYYY-MM-DD, got '\(s)'"))
        }
        self = d
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    package static func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            let c = u[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    package static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
