// Migration 006-service of `PostgresSchema` (frozen once shipped).

extension PostgresSchema {
    /// Sign-in accounts, their sessions (token hashes only) and the audit log of changes made
    /// through the service.
    static let service: [String] = [
        """
        CREATE TABLE accounts (
          person text COLLATE "C" PRIMARY KEY REFERENCES people(id),
          role text NOT NULL CHECK (role IN ('admin','clerk','unit_leader','city_leader')),
          password_hash text NOT NULL CHECK (password_hash <> ''),
          disabled boolean NOT NULL DEFAULT false
        )
        """,
        """
        CREATE TABLE sessions (
          token_hash text COLLATE "C" PRIMARY KEY,
          person text COLLATE "C" NOT NULL REFERENCES accounts(person),
          kind text NOT NULL CHECK (kind IN ('console','api')),
          expires_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX sessions_person ON sessions(person)",
        """
        CREATE TABLE audit_log (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at timestamptz NOT NULL,
          actor text COLLATE "C",
          action text NOT NULL CHECK (action <> ''),
          entity text NOT NULL,
          entity_id text COLLATE "C" NOT NULL,
          office text COLLATE "C" NOT NULL,
          before text,
          after text
        )
        """,
        "CREATE INDEX audit_entity ON audit_log(entity, entity_id)",
        "CREATE INDEX audit_office ON audit_log(office, seq)",
    ]
}
