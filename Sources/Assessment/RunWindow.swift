import Domain
import WorkingDays

/// Which dated facts a run counts. A fact counts in the period its date falls in, unless it
/// was recorded after that period closed: then it counts in the next period still open when
/// it was recorded (`closeAfterWorkdays` working days after a period's last day, to the end
/// of that day in Asia/Shanghai). Facts recorded after the run's as-of time, or dated after
/// it, are not known to the run. Facts stored without a recording time count as recorded
/// in time.
final class RunWindow {
    let period: Period
    let asOf: Instant
    /// The period's first day.
    let firstDay: Day
    /// The period's last day, or the as-of day if earlier.
    let lastDay: Day
    private let periodLast: Day
    private let closeAfterWorkdays: Int?
    private let calendar: WorkCalendar
    /// Period → the instant it closes.
    private var closes: [Period: Int64] = [:]

    init(period: Period, asOf: Instant, closeAfterWorkdays: Int?, calendar: WorkCalendar) {
        self.period = period
        self.asOf = asOf
        firstDay = period.first
        periodLast = period.last
        lastDay = min(periodLast, asOf.day)
        self.closeAfterWorkdays = closeAfterWorkdays
        self.calendar = calendar
    }

    /// Whether the run counts a fact dated `date` and recorded at `recorded` (Unix seconds,
    /// or `ItemTable.unrecorded`).
    func counts(date: Day, recorded: Int64) throws(CalendarError) -> Bool {
        if recorded != ItemTable.unrecorded, recorded > asOf.seconds { return false }
        guard date <= lastDay else { return false }
        if recorded == ItemTable.unrecorded || closeAfterWorkdays == nil || date > periodLast { return date >= firstDay }
        // Recorded before the period ended: counted on its date.
        if date >= firstDay, recorded < Instant(day: periodLast.adding(days: 1)).seconds { return true }
        return try countedIn(date: date, recorded: recorded) == period
    }

    /// The period (of the run's kind) a fact counts in.
    func countedIn(date: Day, recorded: Int64) throws(CalendarError) -> Period {
        var p = period.sameKind(containing: date)
        guard recorded != ItemTable.unrecorded, closeAfterWorkdays != nil else { return p }
        // Recorded before the period ended: in time, without asking the calendar.
        while recorded >= Instant(day: p.last.adding(days: 1)).seconds, recorded >= (try close(of: p)) { p = p.next }
        return p
    }

    /// The instant `p` closes: the end of its close day.
    func close(of p: Period) throws(CalendarError) -> Int64 {
        if let c = closes[p] { return c }
        let endOfPeriod = Instant(day: p.last.adding(days: 1)).seconds
        guard let n = closeAfterWorkdays, n > 0 else { return endOfPeriod }
        let day = try calendar.adding(workdays: n, to: p.last)
        let c = Instant(day: day.adding(days: 1)).seconds
        closes[p] = c
        return c
    }

    /// The note a ledger line gets when its fact was moved here from an earlier period.
    func lateNote(date: Day, recorded: Int64) throws(CalendarError) -> String? {
        let own = period.sameKind(containing: date)
        guard own != period, recorded != ItemTable.unrecorded else { return nil }
        return "（\(own.label)关账后于 \(Instant(seconds: recorded).day.iso) 补录，计入\(period.label)）"
    }
}
