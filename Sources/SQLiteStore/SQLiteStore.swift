import Foundation
package import Domain
import GRDB
package import WorkingDays

/// The embedded record store: one SQLite file (WAL mode), foreign keys on, migrations from
/// `SQLiteSchema`. Reads go through a `DatabasePool`; an import writes through its own
/// connection inside one `BEGIN IMMEDIATE` transaction.
package final class SQLiteStore: RecordStore {
    package let path: String
    let pool: DatabasePool
    /// The record writer's statements on the pool's one writer connection.
    let writeStatements = SQLiteWriteStatements()
    /// The service's record changes, committed together when they arrive together.
    let groupCommit: SQLiteGroupCommit
    /// The open deadlines last read, with the version of their inputs (`deadline_inputs`) they were read at.
    let deadlines = VersionCache<[OpenDeadline]>()
    /// A connection of its own that only asks `PRAGMA data_version` (see `changeVersion`).
    let changeWatch: DatabaseQueue

    /// Opens (creating if needed) the database at `path`; its folder is created too.
    package init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pool = try DatabasePool(path: path, configuration: Self.configuration(unsafeTransactions: false))
        groupCommit = SQLiteGroupCommit(pool: pool)
        var watch = Configuration()
        watch.readonly = true
        changeWatch = try DatabaseQueue(path: path, configuration: watch)
    }

    static func configuration(unsafeTransactions: Bool) -> Configuration {
        var c = Configuration()
        c.foreignKeysEnabled = true
        c.busyMode = .timeout(30)
        c.allowsUnsafeTransactions = unsafeTransactions
        c.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // No memory-mapping and a small page cache per connection: a year read scans the
            // database once, front to back, and is as fast through pread (0.95 s for a
            // province year) as through a mapping that would leave the whole file (about
            // 1.4 GiB for a province year) in the process's resident memory.
            try db.execute(sql: "PRAGMA mmap_size = 0")
            try db.execute(sql: "PRAGMA cache_size = -8192")
        }
        return c
    }

    // MARK: Migrations

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (name, sql) in SQLiteSchema.migrations {
            m.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        return m
    }

    @discardableResult
    package func migrate() async throws -> [String] {
        let migrator = Self.migrator
        let known = Set(SQLiteSchema.migrations.map(\.name))
        let applied = try await pool.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else { throw StoreError.newerSchema(unknown: unknown.sorted()) }
        try migrator.migrate(pool)
        return SQLiteSchema.migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Names of applied migrations (for checks and tests).
    package func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try Self.migrator.completedMigrations(db) }
    }

    // MARK: Import

    package func beginImport() async throws -> any ImportTransaction {
        try await SQLiteImport.begin(path: path)
    }

    // MARK: Reads

    /// SQLite's own consistency check ("ok" when the file is sound).
    package func integrityCheck() async throws -> String {
        try await pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    package func counts() async throws -> [RecordKind: Int] {
        try await pool.read { db in
            var out: [RecordKind: Int] = [:]
            for kind in RecordKind.allCases {
                out[kind] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLiteRecordWriter.table(kind))") ?? 0
            }
            return out
        }
    }

    package func export(only kinds: Set<RecordKind>, _ body: (Domain.Record) throws -> Void) async throws {
        try exportSync(kinds, body)
    }

    private func exportSync(_ kinds: Set<RecordKind>, _ body: (Domain.Record) throws -> Void) throws {
        try pool.read { db in try SQLiteExport(db, kinds: kinds).run(body) }
    }

    package func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable {
        try await pool.read { db in try SQLiteItemTableReader(db).read(from: from, through: through) }
    }
}
