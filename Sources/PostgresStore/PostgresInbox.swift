package import Domain
import PostgresNIO
import WorkingDays

/// The in-app inbox in PostgreSQL: one row per message key.
extension PostgresStore: InboxStore {
    package func post(_ message: InboxMessage) async throws -> Bool {
        try await transaction { conn in
            try await conn.integer("""
                WITH ins AS (
                  INSERT INTO inbox (key, office, audience, title, body, created_at, job)
                  VALUES (\(message.key), \(message.office.rawValue), \(message.audience), \(message.title), \(message.body),
                          \(InstantParam(message.createdAt)), \(message.job)::text)
                  ON CONFLICT (key) DO NOTHING
                  RETURNING 1)
                SELECT count(*) FROM ins
                """) == 1
        }
    }

    package func messages(office: OfficeID?, limit: Int) async throws -> [InboxMessage] {
        try await transaction("BEGIN READ ONLY") { conn in
            var out: [InboxMessage] = []
            for try await row in try await conn.rows("""
                SELECT key, office, audience, title, body, created_at, job FROM inbox
                WHERE (\(office?.rawValue)::text IS NULL OR office = \(office?.rawValue)::text) ORDER BY seq DESC LIMIT \(limit)
                """) {
                var cells = Cells(row)
                let key = try cells.text()
                guard let office = OfficeID(try cells.text()) else { continue }
                out.append(InboxMessage(key: key, office: office, audience: try cells.text(), title: try cells.text(), body: try cells.text(),
                                        createdAt: try cells.instant(), job: try cells.optionalText()))
            }
            return out
        }
    }
}
