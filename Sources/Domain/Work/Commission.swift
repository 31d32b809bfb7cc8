package import WorkingDays

/// A commissioned topic (约稿/点题): the office asks named units for an item on a topic by a date.
package struct Commission: Sendable, Equatable {
    package var id: String
    package var office: OfficeID
    package var topic: String
    package var units: [UnitID]
    package var assignedAt: Instant
    package var due: Instant

    package init(id: String, office: OfficeID, topic: String, units: [UnitID], assignedAt: Instant, due: Instant) {
        self.id = id
        self.office = office
        self.topic = topic
        self.units = units
        self.assignedAt = assignedAt
        self.due = due
    }
}

/// A unit's answer to a commission, usually an item.
package struct CommissionAnswer: Sendable, Equatable {
    package var id: String
    package var commission: String
    package var unit: UnitID
    package var item: ItemID?
    package var at: Instant

    package init(id: String, commission: String, unit: UnitID, item: ItemID? = nil, at: Instant) {
        self.id = id
        self.commission = commission
        self.unit = unit
        self.item = item
        self.at = at
    }
}
