package import WorkingDays

/// A leader-absence report (外出报备): a unit's principal leader away for 2 days or more
/// reports destination, dates and the acting leader before leaving.
package struct Absence: Sendable, Equatable {
    package var id: String
    package var unit: UnitID
    package var leader: String
    package var destination: String
    package var reason: String
    package var departAt: Instant
    package var returnAt: Instant
    /// 代为主持工作: who acts for the leader, and how to reach them.
    package var actingLeader: String
    package var actingPhone: String?
    /// When the report was filed; nil = not filed (yet).
    package var filedAt: Instant?

    package init(
        id: String, unit: UnitID, leader: String, destination: String, reason: String, departAt: Instant, returnAt: Instant,
        actingLeader: String, actingPhone: String? = nil, filedAt: Instant? = nil
    ) {
        self.id = id
        self.unit = unit
        self.leader = leader
        self.destination = destination
        self.reason = reason
        self.departAt = departAt
        self.returnAt = returnAt
        self.actingLeader = actingLeader
        self.actingPhone = actingPhone
        self.filedAt = filedAt
    }
}
