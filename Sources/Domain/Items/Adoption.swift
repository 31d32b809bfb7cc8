package import WorkingDays

/// An item taken into a publication (采用) at a level; an item can be adopted at several.
package struct Adoption: Sendable, Equatable {
    package var id: String
    package var item: ItemID
    package var level: Level
    /// The publication's id (own publications) or name (the province's, the State Council's).
    package var publication: String
    package var kind: PublicationKind
    /// Issue number, e.g. `2026-045`.
    package var issue: String?
    package var date: Day
    /// When the office first recorded it (set on import when the file does not say);
    /// decides whether it came in before its period closed. Not part of its content:
    /// importing it again with another time changes nothing.
    package var recorded: Instant?

    package init(id: String, item: ItemID, level: Level, publication: String, kind: PublicationKind, issue: String? = nil, date: Day,
                 recorded: Instant? = nil) {
        self.id = id
        self.item = item
        self.level = level
        self.publication = publication
        self.kind = kind
        self.issue = issue
        self.date = date
        self.recorded = recorded
    }
}

/// An item forwarded upward by the office (报省) or by the province (报国办).
package struct Forwarding: Sendable, Equatable {
    package var id: String
    package var item: ItemID
    package var to: Level
    package var date: Day
    /// When the office first recorded it (see `Adoption.recorded`).
    package var recorded: Instant?

    package init(id: String, item: ItemID, to: Level, date: Day, recorded: Instant? = nil) {
        self.id = id
        self.item = item
        self.to = to
        self.date = date
        self.recorded = recorded
    }
}
