package import WorkingDays

/// An emergency (突发事件) a unit must report: by phone first when serious, then in writing,
/// within minutes counted 24/7; follow-ups (续报) after.
package struct Emergency: Sendable, Equatable {
    package enum Severity: String, Sendable, Codable, CaseIterable {
        /// 一般
        case general
        /// 较大
        case major
        /// 重大
        case serious
        /// 特别重大
        case especiallySerious = "especially_serious"

        package var label: String {
            switch self {
            case .general: "一般"
            case .major: "较大"
            case .serious: "重大"
            case .especiallySerious: "特别重大"
            }
        }
    }

    /// What the office found about the reporting, when it was not simply late or on time.
    package enum Finding: String, Sendable, Codable, CaseIterable {
        /// 漏报: omitted by negligence.
        case omitted
        /// 瞒报: concealed.
        case concealed
        /// 谎报: deliberately false.
        case `false`
    }

    package var id: String
    package var unit: UnitID
    package var title: String
    package var severity: Severity
    package var occurredAt: Instant
    package var learnedAt: Instant?
    package var phoneAt: Instant?
    package var writtenAt: Instant?
    package var finding: Finding?
    package var followups: [Instant]

    package init(
        id: String, unit: UnitID, title: String, severity: Severity, occurredAt: Instant, learnedAt: Instant? = nil,
        phoneAt: Instant? = nil, writtenAt: Instant? = nil, finding: Finding? = nil, followups: [Instant] = []
    ) {
        self.id = id
        self.unit = unit
        self.title = title
        self.severity = severity
        self.occurredAt = occurredAt
        self.learnedAt = learnedAt
        self.phoneAt = phoneAt
        self.writtenAt = writtenAt
        self.finding = finding
        self.followups = followups
    }
}
