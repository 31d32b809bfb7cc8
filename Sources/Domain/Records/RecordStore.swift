package import WorkingDays

/// Where the record lives: SQLite (embedded, the default) or PostgreSQL (several instances).
///
/// Both implementations keep the invariants in the schema as well (foreign keys, NOT NULL,
/// unique keys, checks, the "adoption needs a submitted item" trigger), apply versioned
/// migrations and refuse a database written by a newer binary.
package protocol RecordStore: Sendable {
    /// Applies pending migrations; returns their names. Throws `StoreError.newerSchema` for a
    /// database that has migrations this binary does not know.
    @discardableResult
    func migrate() async throws -> [String]

    /// Opens the single transaction an import writes in: all of it is committed, or nothing.
    func beginImport() async throws -> any ImportTransaction

    /// The stored records of `kinds`, kinds in dependency order (`RecordKind.allCases`), ids
    /// sorted, all from one snapshot.
    func export(only kinds: Set<RecordKind>, _ body: (Record) throws -> Void) async throws

    /// The facts of every item submitted in `from...through`, for scoring.
    func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable

    /// How many records of each kind are stored.
    func counts() async throws -> [RecordKind: Int]

    /// A number that changes when the record may have changed, by this process or another
    /// (it may also change when nothing did): a reader keeps what it worked out from the
    /// record while the number stands. Only numbers of the same store compare.
    func changeVersion() async throws -> ChangeVersion
}

/// The record's change number (`RecordStore.changeVersion`).
package struct ChangeVersion: Sendable, Equatable {
    package var number: Int64
    /// Whether every change numbered so far is visible to readers. A store that numbers a
    /// change before its transaction commits says false while such a transaction is open: a
    /// read started now may miss a change the number already counts.
    package var complete: Bool

    package init(number: Int64, complete: Bool) {
        self.number = number
        self.complete = complete
    }
}

/// One import's transaction. Lookups see what it has written so far.
///
/// The importer keeps one `write` in flight while it checks the next batch, so an
/// implementation must accept `existing`/`itemStatuses` calls during a `write` (serialising
/// them on its connection) — never two writes at once.
package protocol ImportTransaction: AnyObject {
    /// Which of `ids` exist (stored, or written by this transaction).
    func existing(_ kind: RecordKind, _ ids: [String]) async throws -> Set<String>
    /// The statuses of stored items (for the "adoption needs a submitted item" check).
    func itemStatuses(_ ids: [String]) async throws -> [String: ItemStatus]
    /// Writes records in order; each outcome says whether it was new, already stored with the
    /// same content (nothing written), or stored with different content (a conflict).
    func write(_ records: [Record]) async throws -> [WriteOutcome]
    func commit() async throws
    func rollback() async throws
}

extension RecordStore {
    /// Every stored record (what `tally export` writes).
    package func export(_ body: (Record) throws -> Void) async throws {
        try await export(only: Set(RecordKind.allCases), body)
    }
}

extension ImportTransaction {
    /// Writes records whose fingerprints the caller already computed (`fingerprints[k]` is
    /// `records[k].fingerprint`); stores that can use them override this.
    package func write(_ records: [Record], fingerprints: [Int64]) async throws -> [WriteOutcome] {
        try await write(records)
    }
}

package enum WriteOutcome: Sendable, Equatable {
    case inserted
    case unchanged
    case conflict
}

/// Store failures the user can act on.
package enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database has migrations this binary does not know: it was written by a newer Tally.
    case newerSchema(unknown: [String])
    /// A record broke a rule of the schema (the message names the constraint).
    case constraint(String)
    case unavailable(String)

    package var description: String {
        switch self {
        case .newerSchema(let names):
            "数据库由更新版本的 Tally 创建（未知的迁移：\(names.joined(separator: ", "))），本程序拒绝打开；请升级 Tally"
        case .constraint(let m): "违反数据约束：\(m)"
        case .unavailable(let m): "数据库不可用：\(m)"
        }
    }
}

/// A record the database refused (the index is its position in the written batch).
package struct RecordWriteError: Error, Sendable, Equatable {
    package var index: Int
    package var message: String

    package init(index: Int, message: String) {
        self.index = index
        self.message = message
    }
}
