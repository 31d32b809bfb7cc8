extension PostgresSchema {
    /// Open deadlines (the dashboard asks on every visit) are found by looking for each
    /// commissioned unit's answer: answers are found by commission and unit. The tables they are
    /// read from are only ever added to; `deadline_inputs.version` counts the statements that
    /// insert into them (a statement-level trigger: the row is locked until the inserting
    /// transaction ends, so the versions of committed states only grow), and a reader keeps its
    /// last answer while the version stands.
    static let deadlines: [String] = [
        "CREATE INDEX answers_commission ON answers(commission, unit)",
        """
        CREATE TABLE deadline_inputs (
          id integer PRIMARY KEY CHECK (id = 1),
          version bigint NOT NULL
        )
        """,
        "INSERT INTO deadline_inputs (id, version) VALUES (1, 0)",
        """
        CREATE FUNCTION deadline_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE deadline_inputs SET version = version + 1;
          RETURN NULL;
        END
        $$
        """,
    ] + ["instructions", "replies", "commissions", "commission_units", "answers"].map { table in
        "CREATE TRIGGER \(table)_deadline_inputs AFTER INSERT ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION deadline_inputs_changed()"
    }
}
