package import WorkingDays

/// One line of points a rule gives, with its reason: the unit of the point ledger.
package struct ScoreLine: Sendable, Equatable, Codable {
    /// Short reason code from the office's scoring table, e.g. `C2`, `P1`, `D3`.
    package var code: String
    package var points: Double
    /// Human-readable reason (Chinese), e.g. 市《每日要情》采用.
    package var reason: String
    /// The fact date the points are dated by (adoption date, instruction date…).
    package var date: Day?
    /// The credited unit; nil = the item's lead unit (or the fact's unit).
    package var unit: UnitID?
    /// A credited person, for individual rankings.
    package var person: PersonID?

    package init(code: String, points: Double, reason: String, date: Day? = nil, unit: UnitID? = nil, person: PersonID? = nil) {
        self.code = code
        self.points = points
        self.reason = reason
        self.date = date
        self.unit = unit
        self.person = person
    }
}
