import WorkingDays

/// Which days of a month match: the day-of-month and day-of-week fields and how they
/// combine. Each side yields a bit mask of the month's days (bit d = day d).
struct DayRule: Hashable, Sendable {
    let monthDays: MonthDays
    let weekDays: WeekDays
    /// OR the two sides (POSIX with both restricted and `day_match: any`); otherwise AND.
    let either: Bool

    /// Days of `month` in `year` that match, as bits 1–31.
    func mask(year: Int, month: Int) -> UInt64 {
        let shape = MonthShape(year: year, month: month)
        let a = monthDays.mask(shape)
        let b = weekDays.mask(shape)
        return either ? a | b : a & b
    }
}

/// The length of a month and the weekday of its first day.
struct MonthShape {
    let lastDay: Int
    /// 0 = Sunday … 6 = Saturday.
    let firstWeekday: Int

    init(year: Int, month: Int) {
        lastDay = Day.daysIn(month: month, year: year)
        firstWeekday = Day(year: year, month: month, day: 1)!.weekday % 7
    }

    var allDays: UInt64 { ((1 << UInt64(lastDay)) - 1) << 1 }

    /// 0 = Sunday … 6 = Saturday.
    func weekday(of day: Int) -> Int { (firstWeekday + day - 1) % 7 }

    /// The first day of the month that falls on `weekday` (0 = Sunday).
    func first(_ weekday: Int) -> Int { 1 + (weekday - firstWeekday + 7) % 7 }

    /// Quartz `W`: the Monday–Friday closest to `day` without leaving the month
    /// (a Saturday 1st moves to Monday the 3rd, a Sunday last day to Friday).
    func nearestWeekday(to day: Int) -> Int {
        switch weekday(of: day) {
        case 6: day == 1 ? 3 : day - 1
        case 0: day == lastDay ? day - 2 : day + 1
        default: day
        }
    }
}

/// The day-of-month field.
enum MonthDays: Hashable, Sendable {
    /// `*`, or Quartz `?`.
    case every
    /// Listed days (bits 1–31); days past the month's end do not exist and never match.
    case days(UInt64)
    /// Quartz `L` / `L-n` (the last day minus n), with `W`: the nearest weekday to it.
    case last(offset: Int, weekday: Bool)
    /// Quartz `nW`: the weekday nearest to day n; months without day n are skipped.
    case nearestWeekday(Int)

    func mask(_ m: MonthShape) -> UInt64 {
        switch self {
        case .every:
            return m.allDays
        case .days(let bits):
            return bits & m.allDays
        case .last(let offset, let weekday):
            let day = m.lastDay - offset
            guard day >= 1 else { return 0 }
            return 1 << UInt64(weekday ? m.nearestWeekday(to: day) : day)
        case .nearestWeekday(let day):
            guard day <= m.lastDay else { return 0 }
            return 1 << UInt64(m.nearestWeekday(to: day))
        }
    }
}

/// The day-of-week field, with weekdays numbered 0 = Sunday … 6 = Saturday whatever the
/// dialect writes.
enum WeekDays: Hashable, Sendable {
    /// `*`, or Quartz `?`.
    case every
    /// Listed weekdays (bits 0–6).
    case days(UInt64)
    /// Quartz `nL`: the last such weekday of the month.
    case last(Int)
    /// Quartz `n#k`: the k-th such weekday; months without one are skipped.
    case nth(Int, Int)

    func mask(_ m: MonthShape) -> UInt64 {
        switch self {
        case .every:
            return m.allDays
        case .days(let weekdays):
            var mask: UInt64 = 0
            for w in 0..<7 where weekdays & (1 << UInt64(w)) != 0 {
                for day in stride(from: m.first(w), through: m.lastDay, by: 7) { mask |= 1 << UInt64(day) }
            }
            return mask
        case .last(let w):
            let first = m.first(w)
            return 1 << UInt64(first + (m.lastDay - first) / 7 * 7)
        case .nth(let w, let k):
            let day = m.first(w) + (k - 1) * 7
            return day <= m.lastDay ? 1 << UInt64(day) : 0
        }
    }
}
