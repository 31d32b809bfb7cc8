package import WorkingDays

/// An assessment or reporting period: a year (`2026`), a quarter (`2026Q2`) or a month (`2026-05`).
package enum Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    case year(Int)
    case quarter(Int, Int)
    case month(Int, Int)

    /// Parses `2026`, `2026Q2` (or `2026q2`) and `2026-05`.
    package init?(_ text: String) {
        let s = text.uppercased()
        if s.count == 4, let y = Int(s), (1990...2100).contains(y) {
            self = .year(y)
        } else if s.count == 6, s.dropFirst(4).first == "Q", let y = Int(s.prefix(4)), let q = Int(s.suffix(1)), (1...4).contains(q), (1990...2100).contains(y) {
            self = .quarter(y, q)
        } else if s.count == 7, s.dropFirst(4).first == "-", let y = Int(s.prefix(4)), let m = Int(s.suffix(2)), (1...12).contains(m), (1990...2100).contains(y) {
            self = .month(y, m)
        } else {
            return nil
        }
    }

    package var description: String {
        switch self {
        case .year(let y): String(y)
        case .quarter(let y, let q): "\(y)Q\(q)"
        case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
        }
    }

    /// 2026年 / 2026年第二季度 / 2026年5月.
    package var label: String {
        switch self {
        case .year(let y): "\(y)年"
        case .quarter(let y, let q): "\(y)年第\(["一", "二", "三", "四"][q - 1])季度"
        case .month(let y, let m): "\(y)年\(m)月"
        }
    }

    package var first: Day {
        switch self {
        case .year(let y): Day(year: y, month: 1, day: 1)!
        case .quarter(let y, let q): Day(year: y, month: q * 3 - 2, day: 1)!
        case .month(let y, let m): Day(year: y, month: m, day: 1)!
        }
    }

    package var last: Day {
        switch self {
        case .year(let y): Day(year: y, month: 12, day: 31)!
        case .quarter(let y, let q): Day(year: y, month: q * 3, day: Day.daysIn(month: q * 3, year: y))!
        case .month(let y, let m): Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!
        }
    }

    package func contains(_ d: Day) -> Bool { d >= first && d <= last }

    /// The period of the same kind just before this one.
    package var previous: Period {
        switch self {
        case .year(let y): .year(y - 1)
        case .quarter(let y, let q): q == 1 ? .quarter(y - 1, 4) : .quarter(y, q - 1)
        case .month(let y, let m): m == 1 ? .month(y - 1, 12) : .month(y, m - 1)
        }
    }

    /// The period of the same kind just after this one.
    package var next: Period {
        switch self {
        case .year(let y): .year(y + 1)
        case .quarter(let y, let q): q == 4 ? .quarter(y + 1, 1) : .quarter(y, q + 1)
        case .month(let y, let m): m == 12 ? .month(y + 1, 1) : .month(y, m + 1)
        }
    }

    /// The period of the same kind (year, quarter or month) that contains `day`.
    package func sameKind(containing day: Day) -> Period {
        let (y, m, _) = day.components
        switch self {
        case .year: return .year(y)
        case .quarter: return .quarter(y, (m - 1) / 3 + 1)
        case .month: return .month(y, m)
        }
    }

    package static func < (a: Period, b: Period) -> Bool { (a.first, a.last) < (b.first, b.last) }
}
