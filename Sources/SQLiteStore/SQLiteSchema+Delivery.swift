extension SQLiteSchema {
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
}
