package import Domain
import GRDB
import Tagged
package import WorkingDays

/// Accounts and sessions in SQLite.
extension SQLiteStore: AccountStore {
    package func saveAccount(_ account: Account, passwordHash: String) async throws {
        do {
            try await immediate { db in
                try db.execute(sql: """
                    INSERT INTO accounts (person, role, password_hash, disabled) VALUES (?, ?, ?, ?)
                    ON CONFLICT (person) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, disabled = excluded.disabled
                    """, arguments: [account.person.rawValue, account.role.rawValue, passwordHash, account.disabled ? 1 : 0])
            }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.constraint("人员 '\(account.person.rawValue)' 不存在")
        }
    }

    package func account(_ person: PersonID) async throws -> (account: Account, passwordHash: String)? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE person = ?", arguments: [person.rawValue]).flatMap(Self.account)
        }
    }

    package func accounts() async throws -> [Account] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY person").compactMap(Self.account).map(\.account)
        }
    }

    package func endSessions(of person: PersonID) async throws {
        try await immediate { db in try db.execute(sql: "DELETE FROM sessions WHERE person = ?", arguments: [person.rawValue]) }
    }

    package func openSession(tokenHash: String, person: PersonID, kind: SessionKind, expires: Instant, now: Instant) async throws {
        try await immediate { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [now.seconds])
            try db.execute(sql: "INSERT INTO sessions (token_hash, person, kind, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [tokenHash, person.rawValue, kind.rawValue, expires.seconds])
        }
    }

    package func session(tokenHash: String, at now: Instant) async throws -> Account? {
        try await pool.read { db in
            // Every signed-in request asks: the statement is cached per connection.
            try Row.fetchOne(try db.cachedStatement(sql: """
                SELECT a.* FROM sessions s JOIN accounts a ON a.person = s.person
                WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0
                """), arguments: [tokenHash, now.seconds]).flatMap(Self.account).map(\.account)
        }
    }

    package func endSession(tokenHash: String) async throws {
        try await immediate { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    private static func account(_ row: Row) -> (account: Account, passwordHash: String)? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return (Account(person: PersonID(rawValue: row["person"]), role: role, disabled: (row["disabled"] as Int64) == 1), row["password_hash"])
    }
}
