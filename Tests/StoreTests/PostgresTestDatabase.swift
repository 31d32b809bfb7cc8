import Domain
import Foundation
import PostgresStore

/// Fresh PostgreSQL databases for the contract tests: each test gets its own
/// `tally_t_<random>` database on the server named by `POSTGRES_URL`, dropped afterwards.
enum PostgresTestDatabase {
    static func make() async throws -> TestStore {
        guard let raw = ProcessInfo.processInfo.environment["POSTGRES_URL"] else {
            throw StoreError.unavailable("POSTGRES_URL is not set")
        }
        let admin = try PostgresURL(raw)
        let url = try await PostgresAdmin.createDatabase(on: admin)
        let store = try await PostgresStore.open(url)
        try await store.migrate()
        return TestStore(store: store, cleanup: {
            await store.close()
            try? await PostgresAdmin.dropDatabase(url.database, on: admin)
        })
    }
}
