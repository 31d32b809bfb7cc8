import Tagged
package import Domain
import Foundation
package import WorkingDays

/// Runs an office's assessment for a period: reads the record, scores every item and
/// judges every deadline through the office's rules into one point ledger, sums it per
/// unit and person, ranks each assessment group and asks the `assess` rule for grades,
/// vetoes and rewards. Storing the run is the caller's (one transaction).
package struct AssessmentEngine: Sendable {
    let inputs: any AssessmentInputs
    let rules: any AssessmentRules
    /// The calendar periods close on and deadlines are counted on (part of the input digest).
    let calendar: WorkCalendar

    /// Points are dated by the fact (an adoption, an instruction), so an item submitted up to
    /// a year before the period can still earn points in it.
    package static let lookbackDays = 366
    /// How many phases `run` reports to its `progress` (read, score, compliance, rank).
    package static let phaseCount = 4
    /// The group persons are ranked in.
    package static let personGroup = "信息员"

    package init(inputs: any AssessmentInputs, rules: any AssessmentRules, calendar: WorkCalendar) {
        self.inputs = inputs
        self.rules = rules
        self.calendar = calendar
    }

    /// Seconds spent in each phase.
    package struct Timings: Sendable {
        package var read = 0.0
        package var score = 0.0
        package var compliance = 0.0
        package var rank = 0.0
    }

    /// Runs the assessment of `office` for `period` with the facts known at `asOf`.
    /// `progress` hears each phase's name as it starts; cancelling the task stops between
    /// phases (nothing is stored by this method).
    package func run(office: OfficeID, period: Period, asOf: Instant, id: String, createdAt: Instant,
                     progress: @Sendable (String) -> Void = { _ in }) async throws -> (AssessmentRun, Timings) {
        var timings = Timings()
        var clock = ContinuousClock.now
        func lap() -> Double {
            let now = ContinuousClock.now
            let d = now - clock
            clock = now
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        progress("读取数据")
        async let tableRead = inputs.itemTable(submittedFrom: period.first.adding(days: -Self.lookbackDays), through: period.last)
        async let workRead = inputs.workRecords()
        var (table, work) = try await (tableRead, workRead)
        table.namePublications(Dictionary(work.publications.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        timings.read = lap()
        try Task.checkCancellation()

        let offices = work.subtree(of: office)
        // The office's own unit runs the assessment and is not ranked.
        let scope = work.units.filter { offices.contains($0.office) && $0.kind != .office }
        guard !scope.isEmpty else { throw NothingToAssess(office: office) }
        let scopeIDs = Set(scope.map(\.id))
        let window = RunWindow(period: period, asOf: asOf, closeAfterWorkdays: rules.closeAfterWorkdays, calendar: calendar)
        progress("信息评分")
        var ledger = try await scoreLedger(table, scope: scopeIDs, window: window, asOf: asOf)
        timings.score = lap()
        try Task.checkCancellation()

        progress("时限与配额")
        let judge = ComplianceJudge(period: period, asOf: asOf, units: scopeIDs) { try rules.deadline($0, now: asOf) }
        let judged = try judge.judge(work, submissions: SubmissionCounts(table))
        let complianceLines = try rules.compliance(judged.facts, now: asOf)
        for (fact, lines) in zip(judged.facts, complianceLines) {
            let source = fact.kind == .quota ? "quota:\(fact.person?.rawValue ?? fact.unit.rawValue):\(fact.ref)" : "\(fact.kind.rawValue):\(fact.ref)"
            for line in lines {
                ledger.append(LedgerLine(unit: line.unit ?? fact.unit, person: line.person ?? fact.person, source: source, function: "compliance",
                                         code: line.code, points: line.points, reason: line.reason, date: line.date ?? fact.date))
            }
        }
        timings.compliance = lap()
        try Task.checkCancellation()

        progress("汇总与排名")
        let tally = try PeriodTally(table: table, facts: judged.facts, ledger: ledger, window: window)
        var results: [SubjectResult] = []
        let groups = Dictionary(grouping: scope, by: \.group)
        for group in groups.keys.sorted() {
            let members = groups[group]!.map { (id: $0.id.rawValue, name: $0.name) }
            results += try rankAndAssess(.unit, group: group, members: members, tally: tally.units, period: period, asOf: asOf)
        }
        let people = work.people.filter { scopeIDs.contains($0.unit) && tally.persons[$0.id.rawValue] != nil }
        results += try rankAndAssess(.person, group: Self.personGroup, members: people.map { (id: $0.id.rawValue, name: $0.name) },
                                     tally: tally.persons, period: period, asOf: asOf)
        timings.rank = lap()

        // The rules are not part of the input digest: a run records their version beside it.
        let digest = InputDigest.of(table: table, work: work, extra: [
            office.rawValue, period.description, String(asOf.seconds), calendar.fingerprint,
        ])
        let run = AssessmentRun(id: id, office: office, period: period, asOf: asOf, createdAt: createdAt, inputDigest: digest,
                                ruleVersion: rules.version, ruleFiles: rules.files, ledger: ledger, results: results, pending: judged.pending)
        return (run, timings)
    }

    /// Scores every item and keeps the lines the run counts, as ledger lines; each share of
    /// the rules' score lines is released once turned into ledger lines (never joined).
    private func scoreLedger(_ table: ItemTable, scope: Set<UnitID>, window: RunWindow, asOf: Instant) async throws -> [LedgerLine] {
        var shares = try await rules.score(table, now: asOf)
        let count = shares.reduce(0) { $0 + $1.lines.count }
        var ledger: [LedgerLine] = []
        ledger.reserveCapacity(count + count / 8)
        for s in shares.indices {
            try appendLedgerLines(of: shares[s], table, scope: scope, window: window, to: &ledger)
            shares[s] = ScoreBatch()  // released as soon as it is used
        }
        return ledger
    }

    /// Appends the ledger lines of one share of score lines (those the run counts).
    private func appendLedgerLines(of batch: ScoreBatch, _ table: ItemTable, scope: Set<UnitID>, window: RunWindow,
                                   to ledger: inout [LedgerLine]) throws {
        for k in batch.lines.indices {
            let line = batch.lines[k]
            let i = Int(batch.itemIndex[k])
            let unit = line.unit ?? table.leadUnit(i)
            let date = line.date ?? table.submitted[i]
            guard scope.contains(unit), date <= window.lastDay else { continue }
            let recorded = table.recorded(ofItem: i, on: date)
            guard try window.counts(date: date, recorded: recorded) else { continue }
            // A line the rule gave no person is credited to the item's lead author.
            let author = table.authorStart[i] < table.authorStart[i + 1]
                ? PersonID(rawValue: table.strings[Int(table.authorRefs[Int(table.authorStart[i])])]) : nil
            let reason = try window.lateNote(date: date, recorded: recorded).map { line.reason + $0 } ?? line.reason
            ledger.append(LedgerLine(unit: unit, person: line.person ?? author, source: "item:" + table.ids[i].rawValue, function: "score",
                                     code: line.code, points: line.points, reason: reason, date: date))
        }
    }

    /// Ranks one group and asks `assess` for each member in rank order; `eligible_rank`
    /// skips members vetoed before.
    private func rankAndAssess(_ subject: AssessmentSummary.Subject, group: String, members: [(id: String, name: String)],
                               tally: [String: PeriodTally.Totals], period: Period, asOf: Instant) throws -> [SubjectResult] {
        let names = Dictionary(members.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let entries = members.map { m -> Ranking.Entry in
            let t = tally[m.id] ?? PeriodTally.Totals()
            return Ranking.Entry(id: m.id, points: Points.round(t.points), adopted: t.adoptedItems, adoptedAboveCity: t.adoptedAboveCity,
                                 submitted: t.submitted)
        }
        let ranked = Ranking.rank(entries, tieBreaks: rules.tieBreaks)
        let best = ranked.first?.entry.points ?? 0
        var out: [SubjectResult] = []
        var eligibleSoFar = 0
        var eligibleBase = 1
        var previousRank = 0
        for (entry, rank) in ranked {
            if rank != previousRank {
                eligibleBase = eligibleSoFar + 1
                previousRank = rank
            }
            let t = tally[entry.id] ?? PeriodTally.Totals()
            let summary = AssessmentSummary(subject: subject, id: entry.id, name: names[entry.id] ?? entry.id, group: group,
                                            period: period.description, points: entry.points, rank: rank, groupSize: ranked.count,
                                            eligibleRank: eligibleBase, best: best, submitted: t.submitted, adopted: t.adopted,
                                            instructions: t.instructions, compliance: t.compliance)
            let decision = try rules.assess(summary, now: asOf)
            if !decision.veto { eligibleSoFar += 1 }
            out.append(SubjectResult(subject: subject, id: entry.id, name: summary.name, group: group, points: entry.points, rank: rank,
                                     groupSize: ranked.count, submitted: t.submitted, adopted: t.adopted, instructions: t.instructions,
                                     compliance: t.compliance, decision: decision))
        }
        return out
    }
}
