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

    package init(id: String, item: ItemID, level: Level, publication: String, kind: PublicationKind, issue: String? = nil, date: Day) {
        self.id = id
        self.item = item
        self.level = level
        self.publication = publication
        self.kind = kind
        self.issue = issue
        self.date = date
    }
}

/// An item forwarded upward by the office (报省) or by the province (报国办).
package struct Forwarding: Sendable, Equatable {
    package var id: String
    package var item: ItemID
    package var to: Level
    package var date: Day

    package init(id: String, item: ItemID, to: Level, date: Day) {
        self.id = id
        self.item = item
        self.to = to
        self.date = date
    }
}
