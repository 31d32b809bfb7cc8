import WorkingDays

/// A parsed expression as sets of values per field, and the search for matching times.
///
/// The search walks calendar units, not seconds: a year outside the year set jumps to the
/// next listed year, a month outside the month set to the next listed month, a month's
/// matching days come from one bit mask, and the time of day from three bit lookups, so a
/// call costs a handful of steps however far away the next match lies.
struct Schedule: Hashable, Sendable {
    static let firstYear = 1970
    /// Searches stop before this year.
    static let endYear = 2200

    let seconds: BitSet
    let minutes: BitSet
    let hours: BitSet
    let months: BitSet
    /// Years minus `firstYear`; nil when every year matches.
    let years: BitSet?
    let days: DayRule

    func matches(_ t: LocalTime) -> Bool {
        let (y, m, d) = t.day.components
        guard yearMatches(y), months.contains(m), days.mask(year: y, month: m) & (1 << UInt64(d)) != 0 else { return false }
        return hours.contains(t.hour) && minutes.contains(t.minute) && seconds.contains(t.second)
    }

    /// The first matching local time strictly after `t`, or nil if none before `endYear`.
    func next(after t: LocalTime) -> LocalTime? {
        let start = LocalTime(seconds: t.seconds + 1)
        var (y, m, d) = start.day.components
        var second = start.secondOfDay
        while y < Schedule.endYear {
            if !yearMatches(y) {
                guard let years, let next = years.next(atLeast: y + 1 - Schedule.firstYear) else { return nil }
                (y, m, d, second) = (next + Schedule.firstYear, 1, 1, 0)
                continue
            }
            if !months.contains(m) {
                if let next = months.next(atLeast: m + 1) { m = next } else { (y, m) = (y + 1, months.first!) }
                (d, second) = (1, 0)
                continue
            }
            guard let day = days.mask(year: y, month: m).nextBit(atLeast: d) else {
                (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
                (d, second) = (1, 0)
                continue
            }
            if day != d { (d, second) = (day, 0) }
            if let s = firstSecond(atLeast: second) {
                return LocalTime(day: Day(year: y, month: m, day: d)!, second: s)
            }
            (d, second) = (d + 1, 0)
        }
        return nil
    }

    private func yearMatches(_ y: Int) -> Bool {
        guard let years else { return true }
        return years.contains(y - Schedule.firstYear)
    }

    /// The first matching second of the day at or after `second` (0–86399), or nil.
    private func firstSecond(atLeast second: Int) -> Int? {
        let h = second / 3600, m = second / 60 % 60, s = second % 60
        guard let hour = hours.next(atLeast: h) else { return nil }
        if hour > h { return hour * 3600 + minutes.first! * 60 + seconds.first! }
        if minutes.contains(m), let sec = seconds.next(atLeast: s) { return h * 3600 + m * 60 + sec }
        if let minute = minutes.next(atLeast: m + 1) { return h * 3600 + minute * 60 + seconds.first! }
        guard let later = hours.next(atLeast: h + 1) else { return nil }
        return later * 3600 + minutes.first! * 60 + seconds.first!
    }
}
