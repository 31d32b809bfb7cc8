package import WorkingDays

/// An information item (政务信息) and its workflow history.
package struct Item: Sendable, Equatable {
    package var id: ItemID
    /// Credited units, lead unit first (several = a joint item).
    package var units: [UnitID]
    package var authors: [PersonID]
    package var category: ItemCategory
    package var title: String
    package var body: String
    package var status: ItemStatus
    package var createdAt: Instant
    package var submittedAt: Instant?
    /// The commission (约稿) it answers.
    package var commission: String?
    /// For a 综合 item merged by the office: the submissions folded into it.
    package var mergedFrom: [ItemID]
    /// Every transition, oldest first.
    package var history: [ItemTransition]

    package init(
        id: ItemID, units: [UnitID], authors: [PersonID] = [], category: ItemCategory, title: String, body: String = "",
        status: ItemStatus, createdAt: Instant, submittedAt: Instant? = nil, commission: String? = nil,
        mergedFrom: [ItemID] = [], history: [ItemTransition] = []
    ) {
        self.id = id
        self.units = units
        self.authors = authors
        self.category = category
        self.title = title
        self.body = body
        self.status = status
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.commission = commission
        self.mergedFrom = mergedFrom
        self.history = history
    }

    package var isMerged: Bool { !mergedFrom.isEmpty }
}

/// One step of an item's workflow: who moved it where, when, and why.
package struct ItemTransition: Sendable, Equatable {
    package var from: ItemStatus?
    package var to: ItemStatus
    package var by: PersonID?
    package var at: Instant
    package var note: String?

    package init(from: ItemStatus?, to: ItemStatus, by: PersonID? = nil, at: Instant, note: String? = nil) {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
        self.note = note
    }
}
