package import WorkingDays

/// One change in the audit log: who changed what, when, and the record before and after
/// (as interchange lines; nil for a creation or a deletion).
package struct AuditEntry: Sendable, Equatable {
    package var seq: Int64
    package var at: Instant
    /// The person who made the change (nil for the system: an import, a schedule).
    package var actor: PersonID?
    /// What was done, e.g. `item.submit`, `adoption.create`, `rules.activate`.
    package var action: String
    /// The kind and id of what changed, e.g. `submission` / `2026-0001`.
    package var entity: String
    package var entityID: String
    /// The office whose units the change concerns (admins read their offices' entries).
    package var office: OfficeID
    package var before: String?
    package var after: String?

    package init(seq: Int64 = 0, at: Instant, actor: PersonID?, action: String, entity: String, entityID: String, office: OfficeID,
                 before: String? = nil, after: String? = nil) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.office = office
        self.before = before
        self.after = after
    }
}

/// Which audit entries to read: of some offices, newest first, before a sequence number.
package struct AuditQuery: Sendable, Equatable {
    package var offices: Set<OfficeID>
    package var entity: String?
    package var entityID: String?
    /// Only entries older than this sequence number (the cursor of the page before).
    package var before: Int64?
    package var limit: Int

    package init(offices: Set<OfficeID>, entity: String? = nil, entityID: String? = nil, before: Int64? = nil, limit: Int = 50) {
        self.offices = offices
        self.entity = entity
        self.entityID = entityID
        self.before = before
        self.limit = limit
    }
}
