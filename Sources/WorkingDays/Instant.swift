/// A moment in time, stored as seconds since 1970-01-01T00:00:00Z.
///
/// Tally stores instants and shows them in Asia/Shanghai (UTC+8; China has kept no
/// daylight saving time since 1991, so the offset is fixed for every date Tally handles).
package struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package let seconds: Int64

    package init(seconds: Int64) { self.seconds = seconds }

    /// Asia/Shanghai's offset from UTC.
    package static let shanghaiOffset: Int64 = 8 * 3600

    /// The instant at `time` (minutes after midnight) on `day`, Asia/Shanghai.
    package init(day: Day, minute: Int = 0, second: Int = 0) {
        seconds = Int64(day.ordinal) * 86_400 + Int64(minute) * 60 + Int64(second) - Instant.shanghaiOffset
    }

    /// The calendar day in Asia/Shanghai.
    package var day: Day {
        let local = seconds + Instant.shanghaiOffset
        return Day(ordinal: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    /// Minutes since midnight, Asia/Shanghai.
    package var minuteOfDay: Int {
        let local = seconds + Instant.shanghaiOffset
        let s = ((local % 86_400) + 86_400) % 86_400
        return Int(s / 60)
    }

    package func adding(seconds n: Int64) -> Instant { Instant(seconds: seconds + n) }
    package func adding(minutes n: Int) -> Instant { Instant(seconds: seconds + Int64(n) * 60) }

    package static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }

    /// Parses ISO 8601 with a required offset: `2026-03-02T09:00:00+08:00`, `…Z`,
    /// optional seconds and fractional seconds (dropped).
    package init?(iso: some StringProtocol) {
        let u = Array(iso.utf8)
        guard u.count >= 16, let day = Day(iso: String(decoding: u[0..<10], as: UTF8.self)),
              u[10] == 84 || u[10] == 32,   // 'T' or ' '
              let hh = Day.digits(u, 11, 2), u[13] == 58, let mm = Day.digits(u, 14, 2),
              hh < 24, mm < 60
        else { return nil }
        var i = 16
        var ss = 0
        if i < u.count, u[i] == 58 {
            guard u.count >= 19, let s = Day.digits(u, 17, 2), s < 60 else { return nil }
            ss = s
            i = 19
            if i < u.count, u[i] == 46 {  // fraction
                i += 1
                while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            }
        }
        guard i < u.count else { return nil }  // the offset is required
        var offset = 0
        if u[i] == 90 {  // Z
            guard i + 1 == u.count else { return nil }
        } else {
            guard u[i] == 43 || u[i] == 45, u.count == i + 6, u[i + 3] == 58,
                  let oh = Day.digits(u, i + 1, 2), let om = Day.digits(u, i + 4, 2), oh <= 18, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (u[i] == 45 ? -1 : 1)
        }
        seconds = Int64(day.ordinal) * 86_400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offset)
    }

    /// `YYYY-MM-DDTHH:MM:SS+08:00` (Asia/Shanghai).
    package var iso: String {
        let local = seconds + Instant.shanghaiOffset
        let s = Int(((local % 86_400) + 86_400) % 86_400)
        return day.iso + "T" + Day.pad(s / 3600, 2) + ":" + Day.pad(s / 60 % 60, 2) + ":" + Day.pad(s % 60, 2) + "+08:00"
    }

    package var description: String { iso }

    package init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let i = Instant(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a time with offset like 2026-03-02T09:00:00+08:00, got '\(s)'"))
        }
        self = i
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
