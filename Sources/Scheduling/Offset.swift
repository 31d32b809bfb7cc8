import Foundation

/// A signed distance from an anchor time, as reminder ladders write it: `-3wd` (working
/// days), `-2d` (calendar days), `-1h` (hours, counted 24/7), `+30m` (minutes, 24/7).
package struct Offset: Hashable, Sendable, CustomStringConvertible {
    package enum Unit: String, Sendable, CaseIterable {
        case workdays = "wd"
        case days = "d"
        case hours = "h"
        case minutes = "m"
    }

    package let amount: Int
    package let unit: Unit

    package init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `-3wd`, `2d`, `+1h`, `-90m`; nil when malformed. Amounts are at most 1,000.
    package init?(_ text: String) {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = 1
        if t.first == "-" || t.first == "+" {
            sign = t.first == "-" ? -1 : 1
            t = t.dropFirst()
        }
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits), n <= 1000,
              let unit = Unit(rawValue: String(t.dropFirst(digits.count)))
        else { return nil }
        self.init(sign * n, unit)
    }

    /// Day-based offsets land on a day and take a time of day; hour and minute ones don't.
    package var isDayBased: Bool { unit == .workdays || unit == .days }

    package var description: String { (amount >= 0 ? "+" : "") + "\(amount)\(unit.rawValue)" }

    /// Chinese reading, e.g. `前 3 个工作日`, `后 1 小时`.
    package var label: String {
        let n = abs(amount)
        let side = amount < 0 ? "前" : "后"
        switch unit {
        case .workdays: return n == 0 ? "当日" : "\(side) \(n) 个工作日"
        case .days: return n == 0 ? "当日" : "\(side) \(n) 天"
        case .hours: return n == 0 ? "届时" : "\(side) \(n) 小时"
        case .minutes: return n == 0 ? "届时" : "\(side) \(n) 分钟"
        }
    }
}
