import Assessment
import Domain
import Foundation
import Rules
import WorkingDays

/// An office's Lua rules as an assessment run uses them: scoring on every core, the other
/// functions on one state (calls are serialised).
final class OfficeRules: AssessmentRules, @unchecked Sendable {
    // Invariant: `single` is only used while holding `lock`.
    private let scorer: ParallelScorer
    private let single: CompiledRules
    private let lock = NSLock()
    let office: OfficeID
    let version: String
    let files: [String: String]

    init(_ set: RuleSet, calendar: WorkCalendar) throws {
        do {
            scorer = try ParallelScorer(set, calendar: calendar)
            single = try CompiledRules(set, calendar: calendar)
        } catch {
            throw CommandFailure(error.description)
        }
        office = set.office
        version = set.version
        var files: [String: String] = [:]
        for f in ["score", "compliance", "assess", "deadline"] { files[f] = single.definitionFile(of: f) }
        self.files = files
    }

    func score(_ table: ItemTable, now: Instant) async throws -> ScoreBatch {
        try scorer.score(table, context: RuleContext(now: now, office: office))
    }

    func compliance(_ facts: [ComplianceFact], now: Instant) throws -> [[ScoreLine]] {
        let context = RuleContext(now: now, office: office)
        return try lock.withLock { try facts.map { (f) throws(RuleError) in try single.compliance(f, context: context) } }
    }

    func assess(_ summary: AssessmentSummary, now: Instant) throws -> AssessmentDecision {
        try lock.withLock { try single.assess(summary, context: RuleContext(now: now, office: office)) }
    }

    func deadline(_ event: DeadlineEvent, now: Instant) throws -> DeadlineDecision? {
        try lock.withLock { try single.deadline(event, context: RuleContext(now: now, office: office)) }
    }
}
