import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API: binding and stepping with no
/// per-row allocation, for imports and year reads where GRDB's conveniences would cost more
/// than the work. Owned by one transaction or read, finalised on deinit.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed database") }
        var s: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil)
        guard rc == SQLITE_OK, let s else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.statement = s
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    func bind(_ i: Int32, _ s: String) {
        var s = s
        s.withUTF8 { p in
            p.withMemoryRebound(to: CChar.self) { _ = sqlite3_bind_text(statement, i, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    func bind(_ i: Int32, _ s: String?) {
        if let s { bind(i, s) } else { sqlite3_bind_null(statement, i) }
    }

    func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(statement, i, v) }
    func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(statement, i, Int64(v)) }

    func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(statement, i, v) }

    func bind(_ i: Int32, _ v: Int64?) {
        if let v { sqlite3_bind_int64(statement, i, v) } else { sqlite3_bind_null(statement, i) }
    }

    /// Runs a statement that returns no rows; throws SQLite's message on failure.
    func run() throws {
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw failure(rc) }
        sqlite3_reset(statement)
    }

    /// Advances to the next row; false at the end.
    func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw failure(rc)
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(statement, column) else { return "" }
        let n = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// Rows changed by the last run.
    var changes: Int32 { sqlite3_changes(connection) }
    var lastRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    private func failure(_ rc: Int32) -> DatabaseError {
        let e = DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)))
        sqlite3_reset(statement)
        return e
    }
}
