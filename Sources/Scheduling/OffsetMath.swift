import WorkingDays

/// Applies reminder offsets to anchor instants on the three clocks offices use: working
/// days (the anchor's day not counted), calendar days, and hours or minutes counted 24/7.
enum OffsetMath {
    /// The instant `offset` away from `anchor`. Day-based offsets keep the anchor's time of
    /// day unless `at` gives one. Also returns a note for the explanation (DST adjustments).
    static func apply(_ offset: Offset, to anchor: Instant, at: TimeOfDay?, zone: Zone, calendar: WorkCalendar)
        throws(CalendarError) -> (Instant, String)
    {
        switch offset.unit {
        case .hours: return (anchor.adding(seconds: Int64(offset.amount) * 3600), "")
        case .minutes: return (anchor.adding(seconds: Int64(offset.amount) * 60), "")
        case .days, .workdays:
            let local = zone.local(anchor)
            let day = offset.unit == .days
                ? local.day.adding(days: offset.amount)
                : try calendar.adding(workdays: offset.amount, to: local.day)
            let target = LocalTime(day: day, second: at?.seconds ?? local.secondOfDay)
            let resolution = zone.resolve(target)
            var note = " = \(day.monthDay) \(day.weekdayName) \(TimeOfDay(hour: target.hour, minute: target.minute, second: target.second))"
            note += self.note(resolution, target, zone)
            return (resolution.instant, note)
        }
    }

    /// Explains a local time that daylight saving moved or doubled (never in Asia/Shanghai).
    static func note(_ resolution: Zone.Resolution, _ local: LocalTime, _ zone: Zone) -> String {
        switch resolution {
        case .exact: return ""
        case .skipped(let runsAt):
            let l = zone.local(runsAt)
            return "（当地时间 \(local) 因夏令时不存在，改在 \(TimeOfDay(hour: l.hour, minute: l.minute)) 执行）"
        case .repeated:
            return "（当地时间 \(local) 因夏令时出现两次，只在第一次执行）"
        }
    }
}
