extension SQLiteSchema {
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
}
