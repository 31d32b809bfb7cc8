extension SQLiteSchema {
    /// When adoptions, forwardings and instructions were first recorded (Unix seconds; NULL
    /// for rows stored before): a fact recorded after its period closed counts in the next.
    static let recorded = """
        ALTER TABLE adoptions ADD COLUMN recorded_at INTEGER;
        ALTER TABLE forwardings ADD COLUMN recorded_at INTEGER;
        ALTER TABLE instructions ADD COLUMN recorded_at INTEGER;
        """

    /// Stored assessment runs: one row per run (its header), its point ledger and its
    /// results, each in the run's order (`position`). Deleting a run deletes its rows.
    /// Dictionaries and lists in a result are JSON text (objects with sorted keys).
}
