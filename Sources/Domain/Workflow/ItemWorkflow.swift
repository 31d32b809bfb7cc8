package import WorkingDays

/// A workflow step the item's status does not allow.
package struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    package var from: ItemStatus
    package var to: ItemStatus

    package init(from: ItemStatus, to: ItemStatus) {
        self.from = from
        self.to = to
    }

    package var description: String { "信息当前状态为「\(from.label)」，不能改为「\(to.label)」" }
}

extension Item {
    /// The item moved to `status` by `person` at `at`, with the transition in its history;
    /// the first submission also sets `submittedAt`.
    package func moved(to status: ItemStatus, by person: PersonID?, at: Instant, note: String? = nil) throws(WorkflowError) -> Item {
        guard self.status.next.contains(status) else { throw WorkflowError(from: self.status, to: status) }
        var next = self
        next.history.append(ItemTransition(from: self.status, to: status, by: person, at: at, note: note))
        next.status = status
        if status == .submitted, next.submittedAt == nil { next.submittedAt = max(at, createdAt) }
        return next
    }

    /// Only drafts and returned items may be edited by their unit.
    package var isEditableByUnit: Bool { status == .draft || status == .returned }
}
