package import Domain
package import WorkingDays

/// A run's inputs read from a record store: the year read for items, a filtered export for
/// the rest.
package struct RecordInputs: AssessmentInputs {
    let store: any RecordStore

    package init(_ store: any RecordStore) { self.store = store }

    package func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable {
        try await store.itemTable(submittedFrom: from, through: through)
    }

    package func workRecords() async throws -> WorkRecords {
        var w = WorkRecords()
        try await store.export(only: WorkRecords.kinds) { w.add($0) }
        return w
    }
}
