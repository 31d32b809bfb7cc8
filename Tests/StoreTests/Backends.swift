import Domain
import Foundation
import SQLiteStore

/// The stores every contract test runs against: SQLite always, PostgreSQL when
/// `POSTGRES_URL` names a server (CI starts one).
enum Backend: String, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    static var available: [Backend] {
        ProcessInfo.processInfo.environment["POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A fresh, empty, migrated store of this kind.
    func makeStore() async throws -> TestStore {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-store-\(UUID().uuidString)")
            let store = try SQLiteStore(path: dir.appendingPathComponent("tally.sqlite").path)
            try await store.migrate()
            return TestStore(store: store, cleanup: { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            return try await PostgresTestDatabase.make()
        }
    }
}

/// Runs `body` on a fresh store of `backend`, thrown away afterwards (also when `body` throws).
func withStore(_ backend: Backend, _ body: (any RecordStore) async throws -> Void) async throws {
    let t = try await backend.makeStore()
    do { try await body(t.store) } catch {
        await t.close()
        throw error
    }
    await t.close()
}

/// A store and how to throw it away.
final class TestStore {
    let store: any RecordStore
    let cleanup: () async -> Void

    init(store: any RecordStore, cleanup: @escaping () async -> Void) {
        self.store = store
        self.cleanup = cleanup
    }

    func close() async { await cleanup() }
}

/// Paths inside the repository.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var tally: URL { root.appendingPathComponent(".build/debug/tally") }
}

/// Writes `text` to a temporary file with the given name and returns its URL.
func temporaryFile(_ name: String, _ contents: some DataProtocol) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-in-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(contents).write(to: url)
    return url
}

func temporaryFile(_ name: String, _ text: String) throws -> URL { try temporaryFile(name, Data(text.utf8)) }
