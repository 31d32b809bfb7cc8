extension SQLiteSchema {
    /// PostgreSQL's migration 008 counts the statements that change the record (a sequence
    /// bumped by triggers). SQLite needs no schema for it: `SQLiteChanges` counts this
    /// process's commits and asks `PRAGMA data_version` about other connections'. The
    /// migration exists so that both databases list the same migrations.
    static let changes = "SELECT 1"
}
