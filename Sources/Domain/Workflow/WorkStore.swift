package import WorkingDays

/// Which items to list: of some units, in some statuses, submitted in a range, with a
/// word in the title; newest first, a page at a time.
package struct ItemQuery: Sendable, Equatable {
    /// Items crediting any of these units (nil: every unit).
    package var units: Set<UnitID>?
    /// Empty: every status.
    package var statuses: Set<ItemStatus>
    package var submittedFrom: Day?
    package var submittedThrough: Day?
    /// Part of the title.
    package var text: String?
    /// The cursor of the previous page: only items older than it.
    package var before: Int64?
    package var limit: Int

    package init(units: Set<UnitID>? = nil, statuses: Set<ItemStatus> = [], submittedFrom: Day? = nil, submittedThrough: Day? = nil,
                 text: String? = nil, before: Int64? = nil, limit: Int = 50) {
        self.units = units
        self.statuses = statuses
        self.submittedFrom = submittedFrom
        self.submittedThrough = submittedThrough
        self.text = text
        self.before = before
        self.limit = limit
    }
}

/// An item as lists show it.
package struct ItemSummary: Sendable, Equatable {
    /// The store's order key: newer items have larger ones (the page cursor).
    package var seq: Int64
    package var id: ItemID
    package var title: String
    package var category: ItemCategory
    package var status: ItemStatus
    package var units: [UnitID]
    package var createdAt: Instant
    package var submittedAt: Instant?
    package var adoptions: Int

    package init(seq: Int64, id: ItemID, title: String, category: ItemCategory, status: ItemStatus, units: [UnitID], createdAt: Instant,
                 submittedAt: Instant?, adoptions: Int) {
        self.seq = seq
        self.id = id
        self.title = title
        self.category = category
        self.status = status
        self.units = units
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.adoptions = adoptions
    }
}

/// One page of a list and the cursor of the next (nil on the last page).
package struct Page<Element: Sendable>: Sendable {
    package var items: [Element]
    package var next: Int64?

    package init(items: [Element], next: Int64?) {
        self.items = items
        self.next = next
    }
}

/// An item with everything recorded about it, and the fingerprint a change must expect.
package struct ItemDetail: Sendable, Equatable {
    package var item: Item
    package var adoptions: [Adoption]
    package var forwardings: [Forwarding]
    /// The stored content's fingerprint: a change made from this detail expects it, so a
    /// change made meanwhile by someone else is not overwritten.
    package var version: Int64

    package init(item: Item, adoptions: [Adoption], forwardings: [Forwarding], version: Int64) {
        self.item = item
        self.adoptions = adoptions
        self.forwardings = forwardings
        self.version = version
    }
}

/// One write the service makes to the record.
package enum RecordChange: Sendable, Equatable {
    /// A new record (its id must be new).
    case insert(Record)
    /// The item's new content, replacing the stored one if that still has `expected` as its
    /// fingerprint.
    case replaceItem(Item, expected: Int64)
}

/// A change lost a race: the record changed since it was read.
package struct StaleRecord: Error, Sendable, Equatable {
    package var kind: RecordKind
    package var id: String

    package init(kind: RecordKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// The record as the service reads and changes it, day to day (imports go through
/// `RecordStore`). Every `apply` is one transaction with its audit entries.
package protocol WorkStore: Sendable {
    func organisation() async throws -> Organisation
    func items(_ query: ItemQuery) async throws -> Page<ItemSummary>
    func item(_ id: ItemID) async throws -> ItemDetail?
    /// Writes `changes` and `audit` together, or nothing: throws `StaleRecord` when a
    /// replaced item changed meanwhile, `StoreError.constraint` when the schema refuses.
    func apply(_ changes: [RecordChange], audit: [AuditEntry]) async throws
    func audit(_ query: AuditQuery) async throws -> [AuditEntry]
    /// Every deadline not yet met: instructions their handler has not replied to and
    /// commissioned units that have not answered, soonest due first (undated last), then by id
    /// and unit.
    func openDeadlines() async throws -> [OpenDeadline]
}

/// A deadline not yet met: an instruction whose handler has not replied, or a commission a
/// unit has not answered.
package struct OpenDeadline: Sendable, Equatable {
    package enum Kind: String, Sendable {
        case instruction
        case commission
    }

    package var kind: Kind
    /// The instruction's or the commission's id.
    package var id: String
    /// The instruction's text or the commission's topic.
    package var title: String
    /// The handler of the instruction, or the commissioned unit.
    package var unit: UnitID
    /// Nil for an instruction whose due time the office's rules compute.
    package var due: Instant?

    package init(kind: Kind, id: String, title: String, unit: UnitID, due: Instant?) {
        self.kind = kind
        self.id = id
        self.title = title
        self.unit = unit
        self.due = due
    }
}
