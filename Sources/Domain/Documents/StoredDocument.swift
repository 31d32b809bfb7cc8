package import Foundation
package import WorkingDays

/// A generated document (a quarterly notice, year-end results, a meeting pack) kept with the
/// assessment run it came from, byte for byte as it was handed out.
package struct StoredDocument: Sendable, Equatable {
    /// `<run>/<kind>.<format>`: one document per run, kind and format; generating it again
    /// from the same run replaces it only when its bytes changed (a template was edited).
    package var id: String
    package var run: String
    /// `quarterly-notice`, `year-end-results` or `meeting-pack`.
    package var kind: String
    /// `md`, `html`, `csv` or `docx`.
    package var format: String
    package var office: OfficeID
    /// The run's period (`2026Q2`).
    package var period: String
    package var title: String
    package var content: Data
    /// Lowercase hex SHA-256 of `content`.
    package var sha256: String
    package var createdAt: Instant
    /// `cli`, or the scheduled job that made it.
    package var createdBy: String

    package init(run: String, kind: String, format: String, office: OfficeID, period: String, title: String, content: Data,
                 sha256: String, createdAt: Instant, createdBy: String) {
        id = "\(run)/\(kind).\(format)"
        self.run = run
        self.kind = kind
        self.format = format
        self.office = office
        self.period = period
        self.title = title
        self.content = content
        self.sha256 = sha256
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// Where generated documents are kept (the record's database, with their runs).
package protocol DocumentStore: Sendable {
    /// Stores `document`, replacing one with the same id; true when something changed
    /// (new, or different bytes).
    @discardableResult
    func save(_ document: StoredDocument) async throws -> Bool
    /// The documents of `run` (all runs when nil) without their content, newest first.
    func documents(run: String?, limit: Int) async throws -> [StoredDocument]
    func document(id: String) async throws -> StoredDocument?
}
