import Domain
import WorkingDays

/// A store that accepts everything and keeps nothing: the importer's own cost, for the
/// breakdown of the import benchmark.
final class NullStore: RecordStore, @unchecked Sendable {
    func migrate() async throws -> [String] { [] }
    func beginImport() async throws -> any ImportTransaction { NullImport() }
    func export(only kinds: Set<RecordKind>, _ body: (Record) throws -> Void) async throws {}
    func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable { ItemTable() }
    func counts() async throws -> [RecordKind: Int] { [:] }
    func changeVersion() async throws -> ChangeVersion { ChangeVersion(number: 0, complete: true) }

    final class NullImport: ImportTransaction {
        func existing(_ kind: RecordKind, _ ids: [String]) async throws -> Set<String> { [] }
        func itemStatuses(_ ids: [String]) async throws -> [String: ItemStatus] { [:] }
        func write(_ records: [Record]) async throws -> [WriteOutcome] { records.map { _ in .inserted } }
        func commit() async throws {}
        func rollback() async throws {}
    }
}
