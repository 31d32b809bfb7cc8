/// The SQLite schema, as frozen migrations: a shipped migration is never edited; changes
/// come as new ones. Names match `PostgresSchema` one for one.
///
/// Instants are INTEGER seconds since 1970 (UTC), days INTEGER days since 1970-01-01. Every
/// table keeps a content `fingerprint` so that re-importing a record is recognised.
enum SQLiteSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("001-record", record), ("002-schedule", schedule), ("003-assessment", assessment), ("004-recorded", recorded),
        ("005-delivery", delivery), ("006-service", service),
    ]

    /// Sign-in accounts (one per person, with the role they act in), their sessions (tokens
    /// kept as SHA-256 hashes only) and the audit log of every change made through the service.
    static let service = """
        CREATE TABLE accounts (
          person TEXT PRIMARY KEY NOT NULL REFERENCES people(id),
          role TEXT NOT NULL CHECK (role IN ('admin','clerk','unit_leader','city_leader')),
          password_hash TEXT NOT NULL CHECK (password_hash <> ''),
          disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
        );
        CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY NOT NULL,
          person TEXT NOT NULL REFERENCES accounts(person),
          kind TEXT NOT NULL CHECK (kind IN ('console','api')),
          expires_at INTEGER NOT NULL
        );
        CREATE INDEX sessions_person ON sessions(person);
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          actor TEXT,
          action TEXT NOT NULL CHECK (action <> ''),
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          office TEXT NOT NULL,
          before TEXT,
          after TEXT
        );
        CREATE INDEX audit_entity ON audit_log(entity, entity_id);
        CREATE INDEX audit_office ON audit_log(office, seq);
        """

    /// The outbox of messages for outside channels (email, webhooks), with their delivery
    /// bookkeeping, and the documents generated from assessment runs.
    static let delivery = """
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY,
          key TEXT UNIQUE NOT NULL,
          office TEXT NOT NULL,
          channel TEXT NOT NULL CHECK (channel = 'email' OR channel LIKE 'webhook:_%'),
          recipient TEXT NOT NULL CHECK (recipient <> ''),
          recipient_name TEXT,
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          scheduled_at INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          event_subject TEXT,
          state TEXT NOT NULL CHECK (state IN ('pending','sending','delivered','cancelled','dead')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          retry_from INTEGER NOT NULL,
          lease_until INTEGER,
          fence INTEGER NOT NULL DEFAULT 0,
          node TEXT,
          last_error TEXT,
          finished_at INTEGER,
          outcome TEXT,
          CHECK ((state = 'sending') = (lease_until IS NOT NULL))
        );
        CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE state = 'pending';
        CREATE INDEX outbox_sending ON outbox(lease_until) WHERE state = 'sending';
        CREATE TABLE documents (
          id TEXT PRIMARY KEY NOT NULL,
          run TEXT NOT NULL REFERENCES assessment_runs(id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('quarterly-notice','year-end-results','meeting-pack')),
          format TEXT NOT NULL CHECK (format IN ('md','html','csv','docx')),
          office TEXT NOT NULL,
          period TEXT NOT NULL,
          title TEXT NOT NULL,
          content BLOB NOT NULL,
          sha256 TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          created_by TEXT NOT NULL
        );
        CREATE INDEX documents_run ON documents(run);
        """

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
    static let schedule = """
        CREATE TABLE schedule_jobs (
          id TEXT PRIMARY KEY NOT NULL,
          since INTEGER NOT NULL,
          fingerprint TEXT NOT NULL,
          planned_through INTEGER NOT NULL,
          event_cursor INTEGER NOT NULL DEFAULT 0,
          uncovered_year INTEGER,
          paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
          pause_note TEXT
        );
        CREATE TABLE occurrences (
          seq INTEGER PRIMARY KEY,
          job TEXT NOT NULL REFERENCES schedule_jobs(id),
          subject TEXT NOT NULL,
          scheduled_at INTEGER NOT NULL,
          origin TEXT NOT NULL CHECK (origin IN ('scheduled','manual')),
          state TEXT NOT NULL CHECK (state IN ('pending','running','succeeded','failed','missed','skipped','cancelled')),
          wake_at INTEGER NOT NULL,
          explanation TEXT NOT NULL,
          provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
          attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          fence INTEGER NOT NULL DEFAULT 0,
          node TEXT,
          lease_until INTEGER,
          started_at INTEGER,
          finished_at INTEGER,
          outcome TEXT,
          reason TEXT,
          payload TEXT,
          UNIQUE (job, subject, scheduled_at),
          CHECK (state <> 'running' OR (node IS NOT NULL AND lease_until IS NOT NULL))
        );
        CREATE INDEX occurrences_pending ON occurrences(wake_at) WHERE state = 'pending';
        CREATE INDEX occurrences_running ON occurrences(lease_until) WHERE state = 'running';
        CREATE INDEX occurrences_job_time ON occurrences(job, scheduled_at);
        CREATE INDEX occurrences_subject ON occurrences(subject) WHERE state = 'pending';
        CREATE TABLE schedule_log (
          seq INTEGER PRIMARY KEY,
          job TEXT NOT NULL REFERENCES schedule_jobs(id),
          at INTEGER NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('pause','resume','manual')),
          actor TEXT NOT NULL,
          note TEXT NOT NULL
        );
        CREATE INDEX schedule_log_job ON schedule_log(job, seq);
        CREATE TABLE inbox (
          seq INTEGER PRIMARY KEY,
          key TEXT UNIQUE NOT NULL,
          office TEXT NOT NULL,
          audience TEXT NOT NULL,
          title TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          job TEXT
        );
        CREATE INDEX inbox_office ON inbox(office, seq);
        """

    static let record = """
        CREATE TABLE offices (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL CHECK (name <> ''),
          parent TEXT REFERENCES offices(id),
          fingerprint INTEGER NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        );
        CREATE TABLE units (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          name TEXT NOT NULL CHECK (name <> ''),
          kind TEXT NOT NULL CHECK (kind IN ('office','county','committee','department','township','other')),
          grp TEXT NOT NULL CHECK (grp <> ''),
          parent TEXT REFERENCES units(id),
          office TEXT NOT NULL REFERENCES offices(id),
          fingerprint INTEGER NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        );
        CREATE TABLE people (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          name TEXT NOT NULL CHECK (name <> ''),
          unit TEXT NOT NULL REFERENCES units(id),
          roles TEXT NOT NULL CHECK (roles <> ''),
          phone TEXT,
          email TEXT,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX people_unit ON people(unit);
        CREATE TABLE publications (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('city','province','state')),
          kind TEXT NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          office TEXT REFERENCES offices(id),
          fingerprint INTEGER NOT NULL
        );
        CREATE TABLE commissions (
          id TEXT PRIMARY KEY NOT NULL,
          office TEXT NOT NULL REFERENCES offices(id),
          topic TEXT NOT NULL,
          assigned_at INTEGER NOT NULL,
          due_at INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL,
          CHECK (due_at > assigned_at)
        );
        CREATE TABLE commission_units (
          commission TEXT NOT NULL REFERENCES commissions(id),
          position INTEGER NOT NULL,
          unit TEXT NOT NULL REFERENCES units(id),
          PRIMARY KEY (commission, position),
          UNIQUE (commission, unit)
        );
        CREATE TABLE items (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          category TEXT NOT NULL CHECK (category IN ('policy','instruction','inspection','fieldwork','progress','meeting','emergency','economy','absence','award','other')),
          title TEXT NOT NULL CHECK (title <> ''),
          body TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','editing','adopted','reserved','rejected','merged')),
          created_at INTEGER NOT NULL,
          submitted_at INTEGER,
          submitted_day INTEGER,
          commission TEXT REFERENCES commissions(id),
          fingerprint INTEGER NOT NULL,
          CHECK (submitted_at IS NULL OR submitted_at >= created_at),
          CHECK (status = 'draft' OR submitted_at IS NOT NULL)
        );
        CREATE INDEX items_submitted ON items(submitted_day);
        CREATE TABLE item_units (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          unit INTEGER NOT NULL REFERENCES units(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, unit)
        ) WITHOUT ROWID;
        CREATE INDEX item_units_unit ON item_units(unit);
        CREATE TABLE item_authors (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          person INTEGER NOT NULL REFERENCES people(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, person)
        ) WITHOUT ROWID;
        CREATE TABLE item_sources (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          source INTEGER NOT NULL REFERENCES items(seq),
          PRIMARY KEY (item, position),
          CHECK (source <> item)
        ) WITHOUT ROWID;
        CREATE TABLE item_history (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          from_status TEXT,
          to_status TEXT NOT NULL,
          by_person TEXT REFERENCES people(id),
          at INTEGER NOT NULL,
          note TEXT,
          PRIMARY KEY (item, position)
        ) WITHOUT ROWID;
        CREATE TABLE adoptions (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          item INTEGER NOT NULL REFERENCES items(seq),
          level TEXT NOT NULL CHECK (level IN ('city','province','state')),
          publication TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          issue TEXT,
          day INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX adoptions_item ON adoptions(item);
        CREATE TRIGGER adoption_needs_submitted_item BEFORE INSERT ON adoptions
        WHEN (SELECT status FROM items WHERE seq = NEW.item) = 'draft'
        BEGIN SELECT RAISE(ABORT, 'an adoption needs a submitted item'); END;
        CREATE TABLE forwardings (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          item INTEGER NOT NULL REFERENCES items(seq),
          to_level TEXT NOT NULL CHECK (to_level IN ('province','state')),
          day INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX forwardings_item ON forwardings(item);
        CREATE TABLE instructions (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          item INTEGER REFERENCES items(seq),
          leader TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('city','province','state')),
          principal INTEGER NOT NULL CHECK (principal IN (0, 1)),
          text TEXT NOT NULL,
          at INTEGER NOT NULL,
          handler TEXT NOT NULL REFERENCES units(id),
          due_at INTEGER,
          urgency TEXT NOT NULL CHECK (urgency IN ('urgent','ordinary')),
          fingerprint INTEGER NOT NULL,
          CHECK (due_at IS NULL OR due_at > at)
        );
        CREATE INDEX instructions_item ON instructions(item);
        CREATE TABLE replies (
          id TEXT PRIMARY KEY NOT NULL,
          instruction TEXT NOT NULL REFERENCES instructions(id),
          unit TEXT NOT NULL REFERENCES units(id),
          text TEXT NOT NULL,
          at INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX replies_instruction ON replies(instruction);
        CREATE TABLE answers (
          id TEXT PRIMARY KEY NOT NULL,
          commission TEXT NOT NULL REFERENCES commissions(id),
          unit TEXT NOT NULL REFERENCES units(id),
          item TEXT REFERENCES items(id),
          at INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE TABLE emergencies (
          id TEXT PRIMARY KEY NOT NULL,
          unit TEXT NOT NULL REFERENCES units(id),
          title TEXT NOT NULL,
          severity TEXT NOT NULL CHECK (severity IN ('general','major','serious','especially_serious')),
          occurred_at INTEGER NOT NULL,
          learned_at INTEGER,
          phone_at INTEGER,
          written_at INTEGER,
          finding TEXT CHECK (finding IS NULL OR finding IN ('omitted','concealed','false')),
          followups TEXT NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE TABLE absences (
          id TEXT PRIMARY KEY NOT NULL,
          unit TEXT NOT NULL REFERENCES units(id),
          leader TEXT NOT NULL,
          destination TEXT NOT NULL,
          reason TEXT NOT NULL,
          depart_at INTEGER NOT NULL,
          return_at INTEGER NOT NULL,
          acting_leader TEXT NOT NULL,
          acting_phone TEXT,
          filed_at INTEGER,
          fingerprint INTEGER NOT NULL,
          CHECK (return_at > depart_at)
        );
        CREATE TABLE quotas (
          id TEXT PRIMARY KEY NOT NULL,
          unit TEXT REFERENCES units(id),
          person TEXT REFERENCES people(id),
          period TEXT NOT NULL,
          required INTEGER NOT NULL CHECK (required >= 0),
          fingerprint INTEGER NOT NULL,
          CHECK ((unit IS NULL) <> (person IS NULL))
        );
        CREATE TABLE meetings (
          id TEXT PRIMARY KEY NOT NULL,
          office TEXT NOT NULL REFERENCES offices(id),
          title TEXT NOT NULL,
          starts_at INTEGER NOT NULL,
          place TEXT NOT NULL,
          agenda TEXT NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        """
}
