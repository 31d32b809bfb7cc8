import Domain
import Foundation
import PostgresStore
import SQLiteStore
import Scheduling

/// What the scheduler needs of a store, all of which both stores provide.
typealias ScheduleStore = RecordStore & OccurrenceStore & InboxStore & EventSource

/// The stores every contract test runs against: SQLite always, PostgreSQL when
/// `POSTGRES_URL` names a server (scripts/test starts one).
enum Backend: String, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    static var available: [Backend] {
        PostgresServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A fresh, empty, migrated store of this kind.
    func makeStore() async throws -> TestStore {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-schedule-\(UUID().uuidString)")
            let store = try SQLiteStore(path: dir.appendingPathComponent("tally.sqlite").path)
            try await store.migrate()
            return TestStore(store: store, reopen: { try SQLiteStore(path: store.path) },
                             cleanup: { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            let admin = try PostgresServer.require()
            let url = try await PostgresAdmin.createDatabase(on: admin)
            let store = try await PostgresStore.open(url)
            try await store.migrate()
            return TestStore(store: store, reopen: { try await PostgresStore.open(url) }, cleanup: {
                await store.close()
                try? await PostgresAdmin.dropDatabase(url.database, on: admin)
            })
        }
    }
}

/// The server `POSTGRES_URL` names; the role must be allowed to create databases (every
/// test gets a fresh one).
enum PostgresServer {
    static let url: PostgresURL? = ProcessInfo.processInfo.environment["POSTGRES_URL"].flatMap { try? PostgresURL($0) }

    static func require() throws -> PostgresURL {
        guard let url else { throw StoreError.unavailable("POSTGRES_URL is not set") }
        return url
    }
}

/// A store, another way in to the same database (a second instance), and how to throw it away.
final class TestStore: Sendable {
    let store: any ScheduleStore
    /// Opens a second store on the same database (another Tally instance).
    let reopen: @Sendable () async throws -> any ScheduleStore
    let cleanup: @Sendable () async -> Void

    init(store: any ScheduleStore, reopen: @escaping @Sendable () async throws -> any ScheduleStore, cleanup: @escaping @Sendable () async -> Void) {
        self.store = store
        self.reopen = reopen
        self.cleanup = cleanup
    }
}

/// Runs `body` with a fresh store of `backend`, thrown away afterwards whatever happens.
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

/// Closes a second store opened with `reopen` (PostgreSQL stores hold a pool).
func close(_ store: any ScheduleStore) async {
    if let pg = store as? PostgresStore { await pg.close() }
}
