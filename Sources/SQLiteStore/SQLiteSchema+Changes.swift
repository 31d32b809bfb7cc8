extension SQLiteSchema {
    /// PostgreSQL's migration 008 counts the statements that change the record (a sequence
    /// bumped by triggers). SQLite needs no schema for it: `changeVersion` asks
    /// `PRAGMA data_version` on a connection of its own, which every other connection's commit
    /// moves. The migration exists so that both databases list the same migrations.
    static let changes = "SELECT 1"
}
