/// The PostgreSQL schema, as frozen migrations: a shipped migration is never edited; changes
/// come as new ones. Names match `SQLiteSchema.migrations` one for one, and so do the
/// tables, columns, keys and checks, written in PostgreSQL's dialect:
///
/// - instants are `timestamptz` (whole seconds: stored and read back as integer
///   microseconds, so a round trip is exact), days are `date`;
/// - ids are `text COLLATE "C"`, so that `ORDER BY id` is byte order, as in SQLite;
/// - the row numbers SQLite calls `seq` (items, units, people, adoptions, forwardings,
///   instructions) are `bigint` identity columns, in insertion order: child tables refer to
///   them, and the year read orders by them;
/// - lists nothing refers to (a person's roles, an emergency's follow-ups, a meeting's
///   agenda) are text encoded exactly as in SQLite, so both stores round-trip the same values;
/// - "an adoption needs a submitted item" is a trigger that raises an error;
/// - the scheduler's tables (002) keep instants as `timestamptz` too, booleans as
///   `boolean`, and number their rows with `seq` identity columns where SQLite has an
///   INTEGER PRIMARY KEY;
/// - absences, commissions and emergencies, which SQLite reads in `rowid` order as events,
///   get a `pos` identity column (002) with the same role: existing rows are numbered when
///   the column is added, new ones in insertion order (the writer inserts `ORDER BY ord`);
/// - stored assessment runs (003) keep points as `double precision` (SQLite's REAL: both
///   hold the same IEEE doubles) and `veto` as `boolean`;
/// - generated documents (005) keep their bytes as `bytea`.
///
/// Each migration is a list of statements (PostgresNIO runs one statement per query).
package enum PostgresSchema {
    package static let migrations: [(name: String, statements: [String])] = [
        ("001-record", record), ("002-schedule", schedule), ("003-assessment", assessment), ("004-recorded", recorded),
        ("005-delivery", delivery), ("006-service", service), ("007-deadlines", deadlines),
        ("008-changes", changes),
    ]

    /// When adoptions, forwardings and instructions were first recorded (NULL for rows
    /// stored before): a fact recorded after its period closed counts in the next.
    static let recorded: [String] = [
        "ALTER TABLE adoptions ADD COLUMN recorded_at timestamptz",
        "ALTER TABLE forwardings ADD COLUMN recorded_at timestamptz",
        "ALTER TABLE instructions ADD COLUMN recorded_at timestamptz",
    ]

    /// The table of applied migrations (created by `migrate()` if missing).
    static let migrationsTable = """
        CREATE TABLE IF NOT EXISTS tally_migrations (
          name text PRIMARY KEY,
          applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// The key of the transaction-level advisory lock `migrate()` holds ("tally" in ASCII).
    static let migrationLock: Int64 = 0x7461_6C6C_79

    /// The advisory lock an import holds from start to end and the event reader tries to
    /// share ("event" in ASCII): see `PostgresImport` and `PostgresStore.events`.
    static let eventLock: Int64 = 0x65_7665_6E74

    /// The first key of the two-key advisory locks on schedule jobs ("job" in ASCII); the
    /// second is a hash of the job id. Two-key locks never collide with one-key ones.
    static let jobLockSpace: Int32 = 0x6A_6F62
}
