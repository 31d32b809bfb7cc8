import Foundation

/// An IANA time zone's rules: what local time an instant is, and which instant a local
/// time names. Schedules carry one (default Asia/Shanghai); results never depend on the
/// host's `TZ`.
///
/// Local times that do not map to exactly one instant are resolved the way Vixie cron does:
/// a time inside a gap (clocks jump forward) runs at the end of the gap, the first valid
/// instant; a time that happens twice (clocks fall back) runs once, at its first
/// occurrence.
package struct Zone: Sendable, Hashable, CustomStringConvertible {
    package let identifier: String
    private let zone: TimeZone
    /// Asia/Shanghai has had a fixed +08:00 since 1991: answered without Foundation.
    private let fixedOffset: Int?

    package static let shanghai = Zone(fixed: "Asia/Shanghai", offset: Int(Instant.shanghaiOffset))

    private init(fixed identifier: String, offset: Int) {
        self.identifier = identifier
        zone = TimeZone(secondsFromGMT: offset)!
        fixedOffset = offset
    }

    /// The zone named `identifier` (e.g. `Asia/Shanghai`, `America/New_York`, `UTC`);
    /// nil when the system's time zone data does not know it.
    package init?(identifier: String) {
        if identifier == "Asia/Shanghai" {
            self = .shanghai
            return
        }
        guard let z = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        zone = z
        fixedOffset = identifier == "UTC" || identifier == "Etc/UTC" ? 0 : nil
    }

    package var description: String { identifier }

    package static func == (a: Zone, b: Zone) -> Bool { a.identifier == b.identifier }
    package func hash(into h: inout Hasher) { h.combine(identifier) }

    /// Seconds east of UTC at `instant`.
    package func offset(at instant: Instant) -> Int {
        if let fixedOffset { return fixedOffset }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
    }

    /// The local day and second of the day at `instant`.
    package func local(_ instant: Instant) -> LocalTime {
        LocalTime(seconds: instant.seconds + Int64(offset(at: instant)))
    }

    /// The instant a local time names, resolved as the type's comment says.
    package func instant(_ local: LocalTime) -> Instant {
        resolve(local).instant
    }

    /// How a local time maps to instants.
    package func resolve(_ local: LocalTime) -> Resolution {
        if let fixedOffset { return .exact(Instant(seconds: local.seconds - Int64(fixedOffset))) }
        // Offsets in force a day either side bound every transition near `local`.
        let before = offset(at: Instant(seconds: local.seconds - 86_400 - 14 * 3600))
        let after = offset(at: Instant(seconds: local.seconds + 86_400 + 14 * 3600))
        var valid: [Instant] = []
        for o in Set([before, after]) {
            let t = Instant(seconds: local.seconds - Int64(o))
            if offset(at: t) == o { valid.append(t) }
        }
        valid.sort()
        switch valid.count {
        case 0:
            // In a gap: the end of the gap is the transition, `local` read with the old offset.
            let late = Instant(seconds: local.seconds - Int64(before))
            return .skipped(runsAt: transition(near: late))
        case 1:
            return .exact(valid[0])
        default:
            return .repeated(first: valid[0], second: valid[valid.count - 1])
        }
    }

    /// The first instant whose offset differs from the offset just before it, searching
    /// backwards from `t` (which lies after the transition) within a day.
    private func transition(near t: Instant) -> Instant {
        let target = offset(at: t)
        var lo = t.seconds - 86_400
        var hi = t.seconds
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if offset(at: Instant(seconds: mid)) == target { hi = mid } else { lo = mid }
        }
        return Instant(seconds: hi)
    }

    package enum Resolution: Equatable, Sendable {
        case exact(Instant)
        /// The local time does not exist; it runs at the end of the gap.
        case skipped(runsAt: Instant)
        /// The local time happens twice; it runs at the first.
        case repeated(first: Instant, second: Instant)

        package var instant: Instant {
            switch self {
            case .exact(let t), .skipped(let t), .repeated(let t, _): t
            }
        }
    }
}

/// A wall-clock time without a zone: seconds since 1970-01-01T00:00:00 local.
package struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let seconds: Int64

    package init(seconds: Int64) { self.seconds = seconds }

    package init(day: Day, second: Int) {
        seconds = Int64(day.ordinal) * 86_400 + Int64(second)
    }

    package init(day: Day, hour: Int, minute: Int, second: Int = 0) {
        self.init(day: day, second: hour * 3600 + minute * 60 + second)
    }

    package var day: Day { Day(ordinal: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)) }
    /// Seconds since local midnight.
    package var secondOfDay: Int { Int(((seconds % 86_400) + 86_400) % 86_400) }
    package var hour: Int { secondOfDay / 3600 }
    package var minute: Int { secondOfDay / 60 % 60 }
    package var second: Int { secondOfDay % 60 }

    package static func < (a: LocalTime, b: LocalTime) -> Bool { a.seconds < b.seconds }

    /// `YYYY-MM-DD HH:MM` (with `:SS` when not zero).
    package var description: String {
        let s = secondOfDay
        let hm = Day.pad(s / 3600, 2) + ":" + Day.pad(s / 60 % 60, 2)
        return day.iso + " " + (s % 60 == 0 ? hm : hm + ":" + Day.pad(s % 60, 2))
    }
}
