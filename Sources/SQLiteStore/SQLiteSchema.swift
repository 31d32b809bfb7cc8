/// The SQLite schema, as frozen migrations: a shipped migration is never edited; changes
/// come as new ones. Names match `PostgresSchema` one for one.
///
/// Instants are INTEGER seconds since 1970 (UTC), days INTEGER days since 1970-01-01. Every
/// table keeps a content `fingerprint` so that re-importing a record is recognised.
enum SQLiteSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("001-record", record), ("002-schedule", schedule), ("003-assessment", assessment), ("004-recorded", recorded),
        ("005-delivery", delivery), ("006-service", service), ("007-deadlines", deadlines),
        ("008-changes", changes),
    ]
}
