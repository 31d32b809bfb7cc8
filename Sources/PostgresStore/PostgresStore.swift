package import Domain
import Foundation
import Logging
import PostgresNIO
package import WorkingDays

/// The shared record store: a PostgreSQL database (several Tally instances may use it at
/// once), migrations from `PostgresSchema`.
///
/// ## Lifecycle
/// Reads and migrations go through a `PostgresClient` (a connection pool), which only works
/// while its `run()` is running in a task. The store owns that task: `open(_:)` checks
/// that the server answers (a pool would otherwise wait forever for a database it cannot
/// reach), creates the client and starts `client.run()` in a `Task`; `close()` cancels
/// it, which closes the pool's connections (so does releasing the store). So a caller only
/// does
///
///     let store = try await PostgresStore.open("postgres://tally:secret@db:5432/tally")
///     try await store.migrate()
///     …
///     await store.close()          // optional at process exit
///
/// An import does not use the pool: `beginImport()` opens a connection of its own and holds
/// it in one transaction until `commit()` or `rollback()`. A process killed mid-import drops
/// that connection, and PostgreSQL rolls the transaction back: nothing of it is kept.
package final class PostgresStore: RecordStore {
    package let url: PostgresURL
    let client: PostgresClient
    /// The open deadlines last read, with the version of their inputs (`deadline_inputs`) they were read at.
    let deadlines = VersionCache<[OpenDeadline]>()
    private let runTask: Task<Void, Never>

    static let logger = Logger(label: "tally.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Opens the database `url` names (`postgres://` or `postgresql://`), after checking
    /// the server accepts a connection. Throws `StoreError.unavailable` if it does not.
    package static func open(_ url: String) async throws -> PostgresStore {
        let parsed: PostgresURL
        do { parsed = try PostgresURL(url) } catch let e as PostgresURL.Invalid { throw StoreError.unavailable(e.description) }
        return try await open(parsed)
    }

    package static func open(_ url: PostgresURL) async throws -> PostgresStore {
        do {
            let probe = try await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: 0, logger: logger)
            try? await probe.close()
        } catch {
            throw StoreError.unavailable("\(url)：\(describe(error))")
        }
        return try PostgresStore(url: url)
    }

    /// Creates the store and starts its pool without checking the server (see `open`).
    package init(url: PostgresURL) throws {
        self.url = url
        let client = PostgresClient(configuration: try url.clientConfiguration(), backgroundLogger: Self.logger)
        self.client = client
        runTask = Task { await client.run() }
    }

    deinit { runTask.cancel() }

    /// Stops the pool and waits until its connections are closed.
    package func close() async {
        runTask.cancel()
        await runTask.value
    }

    // MARK: Queries

    /// Runs `body` on one pooled connection inside a transaction (`begin` is the BEGIN
    /// statement), committing if it returns and rolling back if it throws.
    func transaction<T: Sendable>(_ begin: String = "BEGIN", _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { conn in
                try await conn.run(PostgresQuery(unsafeSQL: begin))
                do {
                    let result = try await body(conn)
                    try await conn.run("COMMIT")
                    return result
                } catch {
                    try? await conn.run("ROLLBACK")
                    throw error
                }
            }
        } catch let e as PSQLError {
            throw StoreError.unavailable(describe(e))
        }
    }

    /// Runs `body`, one statement, outside an explicit transaction (PostgreSQL runs a lone
    /// statement atomically): one round trip instead of three for `BEGIN`, it and `COMMIT`.
    func statement<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { conn in try await body(conn) }
        } catch let e as PSQLError {
            throw StoreError.unavailable(describe(e))
        }
    }

    // MARK: Migrations

    @discardableResult
    package func migrate() async throws -> [String] {
        try await transaction { conn in
            // Two processes migrating at once: the second waits here, then finds nothing to do.
            try await conn.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))")
            // Created only when missing: an up-to-date database needs no CREATE privilege.
            if try await !conn.hasMigrationsTable() { try await conn.run(PostgresQuery(unsafeSQL: PostgresSchema.migrationsTable)) }
            let applied = Set(try await conn.strings("SELECT name FROM tally_migrations"))
            let known = Set(PostgresSchema.migrations.map(\.name))
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw StoreError.newerSchema(unknown: unknown.sorted()) }
            var ran: [String] = []
            for (name, statements) in PostgresSchema.migrations where !applied.contains(name) {
                for sql in statements { try await conn.run(PostgresQuery(unsafeSQL: sql)) }
                try await conn.run("INSERT INTO tally_migrations(name) VALUES (\(name))")
                ran.append(name)
            }
            return ran
        }
    }

    /// Names of applied migrations, in the order they were applied (for checks and tests).
    package func appliedMigrations() async throws -> [String] {
        try await transaction { conn in
            guard try await conn.hasMigrationsTable() else { return [] }
            return try await conn.strings("SELECT name FROM tally_migrations ORDER BY applied_at, name")
        }
    }

    // MARK: Import

    package func beginImport() async throws -> any ImportTransaction {
        try await PostgresImport.begin(url)
    }

    // MARK: Reads

    package func counts() async throws -> [RecordKind: Int] {
        let kinds = RecordKind.allCases
        let sql = "SELECT " + kinds.map { "(SELECT count(*) FROM \(PostgresRecordWriter.table($0)))" }.joined(separator: ", ")
        return try await transaction("BEGIN READ ONLY") { conn in
            var out: [RecordKind: Int] = [:]
            for try await row in try await conn.rows(PostgresQuery(unsafeSQL: sql)) {
                var cells = Cells(row)
                for kind in kinds { out[kind] = Int(try cells.int()) }
            }
            return out
        }
    }

    /// The last number taken from `record_changes` (migration 008), by any session (0 before
    /// the first: a new sequence's `last_value` is already 1), in one statement with whether
    /// another session of this database has a write transaction open (`backend_xid`: it may
    /// have taken a number it has not committed yet; one that takes a number later takes a
    /// larger one). PostgreSQL shows `backend_xid` only for sessions of the same role (or to a
    /// superuser): a writer signed in as another role is not seen, and a reader may keep a
    /// result that missed its last change until the reader's own time limit.
    package func changeVersion() async throws -> ChangeVersion {
        try await statement { conn in
            var version = ChangeVersion(number: 0, complete: false)
            for try await row in try await conn.rows("""
                SELECT CASE WHEN is_called THEN last_value ELSE 0 END,
                  NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid())
                FROM record_changes
                """) {
                var c = Cells(row)
                version = ChangeVersion(number: try c.int(), complete: try c.bool())
            }
            return version
        }
    }

    package func export(only kinds: Set<RecordKind>, _ body: (Domain.Record) throws -> Void) async throws {
        do {
            try await client.withConnection { conn in
                try await conn.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    try await PostgresExport(conn: conn, kinds: kinds).run(body)
                    try await conn.run("COMMIT")
                } catch {
                    try? await conn.run("ROLLBACK")
                    throw error
                }
            }
        } catch let e as PSQLError {
            throw StoreError.unavailable(describe(e))
        }
    }

    package func itemTable(submittedFrom from: Day, through: Day) async throws -> ItemTable {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { conn in
            try await PostgresItemTableReader(conn: conn, url: url).read(from: from, through: through)
        }
    }
}

struct ConnectionLost: Error, CustomStringConvertible {
    var description: String { "the connection to the PostgreSQL server was lost" }
}

extension PostgresConnection {
    /// Runs `query`. PostgresNIO never answers a query written to a connection that has
    /// already closed (say the server ended it), so fail at once rather than wait forever.
    func rows(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        guard !isClosed else { throw ConnectionLost() }
        return try await self.query(query, logger: PostgresStore.logger)
    }

    /// Runs a statement to completion, discarding any rows (so that its errors are thrown here).
    func run(_ query: PostgresQuery) async throws {
        for try await _ in try await rows(query) {}
    }

    /// Whether the database has the table of applied migrations (in the search path).
    func hasMigrationsTable() async throws -> Bool {
        try await !strings("SELECT 'yes' WHERE to_regclass('tally_migrations') IS NOT NULL").isEmpty
    }

    /// The first column of every row, as text.
    func strings(_ query: PostgresQuery) async throws -> [String] {
        var out: [String] = []
        for try await row in try await rows(query) {
            var cells = Cells(row)
            out.append(try cells.text())
        }
        return out
    }
}
