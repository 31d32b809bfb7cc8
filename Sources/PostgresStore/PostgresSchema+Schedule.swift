// Migration 002-schedule of `PostgresSchema` (frozen once shipped).

extension PostgresSchema {
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
}
