// Migration 003-assessment of `PostgresSchema` (frozen once shipped).

extension PostgresSchema {
    /// Stored assessment runs: one row per run (its header), its point ledger and its
    /// results, each in the run's order (`position`). Deleting a run deletes its rows.
    /// Dictionaries and lists in a result are JSON text (objects with sorted keys).
    static let assessment: [String] = [
        """
        CREATE TABLE assessment_runs (
          id text COLLATE "C" PRIMARY KEY,
          office text COLLATE "C" NOT NULL,
          period text COLLATE "C" NOT NULL,
          as_of timestamptz NOT NULL,
          created_at timestamptz NOT NULL,
          input_digest text NOT NULL,
          rule_version text NOT NULL,
          rule_files text NOT NULL,
          pending integer NOT NULL CHECK (pending >= 0),
          ledger_lines integer NOT NULL CHECK (ledger_lines >= 0),
          points double precision NOT NULL
        )
        """,
        "CREATE INDEX assessment_runs_office ON assessment_runs(office, period, created_at)",
        """
        CREATE TABLE assessment_ledger (
          run text COLLATE "C" NOT NULL REFERENCES assessment_runs(id) ON DELETE CASCADE,
          position integer NOT NULL CHECK (position >= 0),
          unit text COLLATE "C" NOT NULL,
          person text COLLATE "C",
          source text NOT NULL,
          function text NOT NULL,
          code text NOT NULL,
          points double precision NOT NULL,
          reason text NOT NULL,
          day date NOT NULL,
          PRIMARY KEY (run, position)
        )
        """,
        """
        CREATE TABLE assessment_results (
          run text COLLATE "C" NOT NULL REFERENCES assessment_runs(id) ON DELETE CASCADE,
          position integer NOT NULL CHECK (position >= 0),
          subject text NOT NULL CHECK (subject IN ('unit','person')),
          id text COLLATE "C" NOT NULL,
          name text NOT NULL,
          grp text NOT NULL,
          points double precision NOT NULL,
          rank integer NOT NULL,
          group_size integer NOT NULL,
          submitted integer NOT NULL,
          adopted text NOT NULL,
          instructions text NOT NULL,
          compliance text NOT NULL,
          grade text,
          veto boolean NOT NULL,
          reasons text NOT NULL,
          reward text,
          penalty text,
          converted double precision,
          PRIMARY KEY (run, position),
          UNIQUE (run, subject, id)
        )
        """,
    ]
}
