/// A unit's or person's period totals, as the `assess` rule sees them.
///
/// `assess` is called in rank order within each group; `eligibleRank` is the rank the
/// unit would have among units not vetoed so far (earlier calls' vetoes are known).
package struct AssessmentSummary: Sendable, Equatable, Codable {
    package enum Subject: String, Sendable, Codable {
        case unit
        case person
    }

    package var subject: Subject
    package var id: String
    package var name: String
    /// Assessment group (县区, 一类部门…) the ranking is within.
    package var group: String
    /// `2026`, `2026Q2` or `2026-05`.
    package var period: String
    package var points: Double
    package var rank: Int
    package var groupSize: Int
    package var eligibleRank: Int
    /// The best total in the group (for converted scores).
    package var best: Double
    package var submitted: Int
    package var adopted: [String: Int]
    package var instructions: [String: Int]
    /// Outcome counts per compliance kind: `commission.late`, `emergency.concealed`, …
    package var compliance: [String: Int]

    package init(
        subject: Subject, id: String, name: String, group: String, period: String, points: Double, rank: Int,
        groupSize: Int, eligibleRank: Int, best: Double, submitted: Int, adopted: [String: Int] = [:],
        instructions: [String: Int] = [:], compliance: [String: Int] = [:]
    ) {
        self.subject = subject
        self.id = id
        self.name = name
        self.group = group
        self.period = period
        self.points = points
        self.rank = rank
        self.groupSize = groupSize
        self.eligibleRank = eligibleRank
        self.best = best
        self.submitted = submitted
        self.adopted = adopted
        self.instructions = instructions
        self.compliance = compliance
    }

    enum CodingKeys: String, CodingKey {
        case subject, id, name, group, period, points, rank, submitted, adopted, instructions, compliance, best
        case groupSize = "group_size"
        case eligibleRank = "eligible_rank"
    }
}

/// What `assess` decides for one summary.
package struct AssessmentDecision: Sendable, Equatable, Codable {
    /// e.g. 先进一等, 先进二等, 先进三等, 合格; nil = no grade.
    package var grade: String?
    /// Not eligible for awards (否决).
    package var veto: Bool
    /// Why vetoed, or other remarks.
    package var reasons: [String]
    package var reward: String?
    package var penalty: String?
    /// The score converted into the unit's 综合考评 points.
    package var converted: Double?

    package init(grade: String? = nil, veto: Bool = false, reasons: [String] = [], reward: String? = nil, penalty: String? = nil, converted: Double? = nil) {
        self.grade = grade
        self.veto = veto
        self.reasons = reasons
        self.reward = reward
        self.penalty = penalty
        self.converted = converted
    }
}
