package import Cron
package import Domain

/// When a job fires.
package enum Trigger: Sendable, Hashable {
    /// A cron expression in a named dialect.
    case cron(CronExpression)
    /// A working-day rule, at one or more times of day.
    case workdays(WorkdayRule, at: [TimeOfDay])
    /// Offsets from another job's fires (a reminder ladder before a deadline job).
    case beforeJob(job: String, offsets: [Offset], at: TimeOfDay?)
    /// Offsets from events of the record (absences, instructions, commissions, emergencies):
    /// planned per event as the event arrives, not by the clock.
    case event(kind: DeadlineEvent.Kind, anchor: EventAnchor, offsets: [Offset], at: TimeOfDay?)

    /// Whether it fires per event of the record rather than by the clock.
    package var isEvent: Bool {
        if case .event = self { return true }
        return false
    }

    /// A stable text form of the trigger (for fingerprints).
    package var canonical: String {
        func times(_ t: [TimeOfDay]) -> String { t.map(\.description).joined(separator: ",") }
        func offs(_ o: [Offset]) -> String { o.map(\.description).joined(separator: ",") }
        switch self {
        case .cron(let e): return "cron|\(e.dialect.rawValue)|\(e.dayMatch?.rawValue ?? "")|\(e.text)"
        case .workdays(let rule, let at): return "workdays|\(rule.canonical)|\(times(at))"
        case .beforeJob(let job, let o, let at): return "job|\(job)|\(offs(o))|\(at?.description ?? "")"
        case .event(let kind, let anchor, let o, let at): return "event|\(kind.rawValue)|\(anchor.rawValue)|\(offs(o))|\(at?.description ?? "")"
        }
    }

    /// One line for `tally schedule list`.
    package var summary: String {
        switch self {
        case .cron(let e): "cron（\(e.dialect.rawValue)）\(e.text)"
        case .workdays(let rule, let at): "\(rule.summary) \(at.map(\.description).joined(separator: "、"))"
        case .beforeJob(let job, let offsets, _): "任务 \(job) 的\(offsets.map(\.label).joined(separator: "、"))"
        case .event(let kind, let anchor, let offsets, _):
            "每件\(kind.label)的\(anchor.label)" + offsets.map(\.label).joined(separator: "、")
        }
    }
}

/// Which moment of an event a reminder ladder counts from.
package enum EventAnchor: String, Sendable, Hashable, CaseIterable {
    /// The reminder ladder the office's `deadline` rule gives for the event (no offsets:
    /// one fire per reminder, at the rule's times, to the rule's recipients).
    case reminders
    /// The deadline the office's `deadline` rule gives for the event.
    case due
    /// The event's own time: instruction received, commission assigned, emergency happened.
    case at
    /// An absence's departure.
    case depart

    package var label: String {
        switch self {
        case .reminders: "时限规则给出的提醒"
        case .due: "办理时限"
        case .at: "发生时间"
        case .depart: "出发时间"
        }
    }
}

extension DeadlineEvent.Kind {
    /// 外出报备, 领导批示, 约稿, 突发事件, 月报.
    package var label: String {
        switch self {
        case .absence: "外出报备"
        case .instruction: "领导批示"
        case .commission: "约稿"
        case .emergency: "突发事件"
        case .monthlyReport: "月报"
        }
    }
}

/// Working-day rules on the official calendar.
package enum WorkdayRule: Sendable, Hashable {
    /// Every working day (optionally only in some months).
    case every(months: Set<Int>?)
    /// The n-th working day of each month, quarter or year; negative n counts from the end
    /// (-1 = the last working day).
    case nth(Int, of: Span, months: Set<Int>?)
    /// A day of the month (1–31, or -1 for the last day); when it is not a working day, move
    /// as `shift` says. Months without that day are skipped.
    case dayOfMonth(Int, shift: Shift, months: Set<Int>?)
    /// A weekday (1 = Monday … 7 = Sunday) every week; when it is not a working day, move as
    /// `shift` says.
    case dayOfWeek(Int, shift: Shift, months: Set<Int>?)

    package enum Span: String, Sendable, Hashable, CaseIterable {
        case month, quarter, year

        var label: String {
            switch self {
            case .month: "每月"
            case .quarter: "每季度"
            case .year: "每年"
            }
        }
    }

    /// What to do when the named day is not a working day.
    package enum Shift: String, Sendable, Hashable, CaseIterable {
        /// The first working day after it (民法典 第二百零三条's default).
        case next
        /// The last working day before it.
        case previous
        /// Do not fire that time.
        case skip
    }

    package var months: Set<Int>? {
        switch self {
        case .every(let m), .nth(_, _, let m), .dayOfMonth(_, _, let m), .dayOfWeek(_, _, let m): m
        }
    }

    var canonical: String {
        let m = months.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "*"
        switch self {
        case .every: return "every|\(m)"
        case .nth(let n, let span, _): return "nth|\(n)|\(span.rawValue)|\(m)"
        case .dayOfMonth(let d, let shift, _): return "dom|\(d)|\(shift.rawValue)|\(m)"
        case .dayOfWeek(let d, let shift, _): return "dow|\(d)|\(shift.rawValue)|\(m)"
        }
    }

    var summary: String {
        let monthsNote = months.map { "（\($0.sorted().map { "\($0)月" }.joined(separator: "、"))）" } ?? ""
        switch self {
        case .every: return "每个工作日" + monthsNote
        case .nth(let n, let span, _):
            return span.label + (n > 0 ? "第\(n)个工作日" : n == -1 ? "最后一个工作日" : "倒数第\(-n)个工作日") + monthsNote
        case .dayOfMonth(let d, let shift, _):
            return "每月" + (d == -1 ? "最后一天" : "\(d)日") + "（\(shift.label)）" + monthsNote
        case .dayOfWeek(let d, let shift, _):
            return "每" + ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"][d] + "（\(shift.label)）" + monthsNote
        }
    }
}

extension WorkdayRule.Shift {
    var label: String {
        switch self {
        case .next: "非工作日顺延"
        case .previous: "非工作日提前"
        case .skip: "非工作日不执行"
        }
    }
}
