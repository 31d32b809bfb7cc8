package import Domain
import Foundation
import GRDB
import WorkingDays

/// Generated documents in SQLite, with their runs (deleted with them).
extension SQLiteStore: DocumentStore {
    package func save(_ d: StoredDocument) async throws -> Bool {
        try await immediate { db in
            try db.execute(sql: """
                INSERT INTO documents (id, run, kind, format, office, period, title, content, sha256, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, content = excluded.content, sha256 = excluded.sha256,
                  created_at = excluded.created_at, created_by = excluded.created_by
                WHERE documents.sha256 <> excluded.sha256
                """, arguments: [d.id, d.run, d.kind, d.format, d.office.rawValue, d.period, d.title, d.content, d.sha256,
                                 d.createdAt.seconds, d.createdBy])
            return db.changesCount == 1
        }
    }

    package func documents(run: String?, limit: Int) async throws -> [StoredDocument] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, run, kind, format, office, period, title, X'' AS content, sha256, created_at, created_by FROM documents
                WHERE (? IS NULL OR run = ?) ORDER BY created_at DESC, id LIMIT ?
                """, arguments: [run, run, limit]).compactMap(Self.document)
        }
    }

    package func document(id: String) async throws -> StoredDocument? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = ?", arguments: [id]).flatMap(Self.document)
        }
    }

    private static func document(_ row: Row) -> StoredDocument? {
        guard let office = OfficeID(row["office"]) else { return nil }
        return StoredDocument(run: row["run"], kind: row["kind"], format: row["format"], office: office, period: row["period"],
                              title: row["title"], content: row["content"], sha256: row["sha256"],
                              createdAt: Instant(seconds: row["created_at"]), createdBy: row["created_by"])
    }
}
