import Tagged
package import Domain
package import WorkingDays

/// One row of the point ledger: who gets the points, for what fact, by which rule, dated by
/// the fact. Every total of a run is a sum of its ledger, never computed another way.
package struct LedgerLine: Sendable, Equatable, Codable {
    package var unit: UnitID
    package var person: PersonID?
    /// What the points are for: `item:<id>`, or a compliance fact `commission:<id>`,
    /// `instruction_reply:<id>`, `emergency:<id>`, `absence:<id>`, `quota:<period>`.
    package var source: String
    /// The rule function that gave them: `score` or `compliance`.
    package var function: String
    /// The office's reason code (C2, P1, D3…).
    package var code: String
    package var points: Double
    package var reason: String
    package var date: Day

    package init(unit: UnitID, person: PersonID? = nil, source: String, function: String, code: String, points: Double, reason: String,
                 date: Day) {
        self.unit = unit
        self.person = person
        self.source = source
        self.function = function
        self.code = code
        self.points = points
        self.reason = reason
        self.date = date
    }
}

/// Totals are compared and shown at 1/10,000 of a point, so that sums of the same lines in
/// another order (or on another machine) rank the same.
package enum Points {
    package static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
