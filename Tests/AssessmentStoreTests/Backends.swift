import Assessment
import Domain
import Foundation
import PostgresStore
import SQLiteStore

/// The stores every test runs against: SQLite always, PostgreSQL when `POSTGRES_URL`
/// names a server (scripts/test starts one), each test with a fresh, migrated database.
enum Backend: String, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    static var available: [Backend] {
        PostgresServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    func makeStore() async throws -> TestStore {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-runs-\(UUID().uuidString)")
            let store = try SQLiteStore(path: dir.appendingPathComponent("tally.sqlite").path)
            try await store.migrate()
            return TestStore(store: store, migrations: { try await store.appliedMigrations() }, migrate: { try await store.migrate() },
                             cleanup: { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            let admin = try PostgresServer.require()
            let url = try await PostgresAdmin.createDatabase(on: admin)
            let store = try await PostgresStore.open(url)
            try await store.migrate()
            return TestStore(store: store, migrations: { try await store.appliedMigrations() }, migrate: { try await store.migrate() },
                             cleanup: {
                                 await store.close()
                                 try? await PostgresAdmin.dropDatabase(url.database, on: admin)
                             })
        }
    }
}

/// The server `POSTGRES_URL` names; the role must be allowed to create databases.
enum PostgresServer {
    static let url: PostgresURL? = ProcessInfo.processInfo.environment["POSTGRES_URL"].flatMap { try? PostgresURL($0) }

    static func require() throws -> PostgresURL {
        guard let url else { throw StoreError.unavailable("POSTGRES_URL is not set") }
        return url
    }
}

/// A store under test, its migrations, and how to throw it away.
struct TestStore: Sendable {
    let store: any AssessmentRunStore
    /// The names of the applied migrations, in order.
    let migrations: @Sendable () async throws -> [String]
    /// Migrates again; the names of the migrations it ran.
    let migrate: @Sendable () async throws -> [String]
    let cleanup: @Sendable () async -> Void
}

/// Runs `body` with the store of a fresh database of `backend`, thrown away afterwards
/// whatever happens.
func withStore(_ backend: Backend, _ body: (TestStore) async throws -> Void) async throws {
    let t = try await backend.makeStore()
    do {
        try await body(t)
    } catch {
        await t.cleanup()
        throw error
    }
    await t.cleanup()
}
