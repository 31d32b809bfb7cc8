import Tagged
package import Domain
package import WorkingDays

/// A stored assessment run: what was assessed, from which inputs, by which rules, and
/// everything it found. Rerunning with the same inputs and rules gives the same run
/// (except its id and creation time).
package struct AssessmentRun: Sendable, Equatable {
    package var id: String
    package var office: OfficeID
    package var period: Period
    /// Facts known at this instant count; deadlines after it are pending.
    package var asOf: Instant
    package var createdAt: Instant
    /// A digest of everything read (items, work records, calendar) and the rule version:
    /// equal digests, equal results.
    package var inputDigest: String
    /// The office's rule version (content hash of its chain) and the file of each function.
    package var ruleVersion: String
    package var ruleFiles: [String: String]
    package var ledger: [LedgerLine]
    package var results: [SubjectResult]
    /// Deadlines in the period not yet due at `asOf`.
    package var pending: Int

    package init(id: String, office: OfficeID, period: Period, asOf: Instant, createdAt: Instant, inputDigest: String, ruleVersion: String,
                 ruleFiles: [String: String], ledger: [LedgerLine], results: [SubjectResult], pending: Int) {
        self.id = id
        self.office = office
        self.period = period
        self.asOf = asOf
        self.createdAt = createdAt
        self.inputDigest = inputDigest
        self.ruleVersion = ruleVersion
        self.ruleFiles = ruleFiles
        self.ledger = ledger
        self.results = results
        self.pending = pending
    }
}

/// A unit's or person's result: totals from the ledger, rank in the group, the `assess`
/// rule's decision.
package struct SubjectResult: Sendable, Equatable, Codable {
    package var subject: AssessmentSummary.Subject
    package var id: String
    package var name: String
    package var group: String
    package var points: Double
    package var rank: Int
    package var groupSize: Int
    package var submitted: Int
    package var adopted: [String: Int]
    package var instructions: [String: Int]
    package var compliance: [String: Int]
    package var decision: AssessmentDecision

    package init(subject: AssessmentSummary.Subject, id: String, name: String, group: String, points: Double, rank: Int, groupSize: Int,
                 submitted: Int, adopted: [String: Int], instructions: [String: Int], compliance: [String: Int], decision: AssessmentDecision) {
        self.subject = subject
        self.id = id
        self.name = name
        self.group = group
        self.points = points
        self.rank = rank
        self.groupSize = groupSize
        self.submitted = submitted
        self.adopted = adopted
        self.instructions = instructions
        self.compliance = compliance
        self.decision = decision
    }

    /// Adopted items at every level.
    package var adoptedTotal: Int { adopted.values.reduce(0, +) }
}

extension AssessmentRun {
    /// The run's header as stored: `points` is the ledger's total at 1/10,000 of a point.
    package var header: AssessmentRunHeader {
        AssessmentRunHeader(id: id, office: office, period: period, asOf: asOf, createdAt: createdAt, inputDigest: inputDigest,
                            ruleVersion: ruleVersion, ledgerLines: ledger.count, points: Points.round(ledger.reduce(0) { $0 + $1.points }))
    }
}
