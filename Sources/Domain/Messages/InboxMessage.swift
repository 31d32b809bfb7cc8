package import WorkingDays

/// A message in the in-app inbox (站内通知): what a schedule or reminder tells people.
package struct InboxMessage: Sendable, Equatable {
    /// Unique: posting the same key again changes nothing (a repeated run posts once).
    package var key: String
    package var office: OfficeID
    /// Who it is for: `office` (the office's admins), `units` (every unit's clerks),
    /// `unit:<id>` (one unit), `leaders` (unit leaders).
    package var audience: String
    package var title: String
    package var body: String
    package var createdAt: Instant
    /// The scheduled job that posted it, if any.
    package var job: String?

    package init(key: String, office: OfficeID, audience: String, title: String, body: String, createdAt: Instant, job: String? = nil) {
        self.key = key
        self.office = office
        self.audience = audience
        self.title = title
        self.body = body
        self.createdAt = createdAt
        self.job = job
    }
}

/// Where inbox messages are kept (the record's database).
package protocol InboxStore: Sendable {
    /// Stores `message` unless one with its key exists; true when it was new.
    func post(_ message: InboxMessage) async throws -> Bool
    /// The newest messages of `office` (all offices when nil), newest first.
    func messages(office: OfficeID?, limit: Int) async throws -> [InboxMessage]
}
