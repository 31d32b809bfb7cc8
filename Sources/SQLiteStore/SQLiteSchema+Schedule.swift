extension SQLiteSchema {
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
}
