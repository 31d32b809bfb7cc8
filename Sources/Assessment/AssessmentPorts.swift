import Tagged
package import Domain
package import WorkingDays

/// The office's rules as a run needs them (implemented over the Lua rule engine outside
/// this target). Every call is deterministic in its input and `now`.
package protocol AssessmentRules: Sendable {
    /// The office's rule version (content hash of its chain).
    var version: String { get }
    /// Where each function is defined (`score` → `rules/city/10_score.lua`).
    var files: [String: String] { get }
    /// Periods close at the end of this many working days after their last day (facts
    /// recorded later count in the next open period); nil: they never close.
    var closeAfterWorkdays: Int? { get }
    /// What breaks a tie on points, in order.
    var tieBreaks: [Ranking.TieBreak] { get }
    /// Scores every item of `table` on every core: consecutive shares in item order (lines in
    /// item order within each), `itemIndex` counting from the table's first item.
    func score(_ table: ItemTable, now: Instant) async throws -> [ScoreBatch]
    func compliance(_ facts: [ComplianceFact], now: Instant) throws -> [[ScoreLine]]
    func assess(_ summary: AssessmentSummary, now: Instant) throws -> AssessmentDecision
    func deadline(_ event: DeadlineEvent, now: Instant) throws -> DeadlineDecision?
}

/// A deadline the rules could not count because the calendar has no data for `year`: it
/// falls in that year or later (thrown by `AssessmentRules.deadline`).
package struct DeadlineBeyondCalendar: Error, CustomStringConvertible {
    package var year: Int
    package var underlying: any Error

    package init(year: Int, underlying: any Error) {
        self.year = year
        self.underlying = underlying
    }

    package var description: String { "\(underlying)" }
}

/// The office (with the offices under it) has no unit to assess: nothing is stored.
package struct NothingToAssess: Error, CustomStringConvertible {
    package var office: OfficeID

    package init(office: OfficeID) { self.office = office }

    package var description: String { "办公室 \(office) 及其下级办公室没有要考核的单位（请先导入单位，单位的 office 字段应为 \(office)）" }
}

/// What a run reads from the record.
package protocol AssessmentInputs: Sendable {
    func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable
    func workRecords() async throws -> WorkRecords
}

/// Where runs are kept. `save` is one transaction: a run is stored whole or not at all.
package protocol AssessmentRunStore: Sendable {
    func save(_ run: AssessmentRun) async throws
    func run(id: String) async throws -> AssessmentRun?
    /// Stored runs of `office` (all when nil) for `period` (all when nil), newest first,
    /// without their ledgers and results.
    func runs(office: OfficeID?, period: Period?) async throws -> [AssessmentRunHeader]
    /// The ledger lines of `run` for `unit` (any when nil) and `person` (any when nil), in
    /// ledger order: one unit's or one person's points, as `assess explain` shows them.
    /// Empty when no such run is stored.
    func ledger(run: String, unit: UnitID?, person: PersonID?) async throws -> [LedgerLine]
    /// Deletes run `id` with its ledger and results; false when no such run was stored.
    func deleteRun(id: String) async throws -> Bool
}

/// A stored run without its ledger and results.
package struct AssessmentRunHeader: Sendable, Equatable {
    package var id: String
    package var office: OfficeID
    package var period: Period
    package var asOf: Instant
    package var createdAt: Instant
    package var inputDigest: String
    package var ruleVersion: String
    package var ledgerLines: Int
    package var points: Double

    package init(id: String, office: OfficeID, period: Period, asOf: Instant, createdAt: Instant, inputDigest: String, ruleVersion: String,
                 ledgerLines: Int, points: Double) {
        self.id = id
        self.office = office
        self.period = period
        self.asOf = asOf
        self.createdAt = createdAt
        self.inputDigest = inputDigest
        self.ruleVersion = ruleVersion
        self.ledgerLines = ledgerLines
        self.points = points
    }
}
