import Tagged
/// How many items a unit or a person must submit in a period (e.g. one per person per month).
package struct Quota: Sendable, Equatable, Hashable {
    package enum Subject: Sendable, Equatable, Hashable {
        case unit(UnitID)
        case person(PersonID)
    }

    package var subject: Subject
    package var period: Period
    package var required: Int

    package init(subject: Subject, period: Period, required: Int) {
        self.subject = subject
        self.period = period
        self.required = required
    }

    /// Stable identity: one quota per subject and period.
    package var id: String {
        switch subject {
        case .unit(let u): "unit:\(u.rawValue):\(period)"
        case .person(let p): "person:\(p.rawValue):\(period)"
        }
    }
}
