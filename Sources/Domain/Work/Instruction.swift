package import WorkingDays

/// A leader's written instruction (批示), usually on an item, to be followed up by a handler
/// unit within a time limit and answered (事事有回音，件件有落实).
package struct Instruction: Sendable, Equatable {
    package enum Urgency: String, Sendable, Codable, CaseIterable {
        case urgent
        case ordinary
    }

    package var id: String
    package var item: ItemID?
    package var leader: String
    package var level: Level
    /// 主要领导 (mayor, party secretary, governor…).
    package var principal: Bool
    package var text: String
    package var at: Instant
    /// The unit that must follow up and reply.
    package var handler: UnitID
    /// An explicit deadline written in the instruction; otherwise the office's `deadline` rule decides.
    package var due: Instant?
    package var urgency: Urgency
    /// When the office first recorded it (see `Adoption.recorded`).
    package var recorded: Instant?

    package init(
        id: String, item: ItemID? = nil, leader: String, level: Level, principal: Bool, text: String, at: Instant,
        handler: UnitID, due: Instant? = nil, urgency: Urgency = .ordinary, recorded: Instant? = nil
    ) {
        self.recorded = recorded
        self.id = id
        self.item = item
        self.leader = leader
        self.level = level
        self.principal = principal
        self.text = text
        self.at = at
        self.handler = handler
        self.due = due
        self.urgency = urgency
    }
}

/// A handler's reply to an instruction (反馈).
package struct Reply: Sendable, Equatable {
    package var id: String
    package var instruction: String
    package var unit: UnitID
    package var text: String
    package var at: Instant

    package init(id: String, instruction: String, unit: UnitID, text: String, at: Instant) {
        self.id = id
        self.instruction = instruction
        self.unit = unit
        self.text = text
        self.at = at
    }
}
