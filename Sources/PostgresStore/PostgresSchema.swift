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
///   hold the same IEEE doubles) and `veto` as `boolean`.
///
/// Each migration is a list of statements (PostgresNIO runs one statement per query).
package enum PostgresSchema {
    package static let migrations: [(name: String, statements: [String])] = [
        ("001-record", record), ("002-schedule", schedule), ("003-assessment", assessment), ("004-recorded", recorded),
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

    /// The scheduler's tables: job bookkeeping, one row per occurrence (unique per job,
    /// subject and time), the pause/resume/manual log and the in-app inbox; and the row
    /// order the event reader pages absences, commissions and emergencies by.
    static let schedule: [String] = [
        """
        CREATE TABLE schedule_jobs (
          id text COLLATE "C" PRIMARY KEY,
          since timestamptz NOT NULL,
          fingerprint text NOT NULL,
          planned_through timestamptz NOT NULL,
          event_cursor bigint NOT NULL DEFAULT 0,
          uncovered_year integer,
          paused boolean NOT NULL DEFAULT false,
          pause_note text
        )
        """,
        """
        CREATE TABLE occurrences (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          job text COLLATE "C" NOT NULL REFERENCES schedule_jobs(id),
          subject text COLLATE "C" NOT NULL,
          scheduled_at timestamptz NOT NULL,
          origin text NOT NULL CHECK (origin IN ('scheduled','manual')),
          state text NOT NULL CHECK (state IN ('pending','running','succeeded','failed','missed','skipped','cancelled')),
          wake_at timestamptz NOT NULL,
          explanation text NOT NULL,
          provisional boolean NOT NULL DEFAULT false,
          attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          fence bigint NOT NULL DEFAULT 0,
          node text,
          lease_until timestamptz,
          started_at timestamptz,
          finished_at timestamptz,
          outcome text,
          reason text,
          payload text,
          UNIQUE (job, subject, scheduled_at),
          CHECK (state <> 'running' OR (node IS NOT NULL AND lease_until IS NOT NULL))
        )
        """,
        "CREATE INDEX occurrences_pending ON occurrences(wake_at) WHERE state = 'pending'",
        "CREATE INDEX occurrences_running ON occurrences(lease_until) WHERE state = 'running'",
        "CREATE INDEX occurrences_job_time ON occurrences(job, scheduled_at)",
        "CREATE INDEX occurrences_subject ON occurrences(subject) WHERE state = 'pending'",
        """
        CREATE TABLE schedule_log (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          job text COLLATE "C" NOT NULL REFERENCES schedule_jobs(id),
          at timestamptz NOT NULL,
          action text NOT NULL CHECK (action IN ('pause','resume','manual')),
          actor text NOT NULL,
          note text NOT NULL
        )
        """,
        "CREATE INDEX schedule_log_job ON schedule_log(job, seq)",
        """
        CREATE TABLE inbox (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          key text COLLATE "C" UNIQUE NOT NULL,
          office text COLLATE "C" NOT NULL,
          audience text NOT NULL,
          title text NOT NULL,
          body text NOT NULL,
          created_at timestamptz NOT NULL,
          job text COLLATE "C"
        )
        """,
        "CREATE INDEX inbox_office ON inbox(office, seq)",
        "ALTER TABLE absences ADD COLUMN pos bigint GENERATED ALWAYS AS IDENTITY",
        "CREATE UNIQUE INDEX absences_pos ON absences(pos)",
        "ALTER TABLE commissions ADD COLUMN pos bigint GENERATED ALWAYS AS IDENTITY",
        "CREATE UNIQUE INDEX commissions_pos ON commissions(pos)",
        "ALTER TABLE emergencies ADD COLUMN pos bigint GENERATED ALWAYS AS IDENTITY",
        "CREATE UNIQUE INDEX emergencies_pos ON emergencies(pos)",
    ]

    static let record: [String] = [
        """
        CREATE TABLE offices (
          id text COLLATE "C" PRIMARY KEY,
          name text NOT NULL CHECK (name <> ''),
          parent text COLLATE "C" REFERENCES offices(id),
          fingerprint bigint NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        )
        """,
        """
        CREATE TABLE units (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          name text NOT NULL CHECK (name <> ''),
          kind text NOT NULL CHECK (kind IN ('office','county','committee','department','township','other')),
          grp text NOT NULL CHECK (grp <> ''),
          parent text COLLATE "C" REFERENCES units(id),
          office text COLLATE "C" NOT NULL REFERENCES offices(id),
          fingerprint bigint NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        )
        """,
        """
        CREATE TABLE people (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          name text NOT NULL CHECK (name <> ''),
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          roles text NOT NULL CHECK (roles <> ''),
          phone text,
          email text,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX people_unit ON people(unit)",
        """
        CREATE TABLE publications (
          id text COLLATE "C" PRIMARY KEY,
          name text NOT NULL,
          level text NOT NULL CHECK (level IN ('city','province','state')),
          kind text NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          office text COLLATE "C" REFERENCES offices(id),
          fingerprint bigint NOT NULL
        )
        """,
        """
        CREATE TABLE commissions (
          id text COLLATE "C" PRIMARY KEY,
          office text COLLATE "C" NOT NULL REFERENCES offices(id),
          topic text NOT NULL,
          assigned_at timestamptz NOT NULL,
          due_at timestamptz NOT NULL,
          fingerprint bigint NOT NULL,
          CHECK (due_at > assigned_at)
        )
        """,
        """
        CREATE TABLE commission_units (
          commission text COLLATE "C" NOT NULL REFERENCES commissions(id),
          position integer NOT NULL,
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          PRIMARY KEY (commission, position),
          UNIQUE (commission, unit)
        )
        """,
        """
        CREATE TABLE items (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          category text NOT NULL CHECK (category IN ('policy','instruction','inspection','fieldwork','progress','meeting','emergency','economy','absence','award','other')),
          title text NOT NULL CHECK (title <> ''),
          body text NOT NULL,
          status text NOT NULL CHECK (status IN ('draft','submitted','returned','editing','adopted','reserved','rejected','merged')),
          created_at timestamptz NOT NULL,
          submitted_at timestamptz,
          submitted_day date,
          commission text COLLATE "C" REFERENCES commissions(id),
          fingerprint bigint NOT NULL,
          CHECK (submitted_at IS NULL OR submitted_at >= created_at),
          CHECK (status = 'draft' OR submitted_at IS NOT NULL)
        )
        """,
        "CREATE INDEX items_submitted ON items(submitted_day)",
        """
        CREATE TABLE item_units (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          unit bigint NOT NULL REFERENCES units(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, unit)
        )
        """,
        "CREATE INDEX item_units_unit ON item_units(unit)",
        """
        CREATE TABLE item_authors (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          person bigint NOT NULL REFERENCES people(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, person)
        )
        """,
        """
        CREATE TABLE item_sources (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          source bigint NOT NULL REFERENCES items(seq),
          PRIMARY KEY (item, position),
          CHECK (source <> item)
        )
        """,
        """
        CREATE TABLE item_history (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          from_status text,
          to_status text NOT NULL,
          by_person text COLLATE "C" REFERENCES people(id),
          at timestamptz NOT NULL,
          note text,
          PRIMARY KEY (item, position)
        )
        """,
        """
        CREATE TABLE adoptions (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          item bigint NOT NULL REFERENCES items(seq),
          level text NOT NULL CHECK (level IN ('city','province','state')),
          publication text NOT NULL,
          kind text NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          issue text,
          day date NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX adoptions_item ON adoptions(item)",
        """
        CREATE FUNCTION adoption_needs_submitted_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (SELECT status FROM items WHERE seq = NEW.item) = 'draft' THEN
            RAISE EXCEPTION 'an adoption needs a submitted item'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'adoption_needs_submitted_item';
          END IF;
          RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER adoption_needs_submitted_item BEFORE INSERT ON adoptions
        FOR EACH ROW EXECUTE FUNCTION adoption_needs_submitted_item()
        """,
        """
        CREATE TABLE forwardings (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          item bigint NOT NULL REFERENCES items(seq),
          to_level text NOT NULL CHECK (to_level IN ('province','state')),
          day date NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX forwardings_item ON forwardings(item)",
        """
        CREATE TABLE instructions (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          item bigint REFERENCES items(seq),
          leader text NOT NULL,
          level text NOT NULL CHECK (level IN ('city','province','state')),
          principal boolean NOT NULL,
          text text NOT NULL,
          at timestamptz NOT NULL,
          handler text COLLATE "C" NOT NULL REFERENCES units(id),
          due_at timestamptz,
          urgency text NOT NULL CHECK (urgency IN ('urgent','ordinary')),
          fingerprint bigint NOT NULL,
          CHECK (due_at IS NULL OR due_at > at)
        )
        """,
        "CREATE INDEX instructions_item ON instructions(item)",
        """
        CREATE TABLE replies (
          id text COLLATE "C" PRIMARY KEY,
          instruction text COLLATE "C" NOT NULL REFERENCES instructions(id),
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          text text NOT NULL,
          at timestamptz NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX replies_instruction ON replies(instruction)",
        """
        CREATE TABLE answers (
          id text COLLATE "C" PRIMARY KEY,
          commission text COLLATE "C" NOT NULL REFERENCES commissions(id),
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          item text COLLATE "C" REFERENCES items(id),
          at timestamptz NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        """
        CREATE TABLE emergencies (
          id text COLLATE "C" PRIMARY KEY,
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          title text NOT NULL,
          severity text NOT NULL CHECK (severity IN ('general','major','serious','especially_serious')),
          occurred_at timestamptz NOT NULL,
          learned_at timestamptz,
          phone_at timestamptz,
          written_at timestamptz,
          finding text CHECK (finding IS NULL OR finding IN ('omitted','concealed','false')),
          followups text NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        """
        CREATE TABLE absences (
          id text COLLATE "C" PRIMARY KEY,
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          leader text NOT NULL,
          destination text NOT NULL,
          reason text NOT NULL,
          depart_at timestamptz NOT NULL,
          return_at timestamptz NOT NULL,
          acting_leader text NOT NULL,
          acting_phone text,
          filed_at timestamptz,
          fingerprint bigint NOT NULL,
          CHECK (return_at > depart_at)
        )
        """,
        """
        CREATE TABLE quotas (
          id text COLLATE "C" PRIMARY KEY,
          unit text COLLATE "C" REFERENCES units(id),
          person text COLLATE "C" REFERENCES people(id),
          period text NOT NULL,
          required bigint NOT NULL CHECK (required >= 0),
          fingerprint bigint NOT NULL,
          CHECK ((unit IS NULL) <> (person IS NULL))
        )
        """,
        """
        CREATE TABLE meetings (
          id text COLLATE "C" PRIMARY KEY,
          office text COLLATE "C" NOT NULL REFERENCES offices(id),
          title text NOT NULL,
          starts_at timestamptz NOT NULL,
          place text NOT NULL,
          agenda text NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
    ]
}
