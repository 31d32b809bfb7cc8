import Domain
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// The server the tests use: `POSTGRES_URL` (scripts/test starts one and sets it). The
/// role must be allowed to create databases: every test gets a fresh one.
enum Server {
    static let url: PostgresURL? = ProcessInfo.processInfo.environment["POSTGRES_URL"].flatMap { try? PostgresURL($0) }
    static var available: Bool { url != nil }
}

/// A fresh database `tally_t_<random>` on the test server, with a store open on it.
final class TestDatabase {
    let url: PostgresURL
    let store: PostgresStore

    private init(url: PostgresURL, store: PostgresStore) {
        self.url = url
        self.store = store
    }

    /// Creates the database and opens a store on it (not migrated unless `migrate`).
    static func make(migrate: Bool = true) async throws -> TestDatabase {
        let admin = try #require(Server.url)
        let url = try await PostgresAdmin.createDatabase(on: admin)
        let store = try await PostgresStore.open(url)
        if migrate { try await store.migrate() }
        return TestDatabase(url: url, store: store)
    }

    /// Runs statements on the test database directly.
    func execute(_ statements: String...) async throws {
        try await PostgresAdmin.execute(statements, on: url)
    }

    /// Closes the store and drops the database.
    func drop() async {
        await store.close()
        if let admin = Server.url { try? await PostgresAdmin.dropDatabase(url.database, on: admin) }
    }
}

/// Runs `body` with a fresh database, dropped afterwards whatever happens.
func withDatabase(migrate: Bool = true, _ body: (TestDatabase) async throws -> Void) async throws {
    let db = try await TestDatabase.make(migrate: migrate)
    do {
        try await body(db)
    } catch {
        await db.drop()
        throw error
    }
    await db.drop()
}

/// Imports `records` in one transaction, in batches, and commits.
@discardableResult
func importAll(_ records: [Domain.Record], into store: any RecordStore, batch: Int = 2000) async throws -> [WriteOutcome] {
    let tx = try await store.beginImport()
    var outcomes: [WriteOutcome] = []
    do {
        for start in stride(from: 0, to: records.count, by: batch) {
            outcomes += try await tx.write(Array(records[start..<min(start + batch, records.count)]))
        }
        try await tx.commit()
    } catch {
        try? await tx.rollback()
        throw error
    }
    return outcomes
}

/// Every record `store` exports.
func exportAll(_ store: any RecordStore) async throws -> [Domain.Record] {
    var out: [Domain.Record] = []
    try await store.export { out.append($0) }
    return out
}

/// A migrated SQLite store in a temporary folder.
func temporarySQLite() async throws -> (SQLiteStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-pgtest-\(UUID().uuidString)")
    let store = try SQLiteStore(path: dir.appendingPathComponent("tally.sqlite").path)
    try await store.migrate()
    return (store, dir)
}
