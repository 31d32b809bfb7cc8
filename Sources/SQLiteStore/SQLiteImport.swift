import Domain
import GRDB

/// An import's transaction on a dedicated connection: `BEGIN IMMEDIATE` takes the write
/// lock, everything is written through `SQLiteRecordWriter`, then COMMIT or ROLLBACK. A
/// process killed mid-way leaves SQLite to roll the transaction back on the next open.
final class SQLiteImport: ImportTransaction, @unchecked Sendable {
    // Invariant: `writer` and `open` are only touched inside `sync`, which GRDB serialises on
    // the import's own connection.
    private let queue: DatabaseQueue
    private var writer: SQLiteRecordWriter?
    private var open = true

    private init(queue: DatabaseQueue) { self.queue = queue }

    static func begin(path: String) async throws -> SQLiteImport {
        let queue = try DatabaseQueue(path: path, configuration: SQLiteStore.configuration(unsafeTransactions: true))
        let transaction = SQLiteImport(queue: queue)
        try transaction.sync { db in
            // A large import is one transaction: keep its pages in memory (up to 1 GiB) rather
            // than spilling them to the WAL, where every later page read must look them up.
            try db.execute(sql: "PRAGMA cache_size = -1048576")
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
        return transaction
    }

    /// Runs `body` on the import's connection (blocking: the connection is this import's alone).
    private func sync<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction(body)
    }

    deinit {
        try? sync { db in if open { try db.execute(sql: "ROLLBACK") } }
    }

    func existing(_ kind: RecordKind, _ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let table = SQLiteRecordWriter.table(kind)
        return try sync { db in
            var found: Set<String> = []
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try String.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
                found.formUnion(rows)
            }
            return found
        }
    }

    func itemStatuses(_ ids: [String]) async throws -> [String: ItemStatus] {
        guard !ids.isEmpty else { return [:] }
        return try sync { db in
            var out: [String: ItemStatus] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, status FROM items WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                    if let s = ItemStatus(rawValue: row[1]) { out[row[0]] = s }
                }
            }
            return out
        }
    }

    func write(_ records: [Domain.Record]) async throws -> [WriteOutcome] {
        try await write(records, fingerprints: records.map(\.fingerprint))
    }

    func write(_ records: [Domain.Record], fingerprints: [Int64]) async throws -> [WriteOutcome] {
        try sync { db in
            let writer = self.writer ?? SQLiteRecordWriter(db)
            self.writer = writer
            var outcomes: [WriteOutcome] = []
            outcomes.reserveCapacity(records.count)
            for (i, r) in records.enumerated() {
                do {
                    outcomes.append(try writer.write(r, fingerprint: fingerprints[i]))
                } catch let e as DatabaseError {
                    throw RecordWriteError(index: i, message: e.message ?? "\(e)")
                }
            }
            return outcomes
        }
    }

    func commit() async throws {
        try sync { db in
            try db.execute(sql: "COMMIT")
            writer = nil
            open = false
        }
    }

    func rollback() async throws {
        try sync { db in
            guard open else { return }
            writer = nil
            open = false
            try db.execute(sql: "ROLLBACK")
        }
    }
}
