package import Domain
import GRDB

extension SQLiteStore {
    /// `PRAGMA data_version` on a connection that never writes: it changes after every commit
    /// by any other connection — the pool's writer, an import's connection, another process —
    /// and only once the commit is visible to readers, so the number is always complete.
    package func changeVersion() async throws -> ChangeVersion {
        let number = try await changeWatch.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        return ChangeVersion(number: number, complete: true)
    }
}
