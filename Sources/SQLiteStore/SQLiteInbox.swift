package import Domain
import GRDB
import WorkingDays

/// The in-app inbox in SQLite: one row per message key.
extension SQLiteStore: InboxStore {
    package func post(_ message: InboxMessage) async throws -> Bool {
        try await immediate { db in
            try db.execute(sql: """
                INSERT INTO inbox (key, office, audience, title, body, created_at, job) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """, arguments: [message.key, message.office.rawValue, message.audience, message.title, message.body,
                                 message.createdAt.seconds, message.job])
            return db.changesCount == 1
        }
    }

    package func messages(office: OfficeID?, limit: Int) async throws -> [InboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM inbox WHERE (? IS NULL OR office = ?) ORDER BY seq DESC LIMIT ?",
                             arguments: [office?.rawValue, office?.rawValue, limit]).compactMap { row in
                guard let office = OfficeID(row["office"]) else { return nil }
                return InboxMessage(key: row["key"], office: office, audience: row["audience"], title: row["title"], body: row["body"],
                                    createdAt: Instant(seconds: row["created_at"]), job: row["job"])
            }
        }
    }
}
