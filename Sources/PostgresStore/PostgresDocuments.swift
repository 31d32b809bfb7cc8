package import Domain
import Foundation
import NIOCore
import PostgresNIO
import WorkingDays

/// Generated documents in PostgreSQL, with their runs (deleted with them).
extension PostgresStore: DocumentStore {
    package func save(_ d: StoredDocument) async throws -> Bool {
        try await transaction { conn in
            try await conn.integer("""
                WITH up AS (
                  INSERT INTO documents (id, run, kind, format, office, period, title, content, sha256, created_at, created_by)
                  VALUES (\(d.id), \(d.run), \(d.kind), \(d.format), \(d.office.rawValue), \(d.period), \(d.title),
                          \(ByteBuffer(bytes: d.content)), \(d.sha256), \(InstantParam(d.createdAt)), \(d.createdBy))
                  ON CONFLICT (id) DO UPDATE SET title = excluded.title, content = excluded.content, sha256 = excluded.sha256,
                    created_at = excluded.created_at, created_by = excluded.created_by
                  WHERE documents.sha256 <> excluded.sha256
                  RETURNING 1)
                SELECT count(*) FROM up
                """) == 1
        }
    }

    package func documents(run: String?, limit: Int) async throws -> [StoredDocument] {
        try await transaction("BEGIN READ ONLY") { conn in
            try await conn.documents("""
                SELECT run, kind, format, office, period, title, ''::bytea, sha256, created_at, created_by FROM documents
                WHERE \(run)::text IS NULL OR run = \(run)::text ORDER BY created_at DESC, id LIMIT \(limit)
                """)
        }
    }

    package func document(id: String) async throws -> StoredDocument? {
        try await transaction("BEGIN READ ONLY") { conn in
            try await conn.documents("""
                SELECT run, kind, format, office, period, title, content, sha256, created_at, created_by FROM documents WHERE id = \(id)
                """).first
        }
    }
}

extension PostgresConnection {
    fileprivate func documents(_ query: PostgresQuery) async throws -> [StoredDocument] {
        var out: [StoredDocument] = []
        for try await row in try await rows(query) {
            var c = Cells(row)
            let run = try c.text(), kind = try c.text(), format = try c.text()
            guard let office = OfficeID(try c.text()) else { throw DecodeFailure(message: "bad office id in documents") }
            out.append(StoredDocument(run: run, kind: kind, format: format, office: office, period: try c.text(), title: try c.text(),
                                      content: try c.data(), sha256: try c.text(), createdAt: try c.instant(), createdBy: try c.text()))
        }
        return out
    }
}
