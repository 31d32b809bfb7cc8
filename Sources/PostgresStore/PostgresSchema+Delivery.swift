// Migration 005-delivery of `PostgresSchema` (frozen once shipped).

extension PostgresSchema {
    /// The outbox of messages for outside channels, with their delivery bookkeeping, and the
    /// documents generated from assessment runs.
    static let delivery: [String] = [
        """
        CREATE TABLE outbox (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          key text COLLATE "C" UNIQUE NOT NULL,
          office text COLLATE "C" NOT NULL,
          channel text NOT NULL CHECK (channel = 'email' OR channel LIKE 'webhook:_%'),
          recipient text NOT NULL CHECK (recipient <> ''),
          recipient_name text,
          subject text NOT NULL,
          body text NOT NULL,
          scheduled_at timestamptz NOT NULL,
          created_at timestamptz NOT NULL,
          event_subject text,
          state text NOT NULL CHECK (state IN ('pending','sending','delivered','cancelled','dead')),
          attempts integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL,
          retry_from timestamptz NOT NULL,
          lease_until timestamptz,
          fence bigint NOT NULL DEFAULT 0,
          node text,
          last_error text,
          finished_at timestamptz,
          outcome text,
          CHECK ((state = 'sending') = (lease_until IS NOT NULL))
        )
        """,
        "CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE state = 'pending'",
        "CREATE INDEX outbox_sending ON outbox(lease_until) WHERE state = 'sending'",
        """
        CREATE TABLE documents (
          id text COLLATE "C" PRIMARY KEY,
          run text COLLATE "C" NOT NULL REFERENCES assessment_runs(id) ON DELETE CASCADE,
          kind text NOT NULL CHECK (kind IN ('quarterly-notice','year-end-results','meeting-pack')),
          format text NOT NULL CHECK (format IN ('md','html','csv','docx')),
          office text COLLATE "C" NOT NULL,
          period text NOT NULL,
          title text NOT NULL,
          content bytea NOT NULL,
          sha256 text NOT NULL,
          created_at timestamptz NOT NULL,
          created_by text NOT NULL
        )
        """,
        "CREATE INDEX documents_run ON documents(run)",
    ]
}
