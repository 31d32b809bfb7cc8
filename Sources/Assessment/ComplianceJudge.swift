import Tagged
import Domain
import WorkingDays

/// Turns the period's work into compliance facts: each commission a unit answered on time,
/// late or not at all; each instruction's reply; each emergency's written report (or the
/// office's finding of 漏报/瞒报/谎报); each absence report; each quota met or missed.
/// Deadlines come from the office's `deadline` rule; a fact is dated by its deadline day
/// and belongs to the period that day falls in. Work not yet due at `asOf` and not done is
/// pending: no fact yet.
struct ComplianceJudge {
    let period: Period
    let asOf: Instant
    /// The units the run covers.
    let units: Set<UnitID>
    let deadline: (DeadlineEvent) throws -> DeadlineDecision?

    struct Result {
        var facts: [ComplianceFact] = []
        /// Work whose deadline is in the period but after `asOf`, not done yet.
        var pending = 0
    }

    func judge(_ w: WorkRecords, submissions: SubmissionCounts) throws -> Result {
        var r = Result()
        let firstAnswer = Dictionary(w.answers.map { ("\($0.commission)/\($0.unit.rawValue)", $0.at) }, uniquingKeysWith: min)
        for c in w.commissions {
            for unit in c.units where units.contains(unit) {
                let event = DeadlineEvent(kind: .commission, id: c.id, unit: unit, at: c.assignedAt, due: c.due)
                try judge(.commission, event, done: firstAnswer["\(c.id)/\(unit.rawValue)"], ref: c.id, into: &r) { $0 }
            }
        }
        let firstReply = Dictionary(w.replies.map { ($0.instruction, $0.at) }, uniquingKeysWith: min)
        for i in w.instructions where units.contains(i.handler) {
            let event = DeadlineEvent(kind: .instruction, id: i.id, unit: i.handler, at: i.at, due: i.due,
                                      urgency: i.urgency.rawValue, level: i.level)
            try judge(.instructionReply, event, done: firstReply[i.id], ref: i.id, into: &r) { $0 }
        }
        for e in w.emergencies where units.contains(e.unit) {
            let event = DeadlineEvent(kind: .emergency, id: e.id, unit: e.unit, at: e.occurredAt, severity: e.severity.rawValue)
            // The office's finding decides; otherwise the written report against its deadline
            // (never written once due = still late: 迟报).
            try judge(.emergency, event, done: e.writtenAt, ref: e.id, severity: e.severity.rawValue, into: &r) { outcome in
                if let finding = e.finding { return finding.rawValue }
                return outcome == "missing" ? "late" : outcome
            }
        }
        for a in w.absences where units.contains(a.unit) {
            let event = DeadlineEvent(kind: .absence, id: a.id, unit: a.unit, depart: a.departAt, back: a.returnAt)
            try judge(.absence, event, done: a.filedAt, ref: a.id, into: &r) { $0 }
        }
        let unitOf = Dictionary(w.people.map { ($0.id, $0.unit) }, uniquingKeysWith: { a, _ in a })
        for q in w.quotas where period.first <= q.period.first && q.period.last <= period.last {
            // Judged once the quota's period is over.
            guard asOf >= Instant(day: q.period.last.adding(days: 1)) else { r.pending += 1; continue }
            let (unit, person, submitted): (UnitID?, PersonID?, Int) = switch q.subject {
            case .unit(let u): (u, nil, submissions.count(unit: u, in: q.period))
            case .person(let p): (unitOf[p], p, submissions.count(person: p, in: q.period))
            }
            guard let unit, units.contains(unit) else { continue }
            r.facts.append(ComplianceFact(kind: .quota, outcome: submitted >= q.required ? "met" : "missed", unit: unit, person: person,
                                          date: q.period.last, ref: q.period.description, required: q.required, submitted: submitted))
        }
        return r
    }

    /// One deadline: on time, late, or missing once due; `map` adjusts the outcome.
    private func judge(_ kind: ComplianceFact.Kind, _ event: DeadlineEvent, done: Instant?, ref: String, severity: String? = nil,
                       into r: inout Result, map: (String) -> String) throws {
        let answer: DeadlineDecision?
        do {
            answer = try deadline(event)
        } catch let e as DeadlineBeyondCalendar where e.year > period.last.year {
            return  // due after the period (in a year the calendar does not cover yet)
        }
        guard let decision = answer else { return }  // nothing required (e.g. a one-day trip)
        let due = decision.due
        guard period.contains(due.day) else { return }
        // Only work done by `asOf` is known at `asOf`: done later, it is still open then
        // (pending before its deadline, missing after it).
        let done = done.flatMap { $0 <= asOf ? $0 : nil }
        let outcome: String
        if let done {
            outcome = done <= due ? "on_time" : "late"
        } else if due < asOf {
            outcome = "missing"
        } else {
            r.pending += 1
            return
        }
        r.facts.append(ComplianceFact(kind: kind, outcome: map(outcome), unit: event.unit, date: due.day, ref: ref, due: due, done: done,
                                      severity: severity))
    }
}

/// Items submitted per unit and per author, by day, for quotas.
struct SubmissionCounts {
    /// Items submitted per unit and per person, by month (`year * 12 + month - 1`): quota
    /// periods are whole months, quarters or years.
    private var byUnit: [UnitID: [Int: Int]] = [:]
    private var byPerson: [PersonID: [Int: Int]] = [:]

    init(_ table: ItemTable) {
        for i in 0..<table.count {
            let (y, m, _) = table.submitted[i].components
            let month = y * 12 + m - 1
            for k in Int(table.unitStart[i])..<Int(table.unitStart[i + 1]) {
                byUnit[UnitID(rawValue: table.strings[Int(table.unitRefs[k])]), default: [:]][month, default: 0] += 1
            }
            for k in Int(table.authorStart[i])..<Int(table.authorStart[i + 1]) {
                byPerson[PersonID(rawValue: table.strings[Int(table.authorRefs[k])]), default: [:]][month, default: 0] += 1
            }
        }
    }

    func count(unit: UnitID, in p: Period) -> Int { Self.count(byUnit[unit], p) }
    func count(person: PersonID, in p: Period) -> Int { Self.count(byPerson[person], p) }

    private static func count(_ months: [Int: Int]?, _ p: Period) -> Int {
        guard let months else { return 0 }
        let (fy, fm, _) = p.first.components, (ly, lm, _) = p.last.components
        return (fy * 12 + fm - 1...ly * 12 + lm - 1).reduce(0) { $0 + (months[$1] ?? 0) }
    }
}
