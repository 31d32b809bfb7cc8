extension PostgresSchema {
    /// Every statement that changes a table of the record takes a number from the sequence
    /// `record_changes` (statement-level triggers: once per statement, however many rows), so
    /// its last value tells a reader whether the record may have changed since it last looked.
    /// A sequence, not a counter row: it never blocks writers on one row lock. The number is
    /// taken before the writing transaction commits, so a reader that sees it must still allow
    /// for the transaction's rows becoming visible a moment later (see `LiveComputations`).
    static let changes: [String] = [
        "CREATE SEQUENCE record_changes",
        """
        CREATE FUNCTION record_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM nextval('record_changes');
          RETURN NULL;
        END
        $$
        """,
    ] + recordTables.map { table in
        "CREATE TRIGGER \(table)_record_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION record_changed()"
    }

    /// The tables of migration 001, as they stood when migration 008 was written.
    private static let recordTables = [
        "offices", "units", "people", "publications", "commissions", "commission_units", "items", "item_units", "item_authors",
        "item_sources", "item_history", "adoptions", "forwardings", "instructions", "replies", "answers", "emergencies",
        "absences", "quotas", "meetings",
    ]
}
