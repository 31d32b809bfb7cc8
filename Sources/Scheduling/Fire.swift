package import WorkingDays

/// One moment a job fires, and why.
package struct Fire: Hashable, Sendable {
    package var at: Instant
    /// What the fire is about: empty for clock triggers, `<job>@<time>` for a reminder
    /// before another job's fire, `<kind>:<id>` for an event's reminder.
    package var subject: String
    /// One line in Chinese, e.g. `2026年10月第3个工作日 = 10-10 周六（调休上班（国庆节））`.
    package var explanation: String
    /// The day was planned without official calendar data (Monday–Friday assumed).
    package var provisional: Bool

    package init(at: Instant, subject: String = "", explanation: String, provisional: Bool = false) {
        self.at = at
        self.subject = subject
        self.explanation = explanation
        self.provisional = provisional
    }
}

/// The fires of a window, and where the calendar data ran out, if it did.
package struct FireWindow: Sendable {
    package var fires: [Fire]
    /// The first year the window needed but the calendar does not cover (planning stops
    /// before it; the job is flagged until the State Council's notice is added).
    package var uncoveredYear: Int?

    package init(fires: [Fire] = [], uncoveredYear: Int? = nil) {
        self.fires = fires
        self.uncoveredYear = uncoveredYear
    }
}

extension Day {
    /// `10-10`.
    package var monthDay: String { Day.pad(month, 2) + "-" + Day.pad(components.day, 2) }
}
