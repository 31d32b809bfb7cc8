/// The official working-day calendar: State Council holidays and adjusted working days
/// for the years with data, plus an optional office overlay.
///
/// A day in a year without data is an error (`CalendarError.yearNotCovered`), never a
/// silent weekday guess — unless the calendar was made `provisional`, in which case
/// uncovered years are planned as plain Monday–Friday and `isProvisional(_:)` says so.
///
/// Counting follows 民法典 art. 201: "N working days after D" does not count D itself.
package struct WorkCalendar: Sendable {
    private var explicit: [Day: DayKind] = [:]
    package private(set) var years: [Int: CalendarYear] = [:]
    package private(set) var overlay: LocalOverlay?
    /// Plans uncovered years as Monday–Friday instead of failing.
    package private(set) var allowsProvisional = false

    package init(years: [CalendarYear], overlay: LocalOverlay? = nil) {
        for y in years {
            self.years[y.year] = y
            for h in y.holidays {
                for d in h.daysOff { explicit[d] = .holiday(h.name) }
                for d in h.workdays { explicit[d] = .adjustedWorkday(h.name) }
            }
        }
        if let overlay {
            self.overlay = overlay
            for (d, why) in overlay.daysOff { explicit[d] = .localDayOff(why) }
            for (d, why) in overlay.workdays { explicit[d] = .localWorkday(why) }
        }
    }

    /// The same calendar with an office overlay applied on top.
    package func with(overlay: LocalOverlay) -> WorkCalendar {
        WorkCalendar(years: Array(years.values), overlay: overlay)
    }

    /// The same calendar, planning uncovered years as Monday–Friday (flagged).
    package func provisional() -> WorkCalendar {
        var copy = self
        copy.allowsProvisional = true
        return copy
    }

    package var coveredYears: [Int] { years.keys.sorted() }

    /// A digest of every answer the calendar gives (covered years, holidays, adjusted
    /// working days, overlay, provisional mode): equal digests, equal calendars.
    package var fingerprint: String {
        var text = "\(allowsProvisional)|" + coveredYears.map(String.init).joined(separator: ",")
        for (day, kind) in explicit.sorted(by: { $0.key < $1.key }) { text += "|\(day.ordinal)=\(kind)" }
        // FNV-1a, 64 bits: stable across runs and platforms.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return String(h, radix: 16)
    }

    package func isCovered(_ year: Int) -> Bool { years[year] != nil }

    /// True when `day` is answered without official data (provisional planning).
    package func isProvisional(_ day: Day) -> Bool { !isCovered(day.year) }

    package func kind(of day: Day) throws(CalendarError) -> DayKind {
        if let k = explicit[day] { return k }
        guard isCovered(day.year) || allowsProvisional else { throw .yearNotCovered(day.year) }
        return day.isWeekend ? .weekend : .workday
    }

    package func isWorkday(_ day: Day) throws(CalendarError) -> Bool { try kind(of: day).isWorkday }

    /// The day `n` working days after `day` (n > 0) or before it (n < 0); the start day is
    /// not counted. `n == 0` gives `day` itself.
    package func adding(workdays n: Int, to day: Day) throws(CalendarError) -> Day {
        var d = day
        var left = abs(n)
        let step = n >= 0 ? 1 : -1
        var guardDays = 0
        while left > 0 {
            d = d.adding(days: step)
            if try isWorkday(d) { left -= 1 }
            guardDays += 1
            if guardDays > 3700 { throw .outOfRange("\(n) 个工作日") }
        }
        return d
    }

    /// Working days in `(from, through]`: after `from`, up to and including `through`.
    /// Negative when `through` is before `from`.
    package func workdays(after from: Day, through: Day) throws(CalendarError) -> Int {
        if through < from { return -(try workdays(after: through, through: from)) }
        var count = 0
        var d = from.adding(days: 1)
        while d <= through {
            if try isWorkday(d) { count += 1 }
            d = d.adding(days: 1)
        }
        return count
    }

    /// The first working day on or after `day`.
    package func nextWorkday(onOrAfter day: Day) throws(CalendarError) -> Day {
        var d = day
        for _ in 0..<400 {
            if try isWorkday(d) { return d }
            d = d.adding(days: 1)
        }
        throw .outOfRange("\(day) 之后一年内没有工作日")
    }

    /// The last working day on or before `day`.
    package func previousWorkday(onOrBefore day: Day) throws(CalendarError) -> Day {
        var d = day
        for _ in 0..<400 {
            if try isWorkday(d) { return d }
            d = d.adding(days: -1)
        }
        throw .outOfRange("\(day) 之前一年内没有工作日")
    }

    /// The working days of `first...last`, in order.
    package func workdays(in first: Day, _ last: Day) throws(CalendarError) -> [Day] {
        var out: [Day] = []
        var d = first
        while d <= last {
            if try isWorkday(d) { out.append(d) }
            d = d.adding(days: 1)
        }
        return out
    }

    /// The `n`-th working day of `first...last` (1-based); negative `n` counts from the end
    /// (-1 = the last). Nil when the span has fewer working days.
    package func workday(_ n: Int, in first: Day, _ last: Day) throws(CalendarError) -> Day? {
        guard n != 0 else { return nil }
        let days = try workdays(in: first, last)
        let i = n > 0 ? n - 1 : days.count + n
        return days.indices.contains(i) ? days[i] : nil
    }

    /// The holiday arrangement that names `day`, for explanations.
    package func arrangement(for day: Day) -> HolidayArrangement? {
        for y in [day.year, day.year + 1, day.year - 1] {
            guard let cy = years[y] else { continue }
            if let h = cy.holidays.first(where: { $0.daysOff.contains(day) || $0.workdays.contains(day) }) { return h }
        }
        return nil
    }
}
