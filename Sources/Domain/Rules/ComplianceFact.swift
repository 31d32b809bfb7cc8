package import WorkingDays

/// A compliance outcome a `compliance` rule turns into points (mostly penalties):
/// a commission answered late, an instruction reply missing, a monthly quota met…
package struct ComplianceFact: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        /// 约稿: on_time, late, missing.
        case commission
        /// 批示反馈: on_time, late, missing.
        case instructionReply = "instruction_reply"
        /// 紧急信息: on_time, late (迟报), omitted (漏报), concealed (瞒报), false (谎报).
        case emergency
        /// 外出报备: on_time, late, missing.
        case absence
        /// Monthly quota: met, missed.
        case quota
        /// 信息失实: confirmed.
        case inaccuracy
    }

    package var kind: Kind
    package var outcome: String
    package var unit: UnitID
    package var person: PersonID?
    /// The fact date (deadline day, report day, month end…).
    package var date: Day
    /// The record this is about (commission id, instruction id, emergency id, `2026-05`…).
    package var ref: String
    package var due: Instant?
    package var done: Instant?
    /// Emergency severity: general, major, serious, especially_serious.
    package var severity: String?
    /// Quota: items required and submitted.
    package var required: Int?
    package var submitted: Int?

    package init(
        kind: Kind, outcome: String, unit: UnitID, person: PersonID? = nil, date: Day, ref: String,
        due: Instant? = nil, done: Instant? = nil, severity: String? = nil, required: Int? = nil, submitted: Int? = nil
    ) {
        self.kind = kind
        self.outcome = outcome
        self.unit = unit
        self.person = person
        self.date = date
        self.ref = ref
        self.due = due
        self.done = done
        self.severity = severity
        self.required = required
        self.submitted = submitted
    }
}
