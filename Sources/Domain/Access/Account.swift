package import WorkingDays

/// A person's sign-in to the service: their login (the person's id), the one role they act
/// in, and the salted slow hash of their password.
package struct Account: Sendable, Equatable {
    package var person: PersonID
    package var role: Role
    /// Set when the account is disabled: it can no longer sign in, its sessions end.
    package var disabled: Bool

    package init(person: PersonID, role: Role, disabled: Bool = false) {
        self.person = person
        self.role = role
        self.disabled = disabled
    }
}

/// How a session was opened: by the console (a cookie) or for the API (a bearer token).
package enum SessionKind: String, Sendable, Codable {
    case console
    case api
}

/// Where accounts, sessions and the audit log are kept (the record's database).
///
/// Session tokens are stored only as their SHA-256 hashes: a copy of the database does not
/// let anyone sign in.
package protocol AccountStore: Sendable {
    /// Creates or replaces `account` with `passwordHash`; throws `StoreError.constraint` when
    /// the person does not exist.
    func saveAccount(_ account: Account, passwordHash: String) async throws
    /// The account and its password hash.
    func account(_ person: PersonID) async throws -> (account: Account, passwordHash: String)?
    func accounts() async throws -> [Account]
    /// Ends every session of `person` (after a password change or when disabling).
    func endSessions(of person: PersonID) async throws
    /// Opens a session until `expires` (and forgets sessions that expired before `now`).
    func openSession(tokenHash: String, person: PersonID, kind: SessionKind, expires: Instant, now: Instant) async throws
    /// The account a live session belongs to (nil when unknown, expired or disabled).
    func session(tokenHash: String, at now: Instant) async throws -> Account?
    func endSession(tokenHash: String) async throws
}
