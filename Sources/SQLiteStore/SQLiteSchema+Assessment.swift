extension SQLiteSchema {
    /// Stored assessment runs: one row per run (its header), its point ledger and its
    /// results, each in the run's order (`position`). Deleting a run deletes its rows.
    /// Dictionaries and lists in a result are JSON text (objects with sorted keys).
    static let assessment = """
        CREATE TABLE assessment_runs (
          id TEXT PRIMARY KEY NOT NULL,
          office TEXT NOT NULL,
          period TEXT NOT NULL,
          as_of INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          input_digest TEXT NOT NULL,
          rule_version TEXT NOT NULL,
          rule_files TEXT NOT NULL,
          pending INTEGER NOT NULL CHECK (pending >= 0),
          ledger_lines INTEGER NOT NULL CHECK (ledger_lines >= 0),
          points REAL NOT NULL
        );
        CREATE INDEX assessment_runs_office ON assessment_runs(office, period, created_at);
        CREATE TABLE assessment_ledger (
          run TEXT NOT NULL REFERENCES assessment_runs(id) ON DELETE CASCADE,
          position INTEGER NOT NULL CHECK (position >= 0),
          unit TEXT NOT NULL,
          person TEXT,
          source TEXT NOT NULL,
          function TEXT NOT NULL,
          code TEXT NOT NULL,
          points REAL NOT NULL,
          reason TEXT NOT NULL,
          day INTEGER NOT NULL,
          PRIMARY KEY (run, position)
        ) WITHOUT ROWID;
        CREATE TABLE assessment_results (
          run TEXT NOT NULL REFERENCES assessment_runs(id) ON DELETE CASCADE,
          position INTEGER NOT NULL CHECK (position >= 0),
          subject TEXT NOT NULL CHECK (subject IN ('unit','person')),
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          grp TEXT NOT NULL,
          points REAL NOT NULL,
          rank INTEGER NOT NULL,
          group_size INTEGER NOT NULL,
          submitted INTEGER NOT NULL,
          adopted TEXT NOT NULL,
          instructions TEXT NOT NULL,
          compliance TEXT NOT NULL,
          grade TEXT,
          veto INTEGER NOT NULL CHECK (veto IN (0, 1)),
          reasons TEXT NOT NULL,
          reward TEXT,
          penalty TEXT,
          converted REAL,
          PRIMARY KEY (run, position),
          UNIQUE (run, subject, id)
        ) WITHOUT ROWID;
        """

    /// The scheduler's tables: job bookkeeping, one row per occurrence (unique per job,
    /// subject and time), the pause/resume/manual log, and the in-app inbox.
}
