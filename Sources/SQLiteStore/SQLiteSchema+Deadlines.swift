extension SQLiteSchema {
    /// Open deadlines (the dashboard asks on every visit) are found by looking for each
    /// commissioned unit's answer: answers are found by commission and unit. The tables they are
    /// read from are only ever added to; `deadline_inputs.version` counts the insertions into
    /// them, so a reader keeps its last answer while the version stands.
    static let deadlines = """
        CREATE INDEX answers_commission ON answers(commission, unit);
        CREATE TABLE deadline_inputs (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          version INTEGER NOT NULL
        );
        INSERT INTO deadline_inputs (id, version) VALUES (1, 0);
        CREATE TRIGGER instructions_deadline_inputs AFTER INSERT ON instructions BEGIN UPDATE deadline_inputs SET version = version + 1; END;
        CREATE TRIGGER replies_deadline_inputs AFTER INSERT ON replies BEGIN UPDATE deadline_inputs SET version = version + 1; END;
        CREATE TRIGGER commissions_deadline_inputs AFTER INSERT ON commissions BEGIN UPDATE deadline_inputs SET version = version + 1; END;
        CREATE TRIGGER commission_units_deadline_inputs AFTER INSERT ON commission_units BEGIN UPDATE deadline_inputs SET version = version + 1; END;
        CREATE TRIGGER answers_deadline_inputs AFTER INSERT ON answers BEGIN UPDATE deadline_inputs SET version = version + 1; END;
        """
}
