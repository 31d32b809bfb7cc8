package import WorkingDays

/// An event whose follow-up has a deadline, as the `deadline` rule sees it.
package struct DeadlineEvent: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        /// 外出报备: `depart` is the departure; report before leaving.
        case absence
        /// 批示: `at` is when the instruction was received; `urgency` urgent/ordinary.
        case instruction
        /// 约稿: `at` is when it was assigned; `due` may be set by the office.
        case commission
        /// 突发事件: `at` is when the event happened; `severity` decides the minutes.
        case emergency
        /// 月报/季报: `period` is the month (`2026-05`) being reported.
        case monthlyReport = "monthly_report"
    }

    package var kind: Kind
    package var id: String
    package var unit: UnitID
    /// The moment the clock starts (event, receipt, assignment).
    package var at: Instant?
    package var depart: Instant?
    package var back: Instant?
    /// Explicit due time given by a person (a commission's deadline, an instruction's own limit).
    package var due: Instant?
    package var urgency: String?
    package var severity: String?
    package var period: String?
    package var level: Level?

    package init(
        kind: Kind, id: String, unit: UnitID, at: Instant? = nil, depart: Instant? = nil, back: Instant? = nil,
        due: Instant? = nil, urgency: String? = nil, severity: String? = nil, period: String? = nil, level: Level? = nil
    ) {
        self.kind = kind
        self.id = id
        self.unit = unit
        self.at = at
        self.depart = depart
        self.back = back
        self.due = due
        self.urgency = urgency
        self.severity = severity
        self.period = period
        self.level = level
    }
}

/// What `deadline` decides: when the follow-up is due and when to remind whom.
package struct DeadlineDecision: Sendable, Equatable, Codable {
    package var due: Instant
    /// Emergencies: the phone report's deadline (before the written one).
    package var phoneDue: Instant?
    /// One line explaining the count, e.g. 收到后5个工作日（不含当日）.
    package var basis: String?
    package var reminders: [Reminder]

    package struct Reminder: Sendable, Equatable, Codable {
        package var at: Instant
        /// reporter, handler, unit_leader or office.
        package var to: String
        package var note: String

        package init(at: Instant, to: String, note: String) {
            self.at = at
            self.to = to
            self.note = note
        }
    }

    package init(due: Instant, phoneDue: Instant? = nil, basis: String? = nil, reminders: [Reminder] = []) {
        self.due = due
        self.phoneDue = phoneDue
        self.basis = basis
        self.reminders = reminders
    }

    enum CodingKeys: String, CodingKey {
        case due, basis, reminders
        case phoneDue = "phone_due"
    }
}
