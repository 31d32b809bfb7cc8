package import Assessment
package import Domain
import Foundation
package import WorkingDays

/// An office's Lua rules as an assessment run uses them: scoring on every core, the other
/// functions on one state (calls are serialised). Used by `tally assess` and
/// `tally-bench assess`.
package final class OfficeRules: AssessmentRules, @unchecked Sendable {
    // Invariant: `single` is only used while holding `lock`.
    private let scorer: ParallelScorer
    private let single: CompiledRules
    private let lock = NSLock()
    package let office: OfficeID
    package let version: String
    package let files: [String: String]
    package let closeAfterWorkdays: Int?
    package let tieBreaks: [Ranking.TieBreak]

    package init(_ set: RuleSet, calendar: WorkCalendar) throws(RuleError) {
        scorer = try ParallelScorer(set, calendar: calendar)
        single = try CompiledRules(set, calendar: calendar)
        if let e = RuleValidator.checkSkipDeclaration(single) { throw e }
        office = set.office
        version = set.version
        closeAfterWorkdays = set.closeAfterWorkdays
        tieBreaks = set.tieBreaks
        var files: [String: String] = [:]
        for f in ["score", "compliance", "assess", "deadline"] { files[f] = single.definitionFile(of: f) }
        self.files = files
    }

    /// Lua states scoring in parallel.
    package var threads: Int { scorer.threads }

    package func score(_ table: ItemTable, now: Instant) async throws -> [ScoreBatch] {
        try scorer.scoreShares(table, context: RuleContext(now: now, office: office))
    }

    package func compliance(_ facts: [ComplianceFact], now: Instant) throws -> [[ScoreLine]] {
        let context = RuleContext(now: now, office: office)
        return try lock.withLock { try facts.map { (f) throws(RuleError) in try single.compliance(f, context: context) } }
    }

    package func assess(_ summary: AssessmentSummary, now: Instant) throws -> AssessmentDecision {
        try lock.withLock { try single.assess(summary, context: RuleContext(now: now, office: office)) }
    }

    /// Throws `DeadlineBeyondCalendar` when the rule failed on a year without calendar data.
    package func deadline(_ event: DeadlineEvent, now: Instant) throws -> DeadlineDecision? {
        do {
            return try lock.withLock { try single.deadline(event, context: RuleContext(now: now, office: office)) }
        } catch let e as RuleError where e.uncoveredYear != nil {
            throw DeadlineBeyondCalendar(year: e.uncoveredYear!, underlying: e)
        }
    }
}
