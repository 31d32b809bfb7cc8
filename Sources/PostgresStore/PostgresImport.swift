import Domain
import PostgresNIO

/// An import's transaction on a connection of its own (not the pool's): `BEGIN`, everything
/// written through `PostgresRecordWriter`, then `COMMIT` or `ROLLBACK`, and the connection
/// is closed. A process killed mid-way drops the connection and PostgreSQL rolls the
/// transaction back; so does releasing the transaction without committing.
///
/// Each `write` runs under a savepoint. If the database refuses something of the batch,
/// the batch is rolled back to it and written again record by record (each under a
/// savepoint of its own) to find the record at fault: the records before it stay written,
/// the transaction stays usable, and the error names the record's index, as SQLite's does.
///
/// Imports take turns: each holds the event lock (`PostgresSchema.eventLock`) from `BEGIN`
/// to its end, so the row numbers events are paged by (`seq`, `pos`) are handed out in
/// commit order, and the event reader, which does not read while an import is open, never
/// moves past a number that a later commit fills in.
///
/// The importer may look ids up while a `write` is in flight: every operation takes `gate`
/// first, so they run one after another, each whole (a lookup never lands between a failed
/// statement and the rollback to its savepoint, nor sees half a batch).
final class PostgresImport: ImportTransaction, @unchecked Sendable {
    // Invariant: `writer` and `open` are only touched while holding `gate`.
    private let conn: PostgresConnection
    private let writer: PostgresRecordWriter
    private var open = true
    private let gate = AsyncGate()

    private init(conn: PostgresConnection) {
        self.conn = conn
        writer = PostgresRecordWriter(conn)
    }

    static func begin(_ url: PostgresURL) async throws -> PostgresImport {
        let conn: PostgresConnection
        do {
            conn = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 1, logger: PostgresStore.logger)
        } catch {
            throw StoreError.unavailable("\(url)：\(describe(error))")
        }
        do {
            try await conn.run("BEGIN")
            try await conn.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.eventLock))")
        } catch {
            try? await conn.close()
            throw StoreError.unavailable(describe(error))
        }
        return PostgresImport(conn: conn)
    }

    deinit {
        // Not committed: closing the connection rolls the transaction back.
        if open {
            let conn = conn
            Task { try? await conn.close() }
        }
    }

    /// Runs `body` holding the gate.
    private func exclusive<T>(_ body: () async throws -> T) async throws -> T {
        await gate.enter()
        do {
            let result = try await body()
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }

    func existing(_ kind: RecordKind, _ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let table = PostgresRecordWriter.table(kind)
        return try await exclusive { Set(try await conn.strings("SELECT id FROM \(unescaped: table) WHERE id = ANY(\(ids))")) }
    }

    func itemStatuses(_ ids: [String]) async throws -> [String: ItemStatus] {
        guard !ids.isEmpty else { return [:] }
        return try await exclusive { try await statuses(ids) }
    }

    private func statuses(_ ids: [String]) async throws -> [String: ItemStatus] {
        var out: [String: ItemStatus] = [:]
        for try await row in try await conn.rows("SELECT id, status FROM items WHERE id = ANY(\(ids))") {
            var cells = Cells(row)
            let id = try cells.text()
            if let s = ItemStatus(rawValue: try cells.text()) { out[id] = s }
        }
        return out
    }

    /// Whether `error` is the database refusing a record (rather than, say, a lost connection).
    private static func refusal(_ error: any Error) -> String? {
        if let e = error as? PostgresRecordWriter.MissingReference { return e.message }
        if let e = error as? PSQLError, e.serverInfo != nil { return describe(e) }
        return nil
    }

    func write(_ records: [Domain.Record]) async throws -> [WriteOutcome] {
        try await write(records, fingerprints: records.map(\.fingerprint))
    }

    func write(_ records: [Domain.Record], fingerprints: [Int64]) async throws -> [WriteOutcome] {
        guard !records.isEmpty else { return [] }
        precondition(fingerprints.count == records.count, "one fingerprint per record")
        return try await exclusive { try await writeBatch(records, fingerprints: fingerprints) }
    }

    private func writeBatch(_ records: [Domain.Record], fingerprints: [Int64]) async throws -> [WriteOutcome] {
        guard open else { throw StoreError.unavailable("the import has ended") }
        try await conn.run("SAVEPOINT tally_batch")
        do {
            let outcomes = try await writer.write(records, fingerprints: fingerprints)
            try await conn.run("RELEASE SAVEPOINT tally_batch")
            return outcomes
        } catch where Self.refusal(error) != nil {
            try await conn.run("ROLLBACK TO SAVEPOINT tally_batch")
            writer.forgetRowNumbers()
        }
        // Record by record, to find the one at fault.
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(records.count)
        for (i, r) in records.enumerated() {
            try await conn.run("SAVEPOINT tally_record")
            do {
                outcomes += try await writer.write([r], fingerprints: [fingerprints[i]])
                try await conn.run("RELEASE SAVEPOINT tally_record")
            } catch {
                guard let message = Self.refusal(error) else { throw error }
                try await conn.run("ROLLBACK TO SAVEPOINT tally_record")
                try await conn.run("RELEASE SAVEPOINT tally_batch")
                writer.forgetRowNumbers()
                throw RecordWriteError(index: i, message: message)
            }
        }
        try await conn.run("RELEASE SAVEPOINT tally_batch")
        return outcomes
    }

    func commit() async throws {
        try await exclusive {
            guard open else { return }
            open = false
            var failure: (any Error)?
            do { try await conn.run("COMMIT") } catch { failure = error }
            try? await conn.close()
            if let failure { throw StoreError.unavailable(describe(failure)) }
        }
    }

    func rollback() async throws {
        try await exclusive {
            guard open else { return }
            open = false
            try? await conn.run("ROLLBACK")
            try? await conn.close()
        }
    }
}

/// A first-come, first-served lock for async code.
actor AsyncGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
