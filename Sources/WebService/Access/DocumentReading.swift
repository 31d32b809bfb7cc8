import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// Generated documents (notices, results) of a person's offices (API and console).
struct DocumentReading: Sendable {
    let deps: WebDependencies

    func documents(run: String?, limit: Int, for user: SignedIn) async throws -> [StoredDocument] {
        try await deps.store.documents(run: run, limit: limit).filter { user.scope.offices.contains($0.office) }
    }

    func document(id: String, for user: SignedIn) async throws -> StoredDocument {
        guard let document = try await deps.store.document(id: id), user.scope.offices.contains(document.office) else { throw APIError.notFound("文档") }
        return document
    }

    static let contentTypes = [
        "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]

    /// The document as a download (its content type, a file name without slashes).
    static func download(_ document: StoredDocument) -> Response {
        let name = document.id.replacingOccurrences(of: "/", with: "-")
        return Response(status: .ok, headers: [
            .contentType: contentTypes[document.format] ?? "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(name)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: document.content)))
    }
}
