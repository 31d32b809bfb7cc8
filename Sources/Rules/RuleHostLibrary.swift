package import LuaHost
package import WorkingDays

/// The host library rule scripts see besides Lua's own: `cal` (working-day calendar and
/// dates in Asia/Shanghai) and `log`. Nothing else reaches the outside world.
///
/// Dates are `YYYY-MM-DD` strings; times are ISO 8601 strings always written with
/// `+08:00`, so that comparing two of them as strings orders them in time.
package final class RuleHostLibrary {
    package let calendar: WorkCalendar
    /// Log lines written by the current evaluation (cleared by the session).
    package var logLines: [String] = []
    package var droppedLogLines = 0
    package static let maxLogLines = 1000
    package static let maxLogLineBytes = 2048

    /// What the calendar could not answer during the current evaluation (cleared by the session).
    package let sightings = CalendarSightings()

    package init(calendar: WorkCalendar) { self.calendar = calendar }

    /// The functions, ready to install into a sandbox.
    package func functions() -> LuaHostFunctions {
        let host = LuaHostFunctions()
        let cal = calendar
        let seen = sightings
        host.add("cal", "is_workday") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            return .bool(try Self.run(seen) { () throws(CalendarError) in try cal.isWorkday(d) })
        }
        host.add("cal", "holiday") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            return try Self.run(seen) { () throws(CalendarError) -> LuaValue in
                switch try cal.kind(of: d) {
                case .holiday(let name), .localDayOff(let name): .string(name)
                default: .nil
                }
            }
        }
        host.add("cal", "add_workdays") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            let n = try Self.int(a, 1)
            return .string(try Self.run(seen) { () throws(CalendarError) in try cal.adding(workdays: n, to: d) }.iso)
        }
        host.add("cal", "workdays") { (a) throws(LuaHostError) in
            let from = try Self.day(a, 0)
            let to = try Self.day(a, 1)
            guard abs(to.ordinal - from.ordinal) <= 3660 else { throw LuaHostError("bad argument #2 (at most 10 years apart)") }
            return .integer(Int64(try Self.run(seen) { () throws(CalendarError) in try cal.workdays(after: from, through: to) }))
        }
        host.add("cal", "next_workday") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            return .string(try Self.run(seen) { () throws(CalendarError) in try cal.nextWorkday(onOrAfter: d) }.iso)
        }
        host.add("cal", "prev_workday") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            return .string(try Self.run(seen) { () throws(CalendarError) in try cal.previousWorkday(onOrBefore: d) }.iso)
        }
        host.add("cal", "nth_workday") { (a) throws(LuaHostError) in
            let year = try Self.int(a, 0)
            let month = try Self.int(a, 1)
            let n = try Self.int(a, 2)
            guard (1...12).contains(month), (1900...2200).contains(year), let first = Day(year: year, month: month, day: 1) else {
                throw LuaHostError("bad argument (expected year, month 1-12, n)")
            }
            let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
            let d = try Self.run(seen) { () throws(CalendarError) in try cal.workday(n, in: first, last) }
            return d.map { .string($0.iso) } ?? .nil
        }
        host.add("cal", "add_days") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            let n = try Self.int(a, 1)
            guard abs(n) <= 36_600 else { throw LuaHostError("bad argument #2 (at most 100 years)") }
            return .string(d.adding(days: n).iso)
        }
        host.add("cal", "days") { (a) throws(LuaHostError) in
            .integer(Int64(try Self.day(a, 1).ordinal - (try Self.day(a, 0)).ordinal))
        }
        host.add("cal", "weekday") { (a) throws(LuaHostError) in .integer(Int64(try Self.day(a, 0).weekday)) }
        host.add("cal", "quarter") { (a) throws(LuaHostError) in .integer(Int64(try Self.day(a, 0).quarter)) }
        host.add("cal", "date") { (a) throws(LuaHostError) in .string(try Self.day(a, 0).iso) }
        host.add("cal", "at") { (a) throws(LuaHostError) in
            let d = try Self.day(a, 0)
            let hm = try Self.string(a, 1)
            let parts = hm.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else {
                throw LuaHostError("bad argument #2 (expected a time of day 'HH:MM', got '\(hm)')")
            }
            return .string(Instant(day: d, minute: h * 60 + m).iso)
        }
        host.add("cal", "add_minutes") { (a) throws(LuaHostError) in
            let t = try Self.instant(a, 0)
            let n = try Self.int(a, 1)
            guard abs(n) <= 60 * 24 * 36_600 else { throw LuaHostError("bad argument #2 (too many minutes)") }
            return .string(t.adding(minutes: n).iso)
        }
        host.add("cal", "minutes") { (a) throws(LuaHostError) in
            .integer((try Self.instant(a, 1).seconds - (try Self.instant(a, 0)).seconds) / 60)
        }
        host.add("log", "info") { [unowned self] (a) throws(LuaHostError) in self.log("info", a) }
        host.add("log", "warn") { [unowned self] (a) throws(LuaHostError) in self.log("warn", a) }
        return host
    }

    private func log(_ level: String, _ args: [LuaValue]) -> LuaValue {
        guard logLines.count < Self.maxLogLines else {
            droppedLogLines += 1
            return .nil
        }
        var text = args.map(Self.render).joined(separator: " ")
        if text.utf8.count > Self.maxLogLineBytes {
            text = String(decoding: Array(text.utf8.prefix(Self.maxLogLineBytes)), as: UTF8.self) + "…"
        }
        logLines.append("\(level): \(text)")
        return .nil
    }

    private static func render(_ v: LuaValue) -> String {
        switch v {
        case .nil: "nil"
        case .bool(let b): String(b)
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .string(let s): s
        case .array, .table: "table"
        }
    }

    // MARK: Arguments

    private static func run<T>(_ seen: CalendarSightings, _ body: () throws(CalendarError) -> T) throws(LuaHostError) -> T {
        do {
            return try body()
        } catch {
            if case .yearNotCovered(let year) = error { seen.uncoveredYear = max(seen.uncoveredYear ?? year, year) }
            throw LuaHostError(error.description)
        }
    }

    private static func string(_ a: [LuaValue], _ i: Int) throws(LuaHostError) -> String {
        guard i < a.count, case .string(let s) = a[i] else {
            throw LuaHostError("bad argument #\(i + 1) (string expected, got \(i < a.count ? a[i].typeName : "no value"))")
        }
        return s
    }

    private static func int(_ a: [LuaValue], _ i: Int) throws(LuaHostError) -> Int {
        guard i < a.count else { throw LuaHostError("bad argument #\(i + 1) (number expected, got no value)") }
        switch a[i] {
        case .integer(let v): return Int(v)
        case .number(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: throw LuaHostError("bad argument #\(i + 1) (integer expected, got \(a[i].typeName))")
        }
    }

    /// A date, or the Asia/Shanghai date of a time.
    private static func day(_ a: [LuaValue], _ i: Int) throws(LuaHostError) -> Day {
        let s = try string(a, i)
        if let d = Day(iso: s) { return d }
        if let t = Instant(iso: s) { return t.day }
        throw LuaHostError("bad argument #\(i + 1) (expected a date 'YYYY-MM-DD' or a time with offset, got '\(s.prefix(40))')")
    }

    private static func instant(_ a: [LuaValue], _ i: Int) throws(LuaHostError) -> Instant {
        let s = try string(a, i)
        if let t = Instant(iso: s) { return t }
        throw LuaHostError("bad argument #\(i + 1) (expected a time like 2026-03-02T09:00:00+08:00, got '\(s.prefix(40))')")
    }
}

/// A year the calendar has no data for, met by `cal` during one evaluation: a rule that
/// failed on it could not count its working days, so its answer lies in that year.
package final class CalendarSightings {
    package var uncoveredYear: Int?
}
