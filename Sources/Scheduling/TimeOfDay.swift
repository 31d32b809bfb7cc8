package import WorkingDays

/// A wall-clock time of day, `HH:MM` or `HH:MM:SS`, as schedule files write it.
package struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds after midnight, 0 ..< 86 400.
    package let seconds: Int

    package init(hour: Int, minute: Int, second: Int = 0) {
        seconds = hour * 3600 + minute * 60 + second
    }

    /// Parses `9:00`, `09:00` or `17:30:15`; nil when malformed or out of range.
    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) ?? 60 : 0
        guard s < 60 else { return nil }
        self.init(hour: h, minute: m, second: s)
    }

    package static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.seconds < b.seconds }

    /// The local time at this time of day on `day`.
    package func on(_ day: Day) -> LocalTime { LocalTime(day: day, second: seconds) }

    package var description: String {
        let hm = Day.pad(seconds / 3600, 2) + ":" + Day.pad(seconds / 60 % 60, 2)
        return seconds % 60 == 0 ? hm : hm + ":" + Day.pad(seconds % 60, 2)
    }
}
