package import Domain
package import WorkingDays

/// Events of the record that deadlines are counted from, read in the order they were
/// recorded (so a planner can pick up where it stopped).
package protocol EventSource: Sendable {
    /// Events of `kind` recorded after position `cursor`, from at most `limit` records (a
    /// commission gives one event per assigned unit), and the position of the last one
    /// returned (`cursor` when there are none). Positions only grow: a store must not hand
    /// out a position below one already returned (PostgreSQL waits for open imports).
    func events(_ kind: DeadlineEvent.Kind, after cursor: Int64, limit: Int) async throws -> (events: [RecordedEvent], cursor: Int64)
    /// Whether the event is done by now (checked again just before a reminder goes out).
    func isSettled(_ kind: DeadlineEvent.Kind, id: String) async throws -> Bool
}

/// An event as the record holds it.
package struct RecordedEvent: Sendable, Equatable {
    package var event: DeadlineEvent
    /// The office the event's unit belongs to.
    package var office: OfficeID
    /// Already done: the absence was reported, the instruction answered, the commission
    /// delivered, the emergency reported in writing. Settled events get no reminders.
    package var settled: Bool
    /// One line for people, e.g. `城建局 王局长 赴北京（05-06 出发）`.
    package var summary: String

    package init(event: DeadlineEvent, office: OfficeID, settled: Bool, summary: String) {
        self.event = event
        self.office = office
        self.settled = settled
        self.summary = summary
    }
}

/// The office's `deadline` rule, as the scheduler needs it (implemented over the Lua rule
/// engine outside this target).
package protocol DeadlineRules: Sendable {
    /// The deadline and reminder ladder for `event`; reminders before `now` are left out.
    func deadline(for event: DeadlineEvent, office: OfficeID, now: Instant) throws -> DeadlineDecision?
    /// The version of the office's live rules: when it changes, pending reminders are planned again.
    func version(office: OfficeID) -> String
}
