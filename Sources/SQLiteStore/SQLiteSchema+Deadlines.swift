extension SQLiteSchema {
    /// Open deadlines are read by looking for a commissioned unit's answer (the dashboard
    /// asks on every visit): answers are found by commission and unit.
    static let deadlines = """
        CREATE INDEX answers_commission ON answers(commission, unit);
        """
}
